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

import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from multiprocessing import get_context
from pathlib import Path

import polars as pl
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone

from zhaoshang.firms.models import Firm
from zhaoshang.organizations.models import Unit

from .. import bulk
from ..enums import ImportStatus
from ..models import FirmImport, FirmPlacement
from ..universe import (
    COLUMNS,
    REGISTRY_FIELDS,
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
    placements_replace_auto,
)

Progress = Callable[[str], None]
#: Registry fields an import may change on an existing firm (never unit-level facts an officer owns).
UPDATE_FIELDS = tuple(f for f in REGISTRY_FIELDS if f not in ("credit_code", "is_demo"))
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


def _unit_ids() -> dict[str, int]:
    """District or zone name as written in a registry (海州区, 连云港经济技术开发区, 徐圩新区…) → unit id."""
    out: dict[str, int] = {}
    for u in Unit.objects.filter(kind__in=["district", "zone"]):
        out[u.name] = u.id
        if u.short_name:
            out[u.short_name] = u.id
    return out


def _chunks(seq: list, size: int) -> Iterator[list]:
    for i in range(0, len(seq), size):
        yield seq[i:i + size]


class _Writer:
    """Writes prepared batches; holds what is looked up once per import."""

    def __init__(self, *, user, history: bool, classify: bool):
        self.user_id = getattr(user, "pk", None)
        self.history = history
        self.classify = classify
        self.units = _unit_ids()
        self.node_ids = node_ids_by_code() if classify else {}
        self.corrected = corrected_firm_ids() if classify else set()
        # local firms entered by hand (chain leaders) without a credit code, by name key
        self.uncoded = dict(Firm.objects.filter(credit_code__isnull=True).values_list("name_key", "id"))
        self.firm_table = Firm._meta.db_table
        self.history_table = Firm.history.model._meta.db_table
        self.columns = [*REGISTRY_FIELDS, "unit_id", "short_name", "stock_code", "description", "is_chain_leader",
                        "created_at", "updated_at"]

    def existing(self, codes: list[str]) -> dict[str, tuple]:
        """credit code → (id, *UPDATE_FIELDS values as stored)."""
        out: dict[str, tuple] = {}
        for part in _chunks(codes, 5000):
            for row in Firm.objects.filter(credit_code__in=part).order_by().values_list(
                    "credit_code", "id", *UPDATE_FIELDS, "unit_id"):
                out[row[0]] = row[1:]
        return out

    def write(self, batch: PreparedBatch, result: ImportResult) -> None:
        now = timezone.now()
        pos = {f: i for i, f in enumerate(REGISTRY_FIELDS)}
        codes = [r[pos["credit_code"]] for r in batch.rows]
        with transaction.atomic():
            stored = self.existing(codes)
            new_rows, changed, firm_of_row = [], [], []
            for r in batch.rows:
                unit_id = self.units.get(r[pos["district"]]) if r[pos["is_local"]] else None
                have = stored.get(r[pos["credit_code"]])
                if have is None and r[pos["is_local"]] and r[pos["name_key"]] in self.uncoded:
                    firm_id = self.uncoded.pop(r[pos["name_key"]])
                    changed.append((firm_id, r, unit_id, True))
                    firm_of_row.append(firm_id)
                    continue
                if have is None:
                    new_rows.append((*r, unit_id, "", "", "", False, now, now))
                    firm_of_row.append(None)
                    continue
                firm_id = have[0]
                firm_of_row.append(firm_id)
                new_values = tuple(r[pos[f]] for f in UPDATE_FIELDS) + (unit_id if unit_id else have[-1],)
                if new_values != tuple(have[1:]):
                    changed.append((firm_id, r, new_values[-1], False))
            if new_rows:
                bulk.insert_rows(self.firm_table, self.columns, new_rows)
            self._update(changed, now)
            new_ids = self.ids_by_code([row[pos["credit_code"]] for row in new_rows])
            firm_ids = [fid if fid is not None else new_ids[r[pos["credit_code"]]]
                        for fid, r in zip(firm_of_row, batch.rows, strict=True)]
            if self.history:
                self._history(list(new_ids.values()), "+", now)
                self._history([c[0] for c in changed], "~", now)
            if self.classify and batch.predictions is not None:
                keep = [i for i, fid in enumerate(firm_ids) if fid not in self.corrected]
                ids = [firm_ids[i] for i in keep]
                preds = [batch.predictions[i] for i in keep]
                rows = placement_rows(ids, preds, self.node_ids, now)
                if stored or changed:
                    placements_replace_auto(ids, rows)
                else:
                    bulk.insert_rows(FirmPlacement._meta.db_table, PLACEMENT_COLUMNS, rows)
                result.placed += sum(1 for p in preds if p)
        result.inserted += len(new_rows)
        result.updated += len(changed)
        result.unchanged += len(batch.rows) - len(new_rows) - len(changed)

    def ids_by_code(self, codes: list[str]) -> dict[str, int]:
        out: dict[str, int] = {}
        for part in _chunks(codes, 5000):
            out.update(Firm.objects.filter(credit_code__in=part).order_by().values_list("credit_code", "id"))
        return out

    def _update(self, changed: list[tuple[int, tuple, int | None, bool]], now) -> None:
        if not changed:
            return
        pos = {f: i for i, f in enumerate(REGISTRY_FIELDS)}
        fields = [*UPDATE_FIELDS, "unit_id"]
        qn = connection.ops.quote_name
        sql = (f"UPDATE {qn(self.firm_table)} SET {', '.join(f'{qn(f)} = %s' for f in fields)}, "
               f"{qn('updated_at')} = %s, {qn('credit_code')} = %s WHERE id = %s")
        with connection.cursor() as cursor:
            cursor.executemany(sql, [[*(r[pos[f]] for f in UPDATE_FIELDS), unit_id, now, r[pos["credit_code"]], firm_id]
                                     for firm_id, r, unit_id, _ in changed])

    def _history(self, firm_ids: list[int], kind: str, now) -> None:
        """One history row per firm, copied from the row just written (the database does the work)."""
        if not firm_ids:
            return
        qn = connection.ops.quote_name
        names = [f.column for f in Firm._meta.concrete_fields]
        cols = ", ".join(qn(c) for c in names)
        with connection.cursor() as cursor:
            for part in _chunks(firm_ids, 5000):
                if bulk.is_postgres():
                    where, params = "id = ANY(%s)", [part]
                else:
                    where, params = f"id IN ({', '.join(['%s'] * len(part))})", part
                cursor.execute(
                    f"INSERT INTO {qn(self.history_table)} ({cols}, history_date, history_change_reason, "
                    f"history_type, history_user_id) SELECT {cols}, %s, %s, %s, %s FROM {qn(self.firm_table)} "
                    f"WHERE {where}", [now, "企业库导入", kind, self.user_id, *params])


