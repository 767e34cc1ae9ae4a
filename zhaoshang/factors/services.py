"""Writes of factor guarantees: only these functions save requests, routing, sites and joint reviews.

Every action on a request locks its row, checks who may act and in which state, writes one
timeline step (RequestStep) with the actor's words and files, and tells the other side by an
in-app notification. ``now`` is the clock (the demo and tests pass it; otherwise timezone.now()).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from zhaoshang.accounts.models import User
from zhaoshang.accounts.services import notification_send
from zhaoshang.core.errors import BusinessError, NotVisible
from zhaoshang.core.services import model_update
from zhaoshang.organizations.enums import UnitKind
from zhaoshang.organizations.models import Unit
from zhaoshang.organizations.selectors import visible_unit_ids
from zhaoshang.projects.enums import Stage
from zhaoshang.projects.models import Project, ProjectEvent
from zhaoshang.projects.selectors import project_queryset

from .attachments import MAX_ATTACHMENTS_PER_STEP, attachment_check
from .enums import (
    CLOCK_RUNNING,
    OPEN_STATUSES,
    FactorKind,
    FinanceKind,
    RequestStatus,
    SiteKind,
    SiteStatus,
    StepAction,
    Urgency,
)
from .models import Attachment, CalendarDay, FactorRequest, JointReview, RequestStep, RoutingRule, Site
from .selectors import factor_request_queryset, work_calendar

SITE_UNIT_KINDS = (UnitKind.DISTRICT, UnitKind.ZONE, UnitKind.PARK)


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


def _today(now: datetime | None) -> date:
    return timezone.localdate(_now(now))


# ---------------------------------------------------------------- routing and calendar (city admin)

def _require_routing_manager(user: User) -> None:
    if not user.manages_factor_routing:
        raise BusinessError("只有市级招商管理员可以维护要素分办规则和节假日", status=403)


@transaction.atomic
def routing_rule_set(*, user: User, kind: str, department: Unit, deadline_days: int, note: str = "") -> RoutingRule:
    """Route a kind of request to a department with a deadline; applies to requests raised from now on."""
    _require_routing_manager(user)
    if kind not in FactorKind.values:
        raise BusinessError("没有这种要素类型", field="kind")
    if department.kind != UnitKind.DEPARTMENT or not department.is_active:
        raise BusinessError(f"“{department}”不是启用中的部门，不能作为责任部门", field="department")
    rule = RoutingRule.objects.filter(kind=kind).first()
    if rule is None:
        rule = RoutingRule(kind=kind, department=department, deadline_days=deadline_days, note=note)
        rule.full_clean()
        rule.save()
        return rule
    rule, _ = model_update(instance=rule, fields=["department", "deadline_days", "note"],
                           data={"department": department, "deadline_days": deadline_days, "note": note})
    return rule


@transaction.atomic
def routing_table_update(*, user: User, rows: Sequence[dict]) -> int:
    """Save the whole routing table at once (all or nothing); returns how many rules changed."""
    _require_routing_manager(user)
    changed = 0
    for row in rows:
        before = (RoutingRule.objects.filter(kind=row["kind"])
                  .values_list("department_id", "deadline_days", "note").first())
        rule = routing_rule_set(user=user, kind=row["kind"], department=row["department"],
                                deadline_days=row["deadline_days"], note=row.get("note", ""))
        changed += before != (rule.department_id, rule.deadline_days, rule.note)
    return changed


@transaction.atomic
def calendar_day_set(*, user: User, day: date, is_working_day: bool, note: str = "") -> CalendarDay:
    """Record a statutory holiday on a weekday, or a weekend day worked in its place (调休)."""
    _require_routing_manager(user)
    weekend = day.weekday() >= 5
    if is_working_day and not weekend:
        raise BusinessError(f"{day:%Y-%m-%d} 是工作日，无需设为调休上班", field="day")
    if not is_working_day and weekend:
        raise BusinessError(f"{day:%Y-%m-%d} 是周末，本来就不计入工作日", field="day")
    entry, _ = CalendarDay.objects.update_or_create(day=day, defaults={"is_working_day": is_working_day,
                                                                       "note": note.strip()})
    return entry


@transaction.atomic
def calendar_day_delete(*, user: User, day: date) -> None:
    _require_routing_manager(user)
    entry = CalendarDay.objects.filter(day=day).first()
    if entry is None:
        raise BusinessError(f"{day:%Y-%m-%d} 没有节假日调整记录", status=404)
    entry.delete()


# ---------------------------------------------------------------- requests

def factor_request_next_code(*, year: int) -> str:
    """YS-2026-00042: the next free number of the year (要素 = YS)."""
    prefix = f"YS-{year}-"
    last = (FactorRequest.objects.filter(code__startswith=prefix).order_by("-code")
            .values_list("code", flat=True).first())
    n = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{n:05d}"


def _kind_details(kind: str, *, site_kind: str, land_mu: Decimal | None, floor_area_sqm: Decimal | None,
                  place: str, finance_amount: Decimal | None, finance_kind: str, approval_items: str,
                  energy_tce: Decimal | None, workers: int | None) -> dict:
    """The typed details a kind needs; details of other kinds are dropped, not stored."""
    if kind == FactorKind.LAND:
        site_kind = site_kind or SiteKind.LAND
        if site_kind not in SiteKind.values:
            raise BusinessError("请选择载体类型", field="site_kind")
        if site_kind == SiteKind.LAND:
            if land_mu is None or land_mu <= 0:
                raise BusinessError("用地需求须填写用地面积（亩），且大于 0", field="land_mu")
            floor_area_sqm = None
        else:
            if floor_area_sqm is None or floor_area_sqm <= 0:
                raise BusinessError("厂房或楼宇需求须填写建筑面积（㎡），且大于 0", field="floor_area_sqm")
            land_mu = None
        if not place.strip():
            raise BusinessError("用地需求须填写意向位置", field="place")
        return {"site_kind": site_kind, "land_mu": land_mu, "floor_area_sqm": floor_area_sqm,
                "place": place.strip()}
    if kind == FactorKind.FINANCE:
        if finance_amount is None or finance_amount <= 0:
            raise BusinessError("金融需求须填写融资金额（万元），且大于 0", field="finance_amount")
        if finance_kind not in FinanceKind.values:
            raise BusinessError("金融需求须选择融资方式", field="finance_kind")
        return {"finance_amount": finance_amount, "finance_kind": finance_kind}
    if kind == FactorKind.APPROVAL:
        items = "\n".join(line.strip() for line in approval_items.splitlines() if line.strip())
        if not items:
            raise BusinessError("审批需求须列出审批事项（每行一项）", field="approval_items")
        return {"approval_items": items}
    if kind == FactorKind.ENERGY:
        if energy_tce is None or energy_tce <= 0:
            raise BusinessError("能耗需求须填写年综合能耗（吨标准煤），且大于 0", field="energy_tce")
        return {"energy_tce": energy_tce}
    if kind == FactorKind.LABOUR:
        if not workers:
            raise BusinessError("用工需求须填写用工人数", field="workers")
        return {"workers": workers}
    return {}


def _check_files(files: Sequence[UploadedFile]) -> list[tuple[UploadedFile, str]]:
    """Validate every file before anything is written: one bad file refuses the whole step."""
    if len(files) > MAX_ATTACHMENTS_PER_STEP:
        raise BusinessError(f"每次最多上传 {MAX_ATTACHMENTS_PER_STEP} 个附件", field="files")
    return [(f, attachment_check(name=f.name or "", size=f.size or 0, stream=f)) for f in files]


def _step(request: FactorRequest, *, user: User | None, action: str, text: str, now: datetime,
          files: Sequence[tuple[UploadedFile, str]] = ()) -> RequestStep:
    step = RequestStep(request=request, happened_at=now, actor=user,
                       actor_unit=user.unit if user is not None else None, action=action, text=text.strip())
    step.full_clean(exclude=["request", "actor", "actor_unit"])
    step.save()
    for upload, extension in files:
        attachment = Attachment(request=request, step=step, original_name=upload.name[-200:], extension=extension,
                                size=upload.size, uploaded_by=user, uploaded_at=now)
        attachment.file.save(upload.name, upload, save=False)
        attachment.save()
    return step


def _project_event(request: FactorRequest, *, user: User | None, text: str) -> None:
    """A line on the project's own timeline for the milestones of its requests."""
    ProjectEvent.objects.create(project_id=request.project_id, actor=user, kind="factor_request", text=text,
                                data={"factor_request": request.id, "status": request.status})


