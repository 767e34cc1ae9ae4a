"""Reads of leads, scoped like projects."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from zhaoshang.core.errors import NotVisible
from zhaoshang.organizations.selectors import scope_by_unit

from .models import Lead


def lead_list(*, user, filters: dict | None = None) -> QuerySet[Lead]:
    qs = scope_by_unit(Lead.objects.all(), user=user).select_related("unit")
    filters = filters or {}
    if q := (filters.get("q") or "").strip():
        qs = qs.filter(Q(firm_name__icontains=q) | Q(summary__icontains=q))
    if status := filters.get("status"):
        qs = qs.filter(status=status)
    if kind := filters.get("channel_kind"):
        qs = qs.filter(channel_kind=kind)
    return qs.order_by("-received_on", "-id")


def lead_get(*, user, id: int) -> Lead:
    lead = scope_by_unit(Lead.objects.all(), user=user).select_related("unit").filter(id=id).first()
    if lead is None:
        raise NotVisible()
    return lead
