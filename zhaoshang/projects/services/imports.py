"""Writing projects from an Excel import: many rows, one transaction, history and timeline kept.

The row rules live here (``project_import_row_errors``) so the importer's preview and this
service judge a row the same way: stage evidence exactly as the lifecycle checks it (via
``lifecycle._check_evidence``), dates in order, no backward move without the city admin.
Updates respect the optimistic ``version``: a project changed by someone else since the
preview (or since the export the file came from) stops the whole import.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from zhaoshang.core.bulk import history_copy, insert_objects
from zhaoshang.core.errors import BusinessError
from zhaoshang.organizations.models import Unit
from zhaoshang.organizations.selectors import visible_unit_ids

from ..enums import STAGE_ORDER, Stage
from ..models import Project, ProjectEvent, StageTransition
from .lifecycle import STAGE_DATE_FIELD, STAGE_EVIDENCE_FIELDS, _check_evidence

# What an import may set (the rest — scores, warnings, leader, follow-ups — the platform keeps).
IMPORT_FIELDS = [
    "name", "kind", "investor_name", "chain", "industry", "stage", "total_investment", "fixed_asset_investment",
    "foreign_investment_usd", "negotiation_started_on", "signed_on", "agreement_kind", "contracted_amount",
    "registered_on", "local_company_name", "local_credit_code", "site", "construction_started_on",
    "production_started_on", "hold_reason", "drop_reason", "contact_name", "contact_phone", "is_confidential",
]
STAGE_FIELDS = {"stage", "negotiation_started_on", "signed_on", "agreement_kind", "contracted_amount",
                "registered_on", "local_company_name", "local_credit_code", "site", "construction_started_on",
                "production_started_on", "hold_reason", "drop_reason"}
DERIVED_FIELDS = ["tier", "scale_score", "tier_score", "maturity_score", "warning_count"]  # the first four: scores
CHUNK = 2000


@dataclass
class ProjectImportRow:
    """One checked spreadsheet row: the values of the columns present (model field → value)."""

    number: int
    unit: Unit
    values: dict[str, Any]
    code: str = ""  # "" → a new project gets the next LYG code
    existing_id: int | None = None
    expected_version: int | None = None  # the 版本 column of an exported 台账, when present


@dataclass
class ProjectImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    ids: list[int] = field(default_factory=list)


def _label(name: str) -> str:
    return str(Project._meta.get_field(name).verbose_name)


def _current(project: Project, name: str) -> Any:
    return project.drop_reason_id if name == "drop_reason" else getattr(project, name)


def _incoming(name: str, value: Any) -> Any:
    if name == "drop_reason":
        return value.pk if value is not None else None
    if value is None and Project._meta.get_field(name).get_internal_type() in ("CharField", "TextField"):
        return ""  # a blank cell clears a text field
    return value


def project_import_changes(project: Project, values: dict[str, Any]) -> list[str]:
    """The fields a row would change on ``project`` (blank cells clear, absent columns keep)."""
    return [name for name, value in values.items() if name in IMPORT_FIELDS
            and _current(project, name) != _incoming(name, value)]


def project_import_normalize(values: dict[str, Any], *, existing: Project | None, today: date) -> dict[str, Any]:
    """A blank 洽谈开始日期 keeps the existing date; a new project gets its earliest stage date, or today."""
    values = {name: value for name, value in values.items() if name in IMPORT_FIELDS}
    if values.get("negotiation_started_on") is None:
        if existing is not None:
            values.pop("negotiation_started_on", None)
        else:
            dates = [values.get(f) for f in STAGE_DATE_FIELD.values() if values.get(f)]
            values["negotiation_started_on"] = min([*dates, today])
    return values


def _reached(project: Project) -> int:
    """Index in STAGE_ORDER of the furthest stage the project's dates show (for 暂缓/终止)."""
    reached = 0
    for i, stage in enumerate(STAGE_ORDER[1:], start=1):
        if getattr(project, STAGE_DATE_FIELD[stage]):
            reached = i
    return reached


