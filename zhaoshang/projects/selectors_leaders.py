"""Reads of leaders' activities and the 一把手招商 statistics, scoped by the unit tree."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Max, Q, QuerySet

from zhaoshang.accounts.enums import Role
from zhaoshang.accounts.models import User
from zhaoshang.core.errors import NotVisible
from zhaoshang.organizations.models import Unit
from zhaoshang.organizations.selectors import scope_by_unit

from .enums import LeaderActivityKind
from .models import LeaderActivity

OUTBOUND, RECEPTION = LeaderActivityKind.OUTBOUND_VISIT, LeaderActivityKind.INVESTOR_RECEPTION


def leader_activity_queryset(*, user) -> QuerySet[LeaderActivity]:
    return scope_by_unit(LeaderActivity.objects.all(), user=user)


def _unit_or_none(value) -> Unit | None:
    return Unit.objects.filter(id=int(value)).first() if str(value or "").isdigit() else None


def parse_day(value) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def leader_activity_list(*, user, filters: dict | None = None) -> QuerySet[LeaderActivity]:
    """Filters: kind, unit (and units under it), leader (the leader's name), date_from/date_to (inclusive),
    q (place, counterparts or summary). Newest first."""
    filters = filters or {}
    qs = leader_activity_queryset(user=user)
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    if filters.get("unit"):
        unit = _unit_or_none(filters["unit"])
        qs = qs.filter(unit__path__startswith=unit.path) if unit else qs.none()
    if filters.get("leader"):
        qs = qs.filter(leader_name=filters["leader"])
    if parse_day(filters.get("date_from")):
        qs = qs.filter(happened_on__gte=parse_day(filters["date_from"]))
    if parse_day(filters.get("date_to")):
        qs = qs.filter(happened_on__lte=parse_day(filters["date_to"]))
    if (filters.get("q") or "").strip():
        q = filters["q"].strip()
        qs = qs.filter(Q(place__icontains=q) | Q(counterparts__icontains=q) | Q(summary__icontains=q))
    return qs.select_related("unit", "leader", "created_by").order_by("-happened_on", "-id")


def leader_activity_get(*, user, id: int) -> LeaderActivity:
    activity = leader_activity_queryset(user=user).select_related("unit", "leader").filter(id=id).first()
    if activity is None:
        raise NotVisible()
    return activity


def leader_accounts() -> QuerySet[User]:
    """Platform accounts of role 市领导, for the activity form."""
    return User.objects.filter(is_active=True, role=Role.LEADER).order_by("full_name", "id")


def leader_names(*, user) -> list[str]:
    """The leaders' names seen in the user's scope, for the filter."""
    return list(leader_activity_queryset(user=user).order_by("leader_name").values_list("leader_name", flat=True)
                .distinct())


# ---- 一把手招商 statistics ----------------------------------------------------------------------

def period_bounds(*, period: str, today: date, date_from: date | None = None,
                  date_to: date | None = None) -> tuple[date, date]:
    """month: the 1st of this month to today; year: 1 January to today; custom: the given dates
    (inclusive; a missing start is 1 January, a missing end is today; swapped dates are put in order)."""
    if period == "month":
        return today.replace(day=1), today
    if period == "custom":
        start, end = date_from or today.replace(month=1, day=1), date_to or today
        return (start, end) if start <= end else (end, start)
    return today.replace(month=1, day=1), today


@dataclass
class LeaderRow:
    leader_name: str
    leader_title: str
    unit: Unit
    outbound: int = 0
    reception: int = 0
    projects: int = 0
    is_account: bool = False

    @property
    def total(self) -> int:
        return self.outbound + self.reception


@dataclass
class UnitRow:
    unit: Unit
    outbound: int = 0
    reception: int = 0
    leaders: set[str] = field(default_factory=set)
    project_ids: set[int] = field(default_factory=set)

    @property
    def total(self) -> int:
        return self.outbound + self.reception

    @property
    def leader_count(self) -> int:
        return len(self.leaders)

    @property
    def projects(self) -> int:
        return len(self.project_ids)


def leader_activity_stats(*, user, date_from: date, date_to: date, unit: Unit | None = None) -> dict:
    """Outbound visits and receptions per leader and per unit between two dates (inclusive).

    Units roll up one level below the unit looked at (the user's own, or ``unit``): the city sees
    each 县区/板块/部门 with its parks inside; a district sees itself and each of its parks. Linked
    projects are counted once per leader and once per unit, however many activities name them.
    """
    qs = leader_activity_queryset(user=user).filter(happened_on__gte=date_from, happened_on__lte=date_to)
    base = unit or user.unit
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    grouped = (qs.values("unit_id", "leader_id", "leader_name")
               .annotate(outbound=Count("id", filter=Q(kind=OUTBOUND), distinct=True),
                         reception=Count("id", filter=Q(kind=RECEPTION), distinct=True),
                         projects=Count("projects", distinct=True), title=Max("leader_title"))
               .order_by())
    per_leader = list(grouped)
    links = set(qs.filter(projects__isnull=False).values_list("unit_id", "projects").distinct().order_by())
    units = {u.pk: u for u in Unit.objects.filter(pk__in={r["unit_id"] for r in per_leader} | {base.pk})}
    ancestors = _rollup_targets(units.values(), base=base)

    by_leader = sorted(
        (LeaderRow(leader_name=r["leader_name"], leader_title=r["title"] or "", unit=units[r["unit_id"]],
                   outbound=r["outbound"], reception=r["reception"], projects=r["projects"],
                   is_account=r["leader_id"] is not None) for r in per_leader),
        key=lambda row: (-row.total, -row.outbound, row.unit.path, row.leader_name))
    by_unit: dict[int, UnitRow] = {}
    for r in per_leader:
        target = ancestors[r["unit_id"]]
        row = by_unit.setdefault(target.pk, UnitRow(unit=target))
        row.outbound += r["outbound"]
        row.reception += r["reception"]
        row.leaders.add(r["leader_name"])
    for unit_id, project_id in links:
        by_unit[ancestors[unit_id].pk].project_ids.add(project_id)
    unit_rows = sorted(by_unit.values(), key=lambda row: (-row.total, row.unit.path))
    return {
        "by_leader": by_leader, "by_unit": unit_rows,
        "outbound": sum(r.outbound for r in unit_rows), "reception": sum(r.reception for r in unit_rows),
        "projects": len({p for _, p in links}), "date_from": date_from, "date_to": date_to,
    }


def _rollup_targets(units, *, base: Unit) -> dict[int, Unit]:
    """Each unit → the unit one level below ``base`` that contains it (``base`` itself stays ``base``)."""
    ids_by_path = {}
    for u in units:
        ids = [int(x) for x in u.path.strip("/").split("/")]
        ids_by_path[u.pk] = ids[min(base.depth + 1, len(ids) - 1)] if u.is_within(base) else u.pk
    wanted = set(ids_by_path.values())
    known = {u.pk: u for u in units}
    missing = wanted - set(known)
    known.update({u.pk: u for u in Unit.objects.filter(pk__in=missing)})
    return {uid: known[target] for uid, target in ids_by_path.items()}


def leader_stats_chart(stats: dict, *, top: int = 15) -> dict:
    """The series ECharts draws: a stacked bar per unit and per leader (the busiest ``top``)."""
    leaders = stats["by_leader"][:top]
    return {
        "units": [r.unit.display_name for r in stats["by_unit"]],
        "unit_outbound": [r.outbound for r in stats["by_unit"]],
        "unit_reception": [r.reception for r in stats["by_unit"]],
        "leaders": [f"{r.leader_name}（{r.unit.display_name}）" for r in leaders],
        "leader_outbound": [r.outbound for r in leaders],
        "leader_reception": [r.reception for r in leaders],
    }