def _url(request: FactorRequest) -> str:
    return reverse("factors:detail", args=[request.id])


def department_officers(department_id: int) -> list[User]:
    return [u for u in User.objects.filter(unit_id=department_id, is_active=True) if u.handles_factor_requests]


def _raising_side(request: FactorRequest) -> list[User]:
    """Who raised it, and the officers of the project's unit who answer for it."""
    users = [u for u in User.objects.filter(unit_id=request.project.unit_id, is_active=True)
             if u.raises_factor_requests]
    if request.raised_by is not None:
        users.append(request.raised_by)
    return users


def city_admins() -> list[User]:
    return [u for u in User.objects.filter(is_active=True, unit__kind=UnitKind.CITY) if u.manages_factor_routing]


def _locked(request: FactorRequest) -> FactorRequest:
    return (FactorRequest.objects.select_for_update(of=("self",)).select_related("project", "department", "raised_by")
            .get(pk=request.pk))


def _require_visible(user: User, request: FactorRequest) -> None:
    if not factor_request_queryset(user=user).filter(pk=request.pk).exists():
        raise NotVisible()


def _require_department(user: User, request: FactorRequest) -> None:
    _require_visible(user, request)
    if not user.handles_factor_requests or request.department_id not in visible_unit_ids(user=user):
        raise BusinessError(f"只有责任部门（{request.department}）可以办理此需求", status=403)


