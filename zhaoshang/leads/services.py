"""Writes to leads."""

from __future__ import annotations

from django.db import transaction

from zhaoshang.core.errors import BusinessError

from .models import Lead


@transaction.atomic
def lead_bulk_create(*, user, leads: list[Lead], validate: bool = True, batch_size: int = 2000) -> int:
    """Create many leads at once (demo, generator, imports), each with its history row."""
    from simple_history.utils import bulk_create_with_history

    if validate:
        for i, lead in enumerate(leads, start=1):
            try:
                lead.full_clean(exclude=["unit", "firm", "project", "created_by"], validate_unique=False)
            except Exception as exc:
                raise BusinessError(f"第 {i} 条线索不合法：{exc}") from exc
    bulk_create_with_history(leads, Lead, batch_size=batch_size, default_user=user)
    return len(leads)