def project_import_row_errors(*, values: dict[str, Any], existing: Project | None, user,
                              today: date) -> list[str]:
    """Every reason (Chinese) why a row cannot be written; [] when it can.

    Stage evidence is checked when the project is new, or when the row changes its stage or
    any stage field: data entered before these rules existed is not re-judged on every import.
    """
    merged = copy.copy(existing) if existing is not None else Project()
    for name, value in values.items():
        setattr(merged, name, value if name == "drop_reason" else _incoming(name, value))
    errors: list[str] = []
    if merged.total_investment is None or merged.total_investment <= 0:
        errors.append("总投资（万元）：必须大于 0")
    if merged.negotiation_started_on and merged.negotiation_started_on > today:
        errors.append("洽谈开始日期：不能晚于今天")
    changed = set(values) if existing is None else set(project_import_changes(existing, values))
    if not changed & STAGE_FIELDS:
        return errors
    target = merged.stage
    if existing is not None and target != existing.stage:
        old = existing.stage
        if old == Stage.DROPPED:
            errors.append("项目已终止，不能通过导入改变阶段")
        if old == Stage.IN_PRODUCTION and target in (Stage.ON_HOLD, Stage.DROPPED):
            errors.append(f"项目已投产，不能改为“{Stage(target).label}”")
        if (old in STAGE_ORDER and target in STAGE_ORDER and STAGE_ORDER.index(target) < STAGE_ORDER.index(old)
                and not user.is_city_admin):
            errors.append(f"阶段不能由“{Stage(old).label}”回退到“{Stage(target).label}”：只有市级招商管理员可以回退阶段")
    if target in STAGE_ORDER:
        reached = STAGE_ORDER.index(target)
        later = [_label(STAGE_DATE_FIELD[s]) for s in STAGE_ORDER[reached + 1:]
                 if getattr(merged, STAGE_DATE_FIELD[s])]
        if later:
            errors.append(f"阶段为“{Stage(target).label}”，不应填写{'、'.join(later)}（属于后续阶段）")
    else:
        reached = _reached(merged)
        if target == Stage.ON_HOLD and not merged.hold_reason:
            errors.append("阶段为“暂缓”时必须填写暂缓原因")
        if target == Stage.DROPPED and merged.drop_reason_id is None:
            errors.append("阶段为“终止”时必须填写终止原因")
    for stage in STAGE_ORDER[1:reached + 1]:
        evidence = {name: getattr(merged, name) for name in STAGE_EVIDENCE_FIELDS[stage]}
        try:
            _check_evidence(merged, stage, evidence, today)
        except BusinessError as exc:
            errors.append(exc.message)
    return errors


def _stage_day(project: Project, today: date) -> date:
    field_name = STAGE_DATE_FIELD.get(project.stage)
    if field_name and getattr(project, field_name):
        return getattr(project, field_name)
    return project.negotiation_started_on if project.stage == Stage.NEGOTIATING else today


def _transitions(project: Project, old: str | None, user, today: date, reason: str) -> list[StageTransition]:
    """The stage steps an import made: each forward stage on its own date, or one backward step."""
    new = project.stage
    if old == new:
        return []
    start = old or Stage.NEGOTIATING
    steps: list[tuple[str, str, date, bool]] = []
    if start in STAGE_ORDER and new in STAGE_ORDER and STAGE_ORDER.index(new) < STAGE_ORDER.index(start):
        steps.append((start, new, today, True))
    else:
        path_end = STAGE_ORDER.index(new) if new in STAGE_ORDER else _reached(project)
        previous = start
        begin = STAGE_ORDER.index(start) + 1 if start in STAGE_ORDER else path_end + 1
        for stage in STAGE_ORDER[begin:path_end + 1]:
            steps.append((previous, stage, getattr(project, STAGE_DATE_FIELD[stage]) or today, False))
            previous = stage
        if new not in STAGE_ORDER:
            steps.append((previous, new, today, False))
    return [StageTransition(project=project, from_stage=a, to_stage=b, happened_on=day, actor=user, reason=reason,
                            is_backward=back) for a, b, day, back in steps]


