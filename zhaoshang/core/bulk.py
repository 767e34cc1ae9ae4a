"""Fast inserts of many model rows with their audit history, for imports of thousands of rows.

Django's ``bulk_create`` spends most of a 10,000-row import composing SQL (a compiler call per
value) and ``bulk_create_with_history`` builds a historical model object per row on top. Here the
values are prepared once per field and row, the INSERT is a plain multi-row VALUES with
RETURNING id (PostgreSQL, SQLite ≥ 3.35 — both return the ids in the order of the rows), and the
history rows are copied by the database from the rows just written, so they hold exactly what
was stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db import connection, models


def _chunk_size(columns: int) -> int:
    # SQLite allows 32,766 parameters per statement; PostgreSQL 65,535
    return max(1, min(2000, 32000 // max(columns, 1)))


def insert_objects(model: type[models.Model], objects: Sequence[models.Model], *, now: datetime) -> list[int]:
    """INSERT unsaved ``objects`` of ``model`` and set their primary keys (returned too).

    ``auto_now``/``auto_now_add`` fields get ``now``; everything else is written as the objects
    hold it — validate before calling (``full_clean``), as ``bulk_create`` would not either."""
    if not objects:
        return []
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    qn = connection.ops.quote_name
    head = (f"INSERT INTO {qn(model._meta.db_table)} ({', '.join(qn(f.column) for f in fields)}) VALUES ")
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    returning = f" RETURNING {qn(model._meta.pk.column)}"
    stamped = [f for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
    for obj in objects:
        for f in stamped:
            setattr(obj, f.attname, now)
    ids: list[int] = []
    size = _chunk_size(len(fields))
    with connection.cursor() as cursor:
        for start in range(0, len(objects), size):
            chunk = objects[start:start + size]
            params = [f.get_db_prep_save(getattr(obj, f.attname), connection) for obj in chunk for f in fields]
            cursor.execute(head + ", ".join([one] * len(chunk)) + returning, params)
            ids.extend(row[0] for row in cursor.fetchall())
    for obj, pk in zip(objects, ids, strict=True):
        obj.pk = pk
        obj._state.adding = False
        obj._state.db = connection.alias
    return ids


def history_copy(model: type[models.Model], ids: Sequence[int], *, history_type: str, reason: str,
                 user_id: int | None, now: datetime) -> int:
    """One django-simple-history row per id, copied by the database from the row as stored now
    (``history_type`` '+' created, '~' changed). Fields the model's history excludes are left out."""
    if not ids:
        return 0
    history = model.history.model
    source = {f.column for f in model._meta.concrete_fields}
    columns = [f.column for f in history._meta.concrete_fields
               if not f.name.startswith("history_") and f.column in source]
    qn = connection.ops.quote_name
    cols = ", ".join(qn(c) for c in columns)
    head = (f"INSERT INTO {qn(history._meta.db_table)} ({cols}, history_date, history_change_reason, history_type, "
            f"history_user_id) SELECT {cols}, %s, %s, %s, %s FROM {qn(model._meta.db_table)} ")
    params = [now, reason, history_type, user_id]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(head + f"WHERE {qn(model._meta.pk.column)} = ANY(%s)", [*params, list(ids)])
            return len(ids)
        for start in range(0, len(ids), 30000):
            part = list(ids[start:start + 30000])
            cursor.execute(head + f"WHERE {qn(model._meta.pk.column)} IN ({', '.join(['%s'] * len(part))})",
                           [*params, *part])
    return len(ids)
