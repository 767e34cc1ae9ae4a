"""The lifecycle 洽谈 → 签约 → 注册落地 → 开工 → 投产, plus 暂缓 and 终止.

One function moves a project forward, one stage at a time, checking the evidence of the
stage it enters; moving back needs the city admin and a reason. Every move writes a
StageTransition (for conversion rates and durations) and a timeline event.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from zhaoshang.core.errors import BusinessError
from zhaoshang.firms.credit_code import credit_code_error

from ..enums import STAGE_ORDER, AgreementKind, Stage
from ..models import DropReason, Project, ProjectEvent, StageTransition
from .core import require_writer

# What each stage needs as evidence, and the date field that records when it was reached.
STAGE_DATE_FIELD = {
    Stage.SIGNED: "signed_on",
    Stage.REGISTERED: "registered_on",
    Stage.UNDER_CONSTRUCTION: "construction_started_on",
    Stage.IN_PRODUCTION: "production_started_on",
}
STAGE_EVIDENCE_FIELDS = {
    Stage.SIGNED: ["signed_on", "agreement_kind", "contracted_amount"],
    Stage.REGISTERED: ["registered_on", "local_company_name", "local_credit_code", "site"],
    Stage.UNDER_CONSTRUCTION: ["construction_started_on"],
    Stage.IN_PRODUCTION: ["production_started_on"],
}


def _label(stage: str) -> str:
    return Stage(stage).label


def _locked(project: Project) -> Project:
    return Project.objects.select_for_update().get(pk=project.pk)


def _previous_date(project: Project, stage: str) -> date | None:
    """The date the project entered the stage before ``stage`` (evidence dates must not go backwards)."""
    index = STAGE_ORDER.index(stage)
    if index <= 1:
        return project.negotiation_started_on
    return getattr(project, STAGE_DATE_FIELD[STAGE_ORDER[index - 1]])


def _check_evidence(project: Project, stage: str, evidence: dict, today: date) -> dict:
    """Validate the evidence for entering ``stage``; returns the cleaned field values."""
    needed = STAGE_EVIDENCE_FIELDS[stage]
    labels = {f: str(Project._meta.get_field(f).verbose_name) for f in needed}
    missing = [labels[f] for f in needed if evidence.get(f) in (None, "")]
    if missing:
        raise BusinessError(f"进入“{_label(stage)}”阶段需要填写：{'、'.join(missing)}")
    cleaned = {f: evidence[f] for f in needed}
    day = cleaned[STAGE_DATE_FIELD[stage]]
    if not isinstance(day, date):
        raise BusinessError(f"{labels[STAGE_DATE_FIELD[stage]]}不是有效日期")
    if day > today:
        raise BusinessError(f"{labels[STAGE_DATE_FIELD[stage]]}不能晚于今天", field=STAGE_DATE_FIELD[stage])
    before = _previous_date(project, stage)
    if before and day < before:
        raise BusinessError(f"{labels[STAGE_DATE_FIELD[stage]]}（{day:%Y-%m-%d}）不能早于上一阶段的日期"
                            f"（{before:%Y-%m-%d}）", field=STAGE_DATE_FIELD[stage])
    if stage == Stage.SIGNED:
        if cleaned["agreement_kind"] not in AgreementKind.values:
            raise BusinessError("协议类型必须是框架协议或正式合同", field="agreement_kind")
        amount = cleaned["contracted_amount"]
        if not isinstance(amount, Decimal | int) or amount <= 0:
            raise BusinessError("签约金额必须大于 0（单位：万元）", field="contracted_amount")
    if stage == Stage.REGISTERED:
        code = str(cleaned["local_credit_code"]).strip().upper()
        error = credit_code_error(code)
        if error:
            raise BusinessError(f"统一社会信用代码不正确：{error}", field="local_credit_code")
        cleaned["local_credit_code"] = code
    return cleaned


def _record(project: Project, *, user, from_stage: str, to_stage: str, day: date, reason: str = "",
            backward: bool = False, text: str) -> None:
    StageTransition.objects.create(project=project, from_stage=from_stage, to_stage=to_stage, happened_on=day,
                                   actor=user, reason=reason, is_backward=backward)
    ProjectEvent.objects.create(project=project, actor=user, kind="stage", text=text,
                                data={"from": from_stage, "to": to_stage, "on": day.isoformat()})


def _save(project: Project, user, fields: list[str]) -> None:
    project.version += 1
    project.full_clean()
    project._history_user = user
    project.save(update_fields=[*fields, "stage", "stage_changed_on", "version", "updated_at"])
    from ..tasks import refresh_project
    from .scoring import project_refresh_derived

    project_refresh_derived(project=project)
    transaction.on_commit(lambda: refresh_project(project.pk))


@transaction.atomic
def project_advance_stage(*, user, project: Project, evidence: dict, today: date | None = None) -> Project:
    """Move the project one stage forward, after checking that stage's evidence."""
    today = today or timezone.localdate()
    require_writer(user, project.unit)
    project = _locked(project)
    if project.stage not in STAGE_ORDER or project.stage == Stage.IN_PRODUCTION:
        raise BusinessError(f"项目处于“{_label(project.stage)}”，不能推进到下一阶段")
    target = STAGE_ORDER[STAGE_ORDER.index(project.stage) + 1]
    cleaned = _check_evidence(project, target, evidence, today)
    previous = project.stage
    for field, value in cleaned.items():
        setattr(project, field, value)
    day = cleaned[STAGE_DATE_FIELD[target]]
    project.stage, project.stage_changed_on = target, day
    _save(project, user, list(cleaned))
    _record(project, user=user, from_stage=previous, to_stage=target, day=day,
            text=f"{user} 将项目由“{_label(previous)}”推进到“{_label(target)}”（{day:%Y-%m-%d}）")
    if target == Stage.SIGNED:
        from zhaoshang.leads.services import project_entered

        project_entered(project=project)  # a signing repeated at a second event is caught at once
    return project


