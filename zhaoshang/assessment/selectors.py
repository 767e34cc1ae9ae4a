"""Reads of the assessment app: counting rules, facts for the indicators (in bulk), targets, schemes,
scores and briefings — scoped.

Who sees what: the city-wide progress, rankings, scores, the cockpit and the briefings are for
the city level (city admin and leaders: ``sees_cockpit``); a unit's own progress page is also open
to the officers of that unit (and of units above it); project lists on it go through
``projects.selectors.project_queryset``, so nobody sees a project they could not open.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db import connection
from django.db.models import QuerySet

from zhaoshang.core.errors import NotVisible
from zhaoshang.organizations.enums import UnitKind
from zhaoshang.organizations.models import Unit
from zhaoshang.organizations.selectors import visible_unit_ids

from .facts import ActivityFact, CapitalFact, Facts, FlagFact, ProjectFact, TransitionFact, UnitFact
from .indicators import Indicator, catalog
from .models import (
    AssessmentScheme,
    Attribution,
    Briefing,
    CountingRule,
    CustomIndicator,
    ExclusionCategory,
    ProjectFlag,
    ProjectRecognition,
    RecognitionPolicy,
    ScoreLine,
    ScoreRun,
    Target,
    UnitScore,
)
from .policy import DEFAULT_THRESHOLDS, Rules

ASSESSED_KINDS = (UnitKind.DISTRICT, UnitKind.ZONE, UnitKind.DEPARTMENT)


# ------------------------------------------------------------------------------------------- rules

def policy_for(year: int) -> RecognitionPolicy | None:
    """The year's policy, or the latest earlier one (a year without its own keeps last year's rules)."""
    return RecognitionPolicy.objects.filter(year__lte=year).order_by("-year").first() \
        or RecognitionPolicy.objects.order_by("year").first()


def tier_list() -> list[tuple[str, Decimal]]:
    from zhaoshang.projects.models import TierThreshold

    return list(TierThreshold.objects.order_by("min_investment").values_list("label", "min_investment"))


def rules_for(year: int) -> Rules:
    policy = policy_for(year)
    tiers = tuple(tier_list())
    if policy is None:
        return Rules(year=year, thresholds=dict(DEFAULT_THRESHOLDS), tiers=tiers)
    return Rules(
        year=year,
        thresholds={r.unit_kind: r.min_investment for r in policy.thresholds.all()},
        excluded={c.code: c.label for c in policy.excluded.all()},
        count_once=policy.count_once, start_window_years=policy.start_window_years,
        production_window_years=policy.production_window_years, capital_window_years=policy.capital_window_years,
        count_local_money=policy.count_local_money, default_outside_share=policy.default_outside_share,
        major_min_investment=policy.major_min_investment, green_at=policy.green_at, amber_at=policy.amber_at,
        tiers=tiers,
    )


def indicator_catalog(*, include_inactive: bool = False) -> dict[str, Indicator]:
    customs = CustomIndicator.objects.all() if include_inactive else CustomIndicator.objects.filter(is_active=True)
    return catalog(tiers=tier_list(), customs=[(c.code, c.label, c.base, c.params) for c in customs])


def custom_indicator_list() -> QuerySet[CustomIndicator]:
    return CustomIndicator.objects.order_by("id")


def exclusion_categories() -> QuerySet[ExclusionCategory]:
    return ExclusionCategory.objects.all()


def policy_list() -> QuerySet[RecognitionPolicy]:
    return RecognitionPolicy.objects.prefetch_related("thresholds", "excluded").order_by("-year")


# ------------------------------------------------------------------------------------------- facts

def _assessed_map() -> tuple[dict[int, int], dict[int, UnitFact], int]:
    """unit id → the assessed unit it rolls up to (its ancestor just under the city); the assessed units."""
    rows = list(Unit.objects.order_by("path").values_list("id", "path", "kind", "short_name", "name", "sort_order",
                                                          "parent_id", "is_active"))
    city = next((r for r in rows if r[6] is None), None)
    if city is None:
        return {}, {}, 0
    city_id = city[0]
    units: dict[int, UnitFact] = {city_id: UnitFact(id=city_id, name=city[3] or city[4], kind="city")}
    owner: dict[int, int] = {city_id: city_id}
    for uid, path, kind, short, name, sort, parent, active in rows:
        if uid == city_id:
            continue
        ids = [int(x) for x in path.strip("/").split("/") if x]
        top = ids[1] if len(ids) > 1 else uid
        owner[uid] = top
        if parent == city_id and kind in ASSESSED_KINDS and active:
            units[uid] = UnitFact(id=uid, name=short or name, kind=kind, sort_order=sort)
    return owner, units, city_id


def _dec(value) -> Decimal | None:
    """A decimal column read raw: SQLite gives int or float (exact to the stored digits), PostgreSQL Decimal."""
    if value is None or isinstance(value, Decimal):
        return value
    return Decimal(value) if isinstance(value, int) else Decimal(repr(value))


def _day(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _raw(model, fields: list[str], *, order: list[str], key: str, ids: list[int] | None) -> list[tuple]:
    """Rows of a few columns, read without the ORM's per-value converters (ten times faster on SQLite's
    decimals, which is most of the cockpit's cold start); values are normalised by ``_dec``/``_day``."""
    meta = model._meta
    q = connection.ops.quote_name
    columns = ", ".join(q(meta.get_field(f).column) for f in fields)
    sql = f"SELECT {columns} FROM {q(meta.db_table)}"
    params: list = []
    if ids is not None:
        if not ids:
            return []
        sql += f" WHERE {q(meta.get_field(key).column)} IN ({', '.join(['%s'] * len(ids))})"
        params = list(ids)
    sql += " ORDER BY " + ", ".join(q(meta.get_field(f).column) for f in order)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def unit_project_ids(*, unit_id: int) -> list[int]:
    """The projects owned by the unit (or units under it) and the joint projects it has a share of."""
    from zhaoshang.projects.models import Project

    unit = Unit.objects.filter(id=unit_id).first()
    if unit is None:
        return []
    own = set(Project.objects.filter(unit__path__startswith=unit.path).values_list("id", flat=True))
    return sorted(own | set(Attribution.objects.filter(unit__path__startswith=unit.path)
                            .values_list("project_id", flat=True)))