def firms_import_universe(*, batches: Iterable[tuple[pl.DataFrame, int]], user=None, classify: bool = True,
                          history: bool = True, workers: int = 0, demo: bool = False, today: date | None = None,
                          progress: Progress | None = None) -> ImportResult:
    """Import frames of registry rows (``read_batches`` of a file, or the demo generator's).

    ``workers`` > 1 prepares and classifies batches in that many processes while this one
    writes; 0 or 1 does everything here (tests, small files).
    """
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
        if prepared.rows:
            writer.write(prepared, result)
        if progress:
            rate = result.total / max(time.perf_counter() - started, 1e-9)
            progress(f"企业库导入：已读 {result.total:,} 行，新增 {result.inserted:,}，更新 {result.updated:,}，"
                     f"拒绝 {result.rejected:,}，放到节点 {result.placed:,}（{rate:,.0f} 行/秒）")

    if workers > 1:
        ctx = get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=worker_init,
                                 initargs=(specs, examples)) as pool:
            pending = []
            for df, first_line in batches:
                pending.append(pool.submit(worker_prepare, (df, first_line, today, demo)))
                while len(pending) > workers:
                    consume(pending.pop(0).result())
            for fut in pending:
                consume(fut.result())
    else:
        clf = classifier_get() if classify else None
        for df, first_line in batches:
            consume(prepare_batch(df, first_line=first_line, today=today, demo=demo, classifier=clf))
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
