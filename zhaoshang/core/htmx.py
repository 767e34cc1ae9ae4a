"""htmx helpers: views answer a full page or, for htmx requests, just the partial."""

from __future__ import annotations

from django.http import HttpRequest


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def template_for(request: HttpRequest, page: str, partial: str) -> str:
    """`page` for a normal request, `page#partial` (django-template-partials) for an htmx one."""
    return f"{page}#{partial}" if is_htmx(request) else page