def facts_load(*, project_ids: list[int] | None = None, activities: bool = False) -> Facts:
    """Every project (or those given, with the leaders' activities if asked) with what the indicators need,
    in nine queries whatever their number."""
    from zhaoshang.projects.models import CapitalEntry, LeaderActivity, Project, StageTransition

    def only(qs, field="project_id"):
        return qs if project_ids is None else qs.filter(**{f"{field}__in": project_ids})

    owner, units, city_id = _assessed_map()
    kinds = {u.id: u.kind for u in units.values()}
    capital: dict[int, list[CapitalFact]] = defaultdict(list)
    for pid, on, amount, usd in _raw(CapitalEntry, ["project", "entry_date", "amount", "foreign_amount_usd"],
                                     order=["project", "entry_date", "id"], key="project", ids=project_ids):
        capital[pid].append(CapitalFact(on=_day(on), amount=_dec(amount), foreign_usd=_dec(usd)))
    transitions: dict[int, list[TransitionFact]] = defaultdict(list)
    for pid, on, frm, to, back in _raw(StageTransition, ["project", "happened_on", "from_stage", "to_stage",
                                                         "is_backward"], order=["project", "happened_on", "id"],
                                       key="project", ids=project_ids):
        transitions[pid].append(TransitionFact(on=_day(on), from_stage=frm, to_stage=to, backward=bool(back)))
    shares: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
    for pid, uid, share in only(Attribution.objects).order_by("project_id", "-share", "id").values_list(
            "project_id", "unit_id", "share"):
        shares[pid].append((owner.get(uid, uid), share))
    outside = dict(only(ProjectRecognition.objects).values_list("project_id", "outside_share"))
    flags: dict[int, list[FlagFact]] = defaultdict(list)
    for pid, code, label, reason, dup in only(ProjectFlag.objects.filter(cleared_on=None)).order_by("id").values_list(
            "project_id", "category__code", "category__label", "reason", "duplicate_of_id"):
        flags[pid].append(FlagFact(category=code, label=label, reason=reason, duplicate_of=dup))
    projects = []
    fields = ["id", "code", "name", "unit", "stage", "total_investment", "chain", "kind", "contracted_amount",
              "foreign_investment_usd", "negotiation_started_on", "signed_on", "registered_on",
              "construction_started_on", "production_started_on", "stage_changed_on"]
    for row in _raw(Project, fields, order=["id"], key="id", ids=project_ids):
        (pid, code, name, unit_id, stage, total, chain, kind, contracted, usd, neg, signed, registered, started,
         produced, changed) = row
        top = owner.get(unit_id, unit_id)
        merged: dict[int, Decimal] = {}
        for u, s in shares.get(pid, ()):
            merged[u] = merged.get(u, Decimal(0)) + s
        projects.append(ProjectFact(
            id=pid, code=code, name=name, unit_id=unit_id, owner_id=top, unit_kind=kinds.get(top, "city"),
            stage=stage, total_investment=_dec(total), chain=chain, kind=kind, contracted_amount=_dec(contracted),
            foreign_investment_usd=_dec(usd), negotiation_started_on=_day(neg), signed_on=_day(signed),
            registered_on=_day(registered), construction_started_on=_day(started), production_started_on=_day(produced),
            stage_changed_on=_day(changed), shares=tuple(merged.items()), outside_share=outside.get(pid),
            flags=tuple(flags.get(pid, ())), capital=tuple(capital.get(pid, ())),
            transitions=tuple(transitions.get(pid, ()))))
    with_activities = project_ids is None or activities
    acts = [ActivityFact(id=aid, owner_id=owner.get(uid, uid), kind=kind, on=on, leader_name=name)
            for aid, uid, kind, on, name in (LeaderActivity.objects.order_by("id") if with_activities
                                             else LeaderActivity.objects.none()).values_list(
                "id", "unit_id", "kind", "happened_on", "leader_name")]
    return Facts(projects=projects, activities=acts, units=units, city_id=city_id)


