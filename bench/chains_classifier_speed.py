"""Throughput of the chain-node classifier on synthetic business scopes.

    cd /work/main && .venv/bin/python bench/chains_classifier_speed.py [--n 200000] [--workers 1]

Scopes are built deterministically (seed 7) by mixing items of the labelled set with ordinary
registry items (餐饮服务, 软件开发 …) — about one in four synthetic firms carries chain items,
lengths 3–14 items — so the text work resembles a real registry extract. Every scope is
unique (no de-duplication shortcut). Reports fit time, classification time, firms per second,
the extrapolation to 5,000,000 firms, and peak resident memory (ru_maxrss) of the process
(with ``--workers`` > 1, of the parent plus the largest worker).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from zhaoshang.chains.classifier import BACKGROUND_FILE, NodeClassifier  # noqa: E402

DATA = ROOT / "bench" / "data" / "chains" / "scopes.csv"
BOILER_A = "（依法须经批准的项目，经相关部门批准后方可开展经营活动，具体经营项目以审批结果为准）"
BOILER_B = "（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）"


def synthetic_scopes(n: int, seed: int = 7) -> tuple[list[str], list[str | None]]:
    """``n`` unique registry-style scopes and industry codes (a third without code)."""
    rng = random.Random(seed)
    with DATA.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    chain_items, chain_codes = [], []
    for r in rows:
        if r["node"]:
            items = [x for x in re.split(r"[；;。]", re.sub(r"（[^（）]*依法[^（）]*）", "", r["scope"])) if x.strip()]
            chain_items.append([re.sub(r"^(许可项目|一般项目)：", "", x) for x in items])
            chain_codes.append(r["industry_code"] or None)
    ordinary = [
        line.strip() for line in BACKGROUND_FILE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    other_codes = ["5610", "6513", "5430", "7010", "1713", "5191", "3130", "4710", "5212", "7281", None]
    # free-text items ("XX制品的研发、生产与销售") make most firms' scopes partly unique, as the
    # old-style (pre-规范表述) registrations are
    hanzi = "".join(chr(c) for c in range(0x4E00, 0x4E00 + 3000, 7))
    verbs = ["的研发、生产与销售", "加工", "制品销售", "技术研发", "的生产", "及配件制造", "的安装与维修"]
    scopes, codes = [], []
    for _ in range(n):
        k = rng.randint(3, 14)
        if rng.random() < 0.25:
            j = rng.randrange(len(chain_items))
            items = rng.sample(chain_items[j], min(len(chain_items[j]), rng.randint(1, 4)))
            items += rng.sample(ordinary, max(0, k - len(items)))
            code = chain_codes[j] if rng.random() < 0.67 else None
        else:
            items = rng.sample(ordinary, k)
            code = rng.choice(other_codes)
        items += [
            "".join(rng.choice(hanzi) for _ in range(rng.randint(2, 5))) + rng.choice(verbs)
            for _ in range(rng.randint(1, 2))
        ]
        rng.shuffle(items)
        scopes.append(f"许可项目：{items[0]}{BOILER_A}一般项目：" + "；".join(items[1:]) + BOILER_B)
        codes.append(code)
    return scopes, codes


_CLF: NodeClassifier | None = None


def _worker_init() -> None:
    global _CLF
    _CLF = NodeClassifier().fit()


def _worker(args: tuple[list[str], list[str | None]]) -> tuple[int, int]:
    assert _CLF is not None
    preds = _CLF.predict(args[0], args[1])
    return sum(1 for p in preds if p), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=200_000)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--batch", type=int, default=20_000)
    args = ap.parse_args()

    t0 = time.perf_counter()
    scopes, codes = synthetic_scopes(args.n)
    t_gen = time.perf_counter() - t0
    avg_len = sum(map(len, scopes)) / len(scopes)
    all_items = [x for sc in scopes for x in re.split(r"[；;]", sc)]
    distinct = len(set(all_items)) / len(all_items)

    t0 = time.perf_counter()
    clf = NodeClassifier().fit()
    t_fit = time.perf_counter() - t0

    load_before = os.getloadavg()[0]
    t0 = time.perf_counter()
    c0 = time.process_time()
    worker_rss = 0
    if args.workers <= 1:
        preds = clf.predict(scopes, codes, batch_size=args.batch)
        placed = sum(1 for p in preds if p)
    else:
        chunks = [(scopes[i:i + args.batch], codes[i:i + args.batch]) for i in range(0, args.n, args.batch)]
        with ProcessPoolExecutor(max_workers=args.workers, initializer=_worker_init) as ex:
            results = list(ex.map(_worker, chunks))
        placed = sum(r[0] for r in results)
        worker_rss = max(r[1] for r in results)
    t_pred = time.perf_counter() - t0
    cpu = time.process_time() - c0

    rate = args.n / t_pred
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"firms: {args.n:,}  avg scope length: {avg_len:.0f} chars  distinct items: {distinct:.0%} of all items"
          f"  (generation {t_gen:.1f} s)")
    print(f"fit: {t_fit:.2f} s  ({len(clf.node_codes)} placeable nodes, {len(clf._kw_list)} keywords)")
    print(f"classify: {t_pred:.1f} s with {args.workers} worker(s), batch {args.batch:,}  →  {rate:,.0f} firms/s")
    if args.workers <= 1:
        print(f"CPU time: {cpu:.1f} s  →  {args.n / cpu:,.0f} firms per CPU-second "
              f"(5,000,000 firms: {5_000_000 / (args.n / cpu) / 60:.1f} CPU-min); "
              f"load average before the run: {load_before:.1f} on {os.cpu_count()} cores")
    print(f"placed on a node: {placed:,} ({placed / args.n:.1%})")
    print(f"extrapolated to 5,000,000 firms: {5_000_000 / rate / 60:.1f} min")
    print(f"peak RSS: parent {rss_mb:,.0f} MB" + (f", worker {worker_rss / 1024:,.0f} MB" if worker_rss else ""))


if __name__ == "__main__":
    main()
