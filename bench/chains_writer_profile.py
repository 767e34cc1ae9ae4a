"""Where the firm-universe import spends its database time: seconds per SQL statement kind.

    cd /work/main && .venv/bin/python bench/chains_writer_profile.py --firms 1000000 \\
        --database-url postgres://postgres@127.0.0.1:5432/zs_prof

Re-creates the database, loads the reference (units, users, leaders, chains), imports ``--firms``
synthetic firms (the Parquet parts of ``bench/chains_universe.py``, generated once) as an initial
load, and sums the time of every statement by its first words. COPY runs on psycopg's own cursor
and is not in the sums (it is in the total). Used to find the quadratic writer (docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
TODAY = date(2026, 11, 26)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--database-url", required=True)
    ap.add_argument("--firms", type=int, default=1_000_000)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()

    from chains_universe import recreate_database

    from zhaoshang.chains.synthetic import write_parquet

    data = ROOT / "var" / "bench" / f"universe-{args.firms}"
    if not (data / "_done").exists():
        rows = write_parquet(data, scale="province", seed=2026, today=TODAY, total=args.firms)
        (data / "_done").write_text(str(rows))
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhaoshang.conf.settings")
    recreate_database(args.database_url)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from zhaoshang.accounts.models import User
    from zhaoshang.chains.services import chains_load_reference, firms_import_universe
    from zhaoshang.chains.universe import read_batches
    from zhaoshang.demo.builder import BuildReport, build_reference

    call_command("migrate", verbosity=0)
    build_reference(BuildReport())
    admin = User.objects.get(username="city_admin")
    chains_load_reference(user=admin)

    seconds: dict[str, float] = defaultdict(float)
    calls: dict[str, int] = defaultdict(int)

    def timer(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            head = " ".join(str(sql).split()[:4])[:60]
            seconds[head] += time.perf_counter() - started
            calls[head] += 1

    with connection.execute_wrapper(timer):
        started = time.perf_counter()
        result = firms_import_universe(batches=read_batches(data), user=admin, workers=args.workers, today=TODAY,
                                       initial=True)
        total = time.perf_counter() - started
    print(f"import of {result.total:,} rows: {total:.1f} s, writing {result.write_seconds:.1f} s")
    for head, s in sorted(seconds.items(), key=lambda kv: -kv[1])[:15]:
        print(f"{s:8.1f} s {calls[head]:6d}  {head}")


if __name__ == "__main__":
    main()
