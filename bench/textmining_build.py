"""Render the lead-mining labelled set: documents under bench/data/textmining/docs/ and gold.json.

The master texts and labels live in bench/data/textmining/corpus_*.py (simplified Chinese). This
script turns each into the variant it is meant to test: traditional (OpenCC s2t), traditional with
pinyin after every converted character (as some republishing sites do), an HTML page wrapped in
navigation and footer boilerplate, and the byte encoding (UTF-8, UTF-8 with BOM, GBK/GB18030, Big5).

    .venv/bin/python bench/textmining_build.py
"""

from __future__ import annotations

import html
import json
import sys
from pathlib import Path

import opencc

ROOT = Path(__file__).resolve().parent / "data" / "textmining"
sys.path.insert(0, str(ROOT))

from corpus_dev import DOCS as DEV_DOCS  # noqa: E402
from pinyin_map import PINYIN  # noqa: E402

try:
    from corpus_test import DOCS as TEST_DOCS  # noqa: E402
except ImportError:  # the held-out split is written after the rules
    TEST_DOCS = []
try:
    from corpus_test4 import DOCS as TEST4_DOCS  # noqa: E402
except ImportError:
    TEST4_DOCS = []
try:
    from corpus_test5 import DOCS as TEST5_DOCS  # noqa: E402
except ImportError:
    TEST5_DOCS = []
try:
    from corpus_test6 import DOCS as TEST6_DOCS  # noqa: E402
except ImportError:
    TEST6_DOCS = []

_S2T = opencc.OpenCC("s2t")
_S2TW = opencc.OpenCC("s2tw")  # Taiwan forms (為, not 爲): what Big5 can encode

HTML_TEMPLATES = (
    """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="{charset}"><title>{title} - 连云港发布</title>
<style>body{{font-family:SimSun}} .nav li{{display:inline}}</style>
<script>var _hmt=_hmt||[];(function(){{var hm=document.createElement("script");}})();</script></head>
<body><div class="header"><ul class="nav"><li><a href="/">首页</a></li><li>新闻中心</li><li>招商引资</li><li>政务公开</li></ul></div>
<div class="breadcrumb">当前位置：首页 &gt; 新闻中心 &gt; 县区动态</div>
<div class="article"><h1>{title}</h1><div class="info">来源：连云港发布　发布时间：2024-05-12　浏览次数：1024</div>
<div class="content">{paragraphs}</div></div>
<div class="share">分享到：微信 微博</div>
<div class="footer"><p>主办单位：连云港市人民政府办公室　地址：江苏省连云港市海州区朝阳东路6号</p><p>苏ICP备05007167号　版权所有</p></div>
</body></html>""",
    """<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}"><title>{title}</title></head>
<body><nav><a href="#">首页</a> | <a href="#">徐圩新区</a> | <a href="#">灌云县</a> | <a href="#">投资指南</a></nav>
<table width="100%"><tr><td class="title"><h2>{title}</h2></td></tr>
<tr><td><div id="zoom" class="TRS_Editor">{paragraphs}</div></td></tr></table>
<footer>Copyright © 江苏省连云港市商务局 技术支持：某某网络科技有限公司 总投资500亿元网站导航</footer></body></html>""",
    """<!doctype html><html><head><meta charset="{charset}"><title>{title}_新闻_中国江苏网</title></head><body>
<header><div class="logo">中国江苏网</div><div class="menu">南京 苏州 无锡 连云港 盐城</div></header>
<article><h1 class="art-title">{title}</h1><p class="meta">2024年06月18日 08:30 来源：新华日报</p>{paragraphs}
<p class="editor">（责任编辑：李明）</p></article>
<aside class="related"><h3>相关新闻</h3><ul><li>某某集团100亿元项目签约</li><li>全市集中开工项目50个</li></ul></aside>
<footer><p>江苏省互联网新闻信息服务许可证 32120170006</p></footer></body></html>""",
)


