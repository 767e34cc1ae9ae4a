"""Reads of the unit tree, and the scoping rule every app uses.

The rule: a user sees the records of their own unit and of every unit under it; the
city unit is the root, so city-level users see everything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from django.db.models import Model, QuerySet

from .enums import UnitKind
from .models import Unit

if TYPE_CHECKING:
    from zhaoshang.accounts.models import User

M = TypeVar("M", bound=Model)


def unit_subtree_ids(*, unit: Unit) -> list[int]:
    return list(Unit.objects.filter(path__startswith=unit.path).values_list("id", flat=True))


def visible_unit_ids(*, user: User) -> list[int]:
    """Ids of the units whose records ``user`` may see (empty for users outside the business)."""
    if not user.is_authenticated or not user.sees_business_data or user.unit_id is None:
        return []
    cache = getattr(user, "_visible_unit_ids", None)
    if cache is None:
        cache = unit_subtree_ids(unit=user.unit)
        user._visible_unit_ids = cache
    return cache


def sees_all_units(*, user: User) -> bool:
    """A business user of the root unit (the city) sees every unit: no filter needed, which lets the
    database use its ordering indexes on city-wide lists."""
    return bool(user.is_authenticated and user.sees_business_data and user.unit_id is not None
                and user.unit.parent_id is None)


def scope_by_unit(queryset: QuerySet[M], *, user: User, field: str = "unit") -> QuerySet[M]:
    """Restrict ``queryset`` to records owned by units the user may see."""
    if sees_all_units(user=user):
        return queryset
    return queryset.filter(**{f"{field}_id__in": visible_unit_ids(user=user)})


def unit_list(*, user: User, kinds: list[str] | None = None) -> QuerySet[Unit]:
    qs = Unit.objects.filter(id__in=visible_unit_ids(user=user)) if not user.manages_accounts \
        else Unit.objects.all()
    if kinds:
        qs = qs.filter(kind__in=kinds)
    return qs.select_related("parent").order_by("path")


def unit_tree(*, user: User) -> list[tuple[Unit, int]]:
    """The visible units in tree order with their depth relative to the user's unit."""
    units = list(unit_list(user=user))
    base = min((u.depth for u in units), default=0)
    return [(u, u.depth - base) for u in units]


def assessed_units(*, kinds: tuple[str, ...] = (UnitKind.DISTRICT, UnitKind.ZONE)) -> QuerySet[Unit]:
    """Units that carry targets and are ranked: districts/counties and functional zones."""
    return Unit.objects.filter(kind__in=kinds, is_active=True).order_by("kind", "sort_order", "id")


def city_unit() -> Unit | None:
    return Unit.objects.filter(kind=UnitKind.CITY, parent__isnull=True).order_by("id").first()