def units_load() -> tuple[dict[int, UnitFact], int]:
    """The assessed units and the city, without the projects (what a cached board needs)."""
    _, units, city_id = _assessed_map()
    return units, city_id


# ------------------------------------------------------------------------------------------- cache key

# (model path, expressions): one UNION query whose result changes whenever anything counted changes.
_FINGERPRINT = [
    ("projects.Project", "count(*), max(updated_at)"),
    ("projects.StageTransition", "count(*), max(id)"),
    ("projects.CapitalEntry", "count(*), max(updated_at)"),
    ("projects.LeaderActivity", "count(*), max(updated_at)"),
    ("projects.ProjectWarning", "count(*), max(last_seen_on) || '/' || count(resolved_on)"),
    ("projects.TierThreshold", "count(*), max(id)"),
    ("factors.FactorRequest", "count(*), max(updated_at)"),
    ("assessment.RecognitionPolicy", "count(*), max(updated_at)"),
    ("assessment.ProjectFlag", "count(*), max(updated_at)"),
    ("assessment.ProjectRecognition", "count(*), max(updated_at)"),
    ("assessment.Attribution", "count(*), max(updated_at)"),
    ("assessment.Target", "count(*), max(updated_at)"),
    ("assessment.CustomIndicator", "count(*), max(updated_at)"),
    ("organizations.Unit", "count(*), max(updated_at)"),
]


def data_fingerprint() -> str:
    from django.apps import apps

    parts = []
    for label, expr in _FINGERPRINT:
        table = apps.get_model(label)._meta.db_table
        parts.append(f"SELECT {expr} FROM {connection.ops.quote_name(table)}")
    sql = " UNION ALL ".join(parts)
    if connection.vendor == "postgresql":
        sql = sql.replace("max(last_seen_on) || '/'", "max(last_seen_on)::text || '/'")
        sql = " UNION ALL ".join(p.replace("max(updated_at)", "max(updated_at)::text").replace(
            "max(id)", "max(id)::text") for p in sql.split(" UNION ALL "))
    with connection.cursor() as cursor:
        cursor.execute(sql)
        rows = cursor.fetchall()
    return "|".join(f"{n}:{m}" for n, m in rows)[:300]


# ------------------------------------------------------------------------------------------- targets

def targets_for(year: int) -> dict[tuple[int, str], Decimal]:
    return {(u, c): v for u, c, v in Target.objects.filter(year=year).values_list("unit_id", "indicator", "value")}