@transaction.atomic
def project_move_back(*, user, project: Project, reason: str, today: date | None = None) -> Project:
    """Move back one stage (e.g. a signing that fell through): the city admin only, with a reason.

    The date of the stage left is cleared, so the project no longer counts as having reached it.
    """
    today = today or timezone.localdate()
    if not user.is_city_admin:
        raise BusinessError("只有市级招商管理员可以回退项目阶段", status=403)
    if not reason.strip():
        raise BusinessError("回退阶段必须说明原因", field="reason")
    project = _locked(project)
    if project.stage not in STAGE_ORDER or project.stage == Stage.NEGOTIATING:
        raise BusinessError(f"项目处于“{_label(project.stage)}”，不能回退")
    previous = project.stage
    target = STAGE_ORDER[STAGE_ORDER.index(previous) - 1]
    date_field = STAGE_DATE_FIELD[previous]
    setattr(project, date_field, None)
    project.stage, project.stage_changed_on = target, today
    _save(project, user, [date_field])
    _record(project, user=user, from_stage=previous, to_stage=target, day=today, reason=reason, backward=True,
            text=f"{user} 将项目由“{_label(previous)}”回退到“{_label(target)}”，原因：{reason}")
    return project


@transaction.atomic
def project_put_on_hold(*, user, project: Project, reason: str, today: date | None = None) -> Project:
    today = today or timezone.localdate()
    require_writer(user, project.unit)
    if not reason.strip():
        raise BusinessError("暂缓必须说明原因", field="reason")
    project = _locked(project)
    if project.stage not in STAGE_ORDER or project.stage == Stage.IN_PRODUCTION:
        raise BusinessError(f"项目处于“{_label(project.stage)}”，不能暂缓")
    previous = project.stage
    project.stage, project.stage_changed_on, project.hold_reason = Stage.ON_HOLD, today, reason.strip()
    _save(project, user, ["hold_reason"])
    _record(project, user=user, from_stage=previous, to_stage=Stage.ON_HOLD, day=today, reason=reason,
            text=f"{user} 暂缓项目，原因：{reason}")
    return project


@transaction.atomic
def project_resume(*, user, project: Project, today: date | None = None) -> Project:
    """Take a project off hold, back to the stage it was in."""
    today = today or timezone.localdate()
    require_writer(user, project.unit)
    project = _locked(project)
    if project.stage != Stage.ON_HOLD:
        raise BusinessError("只有暂缓的项目可以恢复推进")
    last = project.transitions.filter(to_stage=Stage.ON_HOLD).order_by("-happened_on", "-id").first()
    target = last.from_stage if last else Stage.NEGOTIATING
    project.stage, project.stage_changed_on, project.hold_reason = target, today, ""
    _save(project, user, ["hold_reason"])
    _record(project, user=user, from_stage=Stage.ON_HOLD, to_stage=target, day=today,
            text=f"{user} 恢复推进项目，回到“{_label(target)}”阶段")
    return project


@transaction.atomic
def project_drop(*, user, project: Project, reason: DropReason, note: str = "", today: date | None = None) -> Project:
    """终止: the project is lost; the reason comes from the city's list so losses can be counted."""
    today = today or timezone.localdate()
    require_writer(user, project.unit)
    if reason is None:
        raise BusinessError("终止项目必须选择原因", field="reason")
    project = _locked(project)
    if project.stage in (Stage.DROPPED, Stage.IN_PRODUCTION):
        raise BusinessError(f"项目处于“{_label(project.stage)}”，不能终止")
    previous = project.stage
    project.stage, project.stage_changed_on = Stage.DROPPED, today
    project.drop_reason, project.drop_note = reason, note.strip()
    _save(project, user, ["drop_reason", "drop_note"])
    _record(project, user=user, from_stage=previous, to_stage=Stage.DROPPED, day=today, reason=reason.name,
            text=f"{user} 终止项目，原因：{reason.name}{('（' + note + '）') if note else ''}")
    return project
