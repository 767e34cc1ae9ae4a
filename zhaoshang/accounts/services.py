"""Writes to user accounts (system administrator's work)."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from zhaoshang.core.errors import BusinessError
from zhaoshang.organizations.enums import UnitKind
from zhaoshang.organizations.models import Unit

from .enums import Role
from .models import Notification, User

CITY_ONLY_ROLES = {Role.CITY_ADMIN, Role.LEADER}


def _check_role_unit(role: str, unit: Unit) -> None:
    if role in CITY_ONLY_ROLES and unit.kind != UnitKind.CITY:
        raise BusinessError(f"{Role(role).label}必须属于市级单位", field="unit")
    if role == Role.DEPARTMENT_OFFICER and unit.kind != UnitKind.DEPARTMENT:
        raise BusinessError("要素保障部门人员必须属于某个部门", field="unit")
    if role == Role.UNIT_OFFICER and unit.kind not in (UnitKind.DISTRICT, UnitKind.ZONE, UnitKind.PARK):
        raise BusinessError("县区/板块招商专员必须属于县区、功能板块或园区", field="unit")


@transaction.atomic
def user_create(*, username: str, full_name: str, role: str, unit: Unit, password: str,
                title: str = "", phone: str = "", email: str = "", validate: bool = True) -> User:
    _check_role_unit(role, unit)
    if User.objects.filter(username=username).exists():
        raise BusinessError(f"用户名“{username}”已存在", field="username")
    user = User(username=username, full_name=full_name, role=role, unit=unit, title=title,
                phone=phone, email=email)
    if validate:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise BusinessError("；".join(exc.messages), field="password") from exc
    user.set_password(password)
    user.password_changed_at = timezone.now()
    user.full_clean(exclude=["password"])
    user.save()
    return user


@transaction.atomic
def user_update(*, user: User, full_name: str, role: str, unit: Unit, title: str = "", phone: str = "",
                email: str = "", is_active: bool = True) -> User:
    from zhaoshang.core.services import model_update

    _check_role_unit(role, unit)
    user, _ = model_update(instance=user, fields=["full_name", "role", "unit", "title", "phone", "email",
                                                   "is_active"],
                           data={"full_name": full_name, "role": role, "unit": unit, "title": title,
                                 "phone": phone, "email": email, "is_active": is_active})
    return user


@transaction.atomic
def user_set_password(*, user: User, password: str) -> User:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise BusinessError("；".join(exc.messages), field="password") from exc
    user.set_password(password)
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password", "password_changed_at"])
    return user


@transaction.atomic
def notification_send(*, recipients, text: str, url: str = "", kind: str = "") -> int:
    """Leave an in-app notification for each active recipient (duplicates and None skipped).

    When e-mail is configured (EMAIL_URL), the same text is mailed after commit by a background task.
    Returns how many notifications were written.
    """
    from django.conf import settings

    users = {u.pk: u for u in recipients if u is not None and u.is_active}
    rows = [Notification(recipient=u, text=text[:500], url=url, kind=kind) for u in users.values()]
    for row in rows:
        row.full_clean(exclude=["recipient"])
    Notification.objects.bulk_create(rows)
    emails = sorted(u.email for u in users.values() if u.email)
    if settings.EMAIL_ENABLED and emails:
        from .tasks import notification_email

        transaction.on_commit(lambda: notification_email(emails=emails, text=text, url=url))
    return len(rows)


def notification_mark_read(*, user: User, ids: list[int] | None = None) -> int:
    """Mark the user's own unread notifications read (all of them, or only ``ids``)."""
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(id__in=ids)
    return qs.update(read_at=timezone.now())
