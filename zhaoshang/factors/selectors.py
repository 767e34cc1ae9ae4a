"""Reads of factor guarantees, always scoped.

Who sees which request:
  city admin and leaders — every request;
  department officers   — the requests routed to their department, and nothing else;
  everyone else         — the requests of the projects they may see (projects.selectors).
Sites on offer and the department record are open to every business user: sites are offered
city-wide, and the record is a ranking published to all (counts only, no project details).
"""

from __future__ import annotations

import calendar as _calendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import BooleanField, Case, Count, Q, QuerySet, Value, When

from zhaoshang.core.errors import NotVisible
from zhaoshang.organizations.enums import UnitKind
from zhaoshang.organizations.models import Unit
from zhaoshang.organizations.selectors import visible_unit_ids
from zhaoshang.projects.models import Project
from zhaoshang.projects.selectors import project_queryset

from .enums import CLOCK_RUNNING, OPEN_STATUSES, FactorKind, RequestStatus, SiteKind, SiteStatus
from .filters import FactorRequestFilter, SiteFilter
from .matching import SiteCandidate, SiteMatch, SiteNeed, rank_sites
from .models import Attachment, CalendarDay, FactorRequest, JointReview, RoutingRule, Site
from .workdays import WorkCalendar


def work_calendar() -> WorkCalendar:
    """Monday–Friday with the city's holiday adjustments (a few dozen rows a year)."""
    holidays: set[date] = set()
    workdays: set[date] = set()
    for day, is_working in CalendarDay.objects.values_list("day", "is_working_day"):
        (workdays if is_working else holidays).add(day)
    return WorkCalendar(holidays=frozenset(holidays), extra_workdays=frozenset(workdays))


# ---------------------------------------------------------------- requests

REQUEST_SORTS = {"code": "code", "submitted_on": "submitted_on", "due_on": "due_on", "needed_by": "needed_by",
                 "status": "status", "kind": "kind", "urgency": "urgency", "department": "department__path",
                 "project": "project__name"}


def factor_request_queryset(*, user) -> QuerySet[FactorRequest]:
    if not user.is_authenticated or not user.sees_business_data:
        return FactorRequest.objects.none()
    if user.is_city_level:
        return FactorRequest.objects.all()
    if user.handles_factor_requests:
        return FactorRequest.objects.filter(department_id__in=visible_unit_ids(user=user))
    return FactorRequest.objects.filter(project__in=project_queryset(user=user))


def _with_overdue(qs: QuerySet[FactorRequest], today: date) -> QuerySet[FactorRequest]:
    return qs.annotate(overdue=Case(When(status__in=CLOCK_RUNNING, due_on__lt=today, then=Value(True)),
                                    default=Value(False), output_field=BooleanField()))


def factor_request_list(*, user, filters: dict | None = None, sort: str | None = None,
                        today: date) -> QuerySet[FactorRequest]:
    qs = factor_request_queryset(user=user).select_related("project__unit", "department", "raised_by")
    qs = _with_overdue(FactorRequestFilter(filters or {}, queryset=qs).qs, today)
    key = (sort or "").lstrip("-")
    if key in REQUEST_SORTS:
        order = REQUEST_SORTS[key]
        return qs.order_by(f"-{order}" if sort.startswith("-") else order, "-id")
    # Default: what needs action first — open before closed, the nearest deadline first.
    return qs.annotate(closed=Case(When(status__in=OPEN_STATUSES, then=Value(False)), default=Value(True),
                                   output_field=BooleanField())).order_by("closed", "due_on", "-id")


def escalation_list(*, user, filters: dict | None = None, today: date) -> QuerySet[FactorRequest]:
    """Escalated requests (超期督办), still open by default; ``filters['all']`` includes closed ones."""
    filters = dict(filters or {})
    show_all = filters.pop("all", "") == "1"
    qs = factor_request_list(user=user, filters=filters, today=today).filter(escalated_at__isnull=False)
    if not show_all:
        qs = qs.filter(status__in=OPEN_STATUSES)
    return qs.select_related("project__responsible_leader").order_by("due_on", "id")


def factor_request_get(*, user, id: int) -> FactorRequest:
    request = (factor_request_queryset(user=user)
               .select_related("project__unit", "project__responsible_leader", "department", "raised_by")
               .filter(id=id).first())
    if request is None:
        raise NotVisible()
    return request


def request_steps(*, request: FactorRequest) -> list:
    """The timeline, oldest first, each step with its attachments (two queries)."""
    steps = list(request.steps.select_related("actor", "actor_unit").prefetch_related("attachments"))
    return steps


def attachment_get(*, user, request_id: int, id: int) -> Attachment:
    request = factor_request_get(user=user, id=request_id)
    attachment = Attachment.objects.filter(request=request, id=id).first()
    if attachment is None:
        raise NotVisible()
    return attachment


def raisable_projects(*, user) -> QuerySet[Project]:
    """Projects the user may raise requests on: visible and not terminated."""
    if not user.raises_factor_requests:
        return Project.objects.none()
    return (project_queryset(user=user).exclude(stage="dropped").select_related("unit")
            .only("id", "code", "name", "unit__short_name", "unit__name").order_by("unit__path", "name"))


