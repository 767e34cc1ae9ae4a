"""Document sources (files, folders, feeds) and the `extract` command: one JSON line per document."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from zhaoshang.textmining.cli import run_extract
from zhaoshang.textmining.normalize import ERR_BINARY
from zhaoshang.textmining.sources import DocumentError, iter_documents

NEWS = "灌南县举行项目开工活动\n2月8日，江苏立达医药集团有限公司生物制剂产业化项目在江苏连云港化工产业园开工，总投资35亿元。"

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>连云港发布</title>
<item><title>徐圩新区签约一个项目</title><link>http://example.invalid/1</link>
<description><![CDATA[<p>江苏虹景新材料有限公司投资120亿元建设年产60万吨POE项目，项目已于日前在徐圩新区签约。</p>]]></description></item>
<item><title>全市集中开工</title><link>http://example.invalid/2</link>
<description>全市集中开工项目116个，总投资902.7亿元。</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>公告</title>
<entry><title>关于对外投资的公告</title><id>urn:1</id>
<content type="html">&lt;p&gt;卫星化学股份有限公司拟投资2亿美元建设高端聚烯烃项目。&lt;/p&gt;</content></entry></feed>"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(NEWS, encoding="utf-8")
    (tmp_path / "sub" / "b.html").write_bytes(f"<html><body><p>{NEWS}</p></body></html>".encode("gbk"))
    (tmp_path / "sub" / "feed.xml").write_text(RSS, encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))  # not a document type: skipped
    return tmp_path


def test_folder_is_read_recursively_and_feeds_are_split_into_entries(folder: Path) -> None:
    ids = [doc_id.replace(str(folder), "") for doc_id, _ in iter_documents([folder])]
    assert ids == [
        "/a.txt",
        "/sub/b.html",
        "/sub/feed.xml#1 http://example.invalid/1",
        "/sub/feed.xml#2 http://example.invalid/2",
    ]


def test_atom_feed_entries(tmp_path: Path) -> None:
    path = tmp_path / "notices.atom"
    path.write_text(ATOM, encoding="utf-8")
    out = io.StringIO()
    assert run_extract([str(path)], out) == 0
    (line,) = [json.loads(x) for x in out.getvalue().splitlines()]
    assert line["doc"] == f"{path}#1 urn:1"
    assert [(p["companies"], p["currency"], p["amount_raw"]) for p in line["projects"]] == [
        (["卫星化学股份有限公司"], "USD", "2亿美元")
    ]


def test_missing_path_is_an_error_item() -> None:
    ((doc_id, payload),) = list(iter_documents(["/nonexistent/x.txt"]))
    assert isinstance(payload, DocumentError)
    assert payload.message == "找不到文件或文件夹：/nonexistent/x.txt"


def test_cli_prints_one_json_line_per_document_and_goes_on_after_bad_ones(folder: Path) -> None:
    # given a folder, a binary file and a missing file
    junk = folder / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 10)
    out = io.StringIO()
    # when the batch runs
    code = run_extract([str(folder), "/nonexistent.txt"], out)
    lines = [json.loads(x) for x in out.getvalue().splitlines()]
    # then every document has its line, bad ones with a Chinese error, and the exit code is 0
    assert code == 0
    assert len(lines) == 6
    by_doc = {Path(line["doc"].split(" ")[0]).name: line for line in lines}
    assert by_doc["junk.txt"]["error"] == ERR_BINARY
    assert by_doc["nonexistent.txt"]["error"] == "找不到文件或文件夹：/nonexistent.txt"
    assert [p["amount_wan_cny"] for p in by_doc["a.txt"]["projects"]] == [350000]
    assert [p["companies"] for p in by_doc["b.html"]["projects"]] == [["江苏立达医药集团有限公司"]]
    assert by_doc["b.html"]["encoding"] == "gb18030"
    assert by_doc["feed.xml#1"]["projects"][0]["location"] == "徐圩新区"
    assert by_doc["feed.xml#2"]["projects"] == []
    assert [(a["count"], a["amount_wan_cny"]) for a in by_doc["feed.xml#2"]["aggregates"]] == [(116, 9027000)]
    assert "\\u" not in out.getvalue()  # ensure_ascii=False: Chinese as written, not \uXXXX escapes


def test_cli_exit_code_is_1_when_nothing_could_be_read() -> None:
    out = io.StringIO()
    assert run_extract(["/nonexistent/a.txt", "/nonexistent/b.txt"], out) == 1
    assert len(out.getvalue().splitlines()) == 2


def test_cli_with_text_includes_the_normalised_text(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text("項(xiàng)目總(zǒng)投資(zī)３億元", encoding="utf-8")
    out = io.StringIO()
    run_extract([str(path)], out, include_text=True)
    assert json.loads(out.getvalue())["text"] == {"length": 8, "content": "项目总投资3亿元"}


def test_django_management_command(tmp_path: Path) -> None:
    from django.core.management import call_command

    path = tmp_path / "n.txt"
    path.write_text(NEWS, encoding="utf-8")
    out = io.StringIO()
    call_command("extract", str(path), stdout=out)
    line = json.loads(out.getvalue())
    assert [p["stage"] for p in line["projects"]] == ["开工"]


def test_django_management_command_fails_when_nothing_is_readable() -> None:
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="没有可读取的文件"):
        call_command("extract", "/nonexistent/a.txt", stdout=io.StringIO())