def target_table(*, year: int) -> tuple[list[Unit], dict[tuple[int, str], Decimal]]:
    """The units that carry targets (the city, districts, zones, departments) and the year's values."""
    city = Unit.objects.filter(parent__isnull=True).order_by("id").first()
    units = ([city] if city else []) + list(Unit.objects.filter(kind__in=ASSESSED_KINDS, is_active=True,
                                                                 parent=city))
    units.sort(key=lambda u: (["city", "district", "zone", "department"].index(u.kind), u.sort_order, u.id))
    return units, targets_for(year)


def target_years() -> list[int]:
    return sorted(set(Target.objects.values_list("year", flat=True)), reverse=True)


# ------------------------------------------------------------------------------------------- visibility

def require_city_level(user) -> None:
    if not (user.is_authenticated and user.sees_cockpit):
        raise NotVisible()


def unit_visible(*, user, unit_id: int) -> Unit:
    """A unit's progress page: the city level, or officers of that unit (or of a unit above it)."""
    unit = Unit.objects.filter(id=unit_id, kind__in=ASSESSED_KINDS).first()
    if unit is None or not user.is_authenticated or not user.sees_business_data:
        raise NotVisible()
    if user.sees_cockpit or unit.pk in visible_unit_ids(user=user):
        return unit
    raise NotVisible()


def assessed_unit_of(*, user) -> Unit | None:
    """The district, zone or department the user's unit belongs to (itself, or its ancestor under the city)."""
    if not user.is_authenticated or user.unit_id is None:
        return None
    ids = [int(x) for x in user.unit.path.strip("/").split("/") if x]
    if len(ids) < 2:
        return None
    return Unit.objects.filter(id=ids[1], kind__in=ASSESSED_KINDS).first()


def visible_project_ids(*, user, ids: list[int]) -> set[int]:
    from zhaoshang.projects.selectors import project_queryset

    return set(project_queryset(user=user).filter(id__in=ids).values_list("id", flat=True))


def project_recognition_get(*, user, id: int):
    """The project (scoped like its own page) with its flags, money source and shares."""
    from zhaoshang.projects.selectors import project_get

    project = project_get(user=user, id=id)
    return {
        "project": project,
        "flags": list(ProjectFlag.objects.filter(project=project).select_related("category", "set_by",
                                                                                 "duplicate_of")),
        "recognition": ProjectRecognition.objects.filter(project=project).first(),
        "attributions": list(Attribution.objects.filter(project=project).select_related("unit")),
    }


def flag_list(*, user, filters: dict | None = None) -> QuerySet[ProjectFlag]:
    from zhaoshang.projects.selectors import project_queryset

    qs = ProjectFlag.objects.filter(project__in=project_queryset(user=user)).select_related(
        "project", "project__unit", "category", "set_by", "duplicate_of")
    filters = filters or {}
    if filters.get("category"):
        qs = qs.filter(category__code=filters["category"])
    if filters.get("open") == "1":
        qs = qs.filter(cleared_on=None)
    return qs.order_by("-set_on", "-id")


def joint_project_list(*, user) -> QuerySet:
    from zhaoshang.projects.selectors import project_queryset

    return Attribution.objects.filter(project__in=project_queryset(user=user)).select_related("project", "unit") \
        .order_by("project_id", "-share")


# ------------------------------------------------------------------------------------------- schemes

def scheme_list() -> QuerySet[AssessmentScheme]:
    return AssessmentScheme.objects.order_by("-year")


def scheme_get(*, user, id: int) -> AssessmentScheme:
    require_city_level(user)
    scheme = AssessmentScheme.objects.filter(id=id).first()
    if scheme is None:
        raise NotVisible()
    return scheme


def scheme_for(year: int) -> AssessmentScheme | None:
    return AssessmentScheme.objects.filter(year=year).first()


def latest_run(*, scheme: AssessmentScheme, as_of: date | None = None) -> ScoreRun | None:
    qs = scheme.runs.all()
    if as_of is not None:
        qs = qs.filter(as_of=as_of)
    return qs.order_by("-as_of", "-computed_at", "-id").first()


