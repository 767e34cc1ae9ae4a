"""Reads of import and export jobs: a job is seen by the person who started it, nobody else
(its preview holds the rows of their file)."""

from __future__ import annotations

from django.db.models import QuerySet

from zhaoshang.core.errors import NotVisible

from .models import ExportJob, ImportJob


def import_job_get(*, user, id: int) -> ImportJob:
    job = ImportJob.objects.filter(pk=id, uploaded_by_id=user.pk).first()
    if job is None:
        raise NotVisible()
    return job


def import_job_list(*, user, kind: str | None = None, limit: int = 10) -> QuerySet[ImportJob]:
    qs = ImportJob.objects.filter(uploaded_by_id=user.pk)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("-created_at", "-id")[:limit]


def export_job_get(*, user, id: int) -> ExportJob:
    job = ExportJob.objects.filter(pk=id, requested_by_id=user.pk).first()
    if job is None:
        raise NotVisible()
    return job


def export_job_list(*, user, limit: int = 10) -> QuerySet[ExportJob]:
    return ExportJob.objects.filter(requested_by_id=user.pk).order_by("-created_at", "-id")[:limit]
