"""Writes to leads: entry, 研判, conversion into a project, rejection, feedback, response deadlines."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from zhaoshang.core.errors import BusinessError
from zhaoshang.organizations.models import Unit

from ..enums import AssessmentDimension, ChannelKind, DeadlineKind, LeadStatus, Rating
from ..models import Channel, Contact, Lead, LeadAssessment, ResponseDeadline
from .common import lead_event, project_event, require_writer

DEFAULT_DEADLINE_DAYS = {DeadlineKind.ACKNOWLEDGE: 1, DeadlineKind.ASSESS: 3, DeadlineKind.FEEDBACK: 7}
#: Leads nobody referred (found in the news, or by chain targeting): there is no one to give feedback to.
NO_REFERRER_KINDS = frozenset({ChannelKind.NEWS, "targeting"})
OPEN_STATUSES = (LeadStatus.NEW, LeadStatus.QUALIFIED)


# --- codes and deadlines --------------------------------------------------------------------------

def lead_next_code(*, year: int) -> str:
    """XS-2026-00042: the next free number of the year."""
    prefix = f"XS-{year}-"
    last = Lead.objects.filter(code__startswith=prefix).order_by("-code").values_list("code", flat=True).first()
    n = int(last.rsplit("-", 1)[1]) + 1 if last and last.rsplit("-", 1)[1].isdigit() else 1
    return f"{prefix}{n:05d}"


def deadline_days() -> dict[str, int]:
    """The city's response deadlines in days (the defaults where the table has no row)."""
    days = {str(k): v for k, v in DEFAULT_DEADLINE_DAYS.items()}
    days.update(dict(ResponseDeadline.objects.values_list("kind", "days")))
    return days


def due_dates(*, received_on: date, channel_kind: str, days: dict[str, int] | None = None) -> dict[str, date | None]:
    days = days or deadline_days()
    return {
        "acknowledge_due_on": received_on + timedelta(days=days[DeadlineKind.ACKNOWLEDGE]),
        "assess_due_on": received_on + timedelta(days=days[DeadlineKind.ASSESS]),
        "feedback_due_on": (None if channel_kind in NO_REFERRER_KINDS
                            else received_on + timedelta(days=days[DeadlineKind.FEEDBACK])),
    }


@transaction.atomic
def response_deadline_set(*, user, days: dict[str, int]) -> int:
    """The city admin changes the deadlines; open leads get their due dates recomputed. Returns how many."""
    if not user.is_city_admin:
        raise BusinessError("只有市级招商管理员可以修改线索响应时限", status=403)
    for kind, value in days.items():
        if kind not in DeadlineKind.values:
            raise BusinessError(f"未知的环节：{kind}")
        if not isinstance(value, int) or not 1 <= value <= 365:
            raise BusinessError(f"“{DeadlineKind(kind).label}”的时限应为 1 至 365 天", field=kind)
        row = ResponseDeadline.objects.filter(kind=kind).first() or ResponseDeadline(kind=kind)
        if row.pk and row.days == value:
            continue
        row.days = value
        row.full_clean()
        row._history_user = user
        row.save()
    return lead_deadlines_recompute()


def lead_deadlines_recompute(*, leads: Iterable[Lead] | None = None) -> int:
    """Due dates are derived data: recompute them for open leads (no history rows, like scores)."""
    days = deadline_days()
    qs = leads if leads is not None else Lead.objects.filter(status__in=OPEN_STATUSES).only(
        "pk", "received_on", "channel_kind", "acknowledge_due_on", "assess_due_on", "feedback_due_on")
    batch, count = [], 0
    for lead in (qs.iterator(chunk_size=2000) if hasattr(qs, "iterator") else qs):
        for field, value in due_dates(received_on=lead.received_on, channel_kind=lead.channel_kind, days=days).items():
            setattr(lead, field, value)
        batch.append(lead)
        if len(batch) >= 2000:
            count += Lead.objects.bulk_update(batch, ["acknowledge_due_on", "assess_due_on", "feedback_due_on"])
            batch = []
    if batch:
        count += Lead.objects.bulk_update(batch, ["acknowledge_due_on", "assess_due_on", "feedback_due_on"])
    return count


