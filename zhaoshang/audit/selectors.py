"""The audit trail, read-only: one row per change with who, when, what and before/after."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Model, QuerySet
from django.utils import timezone

from zhaoshang.core.errors import NotVisible

from .registry import audited_models, model_key

CHANGE_LABELS = {"+": "新增", "~": "修改", "-": "删除"}


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: str
    after: str


def _require_auditor(user) -> None:
    if not user.reads_audit_trail:
        raise NotVisible()


def audit_model_choices(*, user) -> list[tuple[str, str]]:
    _require_auditor(user)
    return [(model_key(m), str(m._meta.verbose_name)) for m in audited_models()]


def _model_for(key: str) -> type[Model]:
    for m in audited_models():
        if model_key(m) == key:
            return m
    raise NotVisible("没有这种审计对象")


def audit_record_list(*, user, model: str, filters: dict) -> QuerySet:
    """History rows of one audited model, newest first, filtered by actor, object and dates."""
    _require_auditor(user)
    history_model = _model_for(model).history.model
    qs = history_model.objects.select_related("history_user").order_by("-history_date", "-history_id")
    if filters.get("user"):
        qs = qs.filter(history_user__username=filters["user"])
    if filters.get("object_id"):
        try:
            qs = qs.filter(id=int(filters["object_id"]))
        except ValueError:
            qs = qs.none()
    if filters.get("type") in CHANGE_LABELS:
        qs = qs.filter(history_type=filters["type"])
    tz = timezone.get_current_timezone()
    for key, op, t in (("since", "gte", time.min), ("until", "lte", time.max)):
        if filters.get(key):
            try:
                d = date.fromisoformat(filters[key])
            except ValueError:
                continue
            qs = qs.filter(**{f"history_date__{op}": datetime.combine(d, t, tzinfo=tz)})
    return qs


def audit_changes(record) -> list[FieldChange]:
    """What changed in this history row against the previous one of the same object."""
    prev = record.prev_record
    fields = [f for f in record.instance_type._meta.fields if f.name not in ("updated_at",)]
    changes: list[FieldChange] = []
    for f in fields:
        after = getattr(record, f.attname, None)
        before = getattr(prev, f.attname, None) if prev else None
        if record.history_type == "+" and after in (None, ""):
            continue
        if prev is None or before != after or record.history_type == "-":
            changes.append(FieldChange(str(f.verbose_name), "" if before is None else str(before),
                                       "" if after is None else str(after)))
    return changes
