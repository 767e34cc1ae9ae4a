"""Import the firm universe (millions of registry rows) and place each firm on chain nodes.

Pipeline per batch of rows: read (polars) → check and normalise, name keys, classification
(``universe.prepare_batch``, in a pool of worker processes) → write (this module): new firms by
COPY on PostgreSQL / executemany on SQLite, changed firms updated, a history row for each new or
changed firm (``HistoricalFirm``, written by one INSERT … SELECT in the database), automatic
placements replaced. Firms are matched by credit code; a local firm entered earlier without a
code (a chain leader) is matched by its normalised name and gets the code.

Registry data at this scale is not all-or-nothing: each batch is its own transaction, rejected
rows are reported with their reasons (and an .xlsx with a 错误原因 column), and importing the
same file again changes nothing (rows equal to what is stored are not written).
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from multiprocessing import get_context
from pathlib import Path

import polars as pl
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone

from zhaoshang.core.bulk import history_copy
from zhaoshang.firms.models import Firm
from zhaoshang.organizations.models import Unit

from .. import bulk
from ..enums import ImportStatus, PlacementSource
from ..models import FirmImport, FirmPlacement
from ..universe import (
    COLUMNS,
    FRAME_SCHEMA,
    PreparedBatch,
    UniverseFileError,
    prepare_batch,
    read_batches,
    worker_init,
    worker_prepare,
)
from .placements import (
    PLACEMENT_COLUMNS,
    classifier_get,
    classifier_inputs,
    corrected_firm_ids,
    node_ids_by_code,
    placement_rows,
)

Progress = Callable[[str], None]
#: Registry fields an import may change on an existing firm (the unit only when the row names one).
UPDATE_FIELDS = tuple(f for f in FRAME_SCHEMA if f not in ("credit_code", "is_demo"))
MAX_ERRORS_KEPT = 200
MAX_REJECTED_FILE_ROWS = 100_000


@dataclass
class ImportResult:
    total: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    placed: int = 0
    errors: list[dict] = field(default_factory=list)
    rejected_rows: list[tuple[int, str, dict]] = field(default_factory=list)
    seconds: float = 0.0
    write_seconds: float = 0.0  # spent writing (this process and the database)
    wait_seconds: float = 0.0  # spent waiting for the workers' batches


def _unit_ids() -> dict[str, int]:
    """District or zone name as written in a registry (海州区, 连云港经济技术开发区, 徐圩新区…) → unit id."""
    out: dict[str, int] = {}
    for u in Unit.objects.filter(kind__in=["district", "zone"]):
        out[u.name] = u.id
        if u.short_name:
            out[u.short_name] = u.id
    return out


STAGE = "zs_firm_stage"


class _Writer:
    """Writes prepared batches through a temporary staging table, so the database matches, inserts
    and updates a whole batch in a few set-based statements (no lists of codes sent back and forth)."""

    def __init__(self, *, user, history: bool, classify: bool):
        self.user_id = getattr(user, "pk", None)
        self.history = history
        self.classify = classify
        self.units = _unit_ids()
        self.node_ids = node_ids_by_code() if classify else {}
        self.corrected = corrected_firm_ids() if classify else set()
        # local firms entered by hand (chain leaders) without a credit code, by name key
        self.uncoded = dict(Firm.objects.filter(credit_code__isnull=True).values_list("name_key", "id"))
        self.firm_table = connection.ops.quote_name(Firm._meta.db_table)
        self.stage_columns = list(FRAME_SCHEMA)
        qn = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {STAGE}")
            cursor.execute(f"CREATE TEMP TABLE {STAGE} AS SELECT "
                           f"{', '.join(qn(c) for c in self.stage_columns)} FROM {self.firm_table} WHERE 1 = 0")

    def write(self, batch: PreparedBatch, result: ImportResult) -> None:
        now = timezone.now()
        frame = batch.frame
        qn = connection.ops.quote_name
        cols = ", ".join(qn(c) for c in self.stage_columns)
        with transaction.atomic(), connection.cursor() as cursor:
            if bulk.is_postgres():
                # a batch is re-done by importing the file again: no need to wait for its WAL flush
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
                # Join the batch to the firms by the credit-code index, row by row: a hash or merge
                # join reads the whole firm table for every batch, which made a 5-million-row load
                # quadratic (each million slower than the last).
                cursor.execute("SET LOCAL enable_hashjoin TO OFF")
                cursor.execute("SET LOCAL enable_mergejoin TO OFF")
            matched = self._match_uncoded(cursor, frame, now)
            if matched:
                frame = frame.filter(~pl.col("credit_code").is_in(list(matched)))
            # TRUNCATE, not DELETE: a temporary table is never vacuumed, so deleted rows would pile up
            # and every later batch would scan all of them (the load slowed with each million rows)
            cursor.execute(f"{'TRUNCATE' if bulk.is_postgres() else 'DELETE FROM'} {STAGE}")
            self._stage(cursor, frame)

            # existing firms first (so the rows inserted next are not compared again), then the new ones
            distinct = "IS DISTINCT FROM" if bulk.is_postgres() else "IS NOT"
            fields = [f for f in UPDATE_FIELDS if f != "unit_id"]
            t = self.firm_table
            cursor.execute(
                f"UPDATE {t} SET {', '.join(f'{qn(c)} = s.{qn(c)}' for c in fields)}, "
                f"unit_id = COALESCE(s.unit_id, {t}.unit_id), updated_at = %s FROM {STAGE} s "
                f"WHERE {t}.credit_code = s.credit_code AND ({', '.join(f'{t}.{qn(c)}' for c in fields)}, "
                f"{t}.unit_id) {distinct} ({', '.join('s.' + qn(c) for c in fields)}, "
                f"COALESCE(s.unit_id, {t}.unit_id)) RETURNING {t}.credit_code, {t}.id", [now])
            updated = dict(cursor.fetchall())
            extra = ["short_name", "stock_code", "description", "is_chain_leader", "created_at", "updated_at"]
            cursor.execute(
                f"INSERT INTO {t} ({cols}, {', '.join(qn(c) for c in extra)}) "
                f"SELECT {', '.join('s.' + qn(c) for c in self.stage_columns)}, '', '', '', %s, %s, %s "
                f"FROM {STAGE} s WHERE NOT EXISTS (SELECT 1 FROM {t} f WHERE f.credit_code = s.credit_code) "
                f"RETURNING credit_code, id", [False, now, now])
            inserted = dict(cursor.fetchall())
            id_of = {**inserted, **updated}
            if len(id_of) < frame.height:  # unchanged rows: their ids are needed for the placements
                cursor.execute(f"SELECT f.credit_code, f.id FROM {t} f JOIN {STAGE} s ON s.credit_code = f.credit_code")
                id_of = dict(cursor.fetchall())
            id_of.update(matched)
            if self.history:
                # one history row per firm, copied by the database from the row just written
                history_copy(Firm, list(inserted.values()), history_type="+", reason="企业库导入",
                             user_id=self.user_id, now=now)
                history_copy(Firm, [*updated.values(), *matched.values()], history_type="~",
                             reason="企业库导入", user_id=self.user_id, now=now)
            if self.classify and batch.predictions is not None:
                firm_ids = [id_of[c] for c in batch.frame["credit_code"].to_list()]
                keep = [i for i, fid in enumerate(firm_ids) if fid not in self.corrected]
                ids = [firm_ids[i] for i in keep]
                preds = [batch.predictions[i] for i in keep]
                rows = placement_rows(ids, preds, self.node_ids, now)
                new = set(inserted.values())
                old = [fid for fid in ids if fid not in new]
                if old:
                    bulk.delete_in(FirmPlacement._meta.db_table, "firm_id", old,
                                   extra=f"AND source = '{PlacementSource.AUTO}'")
                bulk.insert_rows(FirmPlacement._meta.db_table, PLACEMENT_COLUMNS, rows)
                result.placed += sum(1 for p in preds if p)
        result.inserted += len(inserted)
        result.updated += len(updated) + len(matched)
        result.unchanged += batch.frame.height - len(inserted) - len(updated) - len(matched)

    def _stage(self, cursor, frame: pl.DataFrame) -> None:
        if frame.height == 0:
            return
        if bulk.is_postgres():
            buf = io.BytesIO()
            frame.select(self.stage_columns).write_csv(buf, include_header=False, quote_style="non_numeric")
            with cursor.cursor.copy(f"COPY {STAGE} FROM STDIN WITH (FORMAT csv)") as cp:
                cp.write(buf.getvalue())
        else:
            cursor.executemany(f"INSERT INTO {STAGE} VALUES ({', '.join(['%s'] * len(self.stage_columns))})",
                               frame.select(self.stage_columns).rows())

    def _match_uncoded(self, cursor, frame: pl.DataFrame, now) -> dict[str, int]:
        """Rows of local firms entered by hand without a code (leaders): the row fills them in."""
        if not self.uncoded:
            return {}
        hits = frame.filter(pl.col("is_local") & pl.col("name_key").is_in(list(self.uncoded)))
        if hits.height == 0:
            return {}
        known = set(Firm.objects.filter(credit_code__in=hits["credit_code"].to_list())
                    .values_list("credit_code", flat=True))
        out: dict[str, int] = {}
        qn = connection.ops.quote_name
        for row in hits.iter_rows(named=True):
            if row["credit_code"] in known or row["name_key"] not in self.uncoded:
                continue
            firm_id = self.uncoded.pop(row["name_key"])
            fields = [f for f in UPDATE_FIELDS if f != "unit_id"]
            cursor.execute(
                f"UPDATE {self.firm_table} SET {', '.join(f'{qn(c)} = %s' for c in fields)}, credit_code = %s, "
                f"unit_id = COALESCE(%s, unit_id), updated_at = %s WHERE id = %s",
                [*(row[c] for c in fields), row["credit_code"], row["unit_id"], now, firm_id])
            out[row["credit_code"]] = firm_id
        return out


#: Tables whose secondary indexes an initial load builds once at the end instead of row by row.
DEFERRED_TABLES = (Firm._meta.db_table, Firm.history.model._meta.db_table, FirmPlacement._meta.db_table)


def _pending_file() -> Path:
    from django.conf import settings

    return Path(settings.BASE_DIR) / "var" / f"chains-deferred-indexes-{connection.settings_dict['NAME'].split('/')[-1]}.sql"


def indexes_defer() -> int:
    """PostgreSQL, initial loads only: drop the secondary indexes (not those of a primary key or
    unique constraint) of the firm, firm-history and placement tables, keeping their definitions in
    ``var/`` so :func:`indexes_restore` rebuilds them even after a crash. Returns how many."""
    if not bulk.is_postgres():
        return 0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid "
            "JOIN pg_class c ON c.oid = i.indexrelid WHERE t.relname = ANY(%s) AND NOT EXISTS "
            "(SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)", [list(DEFERRED_TABLES)])
        found = cursor.fetchall()
        path = _pending_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as f:
            for _, definition in found:
                f.write(definition.replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1) + ";\n")
        for name, _ in found:
            cursor.execute(f"DROP INDEX IF EXISTS {connection.ops.quote_name(name)}")
    return len(found)


def indexes_restore() -> int:
    """Rebuild the indexes an initial load deferred (also after an interrupted load)."""
    path = _pending_file()
    if not bulk.is_postgres() or not path.exists():
        return 0
    statements = [s for s in path.read_text(encoding="utf-8").split(";\n") if s.strip()]
    with connection.cursor() as cursor:
        # inside an outer transaction (the demo build, a test) the deferred foreign-key checks of the
        # rows just written must run first: PostgreSQL refuses CREATE INDEX with trigger events pending
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET maintenance_work_mem = '512MB'")
        for sql in statements:
            cursor.execute(sql)
        for table in DEFERRED_TABLES:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
    path.unlink()
    return len(statements)


def firms_import_universe(*, batches: Iterable[tuple[pl.DataFrame, int]], user=None, classify: bool = True,
                          history: bool = True, workers: int = 0, demo: bool = False, today: date | None = None,
                          progress: Progress | None = None, initial: bool = False) -> ImportResult:
    """Import frames of registry rows (``read_batches`` of a file, or the demo generator's).

    ``workers`` > 1 prepares and classifies batches in that many processes while this one
    writes; 0 or 1 does everything here (tests, small files). ``initial`` (a first load of a
    large universe into a nearly empty table, on PostgreSQL) builds the secondary indexes of the
    firm, history and placement tables once at the end instead of row by row.
    """
    if initial:
        indexes_defer()
        try:
            return firms_import_universe(batches=batches, user=user, classify=classify, history=history,
                                         workers=workers, demo=demo, today=today, progress=progress)
        finally:
            t0 = time.perf_counter()
            rebuilt = indexes_restore()
            if progress and rebuilt:
                progress(f"重建索引 {rebuilt} 个（{time.perf_counter() - t0:.0f} 秒）")
    started = time.perf_counter()
    today = today or timezone.localdate()
    result = ImportResult()
    writer = _Writer(user=user, history=history, classify=classify)
    specs, examples = classifier_inputs() if classify else (None, [])

    def consume(prepared: PreparedBatch) -> None:
        result.total += prepared.total
        result.rejected += len(prepared.rejected)
        for line, reason, raw in prepared.rejected:
            if len(result.errors) < MAX_ERRORS_KEPT:
                result.errors.append({"row": line, "errors": reason})
            if len(result.rejected_rows) < MAX_REJECTED_FILE_ROWS:
                result.rejected_rows.append((line, reason, raw))
        if prepared.frame.height:
            t0 = time.perf_counter()
            writer.write(prepared, result)
            result.write_seconds += time.perf_counter() - t0
        if progress:
            rate = result.total / max(time.perf_counter() - started, 1e-9)
            progress(f"企业库导入：已读 {result.total:,} 行，新增 {result.inserted:,}，更新 {result.updated:,}，"
                     f"拒绝 {result.rejected:,}，放到节点 {result.placed:,}（{rate:,.0f} 行/秒）")

    if workers > 1:
        ctx = get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=worker_init,
                                 initargs=(specs, examples, writer.units)) as pool:
            pending = []
            def next_result(fut):
                t0 = time.perf_counter()
                prepared = fut.result()
                result.wait_seconds += time.perf_counter() - t0
                return prepared

            for df, first_line in batches:
                pending.append(pool.submit(worker_prepare, (df, first_line, today, demo)))
                while len(pending) > workers:
                    consume(next_result(pending.pop(0)))
            for fut in pending:
                consume(next_result(fut))
    else:
        clf = classifier_get() if classify else None
        for df, first_line in batches:
            consume(prepare_batch(df, first_line=first_line, today=today, demo=demo, classifier=clf,
                                  unit_ids=writer.units))
    if bulk.is_postgres():
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(Firm._meta.db_table)}")
    result.seconds = time.perf_counter() - started
    return result


def rejected_rows_xlsx(rows: list[tuple[int, str, dict]]) -> bytes:
    """The rejected rows with their line number and a 错误原因 column, to fix and import again."""
    import io

    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("错误行")
    fields = list(COLUMNS)
    ws.append(["行号", "错误原因", *(COLUMNS[f][0] for f in fields)])
    for line, reason, raw in rows:
        ws.append([line, reason, *(raw.get(f) for f in fields)])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


ALLOWED_SUFFIXES = (".csv", ".parquet", ".xlsx")


def firm_import_create(*, user, upload) -> FirmImport:
    """Keep an uploaded universe file as an import job (the task runs it after commit)."""
    from zhaoshang.core.errors import BusinessError

    if not (user.sees_business_data and user.is_city_admin):
        raise BusinessError("只有市级招商管理员可以导入企业库", status=403)
    if not upload.name.lower().endswith(ALLOWED_SUFFIXES):
        raise BusinessError("只支持 .csv、.parquet、.xlsx 文件", field="file")
    record = FirmImport(file=upload, original_name=upload.name[:255], created_by=user)
    record.save()
    return record


def firm_import_run(*, record: FirmImport, workers: int = 0, progress: Progress | None = None) -> FirmImport:
    """Run an uploaded import (the huey task calls this) and record what it did."""
    FirmImport.objects.filter(pk=record.pk).update(status=ImportStatus.RUNNING)
    try:
        result = firms_import_universe(batches=read_batches(Path(record.file.path)), user=record.created_by,
                                       workers=workers, progress=progress)
    except Exception as exc:  # any failure is recorded on the job, with its reason, for the officer
        message = str(exc) if isinstance(exc, UniverseFileError) else f"导入失败：{exc}"
        FirmImport.objects.filter(pk=record.pk).update(status=ImportStatus.FAILED, message=message[:500],
                                                       finished_at=timezone.now())
        record.refresh_from_db()
        return record
    record.status = ImportStatus.DONE
    record.total_rows, record.inserted, record.updated = result.total, result.inserted, result.updated
    record.rejected, record.placed, record.errors = result.rejected, result.placed, result.errors
    record.seconds, record.finished_at = round(result.seconds, 1), timezone.now()
    record.message = f"未变化 {result.unchanged:,} 行"
    if result.rejected_rows:
        record.rejected_file.save(f"rejected-{record.pk}.xlsx", ContentFile(rejected_rows_xlsx(result.rejected_rows)),
                                  save=False)
    record.save()
    return record