# --- entry --------------------------------------------------------------------------------------------

def _check_channel(user, channel: Channel | None, contact: Contact | None) -> None:
    from ..selectors import channel_queryset

    if channel is not None:
        if not channel_queryset(user=user).filter(pk=channel.pk).exists():
            raise BusinessError("该渠道不存在或无权使用", field="channel")
        if not channel.is_active:
            raise BusinessError(f"渠道“{channel}”已停用", field="channel")
    if contact is not None:
        if channel is None or contact.channel_id != channel.pk:
            raise BusinessError("推荐人必须是所选渠道的联系人", field="contact")


def _check_amounts(planned_investment, land_mu, energy_tce) -> None:
    for value, field, label in ((planned_investment, "planned_investment", "拟投资额"), (land_mu, "land_mu", "用地需求"),
                                (energy_tce, "energy_tce", "年综合能耗")):
        if value is not None and value < 0:
            raise BusinessError(f"{label}不能为负数", field=field)


@transaction.atomic
def lead_create(*, user, unit: Unit, firm_name: str, summary: str, received_on: date | None = None,
                channel: Channel | None = None, contact: Contact | None = None, channel_kind: str = "",
                industry: str = "", planned_investment: Decimal | None = None, planned_timing: str = "",
                land_mu: Decimal | None = None, energy_tce: Decimal | None = None, is_confidential: bool = False,
                credit_code: str | None = None, code: str | None = None, is_demo: bool = False,
                notify: bool = True) -> Lead:
    """Enter a lead: its firm is resolved to one identity, its deadlines set, and duplicate pursuit checked
    at once (the other units and the city admin are told in the same transaction)."""
    from zhaoshang.firms.services import firm_resolve

    from .pursuit import pursuit_check

    require_writer(user, unit)
    if unit.kind == "department":
        raise BusinessError("线索应归属县区、功能板块或园区，不能归属部门", field="unit")
    _check_channel(user, channel, contact)
    channel_kind = channel.kind if channel is not None else channel_kind
    if not channel_kind:
        raise BusinessError("请选择来源渠道或渠道类型", field="channel")
    today = timezone.localdate()
    received_on = received_on or today
    if received_on > today:
        raise BusinessError("收到日期不能晚于今天", field="received_on")
    _check_amounts(planned_investment, land_mu, energy_tce)
    if not (firm_name or "").strip():
        raise BusinessError("请填写企业名称", field="firm_name")
    firm = firm_resolve(name=firm_name, credit_code=credit_code, is_demo=is_demo)
    lead = Lead(code=code or lead_next_code(year=today.year), firm_name=firm_name.strip(), firm=firm, unit=unit,
                channel=channel, contact=contact, channel_kind=channel_kind, summary=summary.strip(),
                industry=industry.strip(), planned_investment=planned_investment, planned_timing=planned_timing.strip(),
                land_mu=land_mu, energy_tce=energy_tce, received_on=received_on, is_confidential=is_confidential,
                is_demo=is_demo, created_by=user,
                **due_dates(received_on=received_on, channel_kind=channel_kind))
    lead.full_clean()
    lead._history_user = user
    lead.save()
    source = f"（来源：{channel}{'·' + contact.name if contact else ''}）" if channel else ""
    lead_event(lead, actor=user, kind="created", text=f"{user} 录入线索{source}")
    pursuit_check(lead=lead, user=user, notify=notify)
    return lead


EDITABLE_FIELDS = ["firm_name", "summary", "industry", "planned_investment", "planned_timing", "land_mu", "energy_tce",
                   "channel", "contact", "received_on", "is_confidential"]