def _next_codes(count: int, today: date) -> list[str]:
    from .core import project_next_code

    first = project_next_code(year=today.year)
    prefix, start = first.rsplit("-", 1)
    return [f"{prefix}-{int(start) + i:05d}" for i in range(count)]


def _chunks(items: list, size: int = CHUNK):
    for i in range(0, len(items), size):
        yield items[i:i + size]


@transaction.atomic
def project_import_apply(*, user, rows: list[ProjectImportRow], preview_versions: dict[str, int] | None = None,
                         job_id: int | None = None, today: date | None = None) -> ProjectImportResult:
    """Create and update the projects of an import in one transaction, or raise and write nothing.

    ``preview_versions`` maps project ids to the version seen at preview: a project saved by
    someone else since then makes the whole import fail (optimistic locking, as in
    ``project_update``). New projects and changed ones get history rows, a timeline event and
    stage transitions; their derived columns (tier, scores) are computed as they are written.
    """
    if not user.writes_business_data:
        raise BusinessError("您的角色不能导入项目", status=403)
    today = today or timezone.localdate()
    visible = set(visible_unit_ids(user=user))
    preview_versions = preview_versions or {}
    batch = f"Excel 导入（批次 #{job_id}）" if job_id else "Excel 导入"
    ids = [r.existing_id for r in rows if r.existing_id]
    locked: dict[int, Project] = {}
    for chunk in _chunks(sorted(ids)):
        qs = (Project.objects.select_for_update(of=("self",)).select_related("investor", "task_force")
              .filter(pk__in=chunk).order_by("pk"))
        locked.update({p.pk: p for p in qs})
    derive = _deriver(today)
    result = ProjectImportResult()
    created: list[Project] = []
    updated: list[Project] = []
    events: list[ProjectEvent] = []
    transitions: list[StageTransition] = []
    new_rows = [r for r in rows if not r.existing_id]
    codes = iter(_next_codes(sum(1 for r in new_rows if not r.code), today))
    now = timezone.now()
    for row in rows:
        where = f"第 {row.number} 行"
        if row.unit.pk not in visible or row.unit.kind == "department":
            raise BusinessError(f"{where}：不能导入到“{row.unit}”（只能导入本单位及下级单位的项目）", status=403)
        if row.existing_id:
            project = locked.get(row.existing_id)
            if project is None or project.unit_id not in visible:
                raise BusinessError(f"{where}：项目不存在或无权修改", status=404)
            seen = preview_versions.get(str(project.pk))
            if seen is not None and seen != project.version:
                raise BusinessError(f"项目“{project.name}”（{project.code}）在预览后已被他人修改，为避免覆盖他人的修改，"
                                    "本次导入未写入任何数据，请重新上传文件", status=409)
            row.values = project_import_normalize(row.values, existing=project, today=today)
            changes = project_import_changes(project, row.values)
            if not changes:
                result.unchanged += 1
                continue
            if row.expected_version is not None and row.expected_version != project.version:
                raise BusinessError(f"{where}：项目“{project.name}”（{project.code}）在您导出台账后已被修改"
                                    f"（导出时版本 {row.expected_version}，现为 {project.version}），为避免覆盖，"
                                    "本次导入未写入任何数据：请重新导出后再修改", status=409)
            errors = project_import_row_errors(values=row.values, existing=project, user=user, today=today)
            if errors:
                raise BusinessError(f"{where}：{'；'.join(errors)}")
            old_stage = project.stage
            for name in changes:
                setattr(project, name, row.values[name] if name == "drop_reason" else _incoming(name, row.values[name]))
            if project.stage != old_stage:
                project.stage_changed_on = _stage_day(project, today)
                changes.append("stage_changed_on")
                transitions += _transitions(project, old_stage, user, today, batch)
            project.version += 1
            project.updated_at = now
            project.full_clean(exclude=["unit", "investor", "responsible_leader", "created_by", "drop_reason"],
                               validate_unique=False)
            derive(project)
            project._import_fields = changes
            updated.append(project)
            labels = "、".join(_label(n) for n in changes if n != "stage_changed_on")
            events.append(ProjectEvent(project=project, actor=user, kind="imported",
                                       text=f"{user} 通过 Excel 导入修改了{labels}",
                                       data={"fields": changes, "import_job": job_id}))
        else:
            row.values = project_import_normalize(row.values, existing=None, today=today)
            values = {name: (value if name == "drop_reason" else _incoming(name, value))
                      for name, value in row.values.items()}
            errors = project_import_row_errors(values=row.values, existing=None, user=user, today=today)
            if errors:
                raise BusinessError(f"{where}：{'；'.join(errors)}")
            project = Project(code=row.code or next(codes), unit=row.unit, created_by=user, **values)
            project.stage_changed_on = _stage_day(project, today)
            project.full_clean(exclude=["unit", "investor", "responsible_leader", "created_by", "drop_reason"],
                               validate_unique=False)
            derive(project)
            created.append(project)
    _write(user, batch, created, updated, now=now)
    for project in created:
        events.append(ProjectEvent(project=project, actor=user, kind="imported",
                                   text=f"{user} 通过 Excel 导入录入项目，阶段“{project.get_stage_display()}”",
                                   data={"import_job": job_id}))
        transitions += _transitions(project, None, user, today, batch)
    insert_objects(ProjectEvent, events, now=now)
    ids = insert_objects(StageTransition, transitions, now=now)
    history_copy(StageTransition, ids, history_type="+", reason=batch, user_id=user.pk, now=now)
    result.created, result.updated = len(created), len(updated)
    result.ids = [p.pk for p in created] + [p.pk for p in updated]
    return result


