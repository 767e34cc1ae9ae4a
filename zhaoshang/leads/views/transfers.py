"""Hand-over (项目流转): the inbox of incoming and outgoing transfers; accept, decline, cancel;
and the page that hands a project over (the project page links here)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from zhaoshang.core.errors import BusinessError
from zhaoshang.organizations.selectors import sees_all_units, visible_unit_ids

from .. import selectors, services
from ..enums import TransferStatus
from ..forms import NoteForm, ProjectTransferForm
from .leads import business_only, form_error, writers_only


def transfer_list(request: HttpRequest) -> HttpResponse:
    business_only(request)
    city = sees_all_units(user=request.user)
    box = request.GET.get("box") or ("all" if city else "incoming")
    status = request.GET.get("status", TransferStatus.PENDING if box == "incoming" else "")
    qs = selectors.transfer_list(user=request.user, box=box, status=status or None)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    ctx = {"page_obj": page, "box": box, "status": status, "statuses": TransferStatus.choices, "city": city,
           "note_form": NoteForm(), "my_units": set(visible_unit_ids(user=request.user))}
    return render(request, "leads/transfer_list.html", ctx)


def transfer_project(request: HttpRequest) -> HttpResponse:
    """Hand a project over: by its code (the project page's 流转 button passes ?project=<code>)."""
    writers_only(request)
    from zhaoshang.projects.selectors import project_queryset

    form = ProjectTransferForm(request.POST or None, initial={"project_code": request.GET.get("project", "")})
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["project_code"].strip()
        project = project_queryset(user=request.user).filter(code=code).first()
        if project is None:
            form.add_error("project_code", f"没有找到编号为 {code} 的项目（或无权查看）")
        else:
            try:
                services.transfer_request(user=request.user, project=project, to_unit=form.cleaned_data["to_unit"],
                                          reason=form.cleaned_data["reason"])
            except BusinessError as exc:
                form_error(form, exc)
            else:
                messages.success(request, f"项目 {project.code} 已发起流转，等待{form.cleaned_data['to_unit']}接收。")
                return redirect(reverse("leads:transfer_list") + "?box=outgoing")
    return render(request, "leads/transfer_form.html", {"form": form}, status=400 if form.errors else 200)


def _decide(request: HttpRequest, id: int, run, done: str) -> HttpResponse:
    business_only(request)
    transfer = selectors.transfer_get(user=request.user, id=id)
    form = NoteForm(request.POST)
    form.is_valid()
    try:
        run(transfer, (form.cleaned_data.get("note") or "").strip())
    except BusinessError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    target = request.POST.get("next") or ""
    # Only our own paths: a form field can never send anyone off-site.
    return redirect(target if target.startswith("/") and not target.startswith("//") else "leads:transfer_list")


@require_POST
def transfer_accept(request: HttpRequest, id: int) -> HttpResponse:
    return _decide(request, id, lambda t, note: services.transfer_accept(user=request.user, transfer=t, note=note),
                   "已接收，记录已转入本单位。")


@require_POST
def transfer_decline(request: HttpRequest, id: int) -> HttpResponse:
    return _decide(request, id, lambda t, note: services.transfer_decline(user=request.user, transfer=t, note=note),
                   "已退回。")


@require_POST
def transfer_cancel(request: HttpRequest, id: int) -> HttpResponse:
    return _decide(request, id, lambda t, note: services.transfer_cancel(user=request.user, transfer=t), "已撤回。")
