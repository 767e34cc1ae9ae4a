"""Users: every user belongs to a unit and has exactly one role."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from simple_history.models import HistoricalRecords

from .enums import BUSINESS_ROLES, BUSINESS_WRITER_ROLES, Role


class User(AbstractUser):
    full_name = models.CharField("姓名", max_length=50)
    role = models.CharField("角色", max_length=30, choices=Role.choices)
    unit = models.ForeignKey("organizations.Unit", verbose_name="所属单位", on_delete=models.PROTECT,
                             related_name="users", null=True)
    title = models.CharField("职务", max_length=50, blank=True)
    phone = models.CharField("手机", max_length=20, blank=True)
    password_changed_at = models.DateTimeField("密码修改时间", null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"
        ordering = ["unit__path", "username"]

    def __str__(self) -> str:
        return self.full_name or self.username

    # What the role may do, in one place; views and selectors ask these, never the role directly.
    @property
    def sees_business_data(self) -> bool:
        return self.is_active and self.role in BUSINESS_ROLES

    @property
    def writes_business_data(self) -> bool:
        return self.is_active and self.role in BUSINESS_WRITER_ROLES

    @property
    def is_city_admin(self) -> bool:
        return self.role == Role.CITY_ADMIN

    @property
    def is_city_level(self) -> bool:
        """City admin and leaders: see the whole city, including confidential projects."""
        return self.role in (Role.CITY_ADMIN, Role.LEADER)

    @property
    def is_leader(self) -> bool:
        return self.role == Role.LEADER

    @property
    def manages_accounts(self) -> bool:
        return self.role == Role.SYSTEM_ADMIN

    @property
    def manages_security(self) -> bool:
        return self.role == Role.SECURITY_ADMIN

    @property
    def reads_audit_trail(self) -> bool:
        return self.role == Role.AUDIT_ADMIN

    @property
    def sees_personal_data(self) -> bool:
        """Phone numbers and e-mails of contacts are shown unmasked only to roles that work with them."""
        return self.role in (Role.CITY_ADMIN, Role.UNIT_OFFICER, Role.TASK_FORCE_MEMBER)

    # Task forces and leaders (招商专班、一把手招商)
    @property
    def manages_task_forces(self) -> bool:
        """Form task forces and change their members: the city admin any, unit officers their units'."""
        return self.is_active and self.role in (Role.CITY_ADMIN, Role.UNIT_OFFICER)

    @property
    def records_leader_activities(self) -> bool:
        """Record leaders' visits and receptions: the city admin any unit, unit officers their units."""
        return self.is_active and self.role in (Role.CITY_ADMIN, Role.UNIT_OFFICER)
