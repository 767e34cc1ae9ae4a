from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from . import selectors


def unit_list(request: HttpRequest) -> HttpResponse:
    if not request.user.manages_accounts:
        raise PermissionDenied
    tree = selectors.unit_tree(user=request.user)
    counts = dict(selectors.unit_list(user=request.user).annotate(n=Count("users")).values_list("id", "n"))
    rows = [(u, depth, counts.get(u.id, 0)) for u, depth in tree]
    return render(request, "organizations/unit_list.html", {"rows": rows})
