"""Writes of the assessment app: counting rules, recognition flags, money sources, attribution shares,
targets, custom indicators, schemes and their score runs, snapshots and briefings.

Everything the city decides about counting is written here by the city admin
(``manages_assessment``), audited (``HistoricalRecords``) and, where it touches a project, noted
on the project's timeline. Snapshots are a derived cache and are not audited.
"""

from __future__ import annotations

import calendar
import logging
import time
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from zhaoshang.core.errors import BusinessError
from zhaoshang.organizations.models import Unit

from . import selectors
from .board import compute_board
from .enums import (
    BriefingKind,
    BriefingStatus,
    CapTarget,
    CountingUnitKind,
    DeductionCheck,
    SchemeRuleKind,
)
from .facts import UnitFact
from .forecast import ForecastValue
from .indicators import REGISTRY, Period, compute_all
from .models import (
    AssessmentScheme,
    Attribution,
    Briefing,
    CountingRule,
    CustomIndicator,
    ExclusionCategory,
    IndicatorSnapshot,
    ProjectFlag,
    ProjectRecognition,
    RecognitionPolicy,
    SchemeRule,
    ScoreLine,
    ScoreRun,
    SnapshotRun,
    Target,
    UnitScore,
)
from .policy import DEFAULT_CATEGORIES, DEFAULT_THRESHOLDS
from .progress import Board, make_cell, rank_cells
from .scoring import RuleSpec, score

log = logging.getLogger(__name__)

ONE = Decimal(1)


def _require_manager(user, what: str = "修改考核口径") -> None:
    if user is None or not user.manages_assessment:
        raise BusinessError(f"只有市级招商管理员可以{what}", status=403)


def _audited_save(obj, user, **kwargs) -> None:
    obj.full_clean()
    obj._history_user = user
    obj.save(**kwargs)


# ------------------------------------------------------------------------------- counting rules

@transaction.atomic
def policy_ensure_defaults(*, year: int | None = None, user=None) -> RecognitionPolicy:
    """The default categories and, if the year has no policy yet, a default one (idempotent)."""
    year = year or timezone.localdate().year
    for i, (code, label, description) in enumerate(DEFAULT_CATEGORIES):
        ExclusionCategory.objects.get_or_create(code=code, defaults={"label": label, "description": description,
                                                                     "sort_order": i})
    policy = RecognitionPolicy.objects.filter(year=year).first()
    if policy is not None:
        return policy
    earlier = RecognitionPolicy.objects.filter(year__lt=year).order_by("-year").first()
    if earlier is not None:
        return policy_copy(user=user, source=earlier, year=year, check=False)
    policy = RecognitionPolicy(year=year, note="默认口径")
    _audited_save(policy, user)
    for kind, amount in DEFAULT_THRESHOLDS.items():
        CountingRule.objects.create(policy=policy, unit_kind=kind, min_investment=amount)
    policy.excluded.set(ExclusionCategory.objects.all())
    return policy


@transaction.atomic
def policy_copy(*, user, source: RecognitionPolicy, year: int, check: bool = True) -> RecognitionPolicy:
    """Start a new year's rules from another year's."""
    if check:
        _require_manager(user)
    if RecognitionPolicy.objects.filter(year=year).exists():
        raise BusinessError(f"{year} 年的认定口径已存在")
    fields = ["count_once", "start_window_years", "production_window_years", "capital_window_years",
              "count_local_money", "default_outside_share", "major_min_investment", "green_at", "amber_at"]
    policy = RecognitionPolicy(year=year, note=f"沿用 {source.year} 年口径", **{f: getattr(source, f) for f in fields})
    _audited_save(policy, user)
    for rule in source.thresholds.all():
        CountingRule.objects.create(policy=policy, unit_kind=rule.unit_kind, min_investment=rule.min_investment)
    policy.excluded.set(source.excluded.all())
    return policy


POLICY_FIELDS = ["count_once", "start_window_years", "production_window_years", "capital_window_years",
                 "count_local_money", "default_outside_share", "major_min_investment", "green_at", "amber_at", "note"]