def _require_raising_side(user: User, request: FactorRequest) -> None:
    _require_visible(user, request)
    if not user.raises_factor_requests or \
            not project_queryset(user=user).filter(pk=request.project_id).exists():
        raise BusinessError("只有提出需求的单位可以补充材料或撤回", status=403)


def _require_status(request: FactorRequest, allowed: Iterable[str], verb: str) -> None:
    if request.status not in allowed:
        raise BusinessError(f"需求当前为“{request.get_status_display()}”，不能{verb}", status=409)


def _required_text(text: str, what: str, field: str = "text") -> str:
    text = (text or "").strip()
    if not text:
        raise BusinessError(f"请填写{what}", field=field)
    return text


@transaction.atomic
def factor_request_submit(*, user: User, project: Project, kind: str, title: str, needed_by: date,
                          urgency: str = Urgency.NORMAL, description: str = "", site_kind: str = "",
                          land_mu: Decimal | None = None, floor_area_sqm: Decimal | None = None, place: str = "",
                          finance_amount: Decimal | None = None, finance_kind: str = "", approval_items: str = "",
                          energy_tce: Decimal | None = None, workers: int | None = None,
                          files: Sequence[UploadedFile] = (), code: str | None = None,
                          now: datetime | None = None, is_demo: bool = False) -> FactorRequest:
    """Raise a request on a project: routed by its kind, due in the rule's working days from today."""
    if not user.raises_factor_requests:
        raise BusinessError("您的角色不能提出要素保障需求", status=403)
    if not project_queryset(user=user).filter(pk=project.pk).exists():
        raise NotVisible()
    if project.stage == Stage.DROPPED:
        raise BusinessError(f"项目“{project}”已终止，不能再提出要素需求", field="project")
    if kind not in FactorKind.values:
        raise BusinessError("请选择要素类型", field="kind")
    if urgency not in Urgency.values:
        raise BusinessError("请选择紧急程度", field="urgency")
    rule = RoutingRule.objects.select_related("department").filter(kind=kind).first()
    if rule is None:
        raise BusinessError(f"“{FactorKind(kind).label}”类需求尚未设置责任部门，请联系市级招商管理员",
                            field="kind")
    now = _now(now)
    today = _today(now)
    if needed_by < today:
        raise BusinessError("需求日期不能早于今天", field="needed_by")
    title = _required_text(title, "需求事项", "title")
    details = _kind_details(kind, site_kind=site_kind, land_mu=land_mu, floor_area_sqm=floor_area_sqm, place=place,
                            finance_amount=finance_amount, finance_kind=finance_kind,
                            approval_items=approval_items, energy_tce=energy_tce, workers=workers)
    checked = _check_files(files)
    request = FactorRequest(
        code=code or factor_request_next_code(year=today.year), project=project, kind=kind, title=title,
        description=description.strip(), urgency=urgency, needed_by=needed_by, department=rule.department,
        raised_by=user, submitted_on=today, deadline_days=rule.deadline_days,
        due_on=work_calendar().add_working_days(today, rule.deadline_days), is_demo=is_demo, **details,
    )
    request.full_clean()
    request.save()
    _step(request, user=user, action=StepAction.SUBMITTED, now=now, files=checked,
          text=description or title)
    _project_event(request, user=user, text=f"{user} 提出{request.get_kind_display()}要素需求“{title}”，"
                                            f"由{rule.department}办理，期限 {request.due_on:%Y-%m-%d}")
    notification_send(recipients=department_officers(rule.department_id), url=_url(request),
                      kind="factors.submitted",
                      text=f"新的{request.get_kind_display()}需求：{project}·{title}，请于 "
                           f"{request.due_on:%Y-%m-%d} 前办理")
    return request


