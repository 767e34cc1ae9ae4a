"""Plain facts the indicators count, loaded in bulk by ``selectors.facts_load`` (no ORM here).

Everything an indicator needs about a project is on its ``ProjectFact``: the evidence dates, the
amounts, the dated capital entries, the stage history, the unit shares and the city's flags.
``Facts.as_known_on(day)`` replays the stage history to give the pipeline as it stood on an
earlier day — what the forecast back-test uses, so it sees only what was known then.

Facts are read-only by convention: the dataclasses are not ``frozen`` because building tens of
thousands of frozen instances took a third of the cockpit's cold start.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

STAGE_DATE_FIELDS = {"signed": "signed_on", "registered": "registered_on",
                     "under_construction": "construction_started_on", "in_production": "production_started_on"}
FORWARD = ["negotiating", "signed", "registered", "under_construction", "in_production"]
_UNSET = object()
_ONE = Decimal(1)


@dataclass(slots=True)
class FlagFact:
    category: str  # ExclusionCategory.code
    label: str
    reason: str
    duplicate_of: int | None = None


@dataclass(slots=True)
class CapitalFact:
    on: date
    amount: Decimal  # 万元
    foreign_usd: Decimal | None = None  # 万美元


@dataclass(slots=True)
class TransitionFact:
    on: date
    from_stage: str
    to_stage: str
    backward: bool = False


@dataclass(slots=True)
class ProjectFact:
    id: int
    code: str
    name: str
    unit_id: int  # the owning unit, as recorded
    owner_id: int  # the assessed unit it rolls up to (县区, 功能板块, 部门 or the city)
    unit_kind: str  # that unit's kind: the recognition threshold to apply
    stage: str
    total_investment: Decimal
    chain: str = ""
    kind: str = "new"
    contracted_amount: Decimal | None = None
    foreign_investment_usd: Decimal | None = None
    negotiation_started_on: date | None = None
    signed_on: date | None = None
    registered_on: date | None = None
    construction_started_on: date | None = None
    production_started_on: date | None = None
    stage_changed_on: date | None = None
    shares: tuple[tuple[int, Decimal], ...] = ()  # (assessed unit id, share); empty: 100% owner
    outside_share: Decimal | None = None  # None: the policy default
    flags: tuple[FlagFact, ...] = ()
    capital: tuple[CapitalFact, ...] = ()
    transitions: tuple[TransitionFact, ...] = ()
    _first_signed: object = field(default=_UNSET, init=False, repr=False, compare=False)

    @property
    def unit_shares(self) -> tuple[tuple[int, Decimal], ...]:
        return self.shares or ((self.owner_id, _ONE),)

    @property
    def first_signed_on(self) -> date | None:
        """The first time the project entered 签约 (the count-once date); the evidence date if no history."""
        value = self._first_signed
        if value is _UNSET:
            days = [t.on for t in self.transitions if t.to_stage == "signed" and not t.backward]
            value = self._first_signed = min(days) if days else self.signed_on
        return value  # type: ignore[return-value]

    @property
    def committed(self) -> Decimal:
        return self.contracted_amount if self.contracted_amount else self.total_investment

    def reached(self, stage: str) -> bool:
        """True while the project stands at ``stage`` or beyond it on the forward path (its date kept)."""
        field_name = STAGE_DATE_FIELDS.get(stage)
        return bool(field_name and getattr(self, field_name))

    def as_known_on(self, day: date) -> ProjectFact | None:
        """The project as it stood on ``day``: later stage moves undone, later capital dropped."""
        start = self.negotiation_started_on
        if start is None or start > day:
            return None
        stage, dates = "negotiating", dict.fromkeys(STAGE_DATE_FIELDS.values())
        changed = start
        history = [t for t in self.transitions if t.on <= day]
        if not self.transitions:  # no recorded history (imported): trust the evidence dates
            for s, f in STAGE_DATE_FIELDS.items():
                d = getattr(self, f)
                if d and d <= day:
                    stage, dates[f], changed = s, d, d
        for t in history:
            if t.to_stage in STAGE_DATE_FIELDS and not t.backward:
                dates[STAGE_DATE_FIELDS[t.to_stage]] = t.on
            if t.backward and t.from_stage in STAGE_DATE_FIELDS:
                dates[STAGE_DATE_FIELDS[t.from_stage]] = None
            stage, changed = t.to_stage, t.on
        return replace(self, stage=stage, stage_changed_on=changed, transitions=tuple(history),
                       capital=tuple(c for c in self.capital if c.on <= day), **dates)


@dataclass(slots=True)
class ActivityFact:
    """A leader's activity (外出招商 / 接待客商) rolled up to its assessed unit."""

    id: int
    owner_id: int
    kind: str
    on: date
    leader_name: str = ""


@dataclass(slots=True)
class UnitFact:
    id: int
    name: str
    kind: str  # city, district, zone, department
    sort_order: int = 0


@dataclass
class Facts:
    projects: list[ProjectFact]
    activities: list[ActivityFact]
    units: dict[int, UnitFact]  # the assessed units and the city
    city_id: int
    known_on: date | None = None  # set when replayed to an earlier day
    _by_id: dict[int, ProjectFact] = field(default_factory=dict, repr=False)

    def project(self, id: int) -> ProjectFact | None:
        if not self._by_id:
            self._by_id = {p.id: p for p in self.projects}
        return self._by_id.get(id)

    def as_known_on(self, day: date) -> Facts:
        projects = [q for p in self.projects if (q := p.as_known_on(day)) is not None]
        return Facts(projects=projects, activities=[a for a in self.activities if a.on <= day], units=self.units,
                     city_id=self.city_id, known_on=day)

    def ranked_units(self, kind: str) -> list[UnitFact]:
        return sorted((u for u in self.units.values() if u.kind == kind), key=lambda u: (u.sort_order, u.id))
