"""Normalisation of raw documents: bytes → clean simplified Chinese text.

Every evidence span the extractor reports indexes into the string returned by
:func:`normalize`, so all text clean-up happens here, once, before extraction.
"""

from __future__ import annotations

import codecs
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Messages shown to officers: Chinese, one sentence, saying what to do.
ERR_EMPTY = "文件为空，没有可识别的文字。"
ERR_BINARY = "文件不是文本（疑似二进制内容，如图片、压缩包或 Office 文件），请另存为 TXT 或 HTML 后再上传。"
ERR_ENCODING = "无法识别文件的文字编码（支持 UTF-8、GB18030/GBK、Big5），请另存为 UTF-8 后再上传。"

# texts longer than this are cut (with a warning): a news item or an announcement is a few
# thousand characters; 300,000 is a book, and a 10 MB paste is almost certainly a mistake
MAX_CHARS = 300_000
MAX_HTML_CHARS = 20_000_000


@dataclass(frozen=True, slots=True)
class DecodedText:
    """Result of decoding: the text, the encoding found, or a Chinese error message."""

    text: str
    encoding: str | None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


# --- encoding detection -------------------------------------------------------------------

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@lru_cache(maxsize=1)
def _gb2312() -> frozenset[str]:
    """The GB2312 hanzi: the simplified standard set (it includes 昇, 乾, 著 …)."""
    chars: set[str] = set()
    for lead in range(0xB0, 0xF8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return frozenset(chars)


@lru_cache(maxsize=1)
def _common_hanzi() -> frozenset[str]:
    """Frequent characters of both scripts: GB2312 level 1-2 and Big5 level 1.

    Big5 bytes usually decode *without error* as GBK (the byte ranges overlap), and give
    rare characters; scoring how many decoded characters are common tells them apart.
    """
    chars: set[str] = set(_gb2312())
    for lead in range(0xA4, 0xC7):  # Big5 level-1 (frequent) hanzi
        for trail in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
            try:
                chars.add(bytes((lead, trail)).decode("cp950"))
            except UnicodeDecodeError:
                pass
    return frozenset(chars)


def _hanzi_score(text: str) -> float:
    """Share of CJK characters that are common ones (1.0 for text without CJK)."""
    common = _common_hanzi()
    cjk = [c for c in text if "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"]
    if not cjk:
        return 1.0
    return sum(c in common for c in cjk) / len(cjk)


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(sample) > 0.02


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_bytes(data: bytes) -> DecodedText:
    """Decode raw bytes; never raises.

    Order: BOM → strict UTF-8 → binary check → GB18030 vs Big5 by character frequency →
    charset-normalizer as a last resort. Traditional text stored as GBK stays GBK: the
    frequency table contains both scripts.
    """
    if not data:
        return DecodedText("", None, ERR_EMPTY)
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return DecodedText(
                data[len(bom) :].decode(enc, errors="replace"), enc + "-bom" if enc == "utf-8" else enc
            )
    text = _try(data, "utf-8")
    if text is not None:
        if "\x00" in text[:65536]:
            return DecodedText("", None, ERR_BINARY)
        return DecodedText(text, "utf-8")
    if _looks_binary(data):
        return DecodedText("", None, ERR_BINARY)
    candidates: list[tuple[float, int, str, str]] = []
    for rank, enc in enumerate(("gb18030", "cp950", "big5hkscs")):
        decoded = _try(data, enc)
        if decoded is not None:
            # rank breaks ties in favour of GB18030, the more common encoding on the mainland
            candidates.append((_hanzi_score(decoded[:20000]), -rank, enc, decoded))
    if candidates:
        score, _, enc, decoded = max(candidates)
        if score >= 0.6:
            return DecodedText(decoded, "big5" if enc in ("cp950", "big5hkscs") else enc)
    return _decode_fallback(data)


def _decode_fallback(data: bytes) -> DecodedText:
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
    except Exception:  # noqa: BLE001 - a detector failure is just "undetectable"
        best = None
    if best is not None and best.encoding:
        text = data.decode(best.encoding, errors="replace")
        bad = text.count("\ufffd") / max(len(text), 1)
        printable = sum(c.isprintable() or c in "\n\r\t" for c in text[:20000]) / max(len(text[:20000]), 1)
        if bad < 0.01 and printable > 0.95 and _hanzi_score(text[:20000]) >= 0.6:
            return DecodedText(text, best.encoding)
    return DecodedText("", None, ERR_ENCODING)


# --- HTML --------------------------------------------------------------------------------

_HTML_HINT = re.compile(r"<\s*(html|body|div|p|br|span|article|table|head|meta|!doctype)\b", re.I)
_BOILERPLATE = (
    "script,style,noscript,template,nav,footer,header,aside,form,iframe,button,select,svg,"
    "[class*=breadcrumb],[class*=share],[id*=share],[class*=footer],[id*=footer],[class*=nav],[id*=nav],"
    "[class*=copyright],[class*=comment],[class*=related],[class*=sidebar]"
)
_BLOCKS = "p,div,br,li,tr,h1,h2,h3,h4,h5,h6,section,article,title,blockquote,pre,dd,dt,table,ul,ol"
_MAIN = "article,[class*=article],[class*=content],[id*=content],[class*=TRS_Editor],[id*=zoom],main"


def looks_like_html(text: str) -> bool:
    return bool(_HTML_HINT.search(text[:5000]))


def strip_html(html: str) -> str:
    """Visible article text of an HTML page, one block per line, boilerplate dropped.

    Government sites wrap the article in navigation, share bars and footers; those carry
    place names and dates that would otherwise leak into the extraction.
    """
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    title_node = tree.css_first("h1") or tree.css_first("title")
    title = title_node.text(separator="").strip() if title_node else ""
    for node in tree.css(_BOILERPLATE):
        if node.tag not in ("html", "body"):
            node.decompose()
    for node in tree.css(_BLOCKS):
        node.insert_after("\n")
    for node in tree.css("td,th"):
        node.insert_after("\t")  # table cells stay apart (a tab becomes one space when folded)
    root = tree.body
    # prefer the largest "article/content" container when a page has one
    best, best_len = None, 0
    for node in tree.css(_MAIN):
        n = len(node.text(separator=""))
        if n > best_len:
            best, best_len = node, n
    whole = root.text(separator="") if root is not None else ""
    if best is not None and best_len >= 0.3 * len(whole.strip()):
        body = best.text(separator="")
        if title and title not in body:
            body = title + "\n" + body
    else:
        body = whole
    return body


# --- pinyin annotations -----------------------------------------------------------------

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_TONE_BASE = str.maketrans(
    {
        **{c: "a" for c in "āáǎà"},
        **{c: "e" for c in "ēéěèê"},
        **{c: "i" for c in "īíǐì"},
        **{c: "o" for c in "ōóǒò"},
        **{c: "u" for c in "ūúǔù"},
        **{c: "v" for c in "ǖǘǚǜü"},
        "ḿ": "m",
        "ń": "n",
        "ň": "n",
        "ǹ": "n",
    }
)
_SYLLABLE = re.compile(
    r"(?:(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)"
    r"(?:a|o|e|ai|ei|ao|ou|an|en|ang|eng|ong|er|i|ia|ie|iao|iu|ian|in|iang|ing|iong|u|ua|uo|uai|ui|"
    r"uan|un|uang|v|ve|van|vn|ue|uan)"
    r"|a|o|e|ai|ei|ao|ou|an|en|ang|eng|er|m|n|ng|hm|hng)[1-5]?"
)
# a CJK character, then ( or （, one or two latin syllables (tone marks or tone numbers), then ) or ）
_ANNOTATION = re.compile(
    r"(?<=[\u3400-\u9fff\uf900-\ufaff])[（(]\s*([a-zA-Z" + _TONED + r"üêḿńňǹ]{1,7}[1-5]?)\s*[)）]"
)


def _is_pinyin(token: str) -> bool:
    if token != token.lower():
        return False  # "PX", "A1", "Ltd": capitals are acronyms and labels, never annotations
    low = token
    base = low.translate(_TONE_BASE)
    if not _SYLLABLE.fullmatch(base):
        return False
    toned = base != low or base[-1:].isdigit()
    # toneless single letters or bare finals are too ambiguous (方案(a), 图(e))
    return toned or (len(base) >= 2 and base not in {"an", "en", "er", "ou", "ai", "ei", "ao"})


def remove_pinyin_annotations(text: str) -> str:
    """Drop pinyin that some sites append after converted characters: 經(jīng)濟(jì) → 經濟.

    Only a valid pinyin syllable right after a hanzi is removed, so （中国）, (2023) and
    (PX) stay as they are.
    """
    if "(" not in text and "（" not in text:
        return text
    while True:  # 字(a)(b): removing one annotation can put the next right after the hanzi
        new = _ANNOTATION.sub(lambda m: "" if _is_pinyin(m.group(1)) else m.group(0), text)
        if new == text:
            return new
        text = new


# --- traditional → simplified ------------------------------------------------------------

_converter = None
_converter_lock = threading.Lock()
_HANZI = re.compile(r"[\u4e00-\u9fff]")


def to_simplified(text: str) -> str:
    """OpenCC t2s, applied only to text that is actually traditional.

    On simplified text t2s still rewrites a few characters that are also simplified forms in
    their own right (华昇 → 华升, 乾 → 干), which would corrupt firm names. So the text is
    converted only if it has characters outside the simplified standard set (GB2312) that t2s
    changes — 經, 項, 簽: at least two different ones, or one in a very short text (項目). A simplified
    text with one odd character in a name (华昇) is left alone. The converter is created once.
    """
    global _converter
    if _converter is None:
        with _converter_lock:
            if _converter is None:
                import opencc

                _converter = opencc.OpenCC("t2s")
    converted = _converter.convert(text)
    if converted == text:
        return text
    if len(converted) == len(text):
        gb = _gb2312()
        traditional = len({a for a, b in zip(text, converted, strict=True) if a != b and a not in gb})
        if traditional < 2 and (traditional == 0 or traditional < 0.1 * len(_HANZI.findall(text))):
            return text
    return converted


# --- width folding and whitespace ----------------------------------------------------------

# Full-width ASCII letters, digits and the symbols used in numbers are folded to ASCII so the
# amount parser sees "3,000万元". Chinese punctuation (，。；：、！？“”（）《》) is kept: it is
# the normal punctuation of Chinese text and the sentence splitter relies on it.
_FOLD = {chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)}  # ０-９
_FOLD.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_FOLD.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_FOLD.update(
    {
        "％": "%",
        "．": ".",
        "＋": "+",
        "－": "-",
        "＄": "$",
        "＆": "&",
        "＠": "@",
        "＃": "#",
        "／": "/",
        "＜": "<",
        "＞": ">",
        "＝": "=",
        "\u3000": " ",
        "\u00a0": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2009": " ",
        "\u200b": "",
        "\u200c": "",
        "\u200d": "",
        "\ufeff": "",
        "\r": "\n",
        "\t": " ",
        "\u2028": "\n",
        "\u2029": "\n",
        # corner brackets used in traditional texts, folded to the mainland quotes
        "「": "“",
        "」": "”",
        "『": "‘",
        "』": "’",
    }
)
_FOLD_TABLE = str.maketrans(_FOLD)
_DIGIT_SEP = re.compile(r"(?<=\d)[，,](?=\d{3}(?!\d))")
# "总 投 资": three or more single hanzi with spaces between them (PDF copies, letter-spaced titles).
# A space between words ("签约仪式 年产30万吨…", table columns) is kept: it separates cells and title parts.
_LETTER_SPACED = re.compile(
    r"(?<![\u3400-\u9fff])[\u3400-\u9fff](?:[ ]+[\u3400-\u9fff](?![\u3400-\u9fff])){2,}"
)
_PUNCT_SPACE = re.compile(r"[ ]+(?=[，。；：、！？）》”])|(?<=[，。；：、！？（《“])[ ]+")
_SPACES = re.compile(r"[ ]{2,}")
_BLANK_LINES = re.compile(r"\n\s*\n+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")


