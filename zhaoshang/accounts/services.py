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
from .models import User

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
