"""Reads of projects, always scoped to what the user may see (what they may not see is a 404)."""

from __future__ import annotations

from django.db.models import Count, QuerySet, Sum

from zhaoshang.core.errors import NotVisible
from zhaoshang.organizations.selectors import scope_by_unit

from .filters import ProjectFilter
from .models import FollowUp, Project

SORTABLE = {"name", "total_investment", "stage", "signed_on", "updated_at", "unit", "code"}


def project_queryset(*, user) -> QuerySet[Project]:
    """The projects ``user`` may see: those owned by their unit or any unit under it."""
    return scope_by_unit(Project.objects.all(), user=user)


def project_list(*, user, filters: dict | None = None, sort: str | None = None) -> QuerySet[Project]:
    qs = project_queryset(user=user).select_related("unit", "responsible_leader")
    qs = ProjectFilter(filters or {}, queryset=qs).qs
    key = (sort or "").lstrip("-")
    if key in SORTABLE:
        order = "unit__path" if key == "unit" else key
        qs = qs.order_by(f"-{order}" if sort.startswith("-") else order, "id")
    else:
        qs = qs.order_by("-updated_at", "-id")
    return qs


def project_get(*, user, id: int) -> Project:
    project = project_queryset(user=user).select_related("unit", "responsible_leader", "investor") \
        .filter(id=id).first()
    if project is None:
        raise NotVisible()
    return project


def project_stage_summary(*, user) -> list[dict]:
    """Count and total investment per stage, for the home page."""
    rows = project_queryset(user=user).values("stage").annotate(n=Count("id"), total=Sum("total_investment"))
    return list(rows)


def follow_up_list(*, user, project: Project | None = None, limit: int | None = None) -> QuerySet[FollowUp]:
    qs = FollowUp.objects.filter(project__in=project_queryset(user=user)).select_related("project", "owner")
    if project is not None:
        qs = qs.filter(project=project)
    qs = qs.order_by("-happened_on", "-id")
    return qs[:limit] if limit else qs
