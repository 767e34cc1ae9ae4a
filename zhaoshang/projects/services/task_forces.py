"""招商专班: forming a task force for one project or one chain, its members, its lead, closing it.

Who may: the city admin any task force; a unit officer those led by their units (and, for a
project task force, serving a project of their units). Members may come from any unit — that
is the point of a task force — and a member of an active project task force sees and serves that
project even when it belongs to another unit (``selectors.project_queryset``). A chain task force
is coordination only: its members see nothing extra (see docs/decisions.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.urls import reverse

from zhaoshang.accounts.services import notification_send
from zhaoshang.core.errors import BusinessError
from zhaoshang.organizations.models import Unit
from zhaoshang.organizations.selectors import visible_unit_ids

from ..enums import ChainName, TaskForceKind
from ..models import Project, ProjectEvent, TaskForce, TaskForceMember

if TYPE_CHECKING:
    from zhaoshang.accounts.models import User

LEAD_DUTY = "专班负责人"


def _require_manager(user, *, unit: Unit, project: Project | None) -> None:
    """The actor may form or change task forces led by ``unit`` (and serving ``project``)."""
    if not user.manages_task_forces:
        raise BusinessError("您的角色不能组建或调整招商专班", status=403)
    units = visible_unit_ids(user=user)
    if unit.pk not in units:
        raise BusinessError("只能由本单位或下级单位牵头组建招商专班", field="unit", status=403)
    if project is not None and project.unit_id not in units:
        raise BusinessError("只能为本单位或下级单位的项目组建招商专班", field="project", status=403)


def _require_member_allowed(member) -> None:
    if member is None or not member.is_active or not member.sees_business_data:
        raise BusinessError(f"“{member}”不能加入招商专班：只能选择在用的业务账号", field="members")


def _require_open(task_force: TaskForce) -> None:
    if not task_force.is_active:
        raise BusinessError(f"招商专班“{task_force.name}”已撤销，不能再调整")


def _event(task_force: TaskForce, *, user, kind: str, text: str) -> None:
    """Project task forces leave a line in the project's timeline; chain ones have no project."""
    if task_force.project_id:
        ProjectEvent.objects.create(project_id=task_force.project_id, actor=user, kind=kind, text=text,
                                    data={"task_force": task_force.pk})


def _notify_joined(task_force: TaskForce, *, user, members: Iterable) -> None:
    notification_send(recipients=[m for m in members if m.pk != user.pk], kind="projects.task_force_joined",
                      text=f"您已加入招商专班“{task_force.name}”", url=reverse("projects:task_force_detail",
                                                                                args=[task_force.pk]))


@transaction.atomic
def task_force_create(*, user, kind: str, unit: Unit, lead: User | None, members: Iterable[tuple[User, str]] = (),
                      project: Project | None = None, chain: str = "", name: str = "",
                      lead_duty: str = LEAD_DUTY) -> TaskForce:
    """Form a task force; ``members`` are (user, duty) pairs, the lead is always a member too."""
    if kind == TaskForceKind.PROJECT:
        if project is None:
            raise BusinessError("项目专班必须选择服务的项目", field="project")
        if chain:
            raise BusinessError("项目专班不选产业链（产业链见项目本身）", field="chain")
        if not project.unit.is_within(unit):
            raise BusinessError("项目专班的牵头单位必须是项目所属单位或其上级单位", field="unit")
    elif kind == TaskForceKind.CHAIN:
        if project is not None:
            raise BusinessError("产业链专班不绑定单个项目", field="project")
        if chain not in ChainName.values:
            raise BusinessError("产业链专班必须选择产业链", field="chain")
    else:
        raise BusinessError("专班类型必须是项目专班或产业链专班", field="kind")
    _require_manager(user, unit=unit, project=project)
    if project is not None:
        existing = TaskForce.objects.filter(project=project).first()
        if existing is not None:
            closed = "" if existing.is_active else "（已撤销）"
            raise BusinessError(f"该项目已有招商专班“{existing.name}”{closed}，一个项目只能有一个专班",
                                field="project")
    if lead is None:
        raise BusinessError("必须指定专班负责人", field="lead")
    _require_member_allowed(lead)
    duties: dict[int, tuple[User, str]] = {lead.pk: (lead, lead_duty.strip())}
    seen: set[int] = set()
    for member, duty in members:
        _require_member_allowed(member)
        if member.pk in seen:
            raise BusinessError(f"成员“{member}”重复", field="members")
        seen.add(member.pk)
        if member.pk != lead.pk or duty.strip():  # the lead keeps the lead's duty unless given another
            duties[member.pk] = (member, duty.strip())
    if not name.strip():
        name = f"{project.name}专班" if project is not None else f"{chain}产业链招商专班"
    task_force = TaskForce(name=name.strip()[:100], kind=kind, project=project, chain=chain, unit=unit, lead=lead,
                           is_active=True)
    task_force.full_clean()
    task_force.save()
    for member, duty in duties.values():
        row = TaskForceMember(task_force=task_force, user=member, duty=duty[:100])
        row.full_clean()
        row.save()
    _event(task_force, user=user, kind="task_force",
           text=f"{user} 成立招商专班“{task_force.name}”，负责人 {lead}，成员 {len(duties)} 人")
    _notify_joined(task_force, user=user, members=[m for m, _ in duties.values()])
    if project is not None:
        from .scoring import project_refresh_derived

        project_refresh_derived(project=project)  # the maturity score counts a task force
    return task_force