@transaction.atomic
def lead_update(*, user, lead: Lead, data: dict) -> tuple[Lead, list[str]]:
    """Edit an open lead; a new firm name is resolved again and checked for duplicate pursuit."""
    from zhaoshang.core.services import model_update
    from zhaoshang.firms.services import firm_resolve

    from .pursuit import pursuit_check

    lead = Lead.objects.select_for_update().get(pk=lead.pk)
    require_writer(user, lead.unit)
    if not lead.is_open:
        raise BusinessError(f"线索{lead.get_status_display()}，不能再修改", status=409)
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise BusinessError(f"这些字段不能在此修改：{'、'.join(sorted(unknown))}")
    channel = data.get("channel", lead.channel)
    contact = data.get("contact", lead.contact if "channel" not in data else None)
    if "contact" in data or "channel" in data:
        _check_channel(user, channel, contact)
        data = {**data, "contact": contact}
    _check_amounts(data.get("planned_investment"), data.get("land_mu"), data.get("energy_tce"))
    if data.get("received_on") and data["received_on"] > timezone.localdate():
        raise BusinessError("收到日期不能晚于今天", field="received_on")
    fields = list(data)
    if channel is not None and channel.kind != lead.channel_kind:
        data["channel_kind"] = channel.kind
        fields.append("channel_kind")
    if "firm_name" in data and data["firm_name"].strip() != lead.firm_name:
        data["firm_name"] = data["firm_name"].strip()
        data["firm"] = firm_resolve(name=data["firm_name"], is_demo=lead.is_demo)
        fields.append("firm")
    lead._history_user = user
    lead, changed = model_update(instance=lead, fields=fields, data=data)
    if not changed:
        return lead, []
    if {"received_on", "channel_kind"} & set(changed):
        lead_deadlines_recompute(leads=[lead])
        lead.refresh_from_db()
    labels = "、".join(str(Lead._meta.get_field(f).verbose_name) for f in changed if f != "firm")
    lead_event(lead, actor=user, kind="updated", text=f"{user} 修改了{labels}", data={"fields": changed})
    if "firm" in changed:
        pursuit_check(lead=lead, user=user)
    return lead, changed


def _stamp(when: date | None) -> datetime:
    """A step done on a given day (recorded afterwards) is stamped at noon of that day."""
    if when is None:
        return timezone.now()
    if when > timezone.localdate():
        raise BusinessError("日期不能晚于今天", field="on")
    return timezone.make_aware(datetime.combine(when, datetime.min.time()) + timedelta(hours=12))


def _open_lead(user, lead: Lead, *, action: str) -> Lead:
    lead = Lead.objects.select_for_update().select_related("unit").get(pk=lead.pk)
    require_writer(user, lead.unit)
    if not lead.is_open:
        raise BusinessError(f"线索{lead.get_status_display()}，不能再{action}", status=409)
    return lead


def _save(lead: Lead, user, fields: list[str]) -> None:
    lead.full_clean()
    lead._history_user = user
    lead.save(update_fields=[*fields, "updated_at"])


@transaction.atomic
def lead_acknowledge(*, user, lead: Lead, on: date | None = None) -> Lead:
    """受理: the unit confirms it has the lead and is working on it."""
    lead = _open_lead(user, lead, action="受理")
    if lead.acknowledged_at:
        raise BusinessError("线索已受理", status=409)
    lead.acknowledged_at = _stamp(on)
    _save(lead, user, ["acknowledged_at"])
    lead_event(lead, actor=user, kind="acknowledged", text=f"{user} 受理线索")
    return lead


RATING_LABELS = dict(Rating.choices)


