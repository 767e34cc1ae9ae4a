"""The classifier's pre-test (``NodeClassifier.may_place``) changes no placement, and what it saves.

    cd /work/main && .venv/bin/python bench/chains_prefilter.py [--n 200000]

Classifies the labelled scopes (bench/data/chains/scopes.csv) and ``--n`` synthetic registry scopes
of the firm universe (chains/synthetic.py, province distributions) twice: every firm through the
full model, and only the firms that pass the pre-test (the others are "no node"). Reports the
differences (expected: none), the share of firms skipped and both timings.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from zhaoshang.chains.classifier import NodeClassifier  # noqa: E402
from zhaoshang.chains.synthetic import UniverseGenerator  # noqa: E402


def compare(clf: NodeClassifier, scopes: list[str], codes: list[str | None], label: str) -> None:
    t0 = time.perf_counter()
    full = clf.predict(scopes, codes)
    t_full = time.perf_counter() - t0
    t0 = time.perf_counter()
    keep = clf.may_place(scopes, codes)
    idx = [i for i in range(len(scopes)) if keep[i]]
    part = clf.predict([scopes[i] for i in idx], [codes[i] for i in idx])
    fast: list = [[] for _ in scopes]
    for i, p in zip(idx, part, strict=True):
        fast[i] = p
    t_fast = time.perf_counter() - t0
    diff = sum(1 for a, b in zip(full, fast, strict=True) if a != b)
    print(f"{label}: {len(scopes):,} scopes, pre-test skips {1 - keep.mean():.1%}; "
          f"placements that differ: {diff}; full {t_full:.1f} s, with the pre-test {t_fast:.1f} s")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200_000)
    args = ap.parse_args()
    clf = NodeClassifier().fit()
    with (ROOT / "bench" / "data" / "chains" / "scopes.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    compare(clf, [r["scope"] for r in rows], [r["industry_code"] or None for r in rows], "labelled set")
    gen = UniverseGenerator(scale="province", seed=2026, today=date(2026, 11, 26), total=args.n)
    scopes, codes = [], []
    for df, _ in gen.frames():
        scopes += df["经营范围"].to_list()
        codes += [c or None for c in df["行业代码"].to_list()]
    compare(clf, scopes, codes, "synthetic universe")


if __name__ == "__main__":
    main()
