"""What the lead services share: who may write, which unit a record counts for, who is told, timeline rows."""

from __future__ import annotations

from collections.abc import Iterable

from zhaoshang.core.errors import BusinessError
from zhaoshang.organizations.models import Unit
from zhaoshang.organizations.selectors import visible_unit_ids

from ..models import Lead, LeadEvent


def require_writer(user, unit: Unit, *, what: str = "线索") -> None:
    if not user.writes_business_data:
        raise BusinessError(f"您的角色不能修改{what}", status=403)
    if unit.pk not in visible_unit_ids(user=user):
        raise BusinessError(f"只能处理本单位或下级单位的{what}", field="unit", status=403)


def branch_unit_id(unit: Unit) -> int:
    """The district, county or zone a unit belongs to (itself for those and for the city): the level at
    which duplicate pursuit is judged and targets are counted — two parks of one district are one team."""
    ids = [int(x) for x in unit.path.strip("/").split("/") if x]
    return ids[1] if len(ids) > 1 else ids[0]


def unit_staff(units: Iterable[Unit]) -> list:
    """The active officers who work for these units (their own unit, or the district/zone above it)."""
    from zhaoshang.accounts.enums import Role
    from zhaoshang.accounts.models import User

    ids = set()
    for unit in units:
        ids |= {unit.pk, branch_unit_id(unit)}
    return list(User.objects.filter(is_active=True, role=Role.UNIT_OFFICER, unit_id__in=ids))


def city_admins() -> list:
    from zhaoshang.accounts.enums import Role
    from zhaoshang.accounts.models import User

    return list(User.objects.filter(is_active=True, role=Role.CITY_ADMIN))


def notify(*, recipients, text: str, url: str = "", kind: str = "") -> int:
    from zhaoshang.accounts.services import notification_send

    return notification_send(recipients=recipients, text=text, url=url, kind=kind)


def lead_event(lead: Lead, *, actor, kind: str, text: str, data: dict | None = None) -> LeadEvent:
    return LeadEvent.objects.create(lead=lead, actor=actor, kind=kind, text=text[:500], data=data or {})


def project_event(project, *, actor, kind: str, text: str, data: dict | None = None):
    from zhaoshang.projects.models import ProjectEvent

    return ProjectEvent.objects.create(project=project, actor=actor, kind=kind, text=text[:500], data=data or {})
