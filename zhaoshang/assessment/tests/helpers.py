"""Plain facts for the pure tests: a project is a ProjectFact, no database needed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from itertools import count

from zhaoshang.assessment.facts import (
    ActivityFact,
    CapitalFact,
    Facts,
    FlagFact,
    ProjectFact,
    TransitionFact,
    UnitFact,
)
from zhaoshang.assessment.policy import DEFAULT_CATEGORIES, DEFAULT_THRESHOLDS, Rules

CITY, HAIZHOU, LIANYUN, XUWEI, KAIFAQU, DEPT = 1, 2, 3, 8, 7, 20
UNITS = {
    CITY: UnitFact(CITY, "连云港市", "city"),
    HAIZHOU: UnitFact(HAIZHOU, "海州区", "district", 1),
    LIANYUN: UnitFact(LIANYUN, "连云区", "district", 2),
    KAIFAQU: UnitFact(KAIFAQU, "市开发区", "zone", 7),
    XUWEI: UnitFact(XUWEI, "徐圩新区", "zone", 8),
    DEPT: UnitFact(DEPT, "市商务局", "department", 101),
}
_ids = count(1)


def rules(year: int = 2026, **changes) -> Rules:
    values = {"year": year, "thresholds": dict(DEFAULT_THRESHOLDS),
              "excluded": {code: label for code, label, _ in DEFAULT_CATEGORIES}}
    values.update(changes)
    return Rules(**values)


def fact(*, unit: int = HAIZHOU, total: str = "50000", stage: str = "signed", signed: date | None = None,
         registered: date | None = None, started: date | None = None, produced: date | None = None,
         negotiated: date | None = date(2025, 6, 1), transitions: list[tuple] | None = None, **kw) -> ProjectFact:
    """A project with its evidence dates; transitions default to the forward steps the dates imply."""
    pid = kw.pop("id", next(_ids))
    if transitions is None:
        transitions, previous = [], "negotiating"
        for stage_name, day in (("signed", signed), ("registered", registered), ("under_construction", started),
                                ("in_production", produced)):
            if day is None:
                break
            transitions.append(TransitionFact(day, previous, stage_name))
            previous = stage_name
    else:
        transitions = [t if isinstance(t, TransitionFact) else TransitionFact(*t) for t in transitions]
    return ProjectFact(id=pid, code=f"T-{pid}", name=kw.pop("name", f"项目{pid}"), unit_id=unit,
                       owner_id=kw.pop("owner", unit), unit_kind=UNITS[unit].kind, stage=stage,
                       total_investment=Decimal(total), negotiation_started_on=negotiated, signed_on=signed,
                       registered_on=registered, construction_started_on=started, production_started_on=produced,
                       stage_changed_on=kw.pop("changed", None) or produced or started or registered or signed
                       or negotiated, transitions=tuple(transitions), **kw)


def facts(*projects: ProjectFact, activities: list[ActivityFact] | None = None) -> Facts:
    return Facts(projects=list(projects), activities=activities or [], units=dict(UNITS), city_id=CITY)


__all__ = ["ActivityFact", "CapitalFact", "FlagFact", "fact", "facts", "rules", "CITY", "HAIZHOU", "LIANYUN",
           "XUWEI", "KAIFAQU", "DEPT"]