def department_units() -> QuerySet[Unit]:
    return Unit.objects.filter(kind=UnitKind.DEPARTMENT, is_active=True).order_by("sort_order", "id")


# ---------------------------------------------------------------- routing

@dataclass(frozen=True)
class RoutingRow:
    kind: str
    label: str
    rule: RoutingRule | None


def routing_table() -> list[RoutingRow]:
    """Every kind with its rule (None where the city admin has not set one yet)."""
    rules = {r.kind: r for r in RoutingRule.objects.select_related("department")}
    return [RoutingRow(kind=value, label=label, rule=rules.get(value)) for value, label in FactorKind.choices]


def calendar_day_list(*, since: date | None = None) -> QuerySet[CalendarDay]:
    qs = CalendarDay.objects.all()
    return qs.filter(day__gte=since) if since else qs


# ---------------------------------------------------------------- sites

SITE_SORTS = {"name": "name", "area": "area", "price": "price", "unit": "unit__path", "status": "status",
              "available_from": "available_from"}


def site_queryset(*, user) -> QuerySet[Site]:
    return Site.objects.all() if user.is_authenticated and user.sees_business_data else Site.objects.none()


def site_list(*, user, filters: dict | None = None, sort: str | None = None) -> QuerySet[Site]:
    qs = SiteFilter(filters or {}, queryset=site_queryset(user=user).select_related("unit", "project")).qs
    key = (sort or "").lstrip("-")
    if key in SITE_SORTS:
        order = SITE_SORTS[key]
        return qs.order_by(f"-{order}" if sort.startswith("-") else order, "id")
    return qs.order_by("unit__path", "kind", "name")


def site_get(*, user, id: int) -> Site:
    site = site_queryset(user=user).select_related("unit", "project").filter(id=id).first()
    if site is None:
        raise NotVisible()
    return site


def site_editable(*, user, site: Site) -> bool:
    return user.manages_sites and site.unit_id in visible_unit_ids(user=user)


@dataclass(frozen=True)
class RankedSite:
    site: Site
    match: SiteMatch


def need_of_request(request: FactorRequest) -> SiteNeed | None:
    if request.kind != FactorKind.LAND:
        return None
    area = request.land_mu if request.site_kind == SiteKind.LAND else request.floor_area_sqm
    if area is None:
        return None
    return SiteNeed(kind=request.site_kind, area=area, unit_path=request.project.unit.path,
                    unit_name=str(request.project.unit), chain=request.project.chain, needed_by=request.needed_by)


def need_of_project(project: Project) -> SiteNeed | None:
    if not project.land_mu:
        return None
    return SiteNeed(kind=SiteKind.LAND, area=project.land_mu, unit_path=project.unit.path,
                    unit_name=str(project.unit), chain=project.chain)


def site_matches(*, user, need: SiteNeed, limit: int = 10) -> list[RankedSite]:
    """Available sites of the needed kind, ranked for the need, each with its reasons."""
    sites = {s.id: s for s in site_queryset(user=user).filter(kind=need.kind, status=SiteStatus.AVAILABLE)
             .select_related("unit")}
    candidates = [SiteCandidate(id=s.id, name=s.name, kind=s.kind, area=s.area, area_unit=s.area_unit,
                                unit_path=s.unit.path, unit_name=str(s.unit),
                                suitable_industries=s.suitable_industries, available_from=s.available_from)
                  for s in sites.values()]
    return [RankedSite(site=sites[m.site_id], match=m) for m in rank_sites(need, candidates, limit=limit)]


# ---------------------------------------------------------------- joint reviews

def joint_review_queryset(*, user) -> QuerySet[JointReview]:
    if not user.is_authenticated or not user.sees_business_data:
        return JointReview.objects.none()
    if user.is_city_level:
        return JointReview.objects.all()
    if user.handles_factor_requests:
        return JointReview.objects.filter(departments__in=visible_unit_ids(user=user)).distinct()
    return JointReview.objects.filter(requests__in=factor_request_queryset(user=user)).distinct()


def joint_review_list(*, user) -> QuerySet[JointReview]:
    return (joint_review_queryset(user=user).select_related("convened_by")
            .prefetch_related("departments").order_by("-held_on", "-id"))


def joint_review_get(*, user, id: int) -> JointReview:
    review = joint_review_queryset(user=user).select_related("convened_by").filter(id=id).first()
    if review is None:
        raise NotVisible()
    return review


def joint_review_requests(*, user, review: JointReview) -> QuerySet[FactorRequest]:
    """The reviewed requests this user may open (a department sees only its own among them)."""
    return (factor_request_queryset(user=user).filter(joint_reviews=review)
            .select_related("project__unit", "department").order_by("id"))


# ---------------------------------------------------------------- department record

PERIODS = {"month": "月度", "quarter": "季度", "year": "年度"}


