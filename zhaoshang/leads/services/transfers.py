"""Hand-over (项目流转): a unit hands a lead or a project to another unit; the receiver accepts or declines.

Accepting moves the record's unit, with its history row and a timeline line on both sides. Projects
belong to the projects app, which has no transfer service yet: ``project_move_unit`` here is the one
place that changes ``Project.unit`` (history user set, version bumped, ProjectEvent written).
"""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from zhaoshang.core.errors import BusinessError
from zhaoshang.organizations.models import Unit
from zhaoshang.organizations.selectors import visible_unit_ids

from ..enums import TransferStatus
from ..models import Lead, Transfer
from .common import lead_event, notify, project_event, require_writer, unit_staff

RECEIVING_KINDS = ("district", "zone", "park")


def _record_unit(transfer: Transfer) -> Unit:
    return transfer.lead.unit if transfer.lead_id else transfer.project.unit


@transaction.atomic
def transfer_request(*, user, to_unit: Unit, reason: str, lead: Lead | None = None, project=None,
                     is_demo: bool = False) -> Transfer:
    """Offer a lead or project to another unit, with the reason (属地不符, 企业改变选址 …)."""
    if (lead is None) == (project is None):
        raise BusinessError("请选择要流转的线索或项目")
    if lead is not None:
        lead = Lead.objects.select_for_update().select_related("unit").get(pk=lead.pk)
        unit = lead.unit
        require_writer(user, unit)
        if not lead.is_open:
            raise BusinessError(f"线索{lead.get_status_display()}，不能流转", status=409)
    else:
        from zhaoshang.projects.models import Project
        from zhaoshang.projects.selectors import project_queryset

        if not project_queryset(user=user).filter(pk=project.pk).exists():
            raise BusinessError("记录不存在或无权查看", status=404)
        project = Project.objects.select_for_update().select_related("unit").get(pk=project.pk)
        unit = project.unit
        require_writer(user, unit, what="项目")
    if not reason.strip():
        raise BusinessError("请填写流转原因", field="reason")
    if to_unit.pk == unit.pk:
        raise BusinessError("接收单位不能是当前所属单位", field="to_unit")
    if to_unit.kind not in RECEIVING_KINDS or not to_unit.is_active:
        raise BusinessError("只能流转给县区、功能板块或园区", field="to_unit")
    pending = Transfer.objects.filter(status=TransferStatus.PENDING)
    if pending.filter(lead=lead).exists() if lead else pending.filter(project=project).exists():
        raise BusinessError("已有一个待接收的流转，请等待对方处理或先撤回", status=409)
    transfer = Transfer(lead=lead, project=project, from_unit=unit, to_unit=to_unit, reason=reason.strip()[:300],
                        requested_by=user, is_demo=is_demo)
    transfer.full_clean()
    transfer._history_user = user
    transfer.save()
    text = f"{user} 发起流转：移交{to_unit.display_name}，原因：{reason.strip()[:150]}"
    if lead is not None:
        lead_event(lead, actor=user, kind="transfer_requested", text=text, data={"transfer": transfer.pk})
        name = lead.firm_name
    else:
        project_event(project, actor=user, kind="transfer_requested", text=text, data={"transfer": transfer.pk})
        name = project.name
    notify(recipients=unit_staff([to_unit]), kind="leads.transfer", url=reverse("leads:transfer_list"),
           text=f"项目流转：{unit.display_name}将{transfer.target_label}“{name}”移交贵单位，请接收或退回。")
    return transfer


def _pending(user, transfer: Transfer, *, side: str) -> Transfer:
    transfer = Transfer.objects.select_for_update(of=("self",)).select_related(
        "lead__unit", "project__unit", "from_unit", "to_unit").get(pk=transfer.pk)
    if transfer.status != TransferStatus.PENDING:
        raise BusinessError(f"该流转{transfer.get_status_display()}", status=409)
    unit = transfer.to_unit if side == "to" else transfer.from_unit
    if not user.writes_business_data or unit.pk not in visible_unit_ids(user=user):
        raise BusinessError("只有接收单位可以处理该流转" if side == "to" else "只有移出单位可以撤回该流转", status=403)
    return transfer


