"""Writes to the unit tree."""

from __future__ import annotations

from django.db import transaction

from zhaoshang.core.errors import BusinessError

from .enums import ALLOWED_PARENTS, UnitKind
from .models import Unit


def _check_parent(kind: str, parent: Unit | None) -> None:
    allowed = ALLOWED_PARENTS[UnitKind(kind)]
    if parent is None and allowed:
        raise BusinessError(f"{UnitKind(kind).label}必须有上级单位", field="parent")
    if parent is not None and parent.kind not in allowed:
        raise BusinessError(
            f"{UnitKind(kind).label}不能设在{UnitKind(parent.kind).label}之下", field="parent"
        )


@transaction.atomic
def unit_create(*, code: str, name: str, kind: str, parent: Unit | None = None, short_name: str = "",
                sort_order: int = 0, admin_code: str = "", description: str = "") -> Unit:
    _check_parent(kind, parent)
    if Unit.objects.filter(code=code).exists():
        raise BusinessError(f"编码“{code}”已被使用", field="code")
    unit = Unit(code=code, name=name, kind=kind, parent=parent, short_name=short_name,
                sort_order=sort_order, admin_code=admin_code, description=description,
                path="/", depth=0)
    unit.full_clean(exclude=["path"])
    unit.save()
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.depth = parent.depth + 1 if parent else 0
    unit.save(update_fields=["path", "depth"])
    return unit


@transaction.atomic
def unit_ensure(*, code: str, name: str, kind: str, parent: Unit | None = None, **fields) -> Unit:
    """Create the unit, or update its names in place: the demo and imports run twice safely."""
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        return unit_create(code=code, name=name, kind=kind, parent=parent, **fields)
    if unit.parent_id != (parent.pk if parent else None) or unit.kind != kind:
        raise BusinessError(f"单位“{code}”已存在但类型或上级不同，请在单位管理中调整")
    from zhaoshang.core.services import model_update

    unit, _ = model_update(instance=unit, fields=["name", *fields.keys()], data={"name": name, **fields})
    return unit
