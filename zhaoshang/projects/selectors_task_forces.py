"""Reads of task forces (招商专班) and of open next steps, scoped like everything else.

A task force is visible to users whose units include its lead unit or its project's unit, and to
its members. A next step (下一步) is *open* while nobody has logged a newer follow-up on the same
project — the newer record says what became of it — and the project is not 终止; it is *overdue*
once its due date has passed. FollowUp has no "done" flag, so this rule is the one place that says
when a next step is handled (docs/decisions.md).
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from zhaoshang.accounts.enums import BUSINESS_ROLES
from zhaoshang.accounts.models import User
from zhaoshang.core.errors import NotVisible
from zhaoshang.organizations.models import Unit
from zhaoshang.organizations.selectors import scope_by_unit, visible_unit_ids

from .enums import Stage
from .models import FollowUp, Project, TaskForce, TaskForceMember
from .selectors import project_queryset

# ---- task forces -------------------------------------------------------------------------------

def task_force_queryset(*, user) -> QuerySet[TaskForce]:
    if not user.is_authenticated or not user.sees_business_data:
        return TaskForce.objects.none()
    units = visible_unit_ids(user=user)
    member = TaskForceMember.objects.filter(task_force=OuterRef("pk"), user=user)
    return TaskForce.objects.filter(Q(unit_id__in=units) | Q(project__unit_id__in=units) | Exists(member))


def task_force_list(*, user, filters: dict | None = None) -> QuerySet[TaskForce]:
    """Filters: kind, chain (a project task force has its project's chain), unit (lead unit, project
    unit or any member's unit within it), active ("1"/"0"), mine ("1": those the user belongs to)."""
    filters = filters or {}
    qs = task_force_queryset(user=user)
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    if filters.get("chain"):
        qs = qs.filter(Q(chain=filters["chain"]) | Q(project__chain=filters["chain"]))
    if str(filters.get("unit") or "").isdigit():
        unit = Unit.objects.filter(id=int(filters["unit"])).first()
        if unit is None:
            return qs.none()
        member_in = TaskForceMember.objects.filter(task_force=OuterRef("pk"), user__unit__path__startswith=unit.path)
        qs = qs.filter(Q(unit__path__startswith=unit.path) | Q(project__unit__path__startswith=unit.path)
                       | Exists(member_in))
    if filters.get("active") in ("1", "0"):
        qs = qs.filter(is_active=filters["active"] == "1")
    if filters.get("mine") == "1":
        qs = qs.filter(Exists(TaskForceMember.objects.filter(task_force=OuterRef("pk"), user=user)))
    return (qs.select_related("unit", "lead", "lead__unit", "project", "project__unit")
            .annotate(member_count=Count("memberships", distinct=True),
                      unit_count=Count("memberships__user__unit", distinct=True))
            .order_by("-is_active", "-created_at", "-id"))


def task_force_get(*, user, id: int) -> TaskForce:
    task_force = (task_force_queryset(user=user).select_related("unit", "lead", "lead__unit", "project",
                                                                 "project__unit")
                  .filter(id=id).first())
    if task_force is None:
        raise NotVisible()
    return task_force


def task_force_members(*, task_force: TaskForce) -> QuerySet[TaskForceMember]:
    """Members with their units, grouped by unit in tree order."""
    return (task_force.memberships.select_related("user", "user__unit")
            .order_by("user__unit__path", "user__full_name", "id"))


def task_force_candidates() -> QuerySet[User]:
    """Everyone who may serve on a task force, across all units (a 专班 draws on several)."""
    return (User.objects.filter(is_active=True, role__in=BUSINESS_ROLES).select_related("unit")
            .order_by("unit__path", "full_name", "id"))


def task_force_project_choices(*, user) -> QuerySet[Project]:
    """Projects of the user's own units without a task force yet: those one may be formed for."""
    return scope_by_unit(Project.objects.filter(task_force__isnull=True), user=user).select_related("unit")


def task_force_projects(*, user, task_force: TaskForce) -> QuerySet[Project]:
    """The projects the task force serves, as far as ``user`` may see them.

    A project task force serves its project; a chain task force coordinates the chain, so this is the
    chain's projects *within the user's own scope* (membership of a chain task force widens nothing).
    """
    qs = project_queryset(user=user)
    if task_force.project_id:
        return qs.filter(pk=task_force.project_id)
    return qs.filter(chain=task_force.chain)


def task_force_follow_ups(*, user, task_force: TaskForce, limit: int = 30) -> QuerySet[FollowUp]:
    projects = task_force_projects(user=user, task_force=task_force)
    return (FollowUp.objects.filter(project__in=projects).select_related("project", "owner", "owner__unit")
            .order_by("-happened_on", "-id")[:limit])


def task_force_for_project(*, user, project: Project) -> TaskForce | None:
    """The project's task force, for a link on the project page (None when it has none or it is hidden)."""
    return task_force_queryset(user=user).filter(project=project).select_related("lead").first()


# ---- next steps --------------------------------------------------------------------------------

def open_next_steps(qs: QuerySet[FollowUp]) -> QuerySet[FollowUp]:
    """Narrow follow-ups to those whose next step is still open (see the module docstring)."""
    newer = FollowUp.objects.filter(project=OuterRef("project_id")).filter(
        Q(happened_on__gt=OuterRef("happened_on")) | Q(happened_on=OuterRef("happened_on"), id__gt=OuterRef("id")))
    # The project's cached last follow-up date narrows the rows cheaply first: the open one is the latest,
    # so it is never before that date (a cache that lags behind only lets more rows through to the check).
    latest = Q(project__last_follow_up_on__isnull=True) | Q(happened_on__gte=F("project__last_follow_up_on"))
    return qs.exclude(next_step="").exclude(project__stage=Stage.DROPPED).filter(latest).filter(~Exists(newer))


def next_step_list(*, user, who: str = "mine", overdue_only: bool = False,
                   today: date | None = None) -> QuerySet[FollowUp]:
    """Open next steps: ``mine`` those the user recorded; ``unit`` all on projects the user may see
    (their units' projects and their task forces' projects). Soonest due first, undated last."""
    qs = FollowUp.objects.filter(project__in=project_queryset(user=user))
    if who == "mine":
        qs = qs.filter(owner=user)
    qs = open_next_steps(qs)
    if overdue_only:
        qs = qs.filter(next_step_due__lt=today or timezone.localdate())
    return (qs.select_related("project", "project__unit", "owner")
            .order_by(F("next_step_due").asc(nulls_last=True), "happened_on", "id"))


def task_force_next_steps(*, user, task_force: TaskForce, limit: int = 50) -> QuerySet[FollowUp]:
    projects = task_force_projects(user=user, task_force=task_force)
    return (open_next_steps(FollowUp.objects.filter(project__in=projects))
            .select_related("project", "owner").order_by(F("next_step_due").asc(nulls_last=True), "id")[:limit])
