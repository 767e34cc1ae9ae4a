"""Pages of import and export jobs, shared by every kind: preview, confirm, result, failed rows,
and the progress page of a large export. The upload page itself belongs to the app that owns
the data (e.g. projects/views/imports.py), through ``upload_page``."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from zhaoshang.core.errors import BusinessError, NotVisible
from zhaoshang.core.htmx import template_for

from . import importers, selectors, services
from .enums import ExportStatus, ImportStatus
from .forms import UploadForm
from .workbooks import XLSX_CONTENT_TYPE, errors_bytes, template_bytes

ERRORS_SHOWN = 500


def _business_only(request: HttpRequest) -> None:
    if not request.user.sees_business_data:
        raise PermissionDenied


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f"attachment; filename=export.xlsx; filename*=UTF-8''{quote(filename)}"
    return response


def upload_page(request: HttpRequest, *, kind: str, title: str, template_url: str) -> HttpResponse:
    """GET: the upload form with the rules and recent imports; POST: keep and check the file."""
    if not request.user.writes_business_data:
        raise PermissionDenied
    importer = importers.importer_for(kind, user=request.user)
    form = UploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                job = services.import_job_create(user=request.user, kind=kind, upload=form.cleaned_data["file"])
            except BusinessError as exc:
                form.add_error("file", exc.message)
            else:
                if job.status != ImportStatus.FAILED:
                    return redirect("dataio:import_detail", id=job.id)
                form.add_error("file", job.message)
        status = 400
    ctx = {"form": form, "title": title, "importer": importer, "notes": importer.notes(), "template_url": template_url,
           "jobs": selectors.import_job_list(user=request.user, kind=kind)}
    return render(request, "dataio/import_upload.html", ctx, status=status)


def template_download(request: HttpRequest, *, kind: str, filename: str) -> HttpResponse:
    if not request.user.writes_business_data:
        raise PermissionDenied
    return xlsx_response(template_bytes(importers.importer_for(kind, user=request.user)), filename)


def import_detail(request: HttpRequest, id: int) -> HttpResponse:
    """The preview (counts, first rows, every error) or, once applied, the result."""
    _business_only(request)
    job = selectors.import_job_get(user=request.user, id=id)
    importer = importers.importer_for(job.kind, user=request.user)
    ctx = {"job": job, "importer": importer, "errors": job.errors[:ERRORS_SHOWN],
           "more_errors": max(0, len(job.errors) - ERRORS_SHOWN), "rows": job.preview.get("rows", []),
           "headers": job.preview.get("headers", [])}
    return render(request, "dataio/import_detail.html", ctx)


@require_POST
def import_apply(request: HttpRequest, id: int) -> HttpResponse:
    _business_only(request)
    job = selectors.import_job_get(user=request.user, id=id)
    try:
        job = services.import_job_apply(user=request.user, job=job)
    except BusinessError as exc:
        messages.error(request, exc.message)
    # the job page says what was done (新增 n 个、更新 m 个) or why nothing was
    return redirect("dataio:import_detail", id=job.id)


@require_POST
def import_cancel(request: HttpRequest, id: int) -> HttpResponse:
    _business_only(request)
    job = selectors.import_job_get(user=request.user, id=id)
    try:
        services.import_job_cancel(user=request.user, job=job)
    except BusinessError as exc:
        messages.error(request, exc.message)
        return redirect("dataio:import_detail", id=job.id)
    messages.info(request, "已取消本次导入，没有写入任何数据。")
    return redirect(importers.importer_for(job.kind, user=request.user).upload_url())


def import_errors(request: HttpRequest, id: int) -> HttpResponse:
    """The uploaded rows with a 错误原因 column: only the failed rows, or all rows with ``?all=1``."""
    _business_only(request)
    job = selectors.import_job_get(user=request.user, id=id)
    importer = importers.importer_for(job.kind, user=request.user)
    try:
        with job.file.open("rb") as f:
            parsed = importers.read(importer, f)
    except (BusinessError, FileNotFoundError):
        raise NotVisible("原始文件已无法读取") from None
    errors = {e["row"]: e["errors"] for e in job.errors}
    only_errors = request.GET.get("all") != "1"
    name = f"{'错误行' if only_errors else '校验结果'}-{job.original_name.rsplit('.', 1)[0]}.xlsx"
    return xlsx_response(errors_bytes(parsed, errors, only_errors=only_errors), name)


def export_detail(request: HttpRequest, id: int) -> HttpResponse:
    """The progress of a large export; the page polls (htmx) its status partial until done."""
    _business_only(request)
    job = selectors.export_job_get(user=request.user, id=id)
    return render(request, template_for(request, "dataio/export_detail.html", "status"), {"job": job})


def export_download(request: HttpRequest, id: int) -> HttpResponse:
    _business_only(request)
    job = selectors.export_job_get(user=request.user, id=id)
    if job.status != ExportStatus.DONE or not job.file:
        return redirect("dataio:export_detail", id=job.id)
    filename = job.file.name.rsplit("/", 1)[-1]
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)