@transaction.atomic
def policy_save(*, user, year: int, data: dict, thresholds: dict[str, Decimal | None],
                excluded: list[str]) -> RecognitionPolicy:
    """Save a year's counting rules (all or nothing); thresholds per unit kind in 万元 (None: no threshold)."""
    _require_manager(user)
    policy = RecognitionPolicy.objects.select_for_update().filter(year=year).first() or \
        policy_ensure_defaults(year=year, user=user)
    unknown = set(data) - set(POLICY_FIELDS)
    if unknown:
        raise BusinessError(f"这些口径不能在此修改：{'、'.join(sorted(unknown))}")
    if "amber_at" in data and "green_at" in data and data["amber_at"] > data["green_at"]:
        raise BusinessError("黄灯界限不能高于绿灯界限", field="amber_at")
    for field, value in data.items():
        setattr(policy, field, value)
    for kind, amount in thresholds.items():
        if kind not in CountingUnitKind.values:
            raise BusinessError(f"未知的单位类型：{kind}")
        if amount is not None and amount < 0:
            raise BusinessError(f"{CountingUnitKind(kind).label}的认定门槛不能为负数", field=f"threshold_{kind}")
    categories = list(ExclusionCategory.objects.filter(code__in=excluded))
    if len(categories) != len(set(excluded)):
        raise BusinessError("不计入类别中有未知的类别")
    _audited_save(policy, user)  # bumps updated_at: the snapshots see the change
    for kind, amount in thresholds.items():
        rule = CountingRule.objects.filter(policy=policy, unit_kind=kind).first()
        if amount is None:
            if rule:
                rule._history_user = user
                rule.delete()
        elif rule is None:
            rule = CountingRule(policy=policy, unit_kind=kind, min_investment=amount)
            _audited_save(rule, user)
        elif rule.min_investment != amount:
            rule.min_investment = amount
            _audited_save(rule, user, update_fields=["min_investment"])
    policy.excluded.set(categories)
    return policy


@transaction.atomic
def category_add(*, user, code: str, label: str, description: str = "") -> ExclusionCategory:
    _require_manager(user)
    code, label = code.strip(), label.strip()
    if not code or not label:
        raise BusinessError("类别编码和名称不能为空")
    if ExclusionCategory.objects.filter(code=code).exists() or ExclusionCategory.objects.filter(label=label).exists():
        raise BusinessError(f"类别“{label}”已存在")
    category = ExclusionCategory(code=code, label=label, description=description.strip(),
                                 sort_order=ExclusionCategory.objects.count())
    _audited_save(category, user)
    return category


# ------------------------------------------------------------------------------- per-project facts

def _event(project, user, text: str, data: dict | None = None) -> None:
    from zhaoshang.projects.models import ProjectEvent

    ProjectEvent.objects.create(project=project, actor=user, kind="recognition", text=text[:500], data=data or {})


@transaction.atomic
def recognition_flag_set(*, user, project, category: str, reason: str, duplicate_of=None,
                         today: date | None = None) -> ProjectFlag:
    """Put a project in an exclusion category (认定不计入), with the reason; noted on its timeline.

    The duplicate-pursuit work calls this with ``category="duplicate"`` and ``duplicate_of`` the
    project that keeps the count.
    """
    _require_manager(user, "认定项目不计入")
    reason = (reason or "").strip()
    if not reason:
        raise BusinessError("请填写认定理由", field="reason")
    cat = ExclusionCategory.objects.filter(code=category).first()
    if cat is None:
        raise BusinessError(f"未知的不计入类别：{category}", field="category")
    if duplicate_of is not None and duplicate_of.pk == project.pk:
        raise BusinessError("项目不能与自身重复", field="duplicate_of")
    if ProjectFlag.objects.filter(project=project, category=cat, cleared_on=None).exists():
        raise BusinessError(f"该项目已被认定为“{cat.label}”", field="category")
    flag = ProjectFlag(project=project, category=cat, reason=reason, duplicate_of=duplicate_of, set_by=user,
                       set_on=today or timezone.localdate())
    _audited_save(flag, user)
    dup = f"（与 {duplicate_of.code} {duplicate_of.name} 重复）" if duplicate_of is not None else ""
    _event(project, user, f"{user} 认定项目为“{cat.label}”{dup}，不计入招商引资统计：{reason}",
           {"flag": flag.pk, "category": cat.code})
    return flag


