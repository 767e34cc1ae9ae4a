"""Fulfilment (履约): capital in place, the construction plan's milestones, and yearly actuals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from zhaoshang.core.errors import BusinessError

from ..enums import DEFAULT_MILESTONES, Stage
from ..models import AnnualActual, CapitalEntry, Project, ProjectEvent, ProjectMilestone
from .core import require_writer


@transaction.atomic
def capital_entry_add(*, user, project: Project, entry_date: date, amount: Decimal,
                      foreign_amount_usd: Decimal | None = None, note: str = "") -> CapitalEntry:
    require_writer(user, project.unit)
    if project.stage not in (Stage.SIGNED, Stage.REGISTERED, Stage.UNDER_CONSTRUCTION, Stage.IN_PRODUCTION):
        raise BusinessError("只有已签约的项目才能登记到位资金")
    if amount is None or amount <= 0:
        raise BusinessError("到位金额必须大于 0（单位：万元）", field="amount")
    if entry_date > timezone.localdate():
        raise BusinessError("到位日期不能晚于今天", field="entry_date")
    if project.signed_on and entry_date < project.signed_on:
        raise BusinessError(f"到位日期不能早于签约日期（{project.signed_on:%Y-%m-%d}）", field="entry_date")
    entry = CapitalEntry(project=project, entry_date=entry_date, amount=amount,
                         foreign_amount_usd=foreign_amount_usd, note=note, created_by=user)
    entry.full_clean()
    entry.save()
    ProjectEvent.objects.create(project=project, actor=user, kind="capital",
                                text=f"{user} 登记到位资金 {amount} 万元（{entry_date:%Y-%m-%d}）")
    from ..tasks import refresh_project

    transaction.on_commit(lambda: refresh_project(project.pk))
    return entry


@transaction.atomic
def milestone_plan_set(*, user, project: Project, plan: list[tuple[str, date]]) -> list[ProjectMilestone]:
    """Set the planned dates of the construction plan (update in place; done dates are kept)."""
    require_writer(user, project.unit)
    names = [n for n, _ in plan]
    if len(set(names)) != len(names):
        raise BusinessError("建设节点名称不能重复")
    out = []
    for i, (name, planned) in enumerate(plan):
        m, _ = ProjectMilestone.objects.update_or_create(project=project, name=name,
                                                         defaults={"planned_on": planned, "sort_order": i})
        out.append(m)
    ProjectEvent.objects.create(project=project, actor=user, kind="milestones",
                                text=f"{user} 更新建设计划（{len(plan)} 个节点）")
    return out


def milestone_default_plan(*, signed_on: date) -> list[tuple[str, date]]:
    """A starting plan: the published milestones a month apart after signing."""
    from datetime import timedelta

    return [(name, signed_on + timedelta(days=30 * (i + 1))) for i, name in enumerate(DEFAULT_MILESTONES)]


@transaction.atomic
def milestone_complete(*, user, milestone: ProjectMilestone, done_on: date) -> ProjectMilestone:
    require_writer(user, milestone.project.unit)
    if done_on > timezone.localdate():
        raise BusinessError("完成日期不能晚于今天", field="done_on")
    milestone.done_on = done_on
    milestone.full_clean()
    milestone.save(update_fields=["done_on"])
    ProjectEvent.objects.create(project=milestone.project, actor=user, kind="milestone",
                                text=f"{user} 登记“{milestone.name}”完成（{done_on:%Y-%m-%d}）")
    return milestone


@transaction.atomic
def annual_actual_set(*, user, project: Project, year: int, output: Decimal | None = None,
                      tax: Decimal | None = None, jobs: int | None = None,
                      fixed_asset_investment: Decimal | None = None) -> AnnualActual:
    require_writer(user, project.unit)
    if year > timezone.localdate().year:
        raise BusinessError("不能登记未来年度的实绩", field="year")
    if project.signed_on and year < project.signed_on.year:
        raise BusinessError("不能登记签约之前年度的实绩", field="year")
    actual, _ = AnnualActual.objects.update_or_create(
        project=project, year=year,
        defaults={"output": output, "tax": tax, "jobs": jobs, "fixed_asset_investment": fixed_asset_investment})
    ProjectEvent.objects.create(project=project, actor=user, kind="actual", text=f"{user} 登记 {year} 年度实绩")
    return actual
