"""model_update: the one generic updater services use (after HackSoft's styleguide)."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


def model_update(*, instance: M, fields: list[str], data: dict[str, Any]) -> tuple[M, list[str]]:
    """Set only the whitelisted fields that changed, validate, save with update_fields.

    Returns the instance and the names of the fields that changed (empty: nothing saved).
    """
    changed: list[str] = []
    for field in fields:
        if field not in data:
            continue
        if getattr(instance, field) != data[field]:
            setattr(instance, field, data[field])
            changed.append(field)
    if changed:
        instance.full_clean()
        update_fields = list(changed)
        if any(f.name == "updated_at" for f in instance._meta.get_fields()):
            update_fields.append("updated_at")
        instance.save(update_fields=update_fields)
    return instance, changed