@transaction.atomic
def recognition_flag_clear(*, user, flag: ProjectFlag, reason: str, today: date | None = None) -> ProjectFlag:
    _require_manager(user, "撤销不计入认定")
    if flag.cleared_on is not None:
        raise BusinessError("该认定已撤销")
    if not (reason or "").strip():
        raise BusinessError("请填写撤销理由", field="reason")
    flag.cleared_on = today or timezone.localdate()
    flag.cleared_reason = reason.strip()
    _audited_save(flag, user, update_fields=["cleared_on", "cleared_reason", "updated_at"])
    _event(flag.project, user, f"{user} 撤销“{flag.category.label}”认定：{reason.strip()}", {"flag": flag.pk})
    return flag


@transaction.atomic
def project_outside_share_set(*, user, project, share: Decimal | None, note: str = "") -> ProjectRecognition | None:
    """Record the share of a project's money from outside the province (or abroad); None: back to the default."""
    _require_manager(user, "登记项目资金来源")
    current = ProjectRecognition.objects.filter(project=project).first()
    if share is None:
        if current:
            current._history_user = user
            current.delete()
            _event(project, user, f"{user} 清除资金来源登记，按默认占比计入")
        return None
    if not Decimal(0) <= share <= ONE:
        raise BusinessError("省外资金占比必须在 0 到 1 之间（如 0.6 表示 60%）", field="outside_share")
    row = current or ProjectRecognition(project=project)
    row.outside_share, row.note, row.updated_by = share, note.strip(), user
    _audited_save(row, user)
    _event(project, user, f"{user} 登记资金来源：省外境内资金及外资占 {share:.0%}" + (f"（{note.strip()}）" if note else ""))
    return row


@transaction.atomic
def attribution_set(*, user, project, shares: list[tuple[Unit, Decimal]], note: str = "") -> list[Attribution]:
    """Make a project joint, with each unit's share (联合招商); an empty list: 100% its own unit again.

    Shares are between 0 and 1 and sum to exactly 1; each unit once; not the city itself.
    """
    _require_manager(user, "设置联合项目计入比例")
    units = [u.pk for u, _ in shares]
    if len(set(units)) != len(units):
        raise BusinessError("同一单位只能出现一次", field="shares")
    for unit, share in shares:
        if unit.parent_id is None:
            raise BusinessError("计入单位不能是市本级，请选择县区、功能板块或部门", field="shares")
        if not Decimal(0) < share <= ONE:
            raise BusinessError(f"{unit}的计入比例必须大于 0 且不超过 1", field="shares")
    if shares and sum((s for _, s in shares), Decimal(0)) != ONE:
        total = sum((s for _, s in shares), Decimal(0))
        raise BusinessError(f"各单位计入比例之和必须等于 100%（现为 {total:.2%}）", field="shares")
    for old in Attribution.objects.filter(project=project):
        old._history_user = user
        old.delete()
    out = []
    for unit, share in shares:
        row = Attribution(project=project, unit=unit, share=share, note=note.strip())
        _audited_save(row, user)
        out.append(row)
    text = "、".join(f"{u}{s:.0%}" for u, s in shares) if shares else f"恢复全部计入{project.unit}"
    _event(project, user, f"{user} 设置联合项目计入比例：{text}", {"shares": [[u.pk, str(s)] for u, s in shares]})
    return out


# ------------------------------------------------------------------------------- targets

def _parse_value(value) -> Decimal:
    try:
        d = value if isinstance(value, Decimal) else Decimal(str(value).replace(",", "").strip())
    except (InvalidOperation, ValueError) as exc:
        raise BusinessError(f"目标值“{value}”不是数字") from exc
    if d < 0:
        raise BusinessError("目标值不能为负数")
    return d


@transaction.atomic
def targets_set(*, user, year: int, values: dict[tuple[int, str], Decimal | None], is_demo: bool = False) -> dict:
    """Set many targets at once (the target table, an import): None deletes one. Returns counts."""
    _require_manager(user, "下达目标")
    if not 2000 <= year <= 2100:
        raise BusinessError("年度不正确", field="year")
    known = selectors.indicator_catalog(include_inactive=True)
    units = {u.pk: u for u in Unit.objects.filter(pk__in={u for u, _ in values})}
    existing = {(t.unit_id, t.indicator): t for t in Target.objects.select_for_update().filter(year=year)}
    created = updated = deleted = 0
    for (unit_id, code), value in values.items():
        if code not in known:
            raise BusinessError(f"未知的指标：{code}")
        if unit_id not in units:
            raise BusinessError(f"未知的单位：{unit_id}")
        current = existing.get((unit_id, code))
        if value is None:
            if current is not None:
                current._history_user = user
                current.delete()
                deleted += 1
            continue
        value = _parse_value(value)
        if current is None:
            _audited_save(Target(unit=units[unit_id], year=year, indicator=code, value=value, is_demo=is_demo), user)
            created += 1
        elif current.value != value:
            current.value = value
            _audited_save(current, user, update_fields=["value", "updated_at"])
            updated += 1
    return {"created": created, "updated": updated, "deleted": deleted}


