"""Precision / recall / F1 per field of the lead-mining extractor on the labelled set.

    .venv/bin/python bench/textmining_eval.py                 # both splits
    .venv/bin/python bench/textmining_eval.py --split test    # held-out split only
    .venv/bin/python bench/textmining_eval.py --errors        # list every disagreement

Documents are read from bench/data/textmining/docs/ through the same path as the CLI
(iter_documents → extract_document on the raw bytes), gold from gold.json.

Places: a name with or without its city prefix counts as the same place.
Matching: within a document, gold and predicted projects are paired greedily by shared firms,
equal amount and name overlap. A field counts as a true positive when a pair agrees on a
non-null value; a predicted value that disagrees or belongs to an unpaired project is a false
positive; a gold value not reproduced is a false negative. Firms are scored one by one.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zhaoshang.textmining.extract import extract_document  # noqa: E402
from zhaoshang.textmining.sources import DocumentError, iter_documents  # noqa: E402

DATA = ROOT / "bench" / "data" / "textmining"
FIELDS = (
    "projects",
    "companies",
    "amount",
    "qualifier",
    "stage",
    "location",
    "chain",
    "aggregates",
    "aggregate_amount",
)


def _firm(name: str) -> str:
    return name.replace("（", "(").replace("）", ")").replace(" ", "")


def _amount(p: dict[str, Any]) -> tuple[Any, Any] | None:
    if p.get("amount_wan_cny") is None and p.get("currency") in (None, "CNY"):
        return None
    return (p.get("amount_wan_cny"), p.get("currency"))


def _chars(name: str | None) -> set[str]:
    return set(name or "") - set("项目的有限公司股份")


def _pair_score(g: dict[str, Any], p: dict[str, Any]) -> float:
    score = 0.0
    gf, pf = {_firm(c) for c in g["companies"]}, {_firm(c) for c in p["companies"]}
    if gf & pf:
        score += 2
    if _amount(g) is not None and _amount(g) == _amount(p):
        score += 2
    a, b = _chars(g.get("name")), _chars(p.get("name"))
    if a and b:
        score += 2 * len(a & b) / len(a | b)
    return score


def _pairs(gold: list[dict], pred: list[dict]) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    cands = sorted(
        ((_pair_score(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)), reverse=True
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for score, i, j in cands:
        if score < 0.8 or i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        pairs.append((gold[i], pred[j]))
    return (
        pairs,
        [g for i, g in enumerate(gold) if i not in used_g],
        [p for j, p in enumerate(pred) if j not in used_p],
    )


class Tally:
    def __init__(self) -> None:
        self.c: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # tp, fp, fn

    def add(self, field: str, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        t = self.c[field]
        t[0] += tp
        t[1] += fp
        t[2] += fn

    def row(self, field: str) -> tuple[int, int, int, float, float, float]:
        tp, fp, fn = self.c[field]
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return tp, fp, fn, p, r, f


def _value(p: dict[str, Any] | None, field: str) -> Any:
    if p is None:
        return None
    if field == "amount":
        return _amount(p)
    return p.get(field)


def _same(field: str, gold: Any, pred: Any) -> bool:
    """Equal values; a place written with or without its city (惠州大亚湾经济技术开发区 /
    大亚湾经济技术开发区) is the same place."""
    if gold == pred:
        return True
    if (
        field == "location"
        and isinstance(gold, str)
        and isinstance(pred, str)
        and min(len(gold), len(pred)) >= 4
    ):
        return gold.endswith(pred) or pred.endswith(gold)
    return False


def score_doc(gold: dict[str, Any], pred: dict[str, Any], tally: Tally, errors: list[str], doc: str) -> None:
    pairs, lost, extra = _pairs(gold["projects"], pred.get("projects", []))
    tally.add("projects", tp=len(pairs), fp=len(extra), fn=len(lost))
    for g in lost:
        errors.append(f"{doc}: 漏掉项目 {g.get('name')} {g['companies']}")
    for p in extra:
        errors.append(f"{doc}: 多出项目 {p.get('name')} {p['companies']} {p.get('amount_raw')}")
    for g, p in [*pairs, *((g, None) for g in lost), *((None, p) for p in extra)]:
        gf = {_firm(c) for c in g["companies"]} if g else set()
        pf = {_firm(c) for c in p["companies"]} if p else set()
        tally.add("companies", tp=len(gf & pf), fp=len(pf - gf), fn=len(gf - pf))
        if g is not None and p is not None and gf != pf:
            errors.append(f"{doc}: 企业 {sorted(gf)} ≠ {sorted(pf)}")
        for field in ("amount", "qualifier", "stage", "location", "chain"):
            gv, pv = _value(g, field), _value(p, field)
            if gv is not None and pv is not None and _same(field, gv, pv):
                tally.add(field, tp=1)
                continue
            if pv is not None:
                tally.add(field, fp=1)
            if gv is not None:
                tally.add(field, fn=1)
            if g is not None and p is not None and not _same(field, gv, pv):
                errors.append(f"{doc}: {field} {gv} ≠ {pv}  [{g.get('name')}]")
    ga = [(a["count"], a["amount_wan_cny"]) for a in gold["aggregates"]]
    pa = [(a["count"], a["amount_wan_cny"]) for a in pred.get("aggregates", [])]
    for field, key in (("aggregates", lambda x: x[0]), ("aggregate_amount", lambda x: x)):
        gs = [key(x) for x in ga if field == "aggregates" or x[1] is not None]
        ps = [key(x) for x in pa if field == "aggregates" or x[1] is not None]
        rest = list(ps)
        tp = 0
        for x in gs:
            if x in rest:
                rest.remove(x)
                tp += 1
        tally.add(field, tp=tp, fp=len(ps) - tp, fn=len(gs) - tp)
    if sorted(ga, key=str) != sorted(pa, key=str):
        errors.append(f"{doc}: 汇总 {ga} ≠ {pa}")


def run(split: str, show_errors: bool) -> dict[str, Any]:
    gold_all = json.loads((DATA / "gold.json").read_text(encoding="utf-8"))["documents"]
    names = [
        n
        for n, g in gold_all.items()
        if split == "all"
        or g["split"] == split
        or (split.startswith("test") and split[4:] == str(g.get("batch")))
    ]
    paths = [DATA / "docs" / n for n in names]
    tally = Tally()
    by_variant: dict[str, Tally] = defaultdict(Tally)
    errors: list[str] = []
    invented = 0
    aggregate_only = 0
    for doc_id, payload in iter_documents(paths):
        name = Path(doc_id).name
        gold = gold_all[name]
        if isinstance(payload, DocumentError):
            pred: dict[str, Any] = {"projects": [], "aggregates": []}
            errors.append(f"{name}: 读取失败 {payload.message}")
        else:
            pred = extract_document(payload, doc=name).to_dict()
            if pred.get("error"):
                errors.append(f"{name}: {pred['error']}")
        score_doc(gold, pred, tally, errors, name)
        score_doc(gold, pred, by_variant[gold["variant"]], [], name)
        if not gold["projects"] and gold["aggregates"]:
            aggregate_only += 1
            if pred["projects"]:
                invented += 1
                errors.append(f"{name}: 汇总类文本被编造出项目 {[p.get('name') for p in pred['projects']]}")
    print(f"split={split}  documents={len(names)}")
    print(f"{'field':<18}{'TP':>5}{'FP':>5}{'FN':>5}{'P':>8}{'R':>8}{'F1':>8}")
    result: dict[str, Any] = {"split": split, "documents": len(names), "fields": {}}
    for field in FIELDS:
        tp, fp, fn, p, r, f = tally.row(field)
        result["fields"][field] = {
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(f, 3),
        }
        print(f"{field:<18}{tp:>5}{fp:>5}{fn:>5}{p:>8.3f}{r:>8.3f}{f:>8.3f}")
    print(f"aggregate-only documents with invented projects: {invented}/{aggregate_only}")
    result["aggregate_only_invented"] = [invented, aggregate_only]
    print("F1 by variant (companies / amount / stage):")
    for variant, t in sorted(by_variant.items()):
        print(
            f"  {variant:<20}" + "  ".join(f"{f}={t.row(f)[5]:.3f}" for f in ("companies", "amount", "stage"))
        )
    if show_errors:
        print("\n".join(errors))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--split",
        choices=("dev", "test", "test1", "test2", "test3", "test4", "test5", "test6", "all"),
        default=None,
        help="test1–test6: held-out batches, each written after the rules of its time, scored once, "
        "then used to fix rules (see docs/benchmarks.md for the first-run figures)",
    )
    parser.add_argument("--errors", action="store_true", help="list each disagreement")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args()
    splits = [args.split] if args.split else ["dev", "test1", "test2", "test3", "test4", "test5", "test6", "all"]
    results = []
    for split in splits:
        results.append(run(split, args.errors))
        print()
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
