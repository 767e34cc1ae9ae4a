"""`zhaoshang extract FILE...`: mine project leads from news and announcements, one JSON line each."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "从新闻和公告（文本、HTML、文件夹或 RSS/Atom 订阅文件）中挖掘项目线索，每篇文档输出一行 JSON。"
    requires_system_checks: list[str] = []  # a pure text tool: no database, no checks, fast start

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", help="文本、HTML 文件、文件夹或 RSS/Atom 订阅文件")
        parser.add_argument("--with-text", action="store_true", help="输出规范化后的全文（证据位置以它为准）")

    def handle(self, *args: object, **options: object) -> None:
        from zhaoshang.textmining.cli import ERR_NOTHING_READ, run_extract

        reconfigure = getattr(sys.stdout, "reconfigure", None)
        if reconfigure is not None and getattr(self.stdout, "_out", None) is sys.stdout:
            reconfigure(encoding="utf-8")  # Chinese output even under a C locale

        def write(line: str) -> None:
            self.stdout.write(line, ending="")

        code = run_extract(options["files"], write, include_text=bool(options["with_text"]))  # type: ignore[arg-type]
        self.stdout.flush()
        if code:
            raise CommandError(ERR_NOTHING_READ)
