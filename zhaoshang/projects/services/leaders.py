"""Leaders' outbound visits (外出招商) and investor receptions (接待客商): 一把手招商 made countable.

The leader is either a platform account of role 市领导 or a named unit leader who has no account
(区委书记, 县长, 管委会主任…): ``leader_name`` is always filled, so counts group the same way for
both. Unit officers record their units' activities, the city admin any unit's; leaders only read.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.utils import timezone

from zhaoshang.core.errors import BusinessError
from zhaoshang.organizations.models import Unit
from zhaoshang.organizations.selectors import visible_unit_ids

from ..enums import LeaderActivityKind
from ..models import LeaderActivity, Project, ProjectEvent

LEADER_ACTIVITY_FIELDS = ["kind", "happened_on", "unit", "leader", "leader_name", "leader_title", "place", "counterparts",
            "summary"]


def _require_recorder(user, unit: Unit) -> None:
    if not user.records_leader_activities:
        raise BusinessError("您的角色不能录入领导招商活动", status=403)
    if unit is None or unit.pk not in visible_unit_ids(user=user):
        raise BusinessError("只能录入本单位或下级单位领导的招商活动", field="unit", status=403)


def _clean(user, data: dict, projects: list[Project], today: date) -> dict:
    """Check one activity's values; returns them with the leader's name and title filled in."""
    leader = data.get("leader")
    if leader is not None:
        if not leader.is_leader:
            raise BusinessError(f"“{leader}”不是领导账号；未开户的领导请直接填写姓名和职务", field="leader")
        # An account's activities always carry its name, so they count as one leader.
        data["leader_name"] = leader.full_name or leader.username
        data["leader_title"] = (data.get("leader_title") or "").strip() or leader.title
    if not (data.get("leader_name") or "").strip():
        raise BusinessError("请选择领导账号或填写领导姓名", field="leader_name")
    if data.get("kind") not in LeaderActivityKind.values:
        raise BusinessError("活动类型必须是外出招商或接待客商", field="kind")
    happened_on = data.get("happened_on")
    if not isinstance(happened_on, date):
        raise BusinessError("请填写活动日期", field="happened_on")
    if happened_on > today:
        raise BusinessError("活动日期不能晚于今天（计划中的活动请在发生后录入）", field="happened_on")
    for field, label in (("place", "地点"), ("counterparts", "对接企业/机构")):
        if not (data.get(field) or "").strip():
            raise BusinessError(f"请填写{label}", field=field)
    from ..selectors import project_queryset

    visible = set(project_queryset(user=user).filter(pk__in=[p.pk for p in projects]).values_list("pk", flat=True))
    hidden = [p for p in projects if p.pk not in visible]
    if hidden:
        raise BusinessError("只能关联您可见的项目", field="projects")
    return {k: (v.strip() if isinstance(v, str) else v) for k, v in data.items()}


def _link_projects(activity: LeaderActivity, *, user, projects: Iterable[Project]) -> None:
    """Linked projects show the activity in their timeline."""
    title = f"（{activity.leader_title}）" if activity.leader_title else ""
    text = (f"{activity.leader_name}{title}{activity.get_kind_display()}：{activity.counterparts[:60]}"
            f"（{activity.happened_on:%Y-%m-%d}，{activity.place}）")
    for project in projects:
        ProjectEvent.objects.create(project=project, actor=user, kind="leader_activity", text=text,
                                    data={"leader_activity": activity.pk})


@transaction.atomic
def leader_activity_create(*, user, unit: Unit, kind: str, happened_on: date, place: str, counterparts: str,
                           leader=None, leader_name: str = "", leader_title: str = "", summary: str = "",
                           projects: Iterable[Project] = (), is_demo: bool = False,
                           today: date | None = None) -> LeaderActivity:
    _require_recorder(user, unit)
    projects = list(projects)
    values = _clean(user, {"kind": kind, "happened_on": happened_on, "unit": unit, "leader": leader,
                           "leader_name": leader_name, "leader_title": leader_title, "place": place,
                           "counterparts": counterparts, "summary": summary},
                    projects, today or timezone.localdate())
    activity = LeaderActivity(**values, created_by=user, is_demo=is_demo)
    activity.full_clean()
    activity.save()
    if projects:
        activity.projects.set(projects)
    _link_projects(activity, user=user, projects=projects)
    return activity


@transaction.atomic
def leader_activity_update(*, user, activity: LeaderActivity, data: dict,
                           projects: Iterable[Project] | None = None,
                           today: date | None = None) -> tuple[LeaderActivity, list[str]]:
    """Correct a recorded activity; both the old and the new unit must be the actor's to record."""
    _require_recorder(user, activity.unit)
    unknown = set(data) - set(LEADER_ACTIVITY_FIELDS)
    if unknown:
        raise BusinessError(f"这些字段不能在此修改：{'、'.join(sorted(unknown))}")
    if "unit" in data:
        _require_recorder(user, data["unit"])
    merged = {f: data.get(f, getattr(activity, f)) for f in LEADER_ACTIVITY_FIELDS}
    current = list(activity.projects.all())
    new_projects = current if projects is None else list(projects)
    values = _clean(user, merged, new_projects, today or timezone.localdate())
    changed = [f for f in LEADER_ACTIVITY_FIELDS if getattr(activity, f) != values[f]]
    for field in changed:
        setattr(activity, field, values[field])
    if changed:
        activity.full_clean()
        activity._history_user = user
        activity.save(update_fields=[*changed, "updated_at"])
    added = [p for p in new_projects if p not in current]
    if projects is not None and {p.pk for p in new_projects} != {p.pk for p in current}:
        activity.projects.set(new_projects)
        changed.append("projects")
    _link_projects(activity, user=user, projects=added)
    return activity, changed
