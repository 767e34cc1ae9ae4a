"""信息挖掘 pages: paste or upload, the documents list, the review page, accept / dismiss."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from zhaoshang.core.errors import BusinessError
from zhaoshang.core.htmx import template_for

from . import selectors, services
from .enums import DocumentStatus, ReviewStatus
from .forms import AcceptForm, DismissForm, UploadForm
from .highlight import KINDS, highlight_html, marks_from

ERR_TOO_BIG = "提交的内容过大：粘贴的文字请控制在约 2 MB 以内，更长的文字请保存为 .txt 文件后上传。"


def _readers_only(request: HttpRequest) -> None:
    if not request.user.sees_business_data:
        raise PermissionDenied


def _miners_only(request: HttpRequest) -> None:
    if not request.user.mines_leads:
        raise PermissionDenied


def document_list(request: HttpRequest) -> HttpResponse:
    _readers_only(request)
    page = Paginator(selectors.document_list(user=request.user, filters=request.GET), 25).get_page(
        request.GET.get("page")
    )
    ctx = {"page_obj": page, "statuses": DocumentStatus.choices}
    return render(request, template_for(request, "textmining/document_list.html", "results"), ctx)


def document_create(request: HttpRequest) -> HttpResponse:
    _miners_only(request)
    if request.method != "POST":
        return render(request, "textmining/document_form.html", {"form": UploadForm()})
    try:
        form = UploadForm(request.POST, request.FILES)
        form.is_valid()
    except RequestDataTooBig:
        form = UploadForm(data={"title": ""})
        form.is_valid()
        form.errors.clear()
        form.add_error(None, ERR_TOO_BIG)
    if form.is_valid():
        try:
            outcome = services.document_upload(
                user=request.user,
                text=form.cleaned_data["text"],
                title=form.cleaned_data["title"],
                files=form.cleaned_data["files"],
            )
        except BusinessError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            if outcome.batch is not None and len(outcome.created) > 1:
                return redirect(
                    "textmining:batch_detail", id=outcome.batch.pk
                )  # the batch page lists the notes
            for note in outcome.refused:
                messages.warning(request, note)
            for doc in outcome.duplicates:
                messages.info(request, f"“{doc.title}”本单位已上传过，未重复保存。")
            if outcome.batch is not None and len(outcome.created) == 1:
                return redirect("textmining:document_detail", id=outcome.created[0].pk)
            if outcome.batch is not None:
                return redirect("textmining:batch_detail", id=outcome.batch.pk)
            if len(outcome.duplicates) == 1:
                return redirect("textmining:document_detail", id=outcome.duplicates[0].pk)
            if not outcome.duplicates:
                form.add_error("files", "没有可分析的文件。")
            else:
                return redirect("textmining:document_list")
    return render(request, "textmining/document_form.html", {"form": form}, status=400)


def batch_detail(request: HttpRequest, id: int) -> HttpResponse:
    """An upload of many files: progress while the queue analyses them, then the documents."""
    _readers_only(request)
    batch = selectors.batch_get(user=request.user, id=id)
    documents = selectors.document_list(user=request.user).filter(batch=batch).order_by("id")
    ctx = {"batch": batch, "documents": documents}
    return render(request, template_for(request, "textmining/batch_detail.html", "status"), ctx)


def _project_cards(request: HttpRequest, doc) -> list[dict]:
    cards = []
    units = selectors.lead_units(user=request.user) if request.user.mines_leads else None
    for row in doc.projects.select_related("lead", "reviewed_by").order_by("index"):
        card = {"row": row, "data": row.data, "evidence": row.evidence}
        if row.status != ReviewStatus.ACCEPTED and units is not None:
            card["form"] = AcceptForm(
                prefix=f"p{row.pk}",
                units=units,
                initial={
                    "firm_name": row.firm_name,
                    "amount_wan": row.data.get("amount_wan_cny"),
                    "unit": selectors.suggested_unit(user=request.user, extracted=row),
                },
            )
            card["dismiss_form"] = DismissForm(prefix=f"d{row.pk}")
            card["matches"] = selectors.firm_matches(user=request.user, name=row.firm_name)
        cards.append(card)
    return cards


def document_detail(request: HttpRequest, id: int) -> HttpResponse:
    """The review page: highlighted text, the projects found as cards, aggregates apart."""
    _readers_only(request)
    doc = selectors.document_get(user=request.user, id=id)
    cards = _project_cards(request, doc)
    marks = marks_from([c["data"] for c in cards], doc.aggregates)
    ctx = {
        "doc": doc,
        "cards": cards,
        "highlighted": highlight_html(doc.text, marks),
        "legend": KINDS,
        "aggregates": doc.aggregates,
    }
    return render(request, "textmining/document_detail.html", ctx)


def document_original(request: HttpRequest, id: int) -> FileResponse:
    """The file as uploaded, always as a download (never rendered: it may be any HTML)."""
    _readers_only(request)
    doc = selectors.document_get(user=request.user, id=id)
    name = doc.filename or f"document-{doc.pk}.txt"
    return FileResponse(
        doc.original.open("rb"), as_attachment=True, filename=name, content_type="application/octet-stream"
    )


def _back(row) -> str:
    return reverse("textmining:document_detail", args=[row.document_id]) + f"#project-{row.index}"


@require_POST
def project_accept(request: HttpRequest, id: int) -> HttpResponse:
    _miners_only(request)
    row = selectors.extracted_project_get(user=request.user, id=id)
    form = AcceptForm(request.POST, prefix=f"p{row.pk}", units=selectors.lead_units(user=request.user))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect(_back(row))
    data = form.cleaned_data
    try:
        lead = services.extracted_project_accept(
            user=request.user,
            extracted=row,
            firm_name=data["firm_name"],
            amount_wan=data["amount_wan"],
            unit=data["unit"],
        )
    except BusinessError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已生成线索 {lead.code}（{lead.firm_name}）。")
    return redirect(_back(row))


@require_POST
def project_dismiss(request: HttpRequest, id: int) -> HttpResponse:
    _miners_only(request)
    row = selectors.extracted_project_get(user=request.user, id=id)
    form = DismissForm(request.POST, prefix=f"d{row.pk}")
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.extracted_project_dismiss(user=request.user, extracted=row, reason=reason)
    except BusinessError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已忽略项目 {row.index}。")
    return redirect(_back(row))


def project_matches(request: HttpRequest, id: int) -> HttpResponse:
    """The matches panel for a corrected firm name (htmx, as the officer types)."""
    _readers_only(request)
    row = selectors.extracted_project_get(user=request.user, id=id)
    name = request.GET.get(f"p{row.pk}-firm_name", request.GET.get("firm_name", row.firm_name))
    matches = selectors.firm_matches(user=request.user, name=name)
    return render(request, "textmining/_matches.html", {"matches": matches, "row": row})
