"""The firm universe at scale: import, rescoring every target, and the target list's latency.

    cd /work/main && .venv/bin/python bench/chains_universe.py \\
        --database-url postgres://postgres@127.0.0.1:5432/zs_bench_chains [--firms 5000000] [--workers 2]
    cd /work/main && .venv/bin/python bench/chains_universe.py --database-url sqlite:////tmp/zs_bench_chains.sqlite3

1. Generates the synthetic universe (``chains/synthetic.py``, seed 2026, province distributions) as a
   folder of Parquet parts under ``var/bench/`` — once; later runs reuse it (not timed with the import).
2. Re-creates the database (drops the PostgreSQL database / deletes the SQLite file), migrates, loads
   the real units, users, leader firms and the three chains.
3. Imports the folder with ``firms_import_universe`` (read → check → name keys → classify in
   ``--workers`` processes, COPY / executemany, a history row per firm; on PostgreSQL as an initial
   load: secondary indexes built once at the end) — timed.
4. Rescores every target (``targets_rescore``) — timed.
5. Target list: ``--queries`` random (node, filter) requests of the top 50, as the page asks them
   (``selectors.target_list``), and the page's explained rows (``target_rows``); p50/p95/max.
Peak memory: this process's and the largest worker's maximum resident set (ru_maxrss).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TODAY = date(2026, 11, 26)


def recreate_database(url: str) -> None:
    parsed = urlparse(url)
    if parsed.scheme.startswith("sqlite"):
        path = Path(parsed.path)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    name = parsed.path.lstrip("/")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    for sql in (f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", f"CREATE DATABASE {name}"):
        subprocess.run(["psql", admin, "-q", "-c", sql], check=True)


def rss_mb(who=resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--database-url", required=True)
    ap.add_argument("--firms", type=int, default=5_000_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--data", default=None, help="folder of the generated Parquet parts")
    ap.add_argument("--keep-database", action="store_true", help="skip steps 2–4 and only measure the list")
    ap.add_argument("--row-by-row-indexes", action="store_true",
                    help="PostgreSQL: maintain every index during the load instead of building them at the end")
    args = ap.parse_args()

    from zhaoshang.chains.synthetic import write_parquet

    data = Path(args.data or ROOT / "var" / "bench" / f"universe-{args.firms}")
    if not (data / "_done").exists():
        shutil.rmtree(data, ignore_errors=True)
        t0 = time.perf_counter()
        rows = write_parquet(data, scale="province", seed=2026, today=TODAY, total=args.firms)
        (data / "_done").write_text(str(rows))
        print(f"generated {rows:,} firms in {time.perf_counter() - t0:.0f} s → {data}")
    size = sum(p.stat().st_size for p in data.glob("*.parquet")) / 2**20
    print(f"data: {data} ({size:,.0f} MiB of Parquet)")

    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhaoshang.conf.settings")
    if not args.keep_database:
        recreate_database(args.database_url)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from zhaoshang.accounts.models import User
    from zhaoshang.chains import selectors
    from zhaoshang.chains.models import ChainNode, FirmPlacement, TargetScore
    from zhaoshang.chains.services import chains_load_reference, firms_import_universe, targets_rescore
    from zhaoshang.chains.universe import read_batches
    from zhaoshang.demo.builder import BuildReport, build_reference
    from zhaoshang.firms.models import Firm

    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}; {os.cpu_count()} cores; "
          f"load average {os.getloadavg()[0]:.1f}")
    if not args.keep_database:
        call_command("migrate", verbosity=0)
        build_reference(BuildReport())
        admin = User.objects.get(username="city_admin")
        chains_load_reference(user=admin)

        t0 = time.perf_counter()
        result = firms_import_universe(batches=read_batches(data), user=admin, workers=args.workers, today=TODAY,
                                       initial=not args.row_by_row_indexes,
                                       progress=lambda line: print("  " + line, flush=True)
                                       if "000,000 行" in line or "索引" in line else None)
        t_import = time.perf_counter() - t0
        print(f"IMPORT {result.total:,} rows: inserted {result.inserted:,}, rejected {result.rejected:,}, "
              f"placed {result.placed:,} firms in {t_import:.0f} s ({t_import / 60:.1f} min, "
              f"{result.total / t_import:,.0f} rows/s); load average {os.getloadavg()[0]:.1f}")
        print(f"  writing {result.write_seconds:.0f} s, waiting for the workers {result.wait_seconds:.0f} s")
        print(f"  peak RSS: this process {rss_mb():,.0f} MiB, largest worker {rss_mb(resource.RUSAGE_CHILDREN):,.0f} MiB")

        t0 = time.perf_counter()
        run = targets_rescore(today=TODAY, progress=lambda line: print("  " + line, flush=True))
        t_score = time.perf_counter() - t0
        print(f"RESCORE {run.targets:,} targets, {run.gaps} gaps in {t_score:.0f} s ({t_score / 60:.1f} min); "
              f"peak RSS this process {rss_mb():,.0f} MiB")

    print(f"rows: firms {Firm.objects.count():,}, placements {FirmPlacement.objects.count():,}, "
          f"target scores {TargetScore.objects.count():,}")
    user = User.objects.get(username="xuwei")
    rng = random.Random(7)
    counts = dict(TargetScore.objects.order_by().values("node_id").annotate(
        n=__import__("django.db.models", fromlist=["Count"]).Count("id")).values_list("node_id", "n"))
    nodes = list(ChainNode.objects.filter(id__in=list(counts)))
    provinces = ["江苏省", "浙江省", "上海市", "山东省", "广东省", "安徽省", "北京市", "河南省", "四川省", "广西壮族自治区"]
    filters = [{}, {}, {"province": None}, {"size": "100m-1b"}, {"flag": "high_tech"}, {"flag": "listed"},
               {"signal": "1"}, {"province": None, "size": "20m-100m"}, {"flag": "specialized", "signal": "1"}]
    list_ms, page_ms = [], []
    for _ in range(args.queries):
        node = rng.choice(nodes)
        f = {k: (rng.choice(provinces) if v is None else v) for k, v in rng.choice(filters).items()}
        t0 = time.perf_counter()
        scores = list(selectors.target_list(user=user, node=node, filters=f))
        t1 = time.perf_counter()
        selectors.target_rows(user=user, node=node, scores=scores, today=TODAY)
        t2 = time.perf_counter()
        list_ms.append((t1 - t0) * 1000)
        page_ms.append((t2 - t0) * 1000)

    def p(values, q):
        return sorted(values)[min(len(values) - 1, int(q * len(values)))]

    biggest = max(counts.values()) if counts else 0
    print(f"TARGET LIST top 50 ({args.queries} random node × filter requests; largest node {biggest:,} targets): "
          f"p50 {statistics.median(list_ms):.1f} ms, p95 {p(list_ms, 0.95):.1f} ms, max {max(list_ms):.1f} ms")
    print(f"  with the page's explained rows: p50 {statistics.median(page_ms):.1f} ms, p95 {p(page_ms, 0.95):.1f} ms, "
          f"max {max(page_ms):.1f} ms")
    print(f"peak RSS: this process {rss_mb():,.0f} MiB, largest worker {rss_mb(resource.RUSAGE_CHILDREN):,.0f} MiB")


if __name__ == "__main__":
    main()
