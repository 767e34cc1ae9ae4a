"""The board: every figure the cockpit and the briefings show for one date, from one function.

``compute_board`` counts the indicators (restated from today's records up to ``as_of``), adds the
targets, the 序时进度, red/amber/green, rankings and the year-end forecasts, and the pipeline
extras (funnel, major projects by stage, stalled projects, overdue factor requests). The
services store the result as ``IndicatorSnapshot`` rows; the cockpit and the briefing generator
both read it through ``services.board_for(as_of=…)``, so the same date gives the same numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from .facts import FORWARD, Facts
from .forecast import DEFAULT_SIMS, ForecastValue, forecast
from .indicators import Indicator, IndicatorValue, Period, compute_all
from .policy import Rules
from .progress import Board, build_cells

STAGE_LABELS = {"negotiating": "洽谈", "signed": "签约", "registered": "注册落地", "under_construction": "开工",
                "in_production": "投产", "on_hold": "暂缓", "dropped": "终止"}
MAJOR_LIST = 12

Remainders = dict[str, dict[str, list[str]]]  # code → unit id ("city") → [mean, low, high] of the remainder


def _key(unit_id: int | None) -> str:
    return "city" if unit_id is None else str(unit_id)


def forecast_remainders(*, facts: Facts, indicators: dict[str, Indicator], period: Period, rules: Rules,
                        rules_for: Callable[[int], Rules], units: list[int], sims: int = DEFAULT_SIMS,
                        today: date | None = None, values: dict[str, IndicatorValue] | None = None) -> Remainders:
    """What is still to come by 31 December (forecast minus the value known on the date), per unit.

    For today, today's records are what is known (and ``values`` computed from them are reused);
    for an earlier date the records are replayed to that day first.
    """
    if today is not None and period.end >= today and values is not None:
        known = facts
    else:
        known = facts.as_known_on(period.end)
        values = compute_all(indicators, known, period, rules)
    previous = compute_all(indicators, known, Period(period.year - 1, date(period.year - 1, 12, 31)),
                           rules_for(period.year - 1))
    fc = forecast(known, indicators=indicators, values=values, previous=previous, period=period, rules=rules,
                  units=units, sims=sims)
    out: Remainders = {}
    for code, per_unit in fc.items():
        by_unit = values[code].by_unit()
        out[code] = {}
        for unit, f in per_unit.items():
            actual = values[code].total if unit is None else by_unit.get(unit, Decimal(0))
            out[code][_key(unit)] = [str(f.mean - actual), str(f.low - actual), str(f.high - actual)]
    return out


def forecasts_from(remainders: Remainders, values: dict[str, IndicatorValue]) -> dict[str, dict[int | None, ForecastValue]]:
    out: dict[str, dict[int | None, ForecastValue]] = {}
    for code, per_unit in remainders.items():
        if code not in values:
            continue
        by_unit = values[code].by_unit()
        out[code] = {}
        for key, (mean, low, high) in per_unit.items():
            unit = None if key == "city" else int(key)
            actual = values[code].total if unit is None else by_unit.get(unit, Decimal(0))
            out[code][unit] = ForecastValue(mean=actual + Decimal(mean), low=actual + Decimal(low),
                                            high=actual + Decimal(high))
    return out


def funnel(facts: Facts, *, as_of: date, today: date) -> list[dict]:
    """Projects and total investment per stage on the date (replayed from the stage history if in the past)."""
    at = facts if as_of >= today else facts.as_known_on(as_of)
    counts = {s: [0, Decimal(0)] for s in STAGE_LABELS}
    for p in at.projects:
        if p.stage in counts:
            counts[p.stage][0] += 1
            counts[p.stage][1] += p.total_investment
    return [{"stage": s, "label": STAGE_LABELS[s], "count": n, "total": str(t)} for s, (n, t) in counts.items()]


def major_projects(facts: Facts, *, as_of: date, today: date, rules: Rules, units: dict) -> dict:
    """Major projects (≥ the policy's threshold) per stage on the date, and the largest ones to list."""
    at = facts if as_of >= today else facts.as_known_on(as_of)
    major = [p for p in at.projects if p.total_investment >= rules.major_min_investment and p.stage in FORWARD]
    by_stage = {s: {"count": 0, "total": Decimal(0)} for s in FORWARD}
    for p in major:
        by_stage[p.stage]["count"] += 1
        by_stage[p.stage]["total"] += p.total_investment
    top = sorted(major, key=lambda p: (-p.total_investment, p.id))[:MAJOR_LIST]
    return {
        "threshold": str(rules.major_min_investment),
        "by_stage": [{"stage": s, "label": STAGE_LABELS[s], "count": v["count"], "total": str(v["total"])}
                     for s, v in by_stage.items()],
        "top": [{"id": p.id, "name": p.name, "unit": units[p.owner_id].name if p.owner_id in units else "",
                 "stage": p.stage, "stage_label": STAGE_LABELS.get(p.stage, p.stage),
                 "total": str(p.total_investment)} for p in top],
    }


def compute_board(*, as_of: date, today: date, facts: Facts, indicators: dict[str, Indicator], rules: Rules,
                  rules_for: Callable[[int], Rules], targets: dict[tuple[int, str], Decimal],
                  remainders: Remainders | None, extra: dict | None = None,
                  sims: int = DEFAULT_SIMS) -> tuple[Board, Remainders]:
    period = Period(as_of.year, as_of)
    values = compute_all(indicators, facts, period, rules)
    unit_ids = [u for u in facts.units if u != facts.city_id]
    if remainders is None:
        remainders = forecast_remainders(facts=facts, indicators=indicators, period=period, rules=rules,
                                         rules_for=rules_for, units=unit_ids, sims=sims, today=today, values=values)
    forecasts = forecasts_from(remainders, values)
    cells = build_cells(indicators=indicators, values=values, targets=targets, forecasts=forecasts,
                        units=facts.units, city_id=facts.city_id, period=period, rules=rules)
    board = Board(as_of=as_of, year=as_of.year, time_share=period.time_share, indicators=indicators,
                  units=facts.units, city_id=facts.city_id, cells=cells, extra=dict(extra or {}))
    board.extra["funnel"] = funnel(facts, as_of=as_of, today=today)
    board.extra["major"] = major_projects(facts, as_of=as_of, today=today, rules=rules, units=facts.units)
    return board, remainders
