"""Duplicate pursuit: the open-conflicts list, a conflict's page, and the city admin's decision."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from zhaoshang.core.errors import BusinessError

from .. import selectors, services
from ..enums import ConflictDecision, ConflictKind, ConflictStatus
from ..forms import ConflictDecisionForm
from ..services.pursuit import decision_text
from .leads import business_only, form_error


def conflict_list(request: HttpRequest) -> HttpResponse:
    business_only(request)
    qs = selectors.conflict_list(user=request.user, filters=request.GET)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    ctx = {"page_obj": page, "statuses": ConflictStatus.choices, "kinds": ConflictKind.choices,
           "status": request.GET.get("status", ConflictStatus.OPEN), "full": request.user.is_city_level}
    return render(request, "leads/conflict_list.html", ctx)


def _form(conflict, data=None):
    parties = list(conflict.parties.select_related("unit").order_by("id"))
    projects = [r.project for r in conflict.records.exclude(project=None).select_related("project__unit")]
    initial = {"decision": ConflictDecision.ONE_OWNER, "counted_project": projects[0].pk if len(projects) == 1 else None}
    return ConflictDecisionForm(data, parties=parties, projects=projects, initial=initial)


def _context(request, conflict, form=None) -> dict:
    parties = selectors.conflict_parties(user=request.user, conflict=conflict)
    can_decide = request.user.is_city_admin and conflict.status == ConflictStatus.OPEN
    return {"conflict": conflict, "parties": parties, "full": request.user.is_city_level,
            "form": (form or _form(conflict)) if can_decide else None,
            "decision_text": decision_text(conflict, [p["party"] for p in parties]) if conflict.decision else ""}


def conflict_detail(request: HttpRequest, id: int) -> HttpResponse:
    business_only(request)
    conflict = selectors.conflict_get(user=request.user, id=id)
    return render(request, "leads/conflict_detail.html", _context(request, conflict))


def conflict_decide(request: HttpRequest, id: int) -> HttpResponse:
    business_only(request)
    conflict = selectors.conflict_get(user=request.user, id=id)
    if request.method != "POST":
        return redirect("leads:conflict_detail", id=id)
    if not request.user.is_city_admin:
        raise PermissionDenied
    form = _form(conflict, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.conflict_decide(user=request.user, conflict=conflict, decision=data["decision"],
                                     reason=data["reason"], owner_unit_id=data.get("owner_unit") or None,
                                     shares=form.shares(), counted_project_id=data.get("counted_project") or None)
        except BusinessError as exc:
            if exc.field == "shares":
                form.add_error(None, exc.message)
            else:
                form_error(form, exc)
        else:
            messages.success(request, "已裁定，并通知了涉及的单位。")
            return redirect("leads:conflict_detail", id=id)
    return render(request, "leads/conflict_detail.html", _context(request, conflict, form), status=400)
