"""序时进度, red/amber/green and rankings (pure)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from zhaoshang.assessment.enums import Rag
from zhaoshang.assessment.indicators import REGISTRY, Period, time_share
from zhaoshang.assessment.progress import Cell, build_cells, rag_for, rank_cells

from .helpers import CITY, HAIZHOU, KAIFAQU, LIANYUN, XUWEI, fact, facts, rules


def test_time_share_is_days_elapsed_over_days_in_the_year():
    assert time_share(date(2026, 1, 1)) == Decimal("0.0027")  # 1/365
    assert time_share(date(2026, 12, 31)) == Decimal("1.0000")
    assert time_share(date(2026, 7, 1)) == Decimal("0.4986")  # day 182 of 365
    assert time_share(date(2028, 12, 31)) == Decimal("1.0000")  # leap year: 366/366
    assert time_share(date(2028, 2, 29)) == Decimal("0.1639")  # 60/366


def test_rag_compares_completion_with_the_time_share():
    r = rules()
    assert rag_for(Decimal("0.50"), Decimal("0.50"), r) == Rag.GREEN
    assert rag_for(Decimal("0.45"), Decimal("0.50"), r) == Rag.AMBER  # pace 0.90: the amber line
    assert rag_for(Decimal("0.4499"), Decimal("0.50"), r) == Rag.RED
    assert rag_for(None, Decimal("0.50"), r) == Rag.NONE
    strict = rules(green_at=Decimal("1.1"), amber_at=Decimal("1.0"))
    assert rag_for(Decimal("0.50"), Decimal("0.50"), strict) == Rag.AMBER


def _cell(unit, value, target):
    return Cell(unit_id=unit, indicator="x", value=Decimal(value), target=Decimal(target) if target else None,
                time_share=Decimal("0.5"), rag=Rag.NONE)


def test_ranking_is_by_completion_with_shared_places_and_unranked_units_last():
    cells = [_cell(HAIZHOU, 8, 10), _cell(LIANYUN, 4, 5), _cell(KAIFAQU, 9, 10), _cell(XUWEI, 3, None)]
    ordered = rank_cells(cells)
    assert [(c.unit_id, c.rank) for c in ordered] == [(KAIFAQU, 1), (HAIZHOU, 2), (LIANYUN, 3), (XUWEI, None)]
    tie = rank_cells([_cell(HAIZHOU, 4, 5), _cell(LIANYUN, 4, 5), _cell(KAIFAQU, 1, 5)])
    assert [c.rank for c in tie] == [1, 1, 3]


def test_districts_and_zones_are_ranked_separately_and_the_city_target_sums_the_units():
    signed = REGISTRY["signed_count"]()
    f = facts(fact(unit=HAIZHOU, signed=date(2026, 3, 1)), fact(unit=HAIZHOU, signed=date(2026, 4, 1)),
              fact(unit=LIANYUN, signed=date(2026, 3, 1)), fact(unit=XUWEI, signed=date(2026, 5, 1)))
    period = Period(2026, date(2026, 7, 1))
    values = {"signed_count": signed.compute(f, period, rules())}
    targets = {(HAIZHOU, "signed_count"): Decimal(4), (LIANYUN, "signed_count"): Decimal(4),
               (XUWEI, "signed_count"): Decimal(2), (KAIFAQU, "signed_count"): Decimal(2)}
    cells = build_cells(indicators={"signed_count": signed}, values=values, targets=targets, forecasts={},
                        units=f.units, city_id=CITY, period=period, rules=rules())
    assert cells[(HAIZHOU, "signed_count")].rank == 1 and cells[(LIANYUN, "signed_count")].rank == 2
    assert cells[(XUWEI, "signed_count")].rank == 1 and cells[(KAIFAQU, "signed_count")].rank == 2
    city = cells[(CITY, "signed_count")]
    assert (city.value, city.target, city.completion) == (Decimal(4), Decimal(12), Decimal("0.333333"))
    assert cells[(HAIZHOU, "signed_count")].rag == Rag.GREEN  # 50% done at 49.9% of the year
    assert cells[(LIANYUN, "signed_count")].rag == Rag.RED
    assert cells[(HAIZHOU, "signed_count")].monthly == [0, 0, 1, 2, 2, 2, 2]
    # 4 × 0.4986 − 1 = 0.9944 behind schedule
    assert cells[(LIANYUN, "signed_count")].gap_to_schedule == Decimal("0.9944")