@transaction.atomic
def factor_request_accept(*, user: User, request: FactorRequest, text: str = "",
                          files: Sequence[UploadedFile] = (), now: datetime | None = None) -> FactorRequest:
    request = _locked(request)
    _require_department(user, request)
    _require_status(request, {RequestStatus.SUBMITTED}, "受理")
    checked = _check_files(files)
    now = _now(now)
    request, _ = model_update(instance=request, fields=["status", "accepted_on"],
                              data={"status": RequestStatus.ACCEPTED, "accepted_on": _today(now)})
    _step(request, user=user, action=StepAction.ACCEPTED, text=text or "已受理", now=now, files=checked)
    notification_send(recipients=_raising_side(request), url=_url(request), kind="factors.accepted",
                      text=f"{request.department}已受理“{request.title}”（{request.project}）")
    return request


@transaction.atomic
def factor_request_ask_info(*, user: User, request: FactorRequest, text: str,
                            files: Sequence[UploadedFile] = (), now: datetime | None = None) -> FactorRequest:
    """The department needs more from the raising unit: its clock stops until they answer."""
    request = _locked(request)
    _require_department(user, request)
    _require_status(request, CLOCK_RUNNING, "要求补充材料")
    text = _required_text(text, "需要补充的材料")
    checked = _check_files(files)
    now = _now(now)
    request, _ = model_update(instance=request, fields=["status", "paused_since"],
                              data={"status": RequestStatus.INFO_REQUESTED, "paused_since": _today(now)})
    _step(request, user=user, action=StepAction.INFO_REQUESTED, text=text, now=now, files=checked)
    notification_send(recipients=_raising_side(request), url=_url(request), kind="factors.info_requested",
                      text=f"{request.department}要求补充材料：“{request.title}”（{request.project}）——{text[:80]}")
    return request


@transaction.atomic
def factor_request_answer(*, user: User, request: FactorRequest, text: str,
                          files: Sequence[UploadedFile] = (), now: datetime | None = None) -> FactorRequest:
    """The raising unit supplies the information: the clock restarts, the waiting days are added back."""
    request = _locked(request)
    _require_raising_side(user, request)
    _require_status(request, {RequestStatus.INFO_REQUESTED}, "补充材料")
    text = _required_text(text, "补充说明")
    checked = _check_files(files)
    now = _now(now)
    calendar = work_calendar()
    waited = calendar.working_days_between(request.paused_since or _today(now), _today(now))
    paused_days = request.paused_days + waited
    request, _ = model_update(
        instance=request, fields=["status", "paused_since", "paused_days", "due_on"],
        data={"status": RequestStatus.ACCEPTED if request.accepted_on else RequestStatus.SUBMITTED,
              "paused_since": None, "paused_days": paused_days,
              "due_on": calendar.add_working_days(request.submitted_on, request.deadline_days + paused_days)})
    _step(request, user=user, action=StepAction.INFO_PROVIDED, text=text, now=now, files=checked)
    notification_send(recipients=department_officers(request.department_id), url=_url(request),
                      kind="factors.info_provided",
                      text=f"{request.project.unit}已补充材料：“{request.title}”，办理期限顺延至 "
                           f"{request.due_on:%Y-%m-%d}")
    return request


