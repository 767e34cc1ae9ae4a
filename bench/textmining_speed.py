"""Lead-mining speed: documents per second on one core for 1,000-character documents, and the
start-up time of the `zhaoshang extract` command.

    .venv/bin/python bench/textmining_speed.py            # 1,000 documents, 5 start-up runs
    .venv/bin/python bench/textmining_speed.py --docs 300 --startup-runs 3

Documents: the labelled set's texts (simplified, traditional, pinyin-annotated, HTML, several
encodings), each cut or repeated to 1,000 characters and fed as raw bytes, so decoding,
normalisation and extraction are all timed. One process, one thread (OMP/BLAS threads pinned to 1).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DOCS = ROOT / "bench" / "data" / "textmining" / "docs"


def corpus(n: int, size: int = 1000) -> list[bytes]:
    """n raw documents of about ``size`` characters, cycling through the labelled set."""
    from zhaoshang.textmining.normalize import decode_bytes

    out: list[bytes] = []
    files = sorted(DOCS.iterdir())
    i = 0
    while len(out) < n:
        path = files[i % len(files)]
        i += 1
        decoded = decode_bytes(path.read_bytes())
        text = decoded.text
        while len(text) < size:
            text = text + "\n" + text
        encoding = decoded.encoding or "utf-8"
        encoding = {"utf-8-bom": "utf-8-sig", "big5": "cp950"}.get(encoding, encoding)
        out.append(text[:size].encode(encoding, errors="ignore"))
    return out


def throughput(n: int) -> dict[str, float]:
    from zhaoshang.textmining.extract import extract_document

    docs = corpus(n)
    extract_document(docs[0], doc="warm-up")  # loads jieba and the regexes once
    start = time.process_time()
    wall = time.perf_counter()
    for k, data in enumerate(docs):
        extract_document(data, doc=str(k))
    cpu = time.process_time() - start
    wall = time.perf_counter() - wall
    return {
        "documents": n,
        "cpu_seconds": cpu,
        "wall_seconds": wall,
        "docs_per_cpu_second": n / cpu,
        "docs_per_wall_second": n / wall,
    }


def startup(runs: int) -> dict[str, float]:
    """Wall time of `python -m zhaoshang extract FILE` on one small document (warm file cache)."""
    sample = DOCS / "d01.txt"
    cmd = [sys.executable, "-m", "zhaoshang", "extract", str(sample)]
    times = []
    cpu = []
    subprocess.run(cmd, cwd=ROOT, capture_output=True, check=True)  # warm the OS file cache
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, capture_output=True, check=True)
        times.append(time.perf_counter() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    direct = [sys.executable, "-m", "zhaoshang.textmining.cli", str(sample)]
    t = time.perf_counter()
    subprocess.run(direct, cwd=ROOT, capture_output=True, check=True)
    return {
        "runs": runs,
        "median_seconds": statistics.median(times),
        "max_seconds": max(times),
        "median_cpu_seconds": statistics.median(cpu),
        "without_django_seconds": time.perf_counter() - t,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--startup-runs", type=int, default=5)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    t = throughput(args.docs)
    print(
        f"throughput: {t['documents']} docs of 1,000 chars in {t['cpu_seconds']:.2f} s CPU "
        f"({t['wall_seconds']:.2f} s wall) → {t['docs_per_cpu_second']:.0f} docs/s per CPU second, "
        f"{t['docs_per_wall_second']:.0f} docs/s wall"
    )
    s = startup(args.startup_runs)
    print(
        f"start-up: `zhaoshang extract FILE` median {s['median_seconds']:.2f} s wall ({s['median_cpu_seconds']:.2f} s CPU), "
        f"max {s['max_seconds']:.2f} s over {s['runs']} runs; without Django (python -m zhaoshang.textmining.cli) "
        f"{s['without_django_seconds']:.2f} s wall"
    )
    print(f"load average during the run: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
