from __future__ import annotations

from django.http import HttpRequest

from .navigation import nav_for


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    return {"nav_items": nav_for(user, request.path)}
