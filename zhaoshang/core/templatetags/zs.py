"""Template filters: money as officers write it, masked personal data, query-string helpers."""

from __future__ import annotations

from django import template
from django.utils.http import urlencode

from zhaoshang.core.money import format_wan, format_yi

register = template.Library()


@register.filter
def wan(value):
    return format_wan(value)


@register.filter
def yi(value):
    return format_yi(value)


@register.filter
def mask_phone(value: str | None) -> str:
    """138****5678: enough to recognise a number, not to call it."""
    if not value:
        return ""
    v = str(value)
    return v[:3] + "****" + v[-4:] if len(v) >= 8 else "****"


@register.simple_tag(takes_context=True)
def query(context, **changes) -> str:
    """The current query string with some parameters changed (sorting and paging links)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + urlencode(sorted(params.lists()), doseq=True) if params else "?"


@register.simple_tag(takes_context=True)
def sort_link(context, field: str) -> str:
    """Sort by ``field``; clicking the sorted column again reverses it."""
    current = context["request"].GET.get("sort", "")
    new = f"-{field}" if current == field else field
    return query(context, sort=new, page=None)


@register.simple_tag(takes_context=True)
def sort_icon(context, field: str) -> str:
    current = context["request"].GET.get("sort", "")
    if current == field:
        return "ti-sort-ascending"
    if current == f"-{field}":
        return "ti-sort-descending"
    return "ti-arrows-sort text-muted"