def _close(request: FactorRequest, *, user: User, status: str, action: str, text: str, now: datetime,
           checked, extra: dict) -> FactorRequest:
    request, _ = model_update(instance=request, fields=["status", "closed_on", "paused_since", *extra],
                              data={"status": status, "closed_on": _today(now), "paused_since": None, **extra})
    _step(request, user=user, action=action, text=text, now=now, files=checked)
    return request


@transaction.atomic
def factor_request_resolve(*, user: User, request: FactorRequest, outcome: str,
                           files: Sequence[UploadedFile] = (), now: datetime | None = None) -> FactorRequest:
    request = _locked(request)
    _require_department(user, request)
    _require_status(request, CLOCK_RUNNING, "办结")
    outcome = _required_text(outcome, "办理结果", "outcome")
    checked = _check_files(files)
    now = _now(now)
    request = _close(request, user=user, status=RequestStatus.RESOLVED, action=StepAction.RESOLVED, text=outcome,
                     now=now, checked=checked, extra={"outcome": outcome})
    on_time = "按期" if request.closed_on <= request.due_on else "超期"
    _project_event(request, user=user, text=f"{request.department}{on_time}办结{request.get_kind_display()}需求"
                                            f"“{request.title}”：{outcome[:80]}")
    notification_send(recipients=_raising_side(request), url=_url(request), kind="factors.resolved",
                      text=f"{request.department}已办结“{request.title}”（{request.project}）：{outcome[:80]}")
    return request


@transaction.atomic
def factor_request_decline(*, user: User, request: FactorRequest, reason: str,
                           files: Sequence[UploadedFile] = (), now: datetime | None = None) -> FactorRequest:
    request = _locked(request)
    _require_department(user, request)
    _require_status(request, CLOCK_RUNNING, "退回")
    reason = _required_text(reason, "退回原因", "reason")
    checked = _check_files(files)
    now = _now(now)
    request = _close(request, user=user, status=RequestStatus.DECLINED, action=StepAction.DECLINED, text=reason,
                     now=now, checked=checked, extra={"decline_reason": reason})
    _project_event(request, user=user, text=f"{request.department}退回{request.get_kind_display()}需求"
                                            f"“{request.title}”：{reason[:80]}")
    notification_send(recipients=_raising_side(request), url=_url(request), kind="factors.declined",
                      text=f"{request.department}退回“{request.title}”（{request.project}）：{reason[:80]}")
    return request


@transaction.atomic
def factor_request_withdraw(*, user: User, request: FactorRequest, text: str,
                            now: datetime | None = None) -> FactorRequest:
    request = _locked(request)
    _require_raising_side(user, request)
    _require_status(request, OPEN_STATUSES, "撤回")
    text = _required_text(text, "撤回原因")
    now = _now(now)
    request = _close(request, user=user, status=RequestStatus.WITHDRAWN, action=StepAction.WITHDRAWN, text=text,
                     now=now, checked=(), extra={})
    _project_event(request, user=user, text=f"{user} 撤回要素需求“{request.title}”：{text[:80]}")
    notification_send(recipients=department_officers(request.department_id), url=_url(request),
                      kind="factors.withdrawn", text=f"{request.project.unit}撤回了“{request.title}”：{text[:80]}")
    return request