def _deriver(today: date):
    """Tier and scores computed in memory as rows are written (what ``scoring.project_refresh_derived``
    stores), so an import needs no second pass over its projects. Warnings are not touched by an
    import; the nightly job keeps them."""
    from ..scoring import score_project, tier_for
    from .scoring import active_rules, project_facts, tier_thresholds

    rules, thresholds = active_rules(), tier_thresholds()

    def derive(project: Project) -> None:
        scores = score_project(project_facts(project, today=today), rules)
        project.tier = tier_for(project.total_investment, thresholds)
        project.scale_score = scores["scale"].value
        project.tier_score = scores["tier"].value
        project.maturity_score = scores["maturity"].value

    return derive


def _write(user, reason: str, created: list[Project], updated: list[Project], *, now) -> None:
    """Insert the new projects and update the changed ones, each with its history row.

    New rows go out through ``core.bulk.insert_objects`` and their history rows are copied by the
    database (``history_copy``): Django's ``bulk_create_with_history`` spent most of a 10,000-row
    import composing SQL and building historical objects. Updates go out as one parameterised
    UPDATE per set of changed columns through ``executemany`` (pipelined by psycopg): Django's
    ``bulk_update`` builds a CASE per field and row.
    """
    if created:
        ids = insert_objects(Project, created, now=now)
        history_copy(Project, ids, history_type="+", reason=reason, user_id=user.pk, now=now)
    if not updated:
        return
    groups: dict[tuple[str, ...], list[Project]] = defaultdict(list)
    for project in updated:
        fields = sorted({*project._import_fields, "version", "updated_at", *DERIVED_FIELDS[:4]})
        groups[tuple(fields)].append(project)
    quote = connection.ops.quote_name
    table = quote(Project._meta.db_table)
    for fields, projects in groups.items():
        columns = [Project._meta.get_field(f) for f in fields]
        sql = (f"UPDATE {table} SET {', '.join(f'{quote(c.column)} = %s' for c in columns)} "
               f"WHERE {quote(Project._meta.pk.column)} = %s")
        for chunk in _chunks(projects):
            params = [[c.get_db_prep_save(getattr(p, c.attname), connection) for c in columns] + [p.pk]
                      for p in chunk]
            with connection.cursor() as cursor:
                cursor.executemany(sql, params)
    history_copy(Project, [p.pk for p in updated], history_type="~", reason=reason, user_id=user.pk, now=now)
