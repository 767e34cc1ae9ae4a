"""Jobs for tests that need one (the permission matrix): made through the services."""

from __future__ import annotations

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from zhaoshang.dataio.models import ImportJob
from zhaoshang.dataio.services import export_job_create, import_job_create


def make_import_job(*, user, rows: list[list] | None = None) -> ImportJob:
    wb = Workbook()
    ws = wb.active
    ws.append(["项目名称", "所属单位", "阶段", "总投资（万元）"])
    for row in rows or [["矩阵导入测试项目", str(user.unit), "洽谈", 100]]:
        ws.append(row)
    buf = BytesIO()
    wb.save(buf)
    return import_job_create(user=user, kind="projects", upload=SimpleUploadedFile("matrix.xlsx", buf.getvalue()))


def matrix_jobs(*, user) -> dict[str, int]:
    """An import job and a queued export job of ``user``, by the names the matrix paths use."""
    export = export_job_create(user=user, kind="projects", params={})  # stays queued: tests run no on_commit
    return {"import_job": make_import_job(user=user).id, "export_job": export.id}