@transaction.atomic
def custom_indicator_create(*, user, code: str, label: str, base: str, params: dict) -> CustomIndicator:
    _require_manager(user, "定义指标")
    code, label = code.strip(), label.strip()
    if base not in REGISTRY or base == "outbound_visits":
        raise BusinessError("基础指标必须是项目类指标", field="base")
    if not code or not label:
        raise BusinessError("指标编码和名称不能为空")
    if code in selectors.indicator_catalog(include_inactive=True):
        raise BusinessError(f"指标编码“{code}”已被使用", field="code")
    allowed = {"chain", "kind", "min_investment", "max_investment"}
    if set(params) - allowed:
        raise BusinessError(f"筛选条件只能是：{'、'.join(sorted(allowed))}", field="params")
    indicator = CustomIndicator(code=code, label=label, base=base, params=params)
    _audited_save(indicator, user)
    return indicator


# ------------------------------------------------------------------------------- the board (snapshots)

STALE_SECONDS = 120  # the cockpit may show a board this old while a fresh one is computed in the background


def board_for(*, as_of: date | None = None, force: bool = False, today: date | None = None,
              allow_stale: bool = False) -> Board:
    """The board of a date, from the snapshot when the data has not changed since, else computed and stored.

    The cockpit and the briefings both come here: the same date gives the same figures.
    Forecasts (the slow part) are reused for the day and added to the current actuals.
    ``allow_stale`` (the cockpit's pages): a board computed less than ``STALE_SECONDS`` ago is shown
    even if records changed since, and the new one is computed by the task queue — so a leader never
    waits for a recount; the page says when its figures were computed. Briefings never allow it.
    """
    today = today or timezone.localdate()
    as_of = min(as_of or today, today)
    indicators = selectors.indicator_catalog()
    rules = selectors.rules_for(as_of.year)
    fingerprint = selectors.data_fingerprint()
    run = SnapshotRun.objects.filter(as_of=as_of).first()
    codes = sorted(indicators)
    same_day = run is not None and run.extra.get("indicators") == codes and run.extra.get("today") == today.isoformat()
    if same_day and not force and run.fingerprint == fingerprint:
        return _board_from_run(run, indicators, rules, today)
    if same_day and not force and allow_stale and \
            (timezone.now() - run.computed_at).total_seconds() < STALE_SECONDS:
        _refresh_later(as_of)
        board = _board_from_run(run, indicators, rules, today)
        board.stale = True
        return board
    started = time.perf_counter()
    facts = selectors.facts_load()
    if not facts.city_id:
        return Board(as_of=as_of, year=as_of.year, time_share=Period(as_of.year, as_of).time_share,
                     indicators=indicators, units={}, city_id=0, cells={})
    cached = (run.extra.get("forecast") if run is not None else None) or {}
    remainders = cached.get("values") if cached.get("on") == today.isoformat() and not force \
        and set(cached.get("values", {})) >= set(codes) else None
    extra = {"stalled": selectors.stalled_projects(as_of=as_of, today=today),
             "overdue": selectors.overdue_requests(as_of=as_of, today=today)}
    board, remainders = compute_board(as_of=as_of, today=today, facts=facts, indicators=indicators, rules=rules,
                                      rules_for=selectors.rules_for, targets=selectors.targets_for(as_of.year),
                                      remainders=remainders, extra=extra)
    board.forecast_on = today  # reused remainders are today's too
    board.computed_at = timezone.now()
    _store(board, fingerprint=fingerprint, remainders=remainders, codes=codes, today=today,
           seconds=time.perf_counter() - started)
    return board


