"""Which models are audited: every model that declares ``history = HistoricalRecords()``."""

from __future__ import annotations

from django.apps import apps
from django.db.models import Model


def audited_models() -> list[type[Model]]:
    """Business models with a history table, in a stable order (app label, model name)."""
    found = []
    for model in apps.get_models():
        if getattr(model._meta, "simple_history_manager_attribute", None) and \
                model.__module__.startswith("zhaoshang."):
            found.append(model)
    return sorted(found, key=lambda m: (m._meta.app_label, m._meta.model_name))


def model_key(model: type[Model]) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"