@transaction.atomic
def factor_request_comment(*, user: User, request: FactorRequest, text: str,
                           files: Sequence[UploadedFile] = (), now: datetime | None = None) -> RequestStep:
    """A remark on the timeline (a leader's 批示, a department's progress note, a unit's reminder)."""
    request = _locked(request)
    _require_visible(user, request)
    if not user.sees_business_data:
        raise BusinessError("您的角色不能留言", status=403)
    text = _required_text(text, "留言内容")
    checked = _check_files(files)
    step = _step(request, user=user, action=StepAction.COMMENTED, text=text, now=_now(now), files=checked)
    others = [u for u in department_officers(request.department_id) + _raising_side(request) if u.pk != user.pk]
    if request.is_open:
        notification_send(recipients=others, url=_url(request), kind="factors.commented",
                          text=f"{user}对“{request.title}”留言：{text[:80]}")
    return step


@transaction.atomic
def factor_request_reassign(*, user: User, request: FactorRequest, department: Unit, text: str,
                            now: datetime | None = None) -> FactorRequest:
    """The city admin sends a misrouted request to another department (改派); the deadline is unchanged."""
    request = _locked(request)
    _require_routing_manager(user)
    _require_status(request, OPEN_STATUSES, "改派")
    if department.kind != UnitKind.DEPARTMENT or not department.is_active:
        raise BusinessError(f"“{department}”不是启用中的部门", field="department")
    if department.pk == request.department_id:
        raise BusinessError(f"需求已在{department}办理，无需改派", field="department")
    text = _required_text(text, "改派理由")
    previous = request.department
    request, _ = model_update(instance=request, fields=["department", "status", "accepted_on"],
                              data={"department": department, "accepted_on": None,
                                    "status": RequestStatus.INFO_REQUESTED
                                    if request.status == RequestStatus.INFO_REQUESTED else RequestStatus.SUBMITTED})
    _step(request, user=user, action=StepAction.REASSIGNED, text=f"由{previous}改派至{department}：{text}",
          now=_now(now))
    notification_send(recipients=department_officers(department.pk), url=_url(request), kind="factors.submitted",
                      text=f"改派给本部门的{request.get_kind_display()}需求：{request.project}·{request.title}，"
                           f"请于 {request.due_on:%Y-%m-%d} 前办理")
    return request


@transaction.atomic
def factor_request_escalate_overdue(*, now: datetime | None = None) -> int:
    """Escalate, once, every request past its deadline while the department's clock runs (超期督办).

    Notifies the project's responsible leader (包挂领导), the city admins and the department's
    officers; writes a timeline step and a project event. Returns how many were escalated.
    """
    now = _now(now)
    today = _today(now)
    overdue = list(FactorRequest.objects.select_for_update(of=("self",))
                   .filter(status__in=CLOCK_RUNNING, due_on__lt=today, escalated_at__isnull=True)
                   .select_related("project__responsible_leader", "project__unit", "department")
                   .order_by("due_on", "id"))
    admins = city_admins()
    calendar = work_calendar()
    for request in overdue:
        request, _ = model_update(instance=request, fields=["escalated_at"], data={"escalated_at": now})
        days = calendar.working_days_between(request.due_on, today)
        text = (f"{request.department}办理的{request.get_kind_display()}需求“{request.title}”"
                f"（{request.project}）已超期 {days} 个工作日（期限 {request.due_on:%Y-%m-%d}），提请督办")
        _step(request, user=None, action=StepAction.ESCALATED, text=text, now=now)
        _project_event(request, user=None, text=text)
        notification_send(recipients=[request.project.responsible_leader, *admins,
                                      *department_officers(request.department_id)],
                          text=f"【超期督办】{text}", url=_url(request), kind="factors.escalated")
    return len(overdue)


# ---------------------------------------------------------------- joint reviews (联审)

