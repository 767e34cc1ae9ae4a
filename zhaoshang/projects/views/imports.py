"""Importing projects from Excel: the upload page and the template; the preview, confirmation,
result and failed-rows pages are dataio's, shared by every kind of import."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone

from zhaoshang.dataio import views as dataio_views

from .. import imports  # noqa: F401  (registers the "projects" importer)


def project_import(request: HttpRequest) -> HttpResponse:
    return dataio_views.upload_page(request, kind="projects", title="导入项目",
                                    template_url=reverse("projects:import_template"))


def project_import_template(request: HttpRequest) -> HttpResponse:
    return dataio_views.template_download(request, kind="projects",
                                          filename=f"项目导入模板-{timezone.localdate():%Y%m%d}.xlsx")
