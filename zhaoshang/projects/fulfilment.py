"""Realisation rates (履约率): what a signed project committed against what came in.

Plain inputs and outputs so the rule is tested without a database and reused by reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class Realisation:
    years_after_signing: int
    as_of: date
    committed: Decimal
    actual: Decimal

    @property
    def rate(self) -> Decimal | None:
        """actual ÷ committed, 4 places; None when nothing was committed."""
        if not self.committed:
            return None
        return (self.actual / self.committed).quantize(Decimal("0.0001"))


def anniversary(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def capital_realisation(*, signed_on: date, committed: Decimal, entries: list[tuple[date, Decimal]],
                        today: date, years: tuple[int, ...] = (1, 2, 3)) -> list[Realisation]:
    """Capital in place by the 1st, 2nd and 3rd anniversary of signing (only anniversaries reached)."""
    out = []
    for n in years:
        as_of = anniversary(signed_on, n)
        if as_of > today:
            break
        actual = sum((a for d, a in entries if d <= as_of), Decimal(0))
        out.append(Realisation(n, as_of, committed, actual))
    return out


def is_behind(realisations: list[Realisation], *, expected: dict[int, Decimal]) -> str | None:
    """A warning when the latest reached anniversary falls short of the expected share."""
    if not realisations:
        return None
    last = realisations[-1]
    need = expected.get(last.years_after_signing)
    if need is not None and last.rate is not None and last.rate < need:
        return (f"签约满 {last.years_after_signing} 年，到位资金 {last.actual} 万元，仅为承诺的 {last.rate:.1%}"
                f"（应不低于 {need:.0%}）")
    return None


# Expected share of the committed investment in place by each anniversary (a city setting).
DEFAULT_EXPECTED = {1: Decimal("0.3"), 2: Decimal("0.6"), 3: Decimal("0.9")}