def _refresh_later(as_of: date) -> None:
    """Queue one recount of the date (not one per page view: a minute's guard in the cache)."""
    from django.core.cache import cache

    if cache.add(f"assessment:refresh:{as_of.isoformat()}", 1, timeout=60):
        from .tasks import snapshot_refresh_task

        transaction.on_commit(lambda: snapshot_refresh_task(as_of.isoformat(), False))


def _store(board: Board, *, fingerprint: str, remainders: dict, codes: list[str], today: date, seconds: float) -> None:
    extra = {**board.extra, "indicators": codes, "today": today.isoformat(),
             "forecast": {"on": (board.forecast_on or today).isoformat(), "values": remainders}}
    try:
        with transaction.atomic():
            run, _ = SnapshotRun.objects.update_or_create(
                as_of=board.as_of, defaults={"fingerprint": fingerprint, "seconds": seconds, "extra": extra})
            run.rows.all().delete()
            IndicatorSnapshot.objects.bulk_create([
                IndicatorSnapshot(run=run, as_of=board.as_of, unit_id=c.unit_id, indicator=c.indicator, value=c.value,
                                  target=c.target, monthly=[str(v) for v in c.monthly],
                                  forecast_mean=c.forecast.mean if c.forecast else None,
                                  forecast_low=c.forecast.low if c.forecast else None,
                                  forecast_high=c.forecast.high if c.forecast else None)
                for c in board.cells.values()])
    except IntegrityError:  # another request stored the same date at the same moment: theirs is as good
        log.info("snapshot of %s stored concurrently", board.as_of)


def _board_from_run(run: SnapshotRun, indicators, rules, today: date) -> Board:
    units, city_id = selectors.units_load()
    period = Period(run.as_of.year, run.as_of)
    cells = {}
    for row in run.rows.all():
        if row.indicator not in indicators or (row.unit_id not in units):
            continue
        fc = ForecastValue(row.forecast_mean, row.forecast_low, row.forecast_high) \
            if row.forecast_mean is not None else None
        cells[(row.unit_id, row.indicator)] = make_cell(
            unit_id=row.unit_id, code=row.indicator, value=row.value, target=row.target,
            monthly=[Decimal(v) for v in row.monthly], forecast=fc, period=period, rules=rules)
    for code in indicators:
        for kind in ("district", "zone"):
            rank_cells([cells[(u.id, code)] for u in units.values() if u.kind == kind and (u.id, code) in cells])
    extra = {k: v for k, v in run.extra.items() if k not in ("forecast", "indicators", "today")}
    forecast_on = run.extra.get("forecast", {}).get("on")
    return Board(as_of=run.as_of, year=run.as_of.year, time_share=period.time_share, indicators=indicators,
                 units=units, city_id=city_id, cells=cells, extra=extra, computed_at=run.computed_at,
                 forecast_on=date.fromisoformat(forecast_on) if forecast_on else None)


def snapshots_refresh(*, today: date | None = None) -> dict:
    """The nightly job: today's board with fresh forecasts, and last month's end (the briefings' date)."""
    today = today or timezone.localdate()
    started = time.perf_counter()
    board_for(as_of=today, force=True, today=today)
    last_month_end = today.replace(day=1) - timedelta(days=1)
    board_for(as_of=last_month_end, today=today)
    return {"as_of": today.isoformat(), "seconds": round(time.perf_counter() - started, 2)}


def unit_contributions(*, unit_id: int | None, code: str, as_of: date):
    """One indicator's contributions for one unit (or the city), computed live for the drill-down.

    Only the unit's own projects and the joint projects it has a share of are loaded.
    """
    indicators = selectors.indicator_catalog()
    if code not in indicators:
        raise BusinessError("未知的指标", status=404)
    ids = selectors.unit_project_ids(unit_id=unit_id) if unit_id is not None else None
    facts = selectors.facts_load(project_ids=ids, activities=True)
    value = indicators[code].compute(facts, Period(as_of.year, as_of), selectors.rules_for(as_of.year))
    return indicators[code], value.for_unit(unit_id), facts


# ------------------------------------------------------------------------------- schemes and scores