@transaction.atomic
def joint_review_create(*, user: User, title: str, held_on: date, departments: Sequence[Unit],
                        requests: Sequence[FactorRequest], decisions: str, place: str = "",
                        now: datetime | None = None, is_demo: bool = False) -> JointReview:
    """Record a joint review of cross-department requests: who met, when, and what they decided."""
    _require_routing_manager(user)
    now = _now(now)
    if held_on > _today(now):
        raise BusinessError("联审日期不能晚于今天（请在会后登记）", field="held_on")
    departments = list({d.pk: d for d in departments}.values())
    if len(departments) < 2:
        raise BusinessError("联审至少需要两个部门参加", field="departments")
    if any(d.kind != UnitKind.DEPARTMENT for d in departments):
        raise BusinessError("参加联审的须为部门", field="departments")
    requests = list({r.pk: r for r in requests}.values())
    if not requests:
        raise BusinessError("请选择联审的需求", field="requests")
    visible = set(factor_request_queryset(user=user).filter(pk__in=[r.pk for r in requests])
                  .values_list("pk", flat=True))
    if len(visible) != len(requests):
        raise NotVisible()
    decisions = _required_text(decisions, "会议决定", "decisions")
    review = JointReview(title=_required_text(title, "会议名称", "title"), held_on=held_on, place=place.strip(),
                         decisions=decisions, convened_by=user, is_demo=is_demo)
    review.full_clean()
    review.save()
    review.departments.set(departments)
    review.requests.set(requests)
    names = "、".join(str(d) for d in departments)
    for request in requests:
        _step(request, user=user, action=StepAction.JOINT_REVIEW, now=now,
              text=f"{held_on:%Y-%m-%d}{names}联审：{decisions}")
    recipients = [u for d in departments for u in department_officers(d.pk)]
    for request in requests:
        recipients += _raising_side(request)
    notification_send(recipients=recipients, url=reverse("factors:joint_review_detail", args=[review.id]),
                      kind="factors.joint_review", text=f"联审纪要：{review.title}（{held_on:%Y-%m-%d}）")
    return review


# ---------------------------------------------------------------- sites (载体)

SITE_FIELDS = ["name", "kind", "unit", "address", "area", "price", "suitable_industries", "status",
               "available_from", "project", "note"]


def _check_site(user: User, data: dict) -> None:
    if not user.manages_sites:
        raise BusinessError("您的角色不能维护载体", status=403)
    unit = data["unit"]
    if unit.kind not in SITE_UNIT_KINDS:
        raise BusinessError("载体须属于县区、功能板块或园区", field="unit")
    if unit.pk not in visible_unit_ids(user=user):
        raise BusinessError("只能维护本单位或下级单位的载体", field="unit", status=403)
    if data["area"] is None or data["area"] <= 0:
        raise BusinessError("面积须大于 0", field="area")
    if data.get("price") is not None and data["price"] < 0:
        raise BusinessError("价格不能为负数", field="price")
    project = data.get("project")
    if project is not None and not project_queryset(user=user).filter(pk=project.pk).exists():
        raise BusinessError("只能关联本单位可见的项目", field="project")
    if data["status"] == SiteStatus.TAKEN and project is None:
        raise BusinessError("已落地的载体须注明落地项目", field="project")


@transaction.atomic
def site_create(*, user: User, name: str, kind: str, unit: Unit, address: str, area: Decimal,
                price: Decimal | None = None, suitable_industries: str = "", status: str = SiteStatus.AVAILABLE,
                available_from: date | None = None, project: Project | None = None, note: str = "",
                is_demo: bool = False) -> Site:
    data = {"name": name.strip(), "kind": kind, "unit": unit, "address": address.strip(), "area": area,
            "price": price, "suitable_industries": suitable_industries.strip(), "status": status,
            "available_from": available_from, "project": project, "note": note.strip()}
    _check_site(user, data)
    if Site.objects.filter(unit=unit, name=data["name"]).exists():
        raise BusinessError(f"{unit}已有名为“{data['name']}”的载体", field="name")
    site = Site(**data, is_demo=is_demo)
    site.full_clean()
    site.save()
    return site


@transaction.atomic
def site_update(*, user: User, site: Site, data: dict) -> Site:
    if site.unit_id not in visible_unit_ids(user=user):
        raise NotVisible()
    merged = {f: data.get(f, getattr(site, f)) for f in SITE_FIELDS}
    _check_site(user, merged)
    if Site.objects.filter(unit=merged["unit"], name=merged["name"]).exclude(pk=site.pk).exists():
        raise BusinessError(f"{merged['unit']}已有名为“{merged['name']}”的载体", field="name")
    site, _ = model_update(instance=site, fields=SITE_FIELDS, data=merged)
    return site
