"""The pool's shape at a glance, and the health-check warnings list."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from zhaoshang.organizations.selectors import unit_list

from .. import selectors
from ..enums import WarningSeverity
from ..models import HealthRule


def pool(request: HttpRequest) -> HttpResponse:
    if not request.user.sees_business_data:
        raise PermissionDenied
    unit_id = request.GET.get("unit") or None
    shape = selectors.pool_shape(user=request.user, unit_id=int(unit_id) if unit_id and unit_id.isdigit() else None)
    units = unit_list(user=request.user, kinds=["city", "district", "zone"])
    chart = {"bands": shape["bands"], "matrix": shape["matrix"],
             "tiers": [[t["label"], t["count"]] for t in shape["by_tier"]]}
    return render(request, "projects/pool.html", {"shape": shape, "units": units, "chart": chart})


def warnings(request: HttpRequest) -> HttpResponse:
    if not request.user.sees_business_data:
        raise PermissionDenied
    qs = selectors.warning_list(user=request.user, filters=request.GET)
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    ctx = {"page_obj": page, "rules": HealthRule.objects.all(), "severities": WarningSeverity.choices,
           "units": unit_list(user=request.user, kinds=["district", "zone", "park"])}
    return render(request, "projects/warnings.html", ctx)
