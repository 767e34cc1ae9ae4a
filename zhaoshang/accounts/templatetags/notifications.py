"""The header bell: the user's unread notification count (one query per page)."""

from __future__ import annotations

from django import template

from zhaoshang.accounts.selectors import notification_unread_count

register = template.Library()


@register.simple_tag
def unread_notifications(user) -> int:
    return notification_unread_count(user=user)