@transaction.atomic
def lead_assess(*, user, lead: Lead, ratings: dict[str, tuple[int, str]], conclusion: str,
                on: date | None = None) -> Lead:
    """研判: every dimension rated (优…差) with a comment, and a conclusion; the lead is qualified.

    Assessing again (a qualified lead) replaces the ratings; a lead judged not worth pursuing is
    rejected with ``lead_reject`` instead."""
    lead = _open_lead(user, lead, action="研判")
    missing = [d.label for d in AssessmentDimension if d.value not in ratings]
    if missing:
        raise BusinessError(f"请对以下维度作出评价：{'、'.join(missing)}")
    if not conclusion.strip():
        raise BusinessError("请填写研判结论", field="conclusion")
    for dimension, (rating, comment) in ratings.items():
        if dimension not in AssessmentDimension.values:
            raise BusinessError(f"未知的研判维度：{dimension}")
        if rating not in RATING_LABELS:
            raise BusinessError(f"“{AssessmentDimension(dimension).label}”的评价无效", field=dimension)
        row = LeadAssessment.objects.filter(lead=lead, dimension=dimension).first() or \
            LeadAssessment(lead=lead, dimension=dimension)
        if row.pk and row.rating == rating and row.comment == comment.strip():
            continue
        row.rating, row.comment = rating, comment.strip()[:300]
        row.full_clean()
        row._history_user = user
        row.save()
    stamp = _stamp(on)
    fields = ["assessment_conclusion", "assessed_by", "assessed_at", "status"]
    if lead.acknowledged_at is None:
        lead.acknowledged_at = stamp
        fields.append("acknowledged_at")
    again = lead.status == LeadStatus.QUALIFIED
    lead.assessment_conclusion, lead.assessed_by, lead.assessed_at = conclusion.strip(), user, stamp
    lead.status = LeadStatus.QUALIFIED
    _save(lead, user, fields)
    summary = "，".join(f"{AssessmentDimension(d).label}{RATING_LABELS[r]}" for d, (r, _) in ratings.items())
    lead_event(lead, actor=user, kind="qualified",
               text=f"{user} {'重新研判' if again else '完成研判，线索有效'}：{summary}。结论：{conclusion.strip()[:200]}",
               data={"ratings": {d: r for d, (r, _) in ratings.items()}})
    return lead


@transaction.atomic
def lead_reject(*, user, lead: Lead, reason: str) -> Lead:
    """否决: the lead is not pursued, and why (the referrer is told through feedback)."""
    lead = _open_lead(user, lead, action="否决")
    if not reason.strip():
        raise BusinessError("请填写否决原因", field="reason")
    fields = ["status", "rejection_reason"]
    if lead.acknowledged_at is None:
        lead.acknowledged_at = timezone.now()
        fields.append("acknowledged_at")
    lead.status, lead.rejection_reason = LeadStatus.REJECTED, reason.strip()[:300]
    _save(lead, user, fields)
    lead_event(lead, actor=user, kind="rejected", text=f"{user} 否决线索：{reason.strip()[:200]}")
    return lead


@transaction.atomic
def lead_feedback(*, user, lead: Lead, note: str, on: date | None = None) -> Lead:
    """The referrer (channel contact) was told what became of the lead."""
    lead = Lead.objects.select_for_update().select_related("unit").get(pk=lead.pk)
    require_writer(user, lead.unit)
    if not note.strip():
        raise BusinessError("请填写反馈内容", field="note")
    if lead.feedback_at is None:
        lead.feedback_at = _stamp(on)
        _save(lead, user, ["feedback_at"])
    who = f"（{lead.contact.name}）" if lead.contact_id else ""
    lead_event(lead, actor=user, kind="feedback", text=f"{user} 向推荐方{who}反馈：{note.strip()[:200]}")
    return lead


# --- conversion -----------------------------------------------------------------------------------