@dataclass(frozen=True)
class Period:
    kind: str
    year: int
    number: int
    start: date
    end: date

    @property
    def label(self) -> str:
        if self.kind == "month":
            return f"{self.year}年{self.number}月"
        if self.kind == "quarter":
            return f"{self.year}年第{self.number}季度"
        return f"{self.year}年"


def record_period(*, kind: str, year: int, number: int = 1) -> Period:
    """The calendar month, quarter or year; out-of-range numbers are clamped."""
    if kind == "month":
        number = min(max(number, 1), 12)
        start = date(year, number, 1)
        end = date(year, number, _calendar.monthrange(year, number)[1])
    elif kind == "quarter":
        number = min(max(number, 1), 4)
        start = date(year, 3 * number - 2, 1)
        last_month = 3 * number
        end = date(year, last_month, _calendar.monthrange(year, last_month)[1])
    else:
        kind, number = "year", 1
        start, end = date(year, 1, 1), date(year, 12, 31)
    return Period(kind=kind, year=year, number=number, start=start, end=end)


@dataclass(frozen=True)
class DepartmentRecord:
    """One department's record for a period. Definitions (also in the page's footnote):

    received     requests routed to the department and raised within the period;
    resolved     requests the department resolved (办结) within the period;
    on_time      of those, resolved on or before their deadline (补充材料 days excluded);
    on_time_pct  on_time / resolved × 100, one decimal (None when nothing was resolved);
    mean_days    mean working days from raising to resolving, minus days waiting for information;
    declined     requests returned (退回) within the period;
    overdue_now  requests past their deadline today while the department's clock runs (any period);
    open_now     requests still open today (any period).
    """

    department: Unit
    received: int
    resolved: int
    on_time: int
    on_time_pct: Decimal | None
    mean_days: Decimal | None
    declined: int
    overdue_now: int
    open_now: int
    rank: int = 0


def _one_decimal(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def department_record(*, user, period: Period, today: date) -> list[DepartmentRecord]:
    """Every active department's record for the period, ranked.

    Ranking: on-time % high to low; ties by fewer overdue now, then fewer mean days, then name;
    departments that resolved nothing in the period come last. Open to every business user.
    """
    if not user.is_authenticated or not user.sees_business_data:
        raise NotVisible()
    departments = list(department_units())
    in_period = Q(closed_on__gte=period.start, closed_on__lte=period.end)
    counts = {row["department_id"]: row for row in FactorRequest.objects.values("department_id").annotate(
        received=Count("id", filter=Q(submitted_on__gte=period.start, submitted_on__lte=period.end)),
        declined=Count("id", filter=in_period & Q(status=RequestStatus.DECLINED)),
        overdue_now=Count("id", filter=Q(status__in=CLOCK_RUNNING, due_on__lt=today)),
        open_now=Count("id", filter=Q(status__in=OPEN_STATUSES)),
    )}
    calendar = work_calendar()
    resolved_rows: dict[int, list[tuple[bool, int]]] = defaultdict(list)
    for dept_id, submitted_on, closed_on, due_on, paused in FactorRequest.objects.filter(
            in_period, status=RequestStatus.RESOLVED).values_list(
            "department_id", "submitted_on", "closed_on", "due_on", "paused_days"):
        days = max(0, calendar.working_days_between(submitted_on, closed_on) - paused)
        resolved_rows[dept_id].append((closed_on <= due_on, days))
    records = []
    for dept in departments:
        c = counts.get(dept.id, {})
        rows = resolved_rows.get(dept.id, [])
        on_time = sum(1 for ok, _ in rows if ok)
        records.append(DepartmentRecord(
            department=dept, received=c.get("received", 0), resolved=len(rows), on_time=on_time,
            on_time_pct=_one_decimal(Decimal(on_time * 100) / len(rows)) if rows else None,
            mean_days=_one_decimal(Decimal(sum(d for _, d in rows)) / len(rows)) if rows else None,
            declined=c.get("declined", 0), overdue_now=c.get("overdue_now", 0), open_now=c.get("open_now", 0)))
    records.sort(key=lambda r: (r.on_time_pct is None, -(r.on_time_pct or 0), r.overdue_now,
                                r.mean_days if r.mean_days is not None else Decimal(0), r.department.sort_order,
                                r.department.id))
    return [DepartmentRecord(**{**r.__dict__, "rank": i}) for i, r in enumerate(records, start=1)]


def request_actions(*, user, request: FactorRequest) -> list[str]:
    """What this user may do to this request now (mirrors the services' checks, for the page)."""
    actions: list[str] = []
    if not user.sees_business_data:
        return actions
    if user.handles_factor_requests and request.department_id in visible_unit_ids(user=user):
        if request.status == RequestStatus.SUBMITTED:
            actions.append("accept")
        if request.status in CLOCK_RUNNING:
            actions += ["ask_info", "resolve", "decline"]
    if user.raises_factor_requests and request.is_open and \
            project_queryset(user=user).filter(pk=request.project_id).exists():
        if request.status == RequestStatus.INFO_REQUESTED:
            actions.append("answer")
        actions.append("withdraw")
    if user.manages_factor_routing and request.is_open:
        actions.append("reassign")
    actions.append("comment")
    return actions