def run_scores(*, run: ScoreRun) -> list[UnitScore]:
    """Districts then zones, each in rank order; units without targets (unranked) last."""
    scores = list(run.unit_scores.select_related("unit"))
    return sorted(scores, key=lambda s: (s.group, s.rank is None, s.rank or 0, s.unit.sort_order, s.unit_id))


def run_unit_lines(*, user, run: ScoreRun, unit_id: int) -> list[ScoreLine]:
    """A unit's score lines: the city level, and the unit's own officers (it is their score)."""
    unit_visible(user=user, unit_id=unit_id)
    return list(run.lines.filter(unit_id=unit_id).select_related("rule").order_by("id"))


def score_run_get(*, user, id: int) -> ScoreRun:
    if not (user.is_authenticated and user.sees_business_data):
        raise NotVisible()
    run = ScoreRun.objects.select_related("scheme").filter(id=id).first()
    if run is None:
        raise NotVisible()
    return run


# ------------------------------------------------------------------------------------------- briefings

def briefing_list(*, user) -> QuerySet[Briefing]:
    require_city_level(user)
    return Briefing.objects.select_related("requested_by").order_by("-created_at", "-id")


def briefing_get(*, user, id: int) -> Briefing:
    require_city_level(user)
    briefing = Briefing.objects.filter(id=id).first()
    if briefing is None:
        raise NotVisible()
    return briefing


def counting_thresholds(policy: RecognitionPolicy) -> dict[str, CountingRule]:
    return {r.unit_kind: r for r in policy.thresholds.all()}


# ------------------------------------------------------------------------------------------- board extras

STALLED_LIST = 10


def stalled_projects(*, as_of: date, today: date, limit: int = STALLED_LIST) -> dict:
    """Projects with a health warning open on the date (项目体检), red first, the largest first.

    For a past date, the warnings first seen by then and not yet resolved then.
    """
    from django.db.models import Q

    from zhaoshang.projects.models import ProjectWarning

    qs = ProjectWarning.objects.filter(first_seen_on__lte=as_of).filter(Q(resolved_on=None) | Q(resolved_on__gt=as_of))
    rows = list(qs.order_by().values_list("project_id", "severity", "message", "project__name",
                                           "project__total_investment", "project__unit__short_name",
                                           "project__unit__name"))
    by_project: dict[int, dict] = {}
    for pid, severity, message, name, total, short, unit in rows:
        item = by_project.setdefault(pid, {"id": pid, "name": name, "total": str(total), "unit": short or unit,
                                           "severity": "amber", "messages": []})
        item["messages"].append(message)
        if severity == "red":
            item["severity"] = "red"
    ordered = sorted(by_project.values(), key=lambda x: (x["severity"] != "red", -Decimal(x["total"]), x["id"]))
    return {"count": len(by_project), "red": sum(1 for x in by_project.values() if x["severity"] == "red"),
            "top": [{**x, "messages": x["messages"][:3]} for x in ordered[:limit]]}


def overdue_requests(*, as_of: date, today: date, limit: int = STALLED_LIST) -> dict:
    """Factor requests past their deadline on the date, with the department's clock running (要素保障超期).

    For a past date: submitted by then, due before it and not closed by then.
    """
    from django.db.models import Q

    from zhaoshang.factors.enums import CLOCK_RUNNING
    from zhaoshang.factors.models import FactorRequest

    if as_of >= today:
        qs = FactorRequest.objects.filter(status__in=CLOCK_RUNNING, due_on__lt=as_of)
    else:
        qs = FactorRequest.objects.filter(submitted_on__lte=as_of, due_on__lt=as_of).filter(
            Q(closed_on=None) | Q(closed_on__gt=as_of))
    rows = list(qs.order_by("due_on", "id").values_list(
        "id", "code", "title", "due_on", "project_id", "project__name", "department__short_name", "department__name",
        "kind"))
    by_department: dict[str, int] = defaultdict(int)
    for *_, short, name, _kind in rows:
        by_department[short or name] += 1
    return {"count": len(rows),
            "by_department": sorted(([d, n] for d, n in by_department.items()), key=lambda x: (-x[1], x[0])),
            "top": [{"id": rid, "code": code, "title": title, "due_on": due.isoformat(), "days": (as_of - due).days,
                     "project_id": pid, "project": pname, "department": short or name}
                    for rid, code, title, due, pid, pname, short, name, _k in rows[:limit]]}