def fold_width(text: str) -> str:
    """Fold full-width digits, letters and number symbols; remove stray spacing."""
    text = text.translate(_FOLD_TABLE)
    text = _CONTROL.sub("", text)
    text = _DIGIT_SEP.sub(",", text)  # 3，000万元 → 3,000万元
    text = _LETTER_SPACED.sub(lambda m: m.group().replace(" ", ""), text)  # "总 投 资" from PDFs
    text = _PUNCT_SPACE.sub("", text)
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = _BLANK_LINES.sub("\n", text)
    return text.strip()


def normalize(text: str, *, html: bool | None = None) -> str:
    """The normalised text every span refers to: HTML stripped, pinyin removed, simplified, folded."""
    return normalize_with_info(text, html=html)[0]


def normalize_with_info(text: str, *, html: bool | None = None) -> tuple[str, bool]:
    """:func:`normalize`, and whether the text was cut at ``MAX_CHARS``."""
    if html is None:
        html = looks_like_html(text)
    if html:
        text = strip_html(text[:MAX_HTML_CHARS])  # markup first: the article may sit deep in a big page
    truncated = len(text) > MAX_CHARS
    if truncated:
        text = text[:MAX_CHARS]
    text = unicodedata.normalize("NFC", text)
    text = remove_pinyin_annotations(text)
    text = to_simplified(text)
    return fold_width(text), truncated