@transaction.atomic
def lead_convert(*, user, lead: Lead, name: str, total_investment: Decimal, chain: str = "",
                 description: str = "") -> Lead:
    """转化: a qualified lead becomes a project of the same unit, and keeps the link both ways
    (Lead.project; the project's timeline says it came from this lead), so every project's source is known."""
    from zhaoshang.firms.services import firm_link_project
    from zhaoshang.projects.services import project_create

    from .pursuit import pursuit_check

    lead = _open_lead(user, lead, action="转化")
    if lead.status != LeadStatus.QUALIFIED:
        raise BusinessError("线索须先完成研判，才能转为项目", status=409)
    if lead.project_id:
        raise BusinessError("该线索已转化为项目", status=409)
    project = project_create(user=user, name=name, unit=lead.unit, total_investment=total_investment,
                             investor_name=lead.firm_name, chain=chain, industry=lead.industry,
                             description=description or lead.summary, is_confidential=lead.is_confidential,
                             is_demo=lead.is_demo)
    if lead.firm_id:
        firm_link_project(project=project, firm=lead.firm, user=user)
    lead.project, lead.status = project, LeadStatus.CONVERTED
    _save(lead, user, ["project", "status"])
    lead_event(lead, actor=user, kind="converted", text=f"{user} 将线索转为项目 {project.code}「{project.name}」",
               data={"project": project.pk})
    source = f"{lead.get_channel_kind_display()}{'·' + str(lead.channel) if lead.channel_id else ''}"
    project_event(project, actor=user, kind="from_lead", text=f"由线索转化：{lead.code}（来源：{source}）",
                  data={"lead": lead.pk})
    pursuit_check(project=project, user=user)
    return lead


@transaction.atomic
def lead_attach_project(*, user, lead: Lead, project) -> Lead:
    """A lead whose project was entered separately: link the two, as a conversion would have."""
    from zhaoshang.projects.selectors import project_queryset

    lead = Lead.objects.select_for_update().select_related("unit").get(pk=lead.pk)
    require_writer(user, lead.unit)
    if lead.project_id:
        raise BusinessError("该线索已关联项目", status=409)
    if lead.status == LeadStatus.REJECTED:
        raise BusinessError("已否决的线索不能关联项目", status=409)
    if not project_queryset(user=user).filter(pk=project.pk).exists():
        raise BusinessError("项目不存在或无权查看", status=404)
    if Lead.objects.filter(project=project).exists():
        raise BusinessError(f"项目 {project.code} 已关联其他线索", status=409)
    lead.project, lead.status = project, LeadStatus.CONVERTED
    _save(lead, user, ["project", "status"])
    lead_event(lead, actor=user, kind="converted", text=f"{user} 关联项目 {project.code}「{project.name}」",
               data={"project": project.pk})
    project_event(project, actor=user, kind="from_lead", text=f"由线索转化：{lead.code}（关联已有项目）",
                  data={"lead": lead.pk})
    return lead


# --- bulk (demo, generators, imports, other apps) ---------------------------------------------------

@transaction.atomic
def lead_bulk_create(*, user, leads: list[Lead], validate: bool = True, batch_size: int = 2000,
                     check_pursuit: bool = True) -> int:
    """Create many leads at once (demo, generator, imports, chain targeting, lead mining), each with its
    history row: firms resolved in bulk, deadlines set, and duplicate pursuit checked after commit."""
    from simple_history.utils import bulk_create_with_history

    from zhaoshang.firms.services import firm_resolve_many

    if validate:
        for i, lead in enumerate(leads, start=1):
            try:
                lead.full_clean(exclude=["unit", "firm", "project", "created_by", "channel", "contact"],
                                validate_unique=False)
            except Exception as exc:
                raise BusinessError(f"第 {i} 条线索不合法：{exc}") from exc
    unresolved = [lead for lead in leads if lead.firm_id is None and lead.firm_name]
    if unresolved:
        firms = firm_resolve_many(names=[lead.firm_name for lead in unresolved], user=user,
                                  is_demo=all(lead.is_demo for lead in unresolved))
        for lead, firm in zip(unresolved, firms, strict=True):
            lead.firm = firm
    days = deadline_days()
    for lead in leads:
        if lead.acknowledge_due_on is None:
            for field, value in due_dates(received_on=lead.received_on, channel_kind=lead.channel_kind,
                                          days=days).items():
                setattr(lead, field, value)
    bulk_create_with_history(leads, Lead, batch_size=batch_size, default_user=user)
    if check_pursuit:
        ids = [lead.pk for lead in leads if lead.pk]
        if ids:
            from ..tasks import pursuit_scan_leads_task

            transaction.on_commit(lambda: pursuit_scan_leads_task(ids))
    return len(leads)


