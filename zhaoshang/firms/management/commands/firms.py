"""`zhaoshang firms …`: firm identity on the command line (matching, review candidates, codes)."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhaoshang.firms.cli import (
    candidate_records,
    check_code_records,
    match_records,
    read_text,
    write_json_lines,
)
from zhaoshang.firms.services import home_region


class Command(BaseCommand):
    help = "企业身份：名称匹配分组、疑似重复候选、统一社会信用代码校验"
    requires_system_checks: list[str] = []  # pure text in, text out: no database needed

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="{match,candidates,check-code}")
        match = sub.add_parser(
            "match",
            help="按企业分组：每行一个名称（可在制表符后附信用代码），每个名称输出一行 JSON "
                 '{"name", "key", "group"}；group 为同组第一个名称的序号（从 0 起，空行不计）',
        )
        match.add_argument("file", nargs="?", help="名称文件（UTF-8 或 GB18030）；省略时读标准输入")
        candidates = sub.add_parser("candidates", help="列出疑似重复的名称对，供人工审核（每对一行 JSON）")
        candidates.add_argument("file", nargs="?", help="名称文件；省略时读标准输入")
        candidates.add_argument("--maybe-only", action="store_true", help="只列出待人工确认的名称对")
        check = sub.add_parser("check-code", help="校验统一社会信用代码（GB 32100-2015）")
        check.add_argument("codes", nargs="+", help="一个或多个信用代码")

    def handle(self, *args, **options) -> None:
        action = options["action"]
        if action == "check-code":
            records = list(check_code_records(options["codes"]))
            write_json_lines(records, self.stdout)
            if not all(r["valid"] for r in records):
                raise CommandError("存在无效的统一社会信用代码", returncode=1)
            return
        lines = self._read(options.get("file")).splitlines()
        home = home_region()
        if action == "match":
            write_json_lines(match_records(lines, home_region=home), self.stdout)
        else:
            write_json_lines(candidate_records(lines, include_same=not options["maybe_only"], home_region=home),
                             self.stdout)

    @staticmethod
    def _read(file: str | None) -> str:
        if not file or file == "-":
            return read_text(sys.stdin.buffer)
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"找不到文件：{file}")
        with path.open("rb") as f:
            return read_text(f)