@transaction.atomic
def task_force_update(*, user, task_force: TaskForce, name: str, lead) -> TaskForce:
    """Rename the task force or change its lead (the new lead becomes a member if not one yet)."""
    _require_manager(user, unit=task_force.unit, project=task_force.project)
    _require_open(task_force)
    if lead is None:
        raise BusinessError("必须指定专班负责人", field="lead")
    _require_member_allowed(lead)
    if not name.strip():
        raise BusinessError("专班名称不能为空", field="name")
    changes = []
    if name.strip() != task_force.name:
        changes.append(f"名称改为“{name.strip()}”")
        task_force.name = name.strip()
    if lead.pk != task_force.lead_id:
        changes.append(f"负责人改为 {lead}")
        task_force.lead = lead
        if not task_force.memberships.filter(user=lead).exists():
            TaskForceMember.objects.create(task_force=task_force, user=lead, duty=LEAD_DUTY)
            _notify_joined(task_force, user=user, members=[lead])
    if not changes:
        return task_force
    task_force.full_clean()
    task_force._history_user = user
    task_force.save(update_fields=["name", "lead", "updated_at"])
    _event(task_force, user=user, kind="task_force", text=f"{user} 调整招商专班：{'，'.join(changes)}")
    return task_force


@transaction.atomic
def task_force_add_member(*, user, task_force: TaskForce, member, duty: str = "") -> TaskForceMember:
    _require_manager(user, unit=task_force.unit, project=task_force.project)
    _require_open(task_force)
    _require_member_allowed(member)
    if task_force.memberships.filter(user=member).exists():
        raise BusinessError(f"“{member}”已是专班成员", field="member")
    row = TaskForceMember(task_force=task_force, user=member, duty=duty.strip()[:100])
    row.full_clean()
    row.save()
    unit = member.unit.display_name if member.unit_id else ""
    _event(task_force, user=user, kind="task_force",
           text=f"{user} 将 {member}（{unit}）加入招商专班“{task_force.name}”" + (f"，分工：{row.duty}" if row.duty
                                                                                  else ""))
    _notify_joined(task_force, user=user, members=[member])
    return row


@transaction.atomic
def task_force_remove_member(*, user, task_force: TaskForce, member) -> None:
    _require_manager(user, unit=task_force.unit, project=task_force.project)
    _require_open(task_force)
    if member.pk == task_force.lead_id:
        raise BusinessError("不能移除专班负责人，请先更换负责人", field="member")
    row = task_force.memberships.filter(user=member).first()
    if row is None:
        raise BusinessError(f"“{member}”不是专班成员", field="member")
    row.delete()
    _event(task_force, user=user, kind="task_force", text=f"{user} 将 {member} 移出招商专班“{task_force.name}”")


@transaction.atomic
def task_force_close(*, user, task_force: TaskForce, reason: str = "") -> TaskForce:
    """撤销: the task force stops; its members lose the access it gave them, the record stays."""
    _require_manager(user, unit=task_force.unit, project=task_force.project)
    _require_open(task_force)
    task_force.is_active = False
    task_force._history_user = user
    task_force.save(update_fields=["is_active", "updated_at"])
    _event(task_force, user=user, kind="task_force",
           text=f"{user} 撤销招商专班“{task_force.name}”" + (f"，原因：{reason.strip()}" if reason.strip() else ""))
    if task_force.project_id:
        from .scoring import project_refresh_derived

        project_refresh_derived(project=task_force.project)  # a closed task force earns no maturity points
    return task_force


def task_force_may_manage(*, user, task_force: TaskForce) -> bool:
    """Whether the pages should offer the changes (the services check again when they are made)."""
    try:
        _require_manager(user, unit=task_force.unit, project=task_force.project)
    except BusinessError:
        return False
    return task_force.is_active