DEFAULT_SCHEME_RULES = [
    # (kind, label, indicator, points, params)
    (SchemeRuleKind.WEIGHT, "签约项目数", "signed_count", Decimal(25), {"max_ratio": 1.2}),
    (SchemeRuleKind.WEIGHT, "签约额", "contracted_investment", Decimal(20), {"max_ratio": 1.2}),
    (SchemeRuleKind.WEIGHT, "实际到位资金", "capital_in_place", Decimal(20), {"max_ratio": 1.2}),
    (SchemeRuleKind.WEIGHT, "新开工项目数", "started_count", Decimal(15), {"max_ratio": 1.2}),
    (SchemeRuleKind.WEIGHT, "实际使用外资", "fdi_utilised", Decimal(5), {"max_ratio": 1.2}),
    (SchemeRuleKind.WEIGHT, "领导外出招商", "outbound_visits", Decimal(5), {"max_ratio": 1}),
    (SchemeRuleKind.QUOTA, "3–10亿元项目任务", "", Decimal(4),
     {"min_investment": 30000, "max_investment": 100000, "quota": 7}),
    (SchemeRuleKind.QUOTA, "10–20亿元项目任务", "", Decimal(4),
     {"min_investment": 100000, "max_investment": 200000, "quota": 4}),
    (SchemeRuleKind.QUOTA, "20亿元以上项目任务", "", Decimal(2), {"min_investment": 200000, "quota": 1}),
    (SchemeRuleKind.BONUS, "10亿元以上项目加分", "", Decimal("0.5"), {"min_investment": 100000, "max_investment": 500000}),
    (SchemeRuleKind.BONUS, "50亿元以上项目加分", "", Decimal(2), {"min_investment": 500000}),
    (SchemeRuleKind.DEDUCTION, "签约项目逾期未开工", "", Decimal("0.2"),
     {"check": DeductionCheck.NOT_STARTED_ON_TIME, "days": 365}),
    (SchemeRuleKind.DEDUCTION, "弄虚作假", "", Decimal(2), {"check": DeductionCheck.FLAG, "category": "falsified"}),
    (SchemeRuleKind.DEDUCTION, "重复招商", "", Decimal(1), {"check": DeductionCheck.FLAG, "category": "duplicate"}),
    (SchemeRuleKind.CAP, "加分封顶", "", Decimal(5), {"applies_to": CapTarget.BONUS, "max": 5}),
    (SchemeRuleKind.CAP, "扣分封顶", "", Decimal(10), {"applies_to": CapTarget.DEDUCTION, "max": 10}),
]


def _check_rule(kind: str, indicator: str, points: Decimal, params: dict, indicators: dict) -> None:
    if kind not in SchemeRuleKind.values:
        raise BusinessError(f"未知的规则类型：{kind}")
    if kind == SchemeRuleKind.WEIGHT and indicator not in indicators:
        raise BusinessError(f"权重规则的指标“{indicator}”不存在")
    if points < 0:
        raise BusinessError("分值填正数（扣分规则的分值也填正数，计分时扣减）")
    if kind == SchemeRuleKind.QUOTA and Decimal(str(params.get("quota", 0))) <= 0:
        raise BusinessError("分档任务必须填写大于 0 的任务数（quota）")
    if kind == SchemeRuleKind.DEDUCTION and params.get("check") not in DeductionCheck.values:
        raise BusinessError(f"扣分规则的 check 必须是：{'、'.join(DeductionCheck.values)}")
    if kind == SchemeRuleKind.CAP and params.get("applies_to") not in CapTarget.values:
        raise BusinessError(f"封顶规则的 applies_to 必须是：{'、'.join(CapTarget.values)}")


@transaction.atomic
def scheme_create(*, user, year: int, name: str = "", copy_from: AssessmentScheme | None = None,
                  check: bool = True) -> AssessmentScheme:
    if check:
        _require_manager(user, "制定考核办法")
    if AssessmentScheme.objects.filter(year=year).exists():
        raise BusinessError(f"{year} 年的考核办法已存在")
    scheme = AssessmentScheme(year=year, name=name.strip() or f"{year}年度招商引资工作考核办法")
    _audited_save(scheme, user)
    rows = [(r.kind, r.label, r.indicator, r.points, r.params) for r in copy_from.rules.all()] if copy_from \
        else DEFAULT_SCHEME_RULES
    for i, (kind, label, indicator, points, params) in enumerate(rows):
        _audited_save(SchemeRule(scheme=scheme, kind=kind, label=label, indicator=indicator, points=points,
                                 params=params, sort_order=i), user)
    return scheme


