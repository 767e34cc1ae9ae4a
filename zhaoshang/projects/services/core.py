"""Creating and editing projects and follow-ups."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from zhaoshang.core.errors import BusinessError
from zhaoshang.organizations.models import Unit
from zhaoshang.organizations.selectors import visible_unit_ids

from ..enums import Stage
from ..models import FollowUp, Project, ProjectEvent


def require_writer(user, unit: Unit) -> None:
    if not user.writes_business_data:
        raise BusinessError("您的角色不能修改项目数据", status=403)
    if unit.pk not in visible_unit_ids(user=user):
        raise BusinessError("只能为本单位或下级单位录入项目", field="unit", status=403)


def project_next_code(*, year: int) -> str:
    """LYG-2026-00042: the next free number of the year."""
    prefix = f"LYG-{year}-"
    last = (Project.objects.filter(code__startswith=prefix).order_by("-code").values_list("code", flat=True)
            .first())
    n = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{n:05d}"


@transaction.atomic
def project_create(*, user, name: str, unit: Unit, total_investment: Decimal, investor_name: str = "",
                   kind: str = "new", chain: str = "", industry: str = "", description: str = "",
                   is_confidential: bool = False, contact_name: str = "", contact_phone: str = "",
                   negotiation_started_on: date | None = None, code: str | None = None,
                   is_demo: bool = False) -> Project:
    require_writer(user, unit)
    if total_investment is None or total_investment <= 0:
        raise BusinessError("总投资必须大于 0（单位：万元）", field="total_investment")
    today = timezone.localdate()
    project = Project(
        code=code or project_next_code(year=today.year), name=name.strip(), unit=unit,
        total_investment=total_investment, investor_name=investor_name.strip(), kind=kind, chain=chain,
        industry=industry, description=description, is_confidential=is_confidential,
        contact_name=contact_name, contact_phone=contact_phone, stage=Stage.NEGOTIATING,
        negotiation_started_on=negotiation_started_on or today, stage_changed_on=negotiation_started_on or today,
        created_by=user, is_demo=is_demo,
    )
    project.full_clean()
    project.save()
    ProjectEvent.objects.create(project=project, actor=user, kind="created",
                                text=f"{user} 录入项目，进入洽谈阶段")
    from zhaoshang.leads.services import project_entered

    project_entered(project=project)  # another unit pursuing the same investor is told at once (重复招商)
    from .scoring import project_refresh_derived

    return project_refresh_derived(project=project)


@transaction.atomic
def follow_up_create(*, user, project: Project, happened_on: date, kind: str, content: str,
                     participants: str = "", next_step: str = "", next_step_due: date | None = None,
                     is_demo: bool = False) -> FollowUp:
    if not user.writes_business_data:
        raise BusinessError("您的角色不能记录跟踪服务", status=403)
    from ..selectors import project_queryset  # the one scoping rule, task-force members included

    if not project_queryset(user=user).filter(pk=project.pk).exists():
        raise BusinessError("记录不存在或无权查看", status=404)
    if happened_on > timezone.localdate():
        raise BusinessError("跟踪日期不能晚于今天", field="happened_on")
    if next_step_due and next_step_due < happened_on:
        raise BusinessError("下一步期限不能早于跟踪日期", field="next_step_due")
    follow_up = FollowUp(project=project, happened_on=happened_on, kind=kind, content=content.strip(),
                         participants=participants, next_step=next_step, next_step_due=next_step_due,
                         owner=user, is_demo=is_demo)
    follow_up.full_clean()
    follow_up.save()
    # last_follow_up_on is a derived cache for stall warnings, not a business change: no history row.
    Project.objects.filter(Q(last_follow_up_on__isnull=True) | Q(last_follow_up_on__lt=happened_on),
                           pk=project.pk).update(last_follow_up_on=happened_on)
    ProjectEvent.objects.create(project=project, actor=user, kind="follow_up",
                                text=f"{user} 记录{follow_up.get_kind_display()}：{content[:60]}")
    return follow_up


def _bulk_validate(objs: list, exclude: list[str]) -> None:
    for i, obj in enumerate(objs, start=1):
        try:
            obj.full_clean(exclude=exclude, validate_unique=False)
        except Exception as exc:  # ValidationError: report which row
            raise BusinessError(f"第 {i} 条数据不合法：{exc}") from exc


@transaction.atomic
def project_bulk_create(*, user, projects: list[Project], validate: bool = True,
                        batch_size: int = 2000) -> int:
    """Create many projects at once (demo, generator, imports), each with its history row."""
    from simple_history.utils import bulk_create_with_history

    if validate:
        _bulk_validate(projects, exclude=["unit", "investor", "responsible_leader", "created_by"])
    bulk_create_with_history(projects, Project, batch_size=batch_size, default_user=user)
    return len(projects)


@transaction.atomic
def follow_up_bulk_create(*, user, follow_ups: list[FollowUp], validate: bool = True,
                          batch_size: int = 5000) -> int:
    from simple_history.utils import bulk_create_with_history

    if validate:
        _bulk_validate(follow_ups, exclude=["project", "owner"])
    bulk_create_with_history(follow_ups, FollowUp, batch_size=batch_size, default_user=user)
    return len(follow_ups)


# Fields an officer edits on the project form; stage fields change only through lifecycle.py.
EDITABLE_FIELDS = [
    "name", "kind", "investor_name", "chain", "chain_node", "industry", "total_investment",
    "foreign_investment_usd", "fixed_asset_investment", "land_mu", "description", "is_confidential",
    "responsible_leader", "contact_name", "contact_phone", "expected_annual_output", "expected_annual_tax",
    "expected_jobs", "committed_fixed_asset_investment",
]


@transaction.atomic
def project_update(*, user, project: Project, version: int, data: dict) -> tuple[Project, list[str]]:
    """Save an officer's edits unless someone else saved the project since the form was opened.

    ``version`` is the version the form was loaded with; a stale one is refused and nothing is
    written, so the first save wins and the second officer sees why (no lost update).
    """
    require_writer(user, project.unit)
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise BusinessError(f"这些字段不能在此修改：{'、'.join(sorted(unknown))}")
    if "total_investment" in data and (data["total_investment"] is None or data["total_investment"] <= 0):
        raise BusinessError("总投资必须大于 0（单位：万元）", field="total_investment")
    current = Project.objects.select_for_update().get(pk=project.pk)
    if current.version != version:
        raise BusinessError("该项目在您打开后已被他人修改并保存。为避免覆盖，本次修改未保存，"
                            "请重新打开项目查看最新内容后再修改。", status=409)
    changed = [f for f in data if getattr(current, f) != data[f]]
    if not changed:
        return current, []
    for field in changed:
        setattr(current, field, data[field])
    current.version = version + 1
    current.full_clean()
    current._history_user = user
    current.save(update_fields=[*changed, "version", "updated_at"])
    labels = "、".join(str(Project._meta.get_field(f).verbose_name) for f in changed)
    ProjectEvent.objects.create(project=current, actor=user, kind="updated", text=f"{user} 修改了{labels}",
                                data={"fields": changed})
    from .scoring import project_refresh_derived

    project_refresh_derived(project=current)
    return current, changed


@transaction.atomic
def history_bulk_create(*, user, model, objects: list, batch_size: int = 5000) -> int:
    """Bulk-create rows of any audited projects model (transitions, capital entries…) with history rows,
    for the demo generator and imports."""
    from simple_history.utils import bulk_create_with_history

    bulk_create_with_history(objects, model, batch_size=batch_size, default_user=user)
    return len(objects)
