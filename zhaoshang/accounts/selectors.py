from __future__ import annotations

from django.db.models import QuerySet

from zhaoshang.core.errors import NotVisible

from .models import Notification, User


def user_list(*, user: User, filters: dict | None = None) -> QuerySet[User]:
    """All accounts for the system and security administrators; nobody else lists accounts."""
    if not (user.manages_accounts or user.manages_security):
        raise NotVisible()
    qs = User.objects.select_related("unit").order_by("unit__path", "username")
    filters = filters or {}
    if filters.get("role"):
        qs = qs.filter(role=filters["role"])
    if filters.get("q"):
        qs = qs.filter(full_name__icontains=filters["q"]) | qs.filter(username__icontains=filters["q"])
    return qs


def user_get(*, user: User, id: int) -> User:
    if not (user.manages_accounts or user.manages_security):
        raise NotVisible()
    found = User.objects.select_related("unit").filter(id=id).first()
    if found is None:
        raise NotVisible()
    return found


def notification_list(*, user: User, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's own notifications, newest first: nobody reads another's."""
    qs = Notification.objects.filter(recipient=user).order_by("-created_at", "-id")
    return qs.filter(read_at__isnull=True) if unread_only else qs


def notification_unread_count(*, user: User) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
