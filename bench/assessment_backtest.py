"""Back-test of the year-end forecasts on the demo data: forecast from the records as known on a past date,
compare with what the year actually ended at.

    DATABASE_URL=sqlite:////tmp/demo.sqlite3 .venv/bin/python bench/assessment_backtest.py [--sims 1000]

Cut dates: 31 March, 30 June, 30 September and today's day-and-month, of each of the two previous
years, keeping those with at least a year of history behind them (the demo's history starts on
1 January two years back, assessment/demo.py, so with the defaults only last year's four dates). Prints one row per
indicator and cut date, then per indicator the mean absolute percentage error and how often the
actual fell inside the P10–P90 interval.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import defaultdict
from datetime import date

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhaoshang.conf.settings")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sims", type=int, default=1000)
    parser.add_argument("--years", default="", help="comma-separated, default the two previous years")
    args = parser.parse_args()
    sys.argv = sys.argv[:1]
    import django

    django.setup()
    from django.utils import timezone

    from zhaoshang.assessment import selectors
    from zhaoshang.assessment.forecast import backtest
    from zhaoshang.assessment.indicators import CORE_CODES

    today = timezone.localdate()
    years = [int(y) for y in args.years.split(",")] if args.years else [today.year - 2, today.year - 1]
    facts = selectors.facts_load()
    # A forecast needs a year of history behind it (rates of new projects and of each stage): cut dates
    # earlier than a year after the first project are skipped.
    first = min(p.negotiation_started_on for p in facts.projects if p.negotiation_started_on)
    cuts = [c for c in (date(y, m, d) for y in years for m, d in ((3, 31), (6, 30), (9, 30), (today.month, today.day)))
            if (c - first).days >= 365]
    indicators = {c: i for c, i in selectors.indicator_catalog().items() if c in CORE_CODES or c == "signed_ge_10yi"}
    started = time.perf_counter()
    rows = backtest(facts, indicators=indicators, rules_for=selectors.rules_for, cut_dates=cuts, sims=args.sims)
    print(f"projects: {len(facts.projects):,}; cut dates: {len(cuts)}; sims: {args.sims}; "
          f"{time.perf_counter() - started:.1f} s\n")
    print("| indicator | cut date | known then | forecast (P10–P90) | actual year end | error | inside |")
    print("|---|---|---|---|---|---|---|")
    summary = defaultdict(list)
    for r in rows:
        ind = indicators[r.indicator]
        err = r.relative_error
        summary[r.indicator].append((abs(err) if err is not None else None, r.inside))
        print(f"| {r.label} | {r.as_of:%Y-%m-%d} | {ind.format(r.actual_then)} | {ind.format(r.forecast.mean)} "
              f"({ind.format(r.forecast.low)}–{ind.format(r.forecast.high)}) | {ind.format(r.actual)} | "
              f"{'—' if err is None else f'{err * 100:+.1f}%'} | {'yes' if r.inside else 'no'} |")
    print("\n| indicator | MAPE | inside P10–P90 |")
    print("|---|---|---|")
    for code, items in summary.items():
        errors = [e for e, _ in items if e is not None]
        mape = sum(errors) / len(errors) * 100 if errors else None
        inside = sum(1 for _, ok in items if ok)
        print(f"| {indicators[code].label} | {'—' if mape is None else f'{mape:.1f}%'} | {inside}/{len(items)} |")


if __name__ == "__main__":
    main()
