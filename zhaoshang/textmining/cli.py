"""The `zhaoshang extract FILE...` command's core, callable without Django (tests, scripts)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable
from typing import TextIO

from .extract import extract_document
from .sources import DocumentError, iter_documents

ERR_NOTHING_READ = "没有可读取的文件。"
ERR_INTERNAL = "分析这篇文档时出错（{name}），已跳过，请把文件发给管理员。"


def run_extract(
    paths: Iterable[str], out: TextIO | Callable[[str], object], *, include_text: bool = False
) -> int:
    """Print one JSON object per document; return 0, or 1 when not a single file could be read.

    A document that cannot be decoded or analysed yields a line with an ``error`` (Chinese) and
    the batch goes on.
    """
    write = out if callable(out) else out.write
    read = 0
    for doc_id, payload in iter_documents(paths):
        if isinstance(payload, DocumentError):
            line = {"doc": doc_id, "error": payload.message, "projects": [], "aggregates": []}
        else:
            read += 1
            try:
                line = extract_document(payload, doc=doc_id).to_dict(include_text=include_text)
            except Exception as exc:  # noqa: BLE001 - one bad document must not end the batch
                line = {
                    "doc": doc_id,
                    "error": ERR_INTERNAL.format(name=exc.__class__.__name__),
                    "projects": [],
                    "aggregates": [],
                }
        write(json.dumps(line, ensure_ascii=False) + "\n")
    return 0 if read else 1


def main(argv: list[str] | None = None) -> int:
    """`python -m zhaoshang.textmining.cli FILE...`: the same output without Django start-up."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="extract", description="从新闻和公告中挖掘项目线索，每篇文档输出一行 JSON。"
    )
    parser.add_argument("files", nargs="+", help="文本、HTML 文件、文件夹或 RSS/Atom 订阅文件")
    parser.add_argument("--with-text", action="store_true", help="输出规范化后的全文（证据位置以它为准）")
    args = parser.parse_args(argv)
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    code = run_extract(args.files, sys.stdout, include_text=args.with_text)
    if code:
        sys.stderr.write(ERR_NOTHING_READ + "\n")
    return code


if __name__ == "__main__":
    raise SystemExit(main())
