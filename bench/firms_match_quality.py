"""Precision, recall and F1 of the firm-name matcher on the labelled pairs.

    cd /work/main && .venv/bin/python bench/firms_match_quality.py [--split dev|test|test2|test3|all] [--errors] [--json]
        [--exclude-category alias]

Data: bench/data/firms/pairs.csv — name_a, name_b, same (1/0), category, split. The ``dev``
split was written with the rules; the ``test`` split was written after the rules were
frozen, the ``test2`` and ``test3`` splits later still (second and third blind splits,
each labelled and committed before the matcher was run on it). Each was scored once blind; the figures of that run are in
docs/benchmarks.md.

Two settings:

* ``pairwise`` — each pair judged alone (`pair_score`); "same" = verdict SAME. This is
  the matcher's judgement with no other names to compare against.
* ``set`` — all names of the split grouped together (`match_names`, as the CLI does);
  "same" = same group. Here a short form next to several firms it could name (恒瑞 next to
  恒瑞医药 and 恒瑞新材料) is not merged, and chains of merges show up.

"maybe" counts as not same for precision/recall; ``review recall`` is the share of true
pairs judged SAME or MAYBE (found for a reviewer).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from zhaoshang.firms.matching import Verdict, match_names, pair_score  # noqa: E402

DATA = ROOT / "bench" / "data" / "firms" / "pairs.csv"


@dataclass(frozen=True)
class Pair:
    a: str
    b: str
    same: bool
    category: str
    split: str


def load_pairs(path: Path = DATA) -> list[Pair]:
    with path.open(encoding="utf-8", newline="") as f:
        return [Pair(r["name_a"], r["name_b"], r["same"] == "1", r["category"], r["split"])
                for r in csv.DictReader(f)]


@dataclass
class Counts:
    n: int = 0
    pos: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    found: int = 0  # true pairs judged same or maybe

    def add(self, truth: bool, predicted: bool, found: bool) -> None:
        self.n += 1
        self.pos += truth
        self.tp += truth and predicted
        self.fp += (not truth) and predicted
        self.fn += truth and not predicted
        self.found += truth and found

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.pos if self.pos else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float:
        return (self.n - self.fp - self.fn) / self.n if self.n else 1.0

    @property
    def review_recall(self) -> float:
        return self.found / self.pos if self.pos else 1.0

    def as_dict(self) -> dict[str, float | int]:
        return {"n": self.n, "positives": self.pos, "tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "accuracy": round(self.accuracy, 4),
                "review_recall": round(self.review_recall, 4)}


def evaluate(pairs: list[Pair]) -> dict[str, object]:
    """Both settings, overall and per category, with the wrong pairs."""
    pairwise_total, set_total = Counts(), Counts()
    pairwise_cat: dict[str, Counts] = defaultdict(Counts)
    set_cat: dict[str, Counts] = defaultdict(Counts)
    errors: list[dict[str, str]] = []

    names = list(dict.fromkeys(n for p in pairs for n in (p.a, p.b)))
    group = {r.name: r.group for r in match_names(names)}
    for p in pairs:
        j = pair_score(p.a, p.b)
        predicted = j.verdict is Verdict.SAME
        found = j.verdict is not Verdict.DIFFERENT
        pairwise_total.add(p.same, predicted, found)
        pairwise_cat[p.category].add(p.same, predicted, found)
        grouped = group[p.a] == group[p.b]
        set_total.add(p.same, grouped, found or grouped)
        set_cat[p.category].add(p.same, grouped, found or grouped)
        if predicted != p.same or grouped != p.same:
            errors.append({"split": p.split, "category": p.category, "a": p.a, "b": p.b,
                           "truth": int(p.same), "verdict": j.verdict.value, "grouped": int(grouped),
                           "reason": j.reason})
    return {
        "pairwise": pairwise_total.as_dict(),
        "set": set_total.as_dict(),
        "categories": {c: {"pairwise": pairwise_cat[c].as_dict(), "set": set_cat[c].as_dict()}
                       for c in sorted(pairwise_cat)},
        "errors": errors,
    }


def _print(split: str, result: dict) -> None:
    pw, st = result["pairwise"], result["set"]
    print(f"\n## split = {split}: {pw['n']} pairs, {pw['positives']} same")
    print("| setting | precision | recall | F1 | accuracy | review recall |")
    print("|---|---|---|---|---|---|")
    for label, r in (("pairwise", pw), ("set (grouped)", st)):
        print(f"| {label} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | "
              f"{r['accuracy']:.3f} | {r['review_recall']:.3f} |")
    print("\n| category | pairs | same | pairwise P / R / wrong | set P / R / wrong |")
    print("|---|---|---|---|---|")
    for cat, r in result["categories"].items():
        a, b = r["pairwise"], r["set"]
        print(f"| {cat} | {a['n']} | {a['positives']} | {a['precision']:.2f} / {a['recall']:.2f} / "
              f"{a['fp'] + a['fn']} | {b['precision']:.2f} / {b['recall']:.2f} / {b['fp'] + b['fn']} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test", "test2", "test3", "all", "each"), default="each")
    parser.add_argument("--errors", action="store_true", help="list the pairs judged wrongly")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--exclude-category", action="append", default=[], metavar="CATEGORY",
                        help="leave a category out (e.g. alias: pairs only FirmAlias can resolve)")
    args = parser.parse_args(argv)

    pairs = [p for p in load_pairs() if p.category not in args.exclude_category]
    splits = ["dev", "test", "test2", "test3", "all"] if args.split == "each" else [args.split]
    results = {}
    for split in splits:
        chosen = pairs if split == "all" else [p for p in pairs if p.split == split]
        if chosen:
            results[split] = evaluate(chosen)
    if args.json:
        print(json.dumps({k: {**v, "errors": v["errors"] if args.errors else len(v["errors"])}
                          for k, v in results.items()}, ensure_ascii=False, indent=2))
        return 0
    for split, result in results.items():
        _print(split, result)
        if args.errors:
            for e in result["errors"]:
                print(f"  [{e['category']}] {e['a']} | {e['b']} truth={e['truth']} "
                      f"verdict={e['verdict']} grouped={e['grouped']} — {e['reason']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