def _close(transfer: Transfer, user, status: str, note: str) -> None:
    transfer.status, transfer.decided_by, transfer.decided_at = status, user, timezone.now()
    transfer.decision_note = note.strip()[:300]
    transfer.full_clean()
    transfer._history_user = user
    transfer.save()


def project_move_unit(*, user, project, to_unit: Unit, reason: str):
    """Change a project's unit (the only such write outside the projects app, for hand-over)."""
    from zhaoshang.projects.models import Project

    current = Project.objects.select_for_update().select_related("unit").get(pk=project.pk)
    from_unit = current.unit
    current.unit = to_unit
    current.version += 1
    current.full_clean()
    current._history_user = user
    current.save(update_fields=["unit", "version", "updated_at"])
    project_event(current, actor=user, kind="transferred",
                  text=f"项目由{from_unit.display_name}流转至{to_unit.display_name}：{reason[:150]}",
                  data={"from_unit": from_unit.pk, "to_unit": to_unit.pk})
    return current


@transaction.atomic
def transfer_accept(*, user, transfer: Transfer, note: str = "") -> Transfer:
    """The receiving unit takes the record over: its unit changes, both sides see it in the history."""
    from .pursuit import pursuit_check

    transfer = _pending(user, transfer, side="to")
    if _record_unit(transfer).pk != transfer.from_unit_id:
        raise BusinessError("该记录在发起流转后已改变所属单位，流转失效，请发起方重新发起", status=409)
    _close(transfer, user, TransferStatus.ACCEPTED, note)
    to_unit = transfer.to_unit
    if transfer.lead_id:
        lead = Lead.objects.select_for_update().get(pk=transfer.lead_id)
        lead.unit = to_unit
        lead.full_clean()
        lead._history_user = user
        lead.save(update_fields=["unit", "updated_at"])
        lead_event(lead, actor=user, kind="transferred",
                   text=f"{user} 接收流转：线索由{transfer.from_unit.display_name}移交{to_unit.display_name}",
                   data={"transfer": transfer.pk})
        pursuit_check(lead=lead, user=user)
        name = lead.firm_name
    else:
        project = project_move_unit(user=user, project=transfer.project, to_unit=to_unit, reason=transfer.reason)
        pursuit_check(project=project, user=user)
        name = project.name
    notify(recipients=unit_staff([transfer.from_unit]), kind="leads.transfer", url=reverse("leads:transfer_list"),
           text=f"项目流转：{to_unit.display_name}已接收{transfer.target_label}“{name}”。")
    return transfer


@transaction.atomic
def transfer_decline(*, user, transfer: Transfer, note: str) -> Transfer:
    transfer = _pending(user, transfer, side="to")
    if not note.strip():
        raise BusinessError("请填写退回理由", field="note")
    _close(transfer, user, TransferStatus.DECLINED, note)
    text = f"{transfer.to_unit.display_name}退回流转：{note.strip()[:150]}"
    if transfer.lead_id:
        lead_event(transfer.lead, actor=user, kind="transfer_declined", text=text, data={"transfer": transfer.pk})
    else:
        project_event(transfer.project, actor=user, kind="transfer_declined", text=text, data={"transfer": transfer.pk})
    notify(recipients=unit_staff([transfer.from_unit]), kind="leads.transfer", url=reverse("leads:transfer_list"),
           text=f"项目流转：{transfer.to_unit.display_name}退回了{transfer.target_label}“{transfer.target_name}”，"
                f"理由：{note.strip()[:100]}")
    return transfer


@transaction.atomic
def transfer_cancel(*, user, transfer: Transfer) -> Transfer:
    transfer = _pending(user, transfer, side="from")
    _close(transfer, user, TransferStatus.CANCELLED, "")
    text = f"{user} 撤回流转（原拟移交{transfer.to_unit.display_name}）"
    if transfer.lead_id:
        lead_event(transfer.lead, actor=user, kind="transfer_cancelled", text=text, data={"transfer": transfer.pk})
    else:
        project_event(transfer.project, actor=user, kind="transfer_cancelled", text=text, data={"transfer": transfer.pk})
    return transfer