def to_traditional(text: str) -> str:
    return _S2T.convert(text)


def with_pinyin(text: str) -> str:
    """Traditional text with the pinyin of each converted character after it: 經(jīng)濟(jì)."""
    trad = to_traditional(text)
    if len(trad) != len(text):
        raise ValueError("s2t changed the text length; cannot align characters for pinyin")
    out: list[str] = []
    missing: set[str] = set()
    for simp, tc in zip(text, trad, strict=True):
        out.append(tc)
        if simp != tc:
            py = PINYIN.get(simp)
            if py is None:
                missing.add(simp)
            else:
                out.append(f"({py})")
    if missing:
        raise KeyError("add pinyin for: " + "".join(sorted(missing)))
    return "".join(out)


def to_html(text: str, index: int, charset: str) -> str:
    title, _, body = text.partition("\n")
    paragraphs = "".join(f"<p>{html.escape(p)}</p>\n" for p in body.split("\n") if p.strip())
    template = HTML_TEMPLATES[index % len(HTML_TEMPLATES)]
    return template.format(title=html.escape(title), paragraphs=paragraphs, charset=charset)


def render(doc: dict, index: int) -> tuple[str, bytes]:
    text = doc["text"]
    variant = doc["variant"]
    if variant == "traditional":
        text = to_traditional(text)
    elif variant == "traditional_pinyin":
        text = with_pinyin(text)
    encoding = doc["encoding"]
    charset = {"utf-8": "utf-8", "utf-8-sig": "utf-8", "gbk": "gbk", "gb18030": "gb18030", "big5": "big5"}[
        encoding
    ]
    if doc["fmt"] == "html":
        text = to_html(text, index, charset)
        if variant != "simplified":
            text = to_traditional(text)  # a traditional site has a traditional page around the article
    if encoding == "big5":
        try:
            data = text.encode("cp950")
        except UnicodeEncodeError:  # OpenCC's standard forms outside Big5: use the Taiwan forms
            data = _S2TW.convert(text).encode("cp950")
    else:
        data = text.encode(encoding)
    name = f"{doc['id']}.{'html' if doc['fmt'] == 'html' else 'txt'}"
    return name, data


def _batch(n: int) -> int:
    return 1 if n <= 20 else 2 if n <= 30 else 3 if n <= 40 else 4 if n <= 62 else 5 if n <= 82 else 6


def main() -> None:
    out_dir = ROOT / "docs"
    out_dir.mkdir(parents=True, exist_ok=True)
    gold: dict[str, dict] = {}
    for split, docs in (("dev", DEV_DOCS), ("test", TEST_DOCS + TEST4_DOCS + TEST5_DOCS + TEST6_DOCS)):
        for index, doc in enumerate(docs):
            name, data = render(doc, index)
            (out_dir / name).write_bytes(data)
            gold[name] = {
                "split": split,
                # test batch 1 was scored once, then the rules were improved; batch 2 was written after that
                # batch 3 was written after the rule changes of batch 2; batch 4 (t41–) after the rules for
                # the weak spots of batches 1–3, in styles none of them has; batch 5 (t63–) after the fixes of
                # batch 4, aimed at firms named by brands and stock short names
                "batch": 0 if split == "dev" else _batch(int(doc["id"][1:])),
                "kind": doc["kind"],
                "variant": doc["variant"],
                "format": doc["fmt"],
                "encoding": doc["encoding"],
                "projects": doc["projects"],
                "aggregates": doc["aggregates"],
            }
    (ROOT / "gold.json").write_text(
        json.dumps({"documents": gold}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    counts: dict[str, int] = {}
    for g in gold.values():
        for key in (g["split"], g["variant"], g["kind"], g["format"], g["encoding"]):
            counts[key] = counts.get(key, 0) + 1
    print(f"{len(gold)} documents →", out_dir)
    print(json.dumps(counts, ensure_ascii=False))


if __name__ == "__main__":
    main()