BULK_FIELDS = ["channel", "contact", "acknowledged_at", "assessed_at", "assessed_by", "assessment_conclusion",
               "feedback_at", "rejection_reason"]


@transaction.atomic
def lead_bulk_update(*, user, leads: list[Lead], fields: list[str],
                     assessments: list[LeadAssessment] | None = None) -> int:
    """Update many leads at once (demo, back-filling a unit's records): their source and the dates its
    steps were done, each change with a history row; 研判 ratings added the same way."""
    from simple_history.utils import bulk_create_with_history, bulk_update_with_history

    unknown = set(fields) - set(BULK_FIELDS)
    if unknown:
        raise BusinessError(f"这些字段不能批量修改：{'、'.join(sorted(unknown))}")
    for lead in leads:
        if lead.contact_id and lead.contact.channel_id != lead.channel_id:
            raise BusinessError(f"线索 {lead.code} 的推荐人不属于其来源渠道")
        if lead.channel_id:
            lead.channel_kind = lead.channel.kind
    fields = [*fields, "channel_kind"] if "channel" in fields else fields
    bulk_update_with_history(leads, Lead, fields, batch_size=2000, default_user=user)
    if assessments:
        bulk_create_with_history(assessments, LeadAssessment, batch_size=2000, default_user=user)
    return len(leads)


# --- overdue reminders ------------------------------------------------------------------------------

def lead_overdue_remind(*, today: date | None = None) -> int:
    """Tell each unit's officers, once per step and due date, which of their leads are overdue."""
    from collections import defaultdict

    from django.urls import reverse

    from ..models import LeadDeadlineReminder
    from ..selectors import lead_overdue_q, lead_overdue_steps
    from .common import notify, unit_staff

    today = today or timezone.localdate()
    sent = {(r.lead_id, r.kind, r.due_on) for r in LeadDeadlineReminder.objects.filter(
        lead__in=Lead.objects.filter(lead_overdue_q(today)))}
    per_unit: dict[int, list[tuple[Lead, list[tuple[str, date]]]]] = defaultdict(list)
    units: dict[int, Unit] = {}
    reminders = []
    for lead in Lead.objects.filter(lead_overdue_q(today)).select_related("unit").iterator(chunk_size=2000):
        steps = [(k, due) for k, due in lead_overdue_steps(lead, today) if (lead.pk, k, due) not in sent]
        if not steps:
            continue
        per_unit[lead.unit_id].append((lead, steps))
        units[lead.unit_id] = lead.unit
        reminders += [LeadDeadlineReminder(lead=lead, kind=k, due_on=due, sent_on=today) for k, due in steps]
    with transaction.atomic():
        LeadDeadlineReminder.objects.bulk_create(reminders, ignore_conflicts=True)
        for unit_id, items in per_unit.items():
            names = "、".join(f"{lead.firm_name}（{'、'.join(DeadlineKind(k).label for k, _ in steps)}）"
                             for lead, steps in items[:5])
            more = f"等 {len(items)} 条" if len(items) > 5 else ""
            notify(recipients=unit_staff([units[unit_id]]), kind="leads.overdue",
                   text=f"线索超时提醒：{names}{more}已超过响应时限，请尽快处理。",
                   url=reverse("leads:list") + "?overdue=1")
    return len(reminders)
