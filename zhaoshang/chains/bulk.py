"""Bulk reads and writes for tables of millions of rows: COPY on PostgreSQL, executemany on SQLite.

Used only by the chains services for derived tables (placements, target scores) and the firm
universe import. The ORM's ``bulk_create`` builds a model object per row and one big INSERT per
batch; at five million firms that is the difference between minutes and an hour.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from itertools import islice
from typing import Any

import polars as pl
from django.db import connection


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _quoted(names: Sequence[str]) -> str:
    qn = connection.ops.quote_name
    return ", ".join(qn(c) for c in names)


def insert_rows(table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]], *, chunk: int = 5000) -> int:
    """Append rows to ``table``; returns the number written. Runs in the caller's transaction."""
    n = 0
    with connection.cursor() as cursor:
        if is_postgres():
            with cursor.cursor.copy(f"COPY {connection.ops.quote_name(table)} ({_quoted(columns)}) FROM STDIN") as cp:
                for row in rows:
                    cp.write_row(row)
                    n += 1
            return n
        sql = (f"INSERT INTO {connection.ops.quote_name(table)} ({_quoted(columns)}) "
               f"VALUES ({', '.join(['%s'] * len(columns))})")
        it = iter(rows)
        while batch := list(islice(it, chunk)):
            cursor.executemany(sql, batch)
            n += len(batch)
    return n


def delete_in(table: str, column: str, values: Sequence[int], *, extra: str = "", chunk: int = 900) -> int:
    """DELETE FROM table WHERE column IN values [AND extra]; chunked for SQLite's parameter limit."""
    qn = connection.ops.quote_name
    n = 0
    with connection.cursor() as cursor:
        if is_postgres():
            cursor.execute(f"DELETE FROM {qn(table)} WHERE {qn(column)} = ANY(%s) {extra}", [list(values)])
            return cursor.rowcount
        for i in range(0, len(values), chunk):
            part = list(values[i:i + chunk])
            cursor.execute(f"DELETE FROM {qn(table)} WHERE {qn(column)} IN ({', '.join(['%s'] * len(part))}) {extra}",
                           part)
            n += cursor.rowcount
    return n


def read_frame(sql: str, params: Sequence[Any] = (), *, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """Run a SELECT and return its rows as a polars frame (``schema`` names the columns in order).

    PostgreSQL streams the result as CSV through COPY (several times faster than fetching
    tuples); SQLite fetches in chunks.
    """
    names = list(schema)
    with connection.cursor() as cursor:
        if is_postgres():
            buf = io.BytesIO()
            with cursor.cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)", params or None) as cp:
                for block in cp:
                    buf.write(block)
            if buf.tell() == 0:
                return pl.DataFrame(schema=schema)
            buf.seek(0)
            return pl.read_csv(buf, has_header=False, new_columns=names, schema_overrides=schema,
                               infer_schema=False)
        cursor.execute(sql, list(params))
        frames = []
        while rows := cursor.fetchmany(100_000):
            frames.append(pl.DataFrame(rows, schema=schema, orient="row"))
        return pl.concat(frames) if frames else pl.DataFrame(schema=schema)
