"""`zhaoshang firms match|candidates|check-code`: the core functions and the command."""

from __future__ import annotations

import io
import json
import sys

import pytest
from django.core.management import CommandError, call_command

from zhaoshang.firms.cli import (
    candidate_records,
    check_code_records,
    decode_input,
    match_records,
    parse_lines,
    write_json_lines,
)

LINES = ["恒瑞医药", "江苏恒瑞医药股份有限公司", "", "江蘇恆瑞醫藥股份有限公司", "恒瑞新材料"]
EXPECTED = [
    {"name": "恒瑞医药", "key": "恒瑞医药", "group": 0},
    {"name": "江苏恒瑞医药股份有限公司", "key": "恒瑞医药", "group": 0},
    {"name": "江蘇恆瑞醫藥股份有限公司", "key": "恒瑞医药", "group": 0},
    {"name": "恒瑞新材料", "key": "恒瑞新材料", "group": 3},
]


def test_match_records_in_input_order_skipping_blank_lines():
    assert list(match_records(LINES)) == EXPECTED


def test_a_tab_separates_an_optional_credit_code():
    assert parse_lines(["  恒瑞医药\t91350100M000100Y43\r\n", "恒瑞新材料\n", "\t\n"]) == (
        ["恒瑞医药", "恒瑞新材料"], ["91350100M000100Y43", None])


def test_codes_from_the_input_decide():
    lines = ["卫星石化\t91350100M000100Y43", "卫星化学股份有限公司\t91350100M000100Y43"]
    assert [r["group"] for r in match_records(lines)] == [0, 0]


def test_json_lines_keep_chinese_readable():
    out = io.StringIO()
    assert write_json_lines(match_records(LINES[:1]), out) == 1
    assert out.getvalue() == '{"name": "恒瑞医药", "key": "恒瑞医药", "group": 0}\n'


def test_input_in_gb18030_or_with_a_bom_is_read():
    assert decode_input("恒瑞医药\n".encode("gb18030")) == "恒瑞医药\n"
    assert decode_input("\ufeff恒瑞医药\n".encode()) == "恒瑞医药\n"


def test_candidate_records():
    assert list(candidate_records(["恒瑞医药", "江苏恒瑞医药股份有限公司", "恒瑞新材料"])) == [
        {"i": 0, "j": 1, "name_i": "恒瑞医药", "name_j": "江苏恒瑞医药股份有限公司",
         "verdict": "same", "score": 100.0, "reason": "规范化名称相同（恒瑞医药）"},
    ]


def test_check_code_records():
    assert list(check_code_records(["91350100M000100Y43", "91350100M000100Y44"])) == [
        {"code": "91350100M000100Y43", "valid": True, "error": None},
        {"code": "91350100M000100Y44", "valid": False,
         "error": "校验位（第18位）应为“3”，实际为“4”，请核对是否录入有误"},
    ]


# --- the management command ------------------------------------------------------------


def test_command_match_reads_a_file(tmp_path):
    path = tmp_path / "names.txt"
    path.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    out = io.StringIO()
    call_command("firms", "match", str(path), stdout=out)
    assert [json.loads(line) for line in out.getvalue().splitlines()] == EXPECTED


def test_command_match_reads_standard_input(monkeypatch):
    stdin = io.TextIOWrapper(io.BytesIO("\n".join(LINES).encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    out = io.StringIO()
    call_command("firms", "match", stdout=out)
    assert [json.loads(line) for line in out.getvalue().splitlines()] == EXPECTED


def test_command_candidates_maybe_only(tmp_path):
    path = tmp_path / "names.txt"
    path.write_text("恒瑞医药\n江苏恒瑞医药股份有限公司\n正大天晴药业\n正大天青药业\n", encoding="utf-8")
    out = io.StringIO()
    call_command("firms", "candidates", str(path), "--maybe-only", stdout=out)
    assert [(r["i"], r["j"], r["verdict"]) for r in map(json.loads, out.getvalue().splitlines())] == [
        (2, 3, "maybe")]


def test_command_reports_a_missing_file_in_chinese():
    with pytest.raises(CommandError, match="找不到文件：/no/such/file.txt"):
        call_command("firms", "match", "/no/such/file.txt")


def test_command_check_code_fails_on_an_invalid_code():
    out = io.StringIO()
    with pytest.raises(CommandError, match="存在无效的统一社会信用代码"):
        call_command("firms", "check-code", "91350100M000100Y43", "9135", stdout=out)
    assert [json.loads(line)["valid"] for line in out.getvalue().splitlines()] == [True, False]
