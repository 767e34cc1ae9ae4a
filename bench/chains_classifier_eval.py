"""Accuracy of the chain-node classifier on the labelled business scopes.

    cd /work/main && .venv/bin/python bench/chains_classifier_eval.py [--errors] [--json]

Data: bench/data/chains/scopes.csv — business scopes written by the team in registry style,
each with its true node (empty = in no chain) and a split (train / test; the test split was
written after the classifier was frozen). Three settings are reported:

* ``A`` fitted on the chain data only (no labelled example), scored on train and on test;
* ``B-cv`` fitted on the chain data + 4/5 of the train split, scored on the held-out fifth (5-fold);
* ``B`` fitted on the chain data + the whole train split, scored on the test split.

Metrics on in-chain scopes: top-1 (exact node), top-1 allowing the node's ``see_also``
equivalents (the same product described in two chains, e.g. 电解液 in 石化 and 新材料),
top-3 (same allowance), top-1 on the right level-2 branch, and the share left unplaced.
On not-in-chain scopes: the false-placement rate (placed on any node).
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

from zhaoshang.chains.catalog import load_chains, node_index  # noqa: E402
from zhaoshang.chains.classifier import LabelledExample, NodeClassifier  # noqa: E402

DATA = ROOT / "bench" / "data" / "chains" / "scopes.csv"
CHAIN_NAMES = {"PC": "石化", "BP": "生物医药", "NM": "新材料", "": "非产业链"}


@dataclass(frozen=True)
class Row:
    id: str
    split: str
    node: str
    industry_code: str | None
    scope: str

    @property
    def chain(self) -> str:
        return self.node[:2] if self.node else ""


def load_rows(path: Path = DATA) -> list[Row]:
    with path.open(encoding="utf-8") as f:
        return [
            Row(r["id"], r["split"], r["node"].strip(), r["industry_code"].strip() or None, r["scope"])
            for r in csv.DictReader(f)
        ]


def _equivalents() -> dict[str, set[str]]:
    index = node_index()
    eq: dict[str, set[str]] = {}
    for code, n in index.items():
        eq.setdefault(code, {code}).update(n.see_also)
        for other in n.see_also:
            eq.setdefault(other, {other}).add(code)
    return eq


def _branch(code: str) -> str:
    """Level-2 ancestor ('PC1.2.1' → 'PC1.2'); level-1 codes stay as they are."""
    parts = code.split(".")
    return ".".join(parts[:2])


def evaluate(clf: NodeClassifier, rows: list[Row]) -> dict:
    """Metrics overall and per chain for one fitted classifier."""
    eq = _equivalents()
    preds = clf.predict([r.scope for r in rows], [r.industry_code for r in rows], top_k=3)
    groups: dict[str, list[tuple[Row, list[tuple[str, float]]]]] = defaultdict(list)
    for r, p in zip(rows, preds, strict=True):
        groups[r.chain].append((r, p))
        if r.node:
            groups["ALL"].append((r, p))
    out: dict = {}
    for key, items in groups.items():
        n = len(items)
        if key == "":
            placed = sum(1 for _, p in items if p)
            out["negatives"] = {"n": n, "false_placement": placed / n if n else 0.0}
            continue
        top1 = sum(1 for r, p in items if p and p[0][0] == r.node)
        top1_eq = sum(1 for r, p in items if p and p[0][0] in eq.get(r.node, {r.node}))
        top3 = sum(1 for r, p in items if any(c in eq.get(r.node, {r.node}) for c, _ in p))
        branch = sum(1 for r, p in items if p and (_branch(p[0][0]) == _branch(r.node)))
        unplaced = sum(1 for _, p in items if not p)
        out[key] = {
            "n": n, "top1": top1 / n, "top1_equiv": top1_eq / n, "top3": top3 / n,
            "top1_branch": branch / n, "unplaced": unplaced / n,
        }
    return out


def errors(clf: NodeClassifier, rows: list[Row]) -> list[str]:
    eq = _equivalents()
    preds = clf.predict([r.scope for r in rows], [r.industry_code for r in rows], top_k=3)
    lines = []
    for r, p in zip(rows, preds, strict=True):
        ok = (not r.node and not p) or (r.node and p and p[0][0] in eq.get(r.node, {r.node}))
        if not ok:
            lines.append(f"{r.id}\t真={r.node or '-'}\t预测={p}\t{r.scope[:70]}")
    return lines


def _examples(rows: list[Row]) -> list[LabelledExample]:
    return [LabelledExample(r.scope, r.node or None, r.industry_code) for r in rows]


def run(show_errors: bool = False) -> dict:
    chains = load_chains()
    rows = load_rows()
    train = [r for r in rows if r.split == "train"]
    test = [r for r in rows if r.split == "test"]
    results: dict = {"counts": {"train": len(train), "test": len(test),
                                "negatives": sum(1 for r in rows if not r.node)}}

    base = NodeClassifier().fit(chains)
    results["A_train"] = evaluate(base, train)
    if test:
        results["A_test"] = evaluate(base, test)

    # 5-fold CV on train: fold k = every 5th row starting at k (rows are grouped by chain)
    merged: dict = {}
    cv_errors: list[str] = []
    for k in range(5):
        held = [r for i, r in enumerate(train) if i % 5 == k]
        fit_on = [r for i, r in enumerate(train) if i % 5 != k]
        clf = NodeClassifier().fit(chains, _examples(fit_on))
        merged[k] = (clf, held)
        if show_errors:
            cv_errors.extend(errors(clf, held))
    # pool fold results by re-evaluating each fold and weighting by counts
    pooled: dict = defaultdict(lambda: defaultdict(float))
    for clf, held in merged.values():
        res = evaluate(clf, held)
        for key, metrics in res.items():
            for m, v in metrics.items():
                pooled[key][m] += v * metrics["n"] if m != "n" else v
    results["B_cv_train"] = {
        key: {m: (v / metrics["n"] if m != "n" else int(v)) for m, v in metrics.items()}
        for key, metrics in pooled.items()
    }
    if test:
        full = NodeClassifier().fit(chains, _examples(train))
        results["B_test"] = evaluate(full, test)
    if show_errors:
        results["errors_A_train"] = errors(base, train)
        results["errors_B_cv"] = cv_errors
        if test:
            results["errors_A_test"] = errors(base, test)
            results["errors_B_test"] = errors(full, test)
    return results


def _fmt(res: dict) -> str:
    lines = ["| 链 | n | top-1 | top-1 (含等价) | top-3 | 同二级环节 | 未放置 |", "|---|---|---|---|---|---|---|"]
    for key in ("PC", "BP", "NM", "ALL"):
        if key in res:
            m = res[key]
            name = "合计" if key == "ALL" else CHAIN_NAMES[key]
            lines.append(
                f"| {name} | {m['n']} | {m['top1']:.1%} | {m['top1_equiv']:.1%} | {m['top3']:.1%} | "
                f"{m['top1_branch']:.1%} | {m['unplaced']:.1%} |"
            )
    if "negatives" in res:
        neg = res["negatives"]
        lines.append(f"\n非产业链企业 n={neg['n']}：误放置率 {neg['false_placement']:.1%}")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--errors", action="store_true", help="list misclassified rows")
    ap.add_argument("--json", action="store_true", help="print raw JSON")
    args = ap.parse_args()
    res = run(show_errors=args.errors)
    if args.json:
        print(json.dumps(res, ensure_ascii=False, indent=1))
        return
    print(f"labelled scopes: {res['counts']}")
    titles = {
        "A_train": "A — chain data only, train split",
        "A_test": "A — chain data only, test split (held out)",
        "B_cv_train": "B-cv — chain data + labelled examples, 5-fold CV on train",
        "B_test": "B — chain data + whole train split, test split (held out)",
    }
    for key, title in titles.items():
        if key in res:
            print(f"\n### {title}\n{_fmt(res[key])}")
    if args.errors:
        for key in ("errors_A_train", "errors_B_cv", "errors_A_test", "errors_B_test"):
            if key in res:
                print(f"\n## {key} ({len(res[key])})")
                print("\n".join(res[key]))


if __name__ == "__main__":
    main()
