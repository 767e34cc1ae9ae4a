"""Excel import and export of leads, channels and contacts: the upload pages and templates (the
preview, confirmation and failed-rows pages are dataio's, shared by every kind)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone

from zhaoshang.dataio import views as dataio_views

from .. import imports  # noqa: F401  (registers the leads importers)
from .leads import business_only

KINDS = {"leads": ("导入线索", "线索", "leads:import_template"),
         "leads.channels": ("导入招商渠道", "招商渠道", "leads:channel_import_template"),
         "leads.contacts": ("导入渠道联系人", "渠道联系人", "leads:contact_import_template")}


def _upload(request: HttpRequest, kind: str) -> HttpResponse:
    title, _, template = KINDS[kind]
    return dataio_views.upload_page(request, kind=kind, title=title, template_url=reverse(template))


def _template(request: HttpRequest, kind: str) -> HttpResponse:
    _, label, _ = KINDS[kind]
    return dataio_views.template_download(request, kind=kind, filename=f"{label}导入模板-{timezone.localdate():%Y%m%d}.xlsx")


def lead_import(request: HttpRequest) -> HttpResponse:
    return _upload(request, "leads")


def lead_import_template(request: HttpRequest) -> HttpResponse:
    return _template(request, "leads")


def channel_import(request: HttpRequest) -> HttpResponse:
    return _upload(request, "leads.channels")


def channel_import_template(request: HttpRequest) -> HttpResponse:
    return _template(request, "leads.channels")


def contact_import(request: HttpRequest) -> HttpResponse:
    return _upload(request, "leads.contacts")


def contact_import_template(request: HttpRequest) -> HttpResponse:
    return _template(request, "leads.contacts")


def channel_export(request: HttpRequest) -> HttpResponse:
    business_only(request)
    from ..exports import channel_export_response

    return channel_export_response(user=request.user, params=request.GET.dict())


def contact_export(request: HttpRequest) -> HttpResponse:
    business_only(request)
    from ..exports import contact_export_response

    return contact_export_response(user=request.user, params=request.GET.dict())
