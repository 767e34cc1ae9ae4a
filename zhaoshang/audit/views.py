from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import selectors


@require_GET
def log(request: HttpRequest) -> HttpResponse:
    """Audit administrator's read-only view of every change; no page can edit it."""
    choices = selectors.audit_model_choices(user=request.user)
    model = request.GET.get("model") or "projects.project"
    qs = selectors.audit_record_list(user=request.user, model=model, filters=request.GET)
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    rows = [(r, selectors.CHANGE_LABELS.get(r.history_type, r.history_type), selectors.audit_changes(r))
            for r in page]
    return render(request, "audit/log.html", {"choices": choices, "model": model, "page_obj": page,
                                              "rows": rows, "types": selectors.CHANGE_LABELS})
