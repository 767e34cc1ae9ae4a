"""Time the demo generator at a scale, on a fresh database, and report rows and peak memory.

    .venv/bin/python bench/demo_load.py --scale province --database-url postgres://postgres@127.0.0.1:5432/zs_bench
    .venv/bin/python bench/demo_load.py --scale city      # SQLite file in a temp dir

The PostgreSQL database named in the URL is dropped and re-created first.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from urllib.parse import urlparse


def fresh_postgres(url: str) -> None:
    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    import psycopg

    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", default="city", choices=["demo", "city", "province"])
    parser.add_argument("--database-url", default="")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    url = args.database_url
    if url.startswith("postgres"):
        fresh_postgres(url)
    else:
        url = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    env = {**os.environ, "DATABASE_URL": url}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "zhaoshang", "demo", "--load-only", "--scale", args.scale,
                    "--seed", str(args.seed)], env=env, check=True)
    elapsed = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"scale={args.scale} database={url.split(':')[0]} seconds={elapsed:.1f} peak_rss_mib={peak_mib:.0f}")


if __name__ == "__main__":
    main()
