"""The command line's core, kept free of Django so that it is tested and benchmarked directly.

`zhaoshang firms match [FILE]` reads one firm name per line (standard input without FILE)
and prints one JSON object per name, in input order:
``{"name": ..., "key": the normalised name, "group": the 0-based index of the group's
first name}``. Blank lines are skipped and do not count. A line may carry the firm's credit
code after a tab (``name<TAB>code``): known codes decide.

`zhaoshang firms candidates [FILE]` prints the duplicate candidates for review, one JSON
object per pair: ``{"i", "j", "name_i", "name_j", "verdict", "score", "reason"}``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import BinaryIO, TextIO

from .credit_code import credit_code_error
from .matching import HOME_REGION, find_duplicate_candidates, match_names

__all__ = ["decode_input", "match_records", "candidate_records", "parse_lines", "check_code_records"]


def decode_input(data: bytes) -> str:
    """UTF-8 (with or without BOM); files saved by Chinese Excel or Notepad are often GB18030."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def read_text(stream: BinaryIO | TextIO) -> str:
    data = stream.read()
    return decode_input(data) if isinstance(data, bytes) else data


def parse_lines(lines: Iterable[str]) -> tuple[list[str], list[str | None]]:
    """Names and credit codes (None when absent) from ``name`` or ``name<TAB>code`` lines."""
    names: list[str] = []
    codes: list[str | None] = []
    for line in lines:
        name, _, code = line.rstrip("\r\n").partition("\t")
        name = name.strip()
        if not name:
            continue
        names.append(name)
        codes.append(code.strip() or None)
    return names, codes


def match_records(lines: Iterable[str], *, home_region: Sequence[str] | None = HOME_REGION
                  ) -> Iterator[dict[str, object]]:
    """One record per name: {"name", "key", "group"}, in input order."""
    names, codes = parse_lines(lines)
    results = match_names(names, credit_codes=codes if any(codes) else None, home_region=home_region)
    for r in results:
        yield {"name": r.name, "key": r.key, "group": r.group}


def candidate_records(lines: Iterable[str], *, include_same: bool = True,
                      home_region: Sequence[str] | None = HOME_REGION) -> Iterator[dict[str, object]]:
    """One record per candidate pair, for the review screen or a spreadsheet."""
    names, codes = parse_lines(lines)
    for c in find_duplicate_candidates(names, credit_codes=codes if any(codes) else None,
                                       include_same=include_same, home_region=home_region):
        yield {"i": c.i, "j": c.j, "name_i": names[c.i], "name_j": names[c.j],
               "verdict": c.verdict.value, "score": c.score, "reason": c.reason}


def check_code_records(codes: Iterable[str]) -> Iterator[dict[str, object]]:
    """One record per credit code: {"code", "valid", "error"}."""
    for code in codes:
        error = credit_code_error(code)
        yield {"code": code, "valid": error is None, "error": error}


def write_json_lines(records: Iterable[dict[str, object]], out: TextIO, *, chunk: int = 10_000) -> int:
    """Write records as JSON lines in chunks (a million names print in seconds); returns the count."""
    count = 0
    buffer: list[str] = []
    for record in records:
        buffer.append(json.dumps(record, ensure_ascii=False))
        count += 1
        if len(buffer) >= chunk:
            out.write("\n".join(buffer) + "\n")
            buffer.clear()
    if buffer:
        out.write("\n".join(buffer) + "\n")
    return count
