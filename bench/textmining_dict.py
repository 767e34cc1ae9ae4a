"""Regenerate zhaoshang/textmining/data/jieba_core.txt: jieba's own dictionary, trimmed.

Loading jieba's full dictionary (350,000 words) takes 0.8 s or more and the extractors only need
jieba to tell function words and verbs from name pieces, so the package ships the frequent part
(every single character and the words seen at least MIN_FREQ times in jieba's corpus). Rerun
after upgrading jieba:

    .venv/bin/python bench/textmining_dict.py
"""

from __future__ import annotations

import os
from pathlib import Path

import jieba

MIN_FREQ = 100
OUT = Path(__file__).resolve().parent.parent / "zhaoshang" / "textmining" / "data" / "jieba_core.txt"


def main() -> None:
    source = Path(os.path.dirname(jieba.__file__)) / "dict.txt"
    kept = []
    with source.open(encoding="utf-8") as fh:
        for line in fh:
            word, freq, _ = line.split(" ", 2)
            if len(word) == 1 or int(freq) >= MIN_FREQ:
                kept.append(f"{word} {freq}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(kept) + "\n", encoding="utf-8")
    print(f"{len(kept)} words → {OUT} ({OUT.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
