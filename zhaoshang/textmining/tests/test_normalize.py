"""Normaliser: encodings, HTML, pinyin annotations, traditional → simplified, width folding."""

from __future__ import annotations

import codecs

from zhaoshang.textmining.normalize import (
    ERR_BINARY,
    ERR_EMPTY,
    ERR_ENCODING,
    decode_bytes,
    fold_width,
    normalize,
    remove_pinyin_annotations,
    strip_html,
    to_simplified,
)

# the first sentence of the seed editorial (连云港发布, 2022), as republished with pinyin
EDITORIAL_1 = "招商引資是經(jīng)濟(jì)高質(zhì)量發(fā)展的重要抓手,是實(shí)現(xiàn)新時(shí)代“后發(fā)先至”的強(qiáng)勁動(dòng)力。"
EDITORIAL_2 = "各地各部門(mén)要緊扣全市重點(diǎn)產(chǎn)業(yè)鏈,大力招引石化、生物醫(yī)藥、新材料等領(lǐng)域優(yōu)質(zhì)企業(yè)。"


def test_editorial_first_sentence_becomes_plain_simplified_chinese() -> None:
    # given the editorial's first sentence with pinyin after each converted character
    # when it is normalised
    text = normalize(EDITORIAL_1)
    # then it is simplified Chinese without any pinyin
    assert text == "招商引资是经济高质量发展的重要抓手,是实现新时代“后发先至”的强劲动力。"


def test_editorial_chain_sentence_keeps_the_chain_names() -> None:
    assert (
        normalize(EDITORIAL_2)
        == "各地各部门要紧扣全市重点产业链,大力招引石化、生物医药、新材料等领域优质企业。"
    )


def test_pinyin_removal_handles_fullwidth_brackets_and_tone_numbers() -> None:
    assert remove_pinyin_annotations("經（jīng）濟（jì）") == "經濟"
    assert remove_pinyin_annotations("項(xiang4)目") == "項目"


def test_real_parenthesised_text_is_kept() -> None:
    # given brackets that are not pinyin: a country, a year, an acronym, a letter label
    text = "巴斯夫（中国）有限公司(2023)建设(PX)装置，方案(a)和(Ltd)"
    # when pinyin annotations are removed
    # then nothing changes
    assert remove_pinyin_annotations(text) == text


def test_simplified_text_is_not_rewritten_by_opencc() -> None:
    # 昇 is a simplified character too; t2s would turn the firm 华昇 into 华升
    assert to_simplified("江苏华昇新材料科技有限公司签约") == "江苏华昇新材料科技有限公司签约"


def test_traditional_text_is_converted() -> None:
    assert (
        to_simplified("連雲港經濟技術開發區與江蘇恆瑞醫藥股份有限公司簽約")
        == "连云港经济技术开发区与江苏恒瑞医药股份有限公司签约"
    )


def test_fullwidth_digits_and_number_punctuation_are_folded() -> None:
    assert (
        fold_width("总投资３，０００万元，增长１２．５％，ＰＴＡ项目")
        == "总投资3,000万元，增长12.5%，PTA项目"
    )


def test_spaces_between_chinese_characters_are_removed() -> None:
    assert fold_width("总 投 资  50亿元\r\n\r\n签约") == "总投资 50亿元\n签约"


def test_utf8_with_bom() -> None:
    decoded = decode_bytes(codecs.BOM_UTF8 + "徐圩新区签约".encode())
    assert (decoded.text, decoded.encoding, decoded.error) == ("徐圩新区签约", "utf-8-bom", None)


def test_gbk_bytes() -> None:
    decoded = decode_bytes("连云港经济技术开发区举行重大项目集中签约仪式，总投资五十亿元。".encode("gbk"))
    assert decoded.encoding == "gb18030"
    assert decoded.text == "连云港经济技术开发区举行重大项目集中签约仪式，总投资五十亿元。"


def test_big5_bytes_are_not_mistaken_for_gbk() -> None:
    # Big5 bytes decode without error as GBK, into rare characters; frequency tells them apart
    text = "連雲港經濟技術開發區舉行重大項目集中簽約儀式，總投資五十億元。"
    decoded = decode_bytes(text.encode("big5"))
    assert (decoded.encoding, decoded.text) == ("big5", text)


def test_utf16_with_bom() -> None:
    decoded = decode_bytes("灌云县".encode("utf-16"))
    assert decoded.text == "灌云县"


def test_empty_bytes_give_a_chinese_error() -> None:
    assert decode_bytes(b"").error == ERR_EMPTY


def test_binary_junk_gives_a_chinese_error() -> None:
    junk = bytes(range(256)) * 40  # NUL bytes, control characters: an image or an archive
    decoded = decode_bytes(junk)
    assert (decoded.text, decoded.error) == ("", ERR_BINARY)


def test_undetectable_encoding_gives_a_chinese_error() -> None:
    # high bytes that are valid in no Chinese encoding and no NUL: not text we can read
    data = bytes([0xFF, 0xFE - 1, 0x81, 0x30]) * 300 + bytes([0xFF]) * 50
    decoded = decode_bytes(data)
    assert decoded.error in (ERR_ENCODING, ERR_BINARY)
    assert decoded.text == ""


def test_html_boilerplate_is_dropped() -> None:
    # given a government page: navigation, breadcrumbs, article, share bar and footer
    html = """<html><head><title>T</title><script>var a="总投资999亿元";</script><style>p{}</style></head>
    <body><nav>首页 | 徐圩新区 | 投资指南</nav><div class="breadcrumb">当前位置：首页</div>
    <div class="article"><h1>灌南县项目开工</h1><div class="content"><p>某项目<b>总投资</b>12亿元。</p><p>第二段。</p></div></div>
    <div class="share">分享到：微信</div><footer>地址：连云港市海州区朝阳东路6号</footer></body></html>"""
    # when it is stripped
    text = strip_html(html)
    # then only the headline and the article remain, one block per line
    assert [line for line in text.split("\n") if line.strip()] == [
        "灌南县项目开工",
        "某项目总投资12亿元。",
        "第二段。",
    ]


def test_normalize_detects_html_by_itself() -> None:
    assert normalize("<p>項(xiàng)目總(zǒng)投資(zī)３億元</p>") == "项目总投资3亿元"