@transaction.atomic
def scheme_rules_save(*, user, scheme: AssessmentScheme, rows: list[dict], new: dict | None = None) -> int:
    """rows: {"id", "label", "points", "params" (dict), "is_active"}; ``new`` adds one rule. All or nothing."""
    _require_manager(user, "修改考核办法")
    indicators = selectors.indicator_catalog()
    changed = 0
    for row in rows:
        rule = SchemeRule.objects.select_for_update().filter(id=row["id"], scheme=scheme).first()
        if rule is None:
            raise BusinessError("规则不存在", status=404)
        values = {"label": row["label"].strip() or rule.label, "points": row["points"], "params": row["params"],
                  "is_active": row["is_active"]}
        _check_rule(rule.kind, rule.indicator, values["points"], values["params"], indicators)
        if any(getattr(rule, f) != v for f, v in values.items()):
            for f, v in values.items():
                setattr(rule, f, v)
            _audited_save(rule, user)
            changed += 1
    if new:
        _check_rule(new["kind"], new.get("indicator", ""), new["points"], new.get("params", {}), indicators)
        _audited_save(SchemeRule(scheme=scheme, kind=new["kind"], label=new["label"].strip() or new["kind"],
                                 indicator=new.get("indicator", ""), points=new["points"],
                                 params=new.get("params", {}), sort_order=scheme.rules.count()), user)
        changed += 1
    return changed


def _rule_specs(scheme: AssessmentScheme) -> list[RuleSpec]:
    labels = dict(ExclusionCategory.objects.values_list("code", "label"))
    specs = []
    for r in scheme.rules.filter(is_active=True):
        params = dict(r.params)
        if r.kind == SchemeRuleKind.DEDUCTION and params.get("category"):
            params["category_label"] = labels.get(params["category"], params["category"])
        specs.append(RuleSpec(id=r.pk, kind=r.kind, label=r.label, points=r.points, indicator=r.indicator,
                              params=params))
    return specs


@transaction.atomic
def score_run_create(*, user, scheme: AssessmentScheme, as_of: date | None = None,
                     today: date | None = None) -> ScoreRun:
    """Score every district and zone under the scheme as of a date; every point kept with its reason.

    ``user`` None: the scheduled job or a briefing.
    """
    if user is not None:
        _require_manager(user, "计算考核得分")
    today = today or timezone.localdate()
    as_of = min(as_of or today, today, date(scheme.year, 12, 31))
    if as_of.year != scheme.year:
        raise BusinessError(f"截至日期必须在 {scheme.year} 年内", field="as_of")
    board = board_for(as_of=as_of, today=today)
    facts = selectors.facts_load()
    rules = selectors.rules_for(scheme.year)
    values = compute_all({"signed_count": board.indicators["signed_count"]}, facts, Period(scheme.year, as_of), rules)
    specs = _rule_specs(scheme)
    units = [u for u in facts.units.values() if u.kind in ("district", "zone")]
    with_targets = {u for (u, _c) in selectors.targets_for(scheme.year)}
    results = score(rules=specs, units=units, cells=board.cells, values=values, indicators=board.indicators,
                    facts=facts, policy=rules, as_of=as_of, with_targets=with_targets)
    run = ScoreRun.objects.create(scheme=scheme, as_of=as_of, computed_by=user,
                                  rules_snapshot=[{"id": s.id, "kind": s.kind, "label": s.label,
                                                   "points": str(s.points), "indicator": s.indicator,
                                                   "params": s.params} for s in specs])
    ScoreLine.objects.bulk_create([
        ScoreLine(run=run, unit_id=line.unit_id, rule_id=line.rule_id, kind=line.kind, label=line.label[:100],
                  points=line.points, full_points=line.full_points, reason=line.reason[:500],
                  project_ids=line.project_ids)
        for r in results.values() for line in r.lines])
    UnitScore.objects.bulk_create([UnitScore(run=run, unit_id=r.unit_id, group=r.group, total=r.total, rank=r.rank)
                                   for r in results.values()])
    return run


# ------------------------------------------------------------------------------- briefings

