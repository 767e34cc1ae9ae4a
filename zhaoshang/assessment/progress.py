"""Progress against targets and against 序时进度, red/amber/green, and rankings (pure).

序时进度 = days elapsed in the year (inclusive of the as-of day) ÷ days in the year. A unit's
completion = actual ÷ target; its pace = completion ÷ 序时进度. Green when the pace reaches the
policy's ``green_at`` (default 1: on schedule), amber from ``amber_at`` (default 0.9), red below.
Districts/counties and functional zones are ranked separately, by completion; units without a
target for the indicator are shown but not ranked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .enums import Rag
from .facts import UnitFact
from .forecast import ForecastValue
from .indicators import Indicator, IndicatorValue, Period
from .policy import Rules

Q4 = Decimal("0.0001")
Q6 = Decimal("0.000001")  # ratios: enough places that one-decimal percentages never round twice


def rag_for(completion: Decimal | None, time_share: Decimal, rules: Rules) -> str:
    if completion is None:
        return Rag.NONE
    if time_share <= 0:
        return Rag.GREEN
    pace = completion / time_share
    if pace >= rules.green_at:
        return Rag.GREEN
    if pace >= rules.amber_at:
        return Rag.AMBER
    return Rag.RED


@dataclass
class Cell:
    """One unit's figure for one indicator on the board's date."""

    unit_id: int
    indicator: str
    value: Decimal
    target: Decimal | None
    time_share: Decimal
    rag: str
    monthly: list[Decimal] = field(default_factory=list)
    forecast: ForecastValue | None = None
    rank: int | None = None

    @property
    def completion(self) -> Decimal | None:
        if not self.target:
            return None
        return (self.value / self.target).quantize(Q6)

    @property
    def pace(self) -> Decimal | None:
        c = self.completion
        return None if c is None or not self.time_share else (c / self.time_share).quantize(Q6)

    @property
    def gap_to_schedule(self) -> Decimal | None:
        """How far behind 序时进度 in the indicator's own unit (negative: ahead)."""
        if not self.target:
            return None
        return (self.target * self.time_share - self.value).quantize(Q4)

    @property
    def forecast_completion(self) -> Decimal | None:
        if not self.target or self.forecast is None:
            return None
        return (self.forecast.mean / self.target).quantize(Q6)


def make_cell(*, unit_id: int, code: str, value: Decimal, target: Decimal | None, monthly: list[Decimal],
              forecast: ForecastValue | None, period: Period, rules: Rules) -> Cell:
    ts = period.time_share
    completion = (value / target) if target else None
    return Cell(unit_id=unit_id, indicator=code, value=value, target=target, time_share=ts,
                rag=rag_for(completion, ts, rules), monthly=monthly, forecast=forecast)


def rank_cells(cells: list[Cell]) -> list[Cell]:
    """Competition ranking (1, 2, 2, 4) by completion, then by value; cells without a target last, unranked."""
    ranked = sorted((c for c in cells if c.completion is not None),
                    key=lambda c: (-c.completion, -c.value, c.unit_id))
    previous, rank = None, 0
    for i, c in enumerate(ranked, start=1):
        key = (c.completion, c.value)
        if key != previous:
            rank, previous = i, key
        c.rank = rank
    rest = [c for c in cells if c.completion is None]
    for c in rest:
        c.rank = None
    return ranked + sorted(rest, key=lambda c: (-c.value, c.unit_id))


def build_cells(*, indicators: dict[str, Indicator], values: dict[str, IndicatorValue],
                targets: dict[tuple[int, str], Decimal], forecasts: dict[str, dict[int | None, ForecastValue]],
                units: dict[int, UnitFact], city_id: int, period: Period, rules: Rules) -> dict[tuple[int, str], Cell]:
    """Every (unit, indicator) cell: assessed units and the city (whose target is its own, or the units' sum)."""
    cells: dict[tuple[int, str], Cell] = {}
    for code in indicators:
        value = values[code]
        by_unit = value.by_unit()
        for unit_id in units:
            if unit_id == city_id:
                continue
            cells[(unit_id, code)] = make_cell(
                unit_id=unit_id, code=code, value=by_unit.get(unit_id, Decimal(0)), target=targets.get((unit_id, code)),
                monthly=value.monthly(unit_id), forecast=forecasts.get(code, {}).get(unit_id), period=period, rules=rules)
        own = targets.get((city_id, code))
        parts = [t for (u, c), t in targets.items() if c == code and u != city_id and u in units]
        city_target = own if own is not None else (sum(parts, Decimal(0)) if parts else None)
        cells[(city_id, code)] = make_cell(unit_id=city_id, code=code, value=value.total, target=city_target,
                                           monthly=value.monthly(None), forecast=forecasts.get(code, {}).get(None),
                                           period=period, rules=rules)
    for code in indicators:
        for kind in ("district", "zone"):
            rank_cells([cells[(u.id, code)] for u in units.values() if u.kind == kind])
    return cells


@dataclass
class Board:
    """Everything the cockpit and the briefings show for one date, computed by one function."""

    as_of: date
    year: int
    time_share: Decimal
    indicators: dict[str, Indicator]
    units: dict[int, UnitFact]
    city_id: int
    cells: dict[tuple[int, str], Cell]
    extra: dict = field(default_factory=dict)  # funnel, major projects, stalled, overdue requests…
    computed_at: object = None
    forecast_on: date | None = None
    stale: bool = False  # shown from the last snapshot while a recount runs (the cockpit only)

    def cell(self, unit_id: int, code: str) -> Cell:
        return self.cells[(unit_id, code)]

    def city(self, code: str) -> Cell:
        return self.cells[(self.city_id, code)]

    def group(self, code: str, kind: str) -> list[Cell]:
        """The units of one group for one indicator, in rank order (unranked last)."""
        cells = [self.cells[(u.id, code)] for u in self.units.values() if u.kind == kind]
        ranked = sorted((c for c in cells if c.rank is not None), key=lambda c: (c.rank, c.unit_id))
        rest = sorted((c for c in cells if c.rank is None), key=lambda c: (-c.value, c.unit_id))
        return ranked + rest

    def unit_name(self, unit_id: int) -> str:
        u = self.units.get(unit_id)
        return u.name if u else str(unit_id)
