"""Firm identity pages: the firm list and page (aliases, leads, projects, merges), and the city
admin's review of duplicate candidates (merge with an audit record, or dismiss)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from zhaoshang.core.errors import BusinessError
from zhaoshang.core.htmx import template_for

from . import selectors, services
from .models import FirmAlias, FirmMergeCandidate


def _business_only(request: HttpRequest) -> None:
    if not request.user.sees_business_data:
        raise PermissionDenied


def firm_list(request: HttpRequest) -> HttpResponse:
    _business_only(request)
    page = Paginator(selectors.firm_list(user=request.user, filters=request.GET), 25).get_page(request.GET.get("page"))
    counts = selectors.firm_counts(user=request.user, firm_ids=[f.pk for f in page])
    rows = [(f, counts[f.pk]) for f in page]
    return render(request, template_for(request, "firms/firm_list.html", "results"),
                  {"page_obj": page, "rows": rows, "is_search": bool(request.GET.get("q", "").strip())})


def firm_detail(request: HttpRequest, id: int) -> HttpResponse:
    _business_only(request)
    firm = selectors.firm_get(user=request.user, id=id)
    if firm.pk != id:
        return redirect("firms:detail", id=firm.pk)
    from zhaoshang.leads.selectors import conflict_queryset, lead_list
    from zhaoshang.projects.selectors import project_list

    ctx = {"firm": firm, "aliases": firm.aliases.order_by("kind", "name"),
           "leads": lead_list(user=request.user, filters={"firm": str(firm.pk)})[:50],
           "projects": project_list(user=request.user).filter(investor=firm)[:50],
           "conflicts": conflict_queryset(user=request.user).filter(firm=firm).prefetch_related("parties__unit")
           .order_by("-created_at")[:20],
           "merges": selectors.firm_merges(firm=firm), "alias_kinds": FirmAlias.Kind.choices}
    return render(request, "firms/firm_detail.html", ctx)


@require_POST
def alias_add(request: HttpRequest, id: int) -> HttpResponse:
    _business_only(request)
    firm = selectors.firm_get(user=request.user, id=id)
    kind = request.POST.get("kind") if request.POST.get("kind") in FirmAlias.Kind.values else FirmAlias.Kind.OTHER
    try:
        services.firm_alias_add(user=request.user, firm=firm, name=request.POST.get("name", ""), kind=kind)
    except BusinessError as exc:
        if exc.status == 403:
            raise PermissionDenied(exc.message) from exc
        messages.error(request, exc.message)
    else:
        messages.success(request, "别名已添加：以后这个名称录入的线索和项目都会识别为本企业。")
    return redirect("firms:detail", id=firm.pk)


def candidate_list(request: HttpRequest) -> HttpResponse:
    _business_only(request)
    if not request.user.is_city_admin:
        raise PermissionDenied
    status = request.GET.get("status", FirmMergeCandidate.Status.OPEN)
    qs = selectors.candidate_list(user=request.user, status=status, verdict=request.GET.get("verdict"))
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    ids = [pk for c in page for pk in (c.firm_a_id, c.firm_b_id)]
    counts = selectors.record_counts(firm_ids=ids)
    rows = [(c, counts[c.firm_a_id], counts[c.firm_b_id]) for c in page]
    return render(request, "firms/candidate_list.html", {"page_obj": page, "rows": rows, "status": status,
                                                         "statuses": FirmMergeCandidate.Status.choices})


@require_POST
def candidate_refresh(request: HttpRequest) -> HttpResponse:
    _business_only(request)
    if not request.user.is_city_admin:
        raise PermissionDenied
    from .tasks import firm_candidates_task

    firm_candidates_task(request.user.pk)
    messages.info(request, "已开始查找疑似重复企业，稍后刷新本页查看结果。")
    return redirect("firms:candidates")


@require_POST
def candidate_merge(request: HttpRequest, id: int) -> HttpResponse:
    _business_only(request)
    if not request.user.is_city_admin:
        raise PermissionDenied
    candidate = selectors.candidate_get(user=request.user, id=id)
    keep, merge = ((candidate.firm_a, candidate.firm_b) if request.POST.get("keep") != "b"
                   else (candidate.firm_b, candidate.firm_a))
    try:
        record = services.firm_merge(user=request.user, keep=keep, merge=merge,
                                     reason=f"人工审核：{candidate.reason}")
    except BusinessError as exc:
        messages.error(request, exc.message)
    else:
        moved = sum(record.moved.get("moved", {}).values())
        messages.success(request, f"已将“{record.merged_name}”合并到“{keep.name}”，迁移关联记录 {moved} 条。")
    return redirect("firms:candidates")


@require_POST
def candidate_dismiss(request: HttpRequest, id: int) -> HttpResponse:
    _business_only(request)
    if not request.user.is_city_admin:
        raise PermissionDenied
    candidate = selectors.candidate_get(user=request.user, id=id)
    try:
        services.firm_candidate_dismiss(user=request.user, candidate=candidate)
    except BusinessError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已标记为不是同一企业，不会再次提示。")
    return redirect("firms:candidates")