def briefing_period(*, kind: str, year: int, number: int) -> tuple[date, date, str]:
    """(start, end, title) of a monthly (number = month), quarterly (number = quarter) or 红黑榜 (month) briefing."""
    if kind == BriefingKind.QUARTERLY:
        if not 1 <= number <= 4:
            raise BusinessError("季度必须是 1–4", field="number")
        month = number * 3
        title = f"{year}年第{'一二三四'[number - 1]}季度招商引资工作通报"
    else:
        if not 1 <= number <= 12:
            raise BusinessError("月份必须是 1–12", field="number")
        month = number
        title = f"{year}年1—{month}月招商引资工作通报" if kind == BriefingKind.MONTHLY and month > 1 else \
            f"{year}年{month}月招商引资工作通报"
        if kind == BriefingKind.RED_BLACK:
            title = f"{year}年{month}月招商引资工作红黑榜"
    end = date(year, month, calendar.monthrange(year, month)[1])
    return date(year, 1, 1), end, title


@transaction.atomic
def briefing_request(*, user, kind: str, year: int, number: int, today: date | None = None,
                     is_demo: bool = False, run_now: bool = False) -> Briefing:
    """Queue a briefing for a month or quarter (cumulative from 1 January); the job writes the files.

    The data date is the period's last day, or today while the period is still running.
    """
    _require_manager(user, "生成通报")
    if kind not in BriefingKind.values:
        raise BusinessError("未知的通报类型", field="kind")
    today = today or timezone.localdate()
    start, end, title = briefing_period(kind=kind, year=year, number=number)
    if start > today:
        raise BusinessError("不能为尚未开始的期间生成通报", field="number")
    if kind == BriefingKind.RED_BLACK and selectors.scheme_for(year) is None:
        raise BusinessError(f"{year} 年还没有考核办法，无法生成红黑榜", field="kind")
    issue = (Briefing.objects.filter(kind=kind, year=year).aggregate(n=Max("number"))["n"] or 0) + 1
    briefing = Briefing(kind=kind, year=year, number=issue, title=title, period_start=start, period_end=end,
                        as_of=min(end, today), requested_by=user, is_demo=is_demo)
    _audited_save(briefing, user)
    if run_now:
        transaction.on_commit(lambda: briefing_generate(briefing_id=briefing.pk, today=today))
    else:
        from .tasks import briefing_generate_task

        transaction.on_commit(lambda: briefing_generate_task(briefing.pk))
    return briefing


def briefing_generate(*, briefing_id: int, today: date | None = None) -> Briefing:
    """Write the .docx and .xlsx of a queued briefing (in the huey worker); a failure is kept with its reason."""
    from . import documents

    briefing = Briefing.objects.get(pk=briefing_id)
    if briefing.status not in (BriefingStatus.QUEUED, BriefingStatus.FAILED):
        return briefing
    Briefing.objects.filter(pk=briefing.pk).update(status=BriefingStatus.RUNNING)
    try:
        board = board_for(as_of=briefing.as_of, today=today)
        run = None
        if briefing.kind == BriefingKind.RED_BLACK:
            scheme = selectors.scheme_for(briefing.year)
            if scheme is None:
                raise BusinessError(f"{briefing.year} 年还没有考核办法")
            run = score_run_create(user=None, scheme=scheme, as_of=briefing.as_of, today=today)
        docx_bytes, xlsx_bytes, figures = documents.render(briefing=briefing, board=board, run=run,
                                                           issued=today or timezone.localdate())
        stem = f"{briefing.get_kind_display()}-{briefing.year}-第{briefing.number}期"
        briefing.docx.save(f"{stem}.docx", ContentFile(docx_bytes), save=False)
        briefing.xlsx.save(f"{stem}.xlsx", ContentFile(xlsx_bytes), save=False)
        briefing.figures = figures
        briefing.status, briefing.message, briefing.finished_at = BriefingStatus.DONE, "", timezone.now()
    except BusinessError as exc:
        briefing.status, briefing.message = BriefingStatus.FAILED, exc.message[:500]
    except Exception as exc:  # the job must record why, whatever it was
        log.exception("briefing %s failed", briefing.pk)
        briefing.status, briefing.message = BriefingStatus.FAILED, f"生成失败：{type(exc).__name__}：{exc}"[:500]
    briefing.save(update_fields=["docx", "xlsx", "figures", "status", "message", "finished_at", "updated_at"])
    return briefing


def unit_fact_of(unit: Unit) -> UnitFact:
    return UnitFact(id=unit.pk, name=unit.display_name, kind=unit.kind, sort_order=unit.sort_order)
