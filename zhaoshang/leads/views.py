from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from zhaoshang.core.htmx import template_for

from . import selectors
from .enums import ChannelKind, LeadStatus


def lead_list(request: HttpRequest) -> HttpResponse:
    if not request.user.sees_business_data:
        raise PermissionDenied
    page = Paginator(selectors.lead_list(user=request.user, filters=request.GET), 25).get_page(request.GET.get("page"))
    ctx = {"page_obj": page, "statuses": LeadStatus.choices, "kinds": ChannelKind.choices}
    return render(request, template_for(request, "leads/lead_list.html", "results"), ctx)


def lead_detail(request: HttpRequest, id: int) -> HttpResponse:
    if not request.user.sees_business_data:
        raise PermissionDenied
    return render(request, "leads/lead_detail.html", {"lead": selectors.lead_get(user=request.user, id=id)})
