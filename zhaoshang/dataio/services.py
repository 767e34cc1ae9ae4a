"""Writes of import and export jobs. The rows an import carries are written by the importer's
app service (called from ``Importer.apply``), inside the one transaction opened here."""

from __future__ import annotations

import logging
import tempfile
from datetime import timedelta
from pathlib import Path

from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from zhaoshang.core.errors import BusinessError

from .enums import ExportStatus, ImportStatus
from .exporters import exporter_for
from .importers import FileError, check, importer_for, preview_of
from .models import ExportJob, ImportJob

log = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 30 * 1024 * 1024  # 100,000 project rows are about 10 MB
MAX_STORED_ERRORS = 20000  # rows; the failed-rows file re-reads the upload, so nothing is lost


def _record_check(job: ImportJob, parsed, importer) -> None:
    invalid = parsed.invalid
    job.total_rows = len(parsed.rows)
    job.invalid_rows = len(invalid)
    job.valid_rows = job.total_rows - job.invalid_rows
    job.skipped_rows = parsed.skipped
    job.errors = [{"row": r.number, "errors": r.errors} for r in invalid[:MAX_STORED_ERRORS]]
    job.preview = preview_of(parsed)
    job.notices = parsed.notices
    valid = parsed.valid
    job.to_create = sum(r.action == "新增" for r in valid)
    job.to_update = sum(r.action == "更新" for r in valid)
    job.unchanged_rows = sum(r.action == "无变化" for r in valid)
    job.plan = importer.snapshot(valid) if not invalid else {}


def import_job_create(*, user, kind: str, upload: UploadedFile) -> ImportJob:
    """Keep the upload and check every row; nothing is imported yet (状态 待确认).

    A file that cannot be read at all still gets a job (状态 失败) with the reason, so the
    officer sees it and the upload is on record. The rows are checked before the job is
    saved, outside any transaction: a slow file never holds a database lock.
    """
    importer = importer_for(kind, user=user)
    importer.check_permission()
    if upload.size and upload.size > MAX_UPLOAD_BYTES:
        raise BusinessError(f"文件过大（{upload.size / 1048576:.1f} MB），单个文件不能超过 "
                            f"{MAX_UPLOAD_BYTES // 1048576} MB，请分批导入", field="file")
    job = ImportJob(kind=kind, original_name=(upload.name or "upload.xlsx")[:255], uploaded_by=user,
                    unit_id=user.unit_id)
    try:
        parsed = check(importer, upload)
    except FileError as exc:
        job.status, job.message = ImportStatus.FAILED, exc.message[:500]
    else:
        _record_check(job, parsed, importer)
    upload.seek(0)
    with transaction.atomic():
        job.file.save(f"{kind}-{timezone.now():%Y%m%d%H%M%S}.xlsx", upload, save=False)
        job.full_clean()
        job.save()
    return job


def import_job_apply(*, user, job: ImportJob) -> ImportJob:
    """Write every row of a checked file, or none: the file is checked again first (the data may
    have changed since the preview), and any error rolls the whole import back."""
    if job.uploaded_by_id != user.pk:
        raise BusinessError("只有上传人可以确认导入", status=403)
    if job.status != ImportStatus.PREVIEW:
        raise BusinessError(f"该批次状态为“{job.get_status_display()}”，不能再次导入", status=409)
    if not job.can_apply:
        raise BusinessError("文件中还有错误行：全部改正后重新上传，才能导入（要么全部导入，要么都不导入）")
    importer = importer_for(job.kind, user=user)
    failure = ""
    try:
        with job.file.open("rb") as f:
            parsed = check(importer, f)
    except BusinessError as exc:
        failure = exc.message
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if job.status != ImportStatus.PREVIEW:  # confirmed twice at once: the first one won
            raise BusinessError(f"该批次状态为“{job.get_status_display()}”，不能再次导入", status=409)
        if not failure and parsed.invalid:
            _record_check(job, parsed, importer)
            failure = (f"确认导入时重新校验发现 {len(parsed.invalid)} 行错误（数据在预览后有变化），"
                       "未导入任何数据，请下载错误原因、改正后重新上传")
        if not failure:
            try:
                with transaction.atomic():  # a savepoint: a failure undoes every row, the job records why
                    result = importer.apply(parsed.valid, job=job)
            except BusinessError as exc:
                failure = exc.message
            except IntegrityError:
                log.exception("import job %s hit an integrity error", job.pk)
                failure = "数据与已有记录冲突（可能有人同时导入了相同编号），未导入任何数据，请重新上传"
        if failure:
            job.status, job.message = ImportStatus.FAILED, failure[:500]
        else:
            job.status, job.message = ImportStatus.APPLIED, ""
            job.created_rows, job.updated_rows, job.unchanged_rows = result.created, result.updated, result.unchanged
            job.applied_at = timezone.now()
        job._history_user = user
        job.save()
    return job


@transaction.atomic
def import_job_cancel(*, user, job: ImportJob) -> ImportJob:
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.uploaded_by_id != user.pk:
        raise BusinessError("只有上传人可以取消", status=403)
    if job.status != ImportStatus.PREVIEW:
        raise BusinessError(f"该批次状态为“{job.get_status_display()}”，不能取消", status=409)
    job.status = ImportStatus.CANCELLED
    job._history_user = user
    job.save(update_fields=["status"])
    return job


@transaction.atomic
def export_job_create(*, user, kind: str, params: dict) -> ExportJob:
    """Queue a large export; the job page shows its progress and offers the file when done."""
    exporter = exporter_for(kind, user=user, params=params)
    exporter.check_permission()
    job = ExportJob(kind=kind, params=params, requested_by=user, title=exporter.title()[:200],
                    total_rows=exporter.count())
    job.full_clean()
    job.save()
    from .tasks import export_job_task

    transaction.on_commit(lambda: export_job_task(job.pk))
    return job


def export_job_run(*, job_id: int) -> ExportJob:
    """Run a queued export (in the huey worker): rows are scoped again for the requesting user."""
    job = ExportJob.objects.select_related("requested_by").get(pk=job_id)
    if job.status != ExportStatus.QUEUED:
        return job
    ExportJob.objects.filter(pk=job.pk).update(status=ExportStatus.RUNNING)

    def progress(done: int) -> None:
        ExportJob.objects.filter(pk=job.pk).update(done_rows=done)

    try:
        exporter = exporter_for(job.kind, user=job.requested_by, params=job.params)
        exporter.check_permission()
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "export.xlsx"
            with path.open("wb") as target:
                rows = exporter.write(target, progress=progress)
            with path.open("rb") as f:
                job.file.save(exporter.filename(), File(f), save=False)
    except Exception as exc:  # the page must say it failed rather than spin forever
        log.exception("export job %s failed", job.pk)
        job.status = ExportStatus.FAILED
        job.message = exc.message if isinstance(exc, BusinessError) else "导出时发生错误，请稍后重试或联系管理员"
    else:
        job.status, job.done_rows, job.total_rows = ExportStatus.DONE, rows, rows
    job.finished_at = timezone.now()
    job.save()
    return job


def export_job_purge(*, older_than_days: int = 7) -> int:
    """Delete the files of finished exports after a week: they are copies, and may hold personal data."""
    cutoff = timezone.now() - timedelta(days=older_than_days)
    count = 0
    for job in ExportJob.objects.filter(finished_at__lt=cutoff).exclude(file=""):
        job.file.delete(save=False)
        job.file = ""
        job.message = "文件已过期清理，请重新导出"
        job.save(update_fields=["file", "message"])
        count += 1
    return count
