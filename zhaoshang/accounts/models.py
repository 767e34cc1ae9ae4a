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

    # Factor guarantees (要素保障)
    @property
    def handles_factor_requests(self) -> bool:
        """Department officers accept, query, resolve or decline the requests routed to their department."""
        return self.is_active and self.role == Role.DEPARTMENT_OFFICER

    @property
    def raises_factor_requests(self) -> bool:
        """Those who serve projects raise requests for them (and answer the departments' questions)."""
        return self.writes_business_data and self.role != Role.DEPARTMENT_OFFICER

    @property
    def manages_factor_routing(self) -> bool:
        """The routing table, the working-day calendar, reassignment and joint reviews (联审)."""
        return self.is_active and self.role == Role.CITY_ADMIN

    @property
    def manages_sites(self) -> bool:
        """Sites on offer (载体): the city admin everywhere, unit officers in their own units."""
        return self.is_active and self.role in (Role.CITY_ADMIN, Role.UNIT_OFFICER)

    # Task forces and leaders (招商专班、一把手招商)
    @property
    def manages_task_forces(self) -> bool:
        """Form task forces and change their members: the city admin any, unit officers their units'."""
        return self.is_active and self.role in (Role.CITY_ADMIN, Role.UNIT_OFFICER)

    @property
    def records_leader_activities(self) -> bool:
        """Record leaders' visits and receptions: the city admin any unit, unit officers their units."""
        return self.is_active and self.role in (Role.CITY_ADMIN, Role.UNIT_OFFICER)

    # Lead mining (信息挖掘)
    @property
    def mines_leads(self) -> bool:
        """Paste or upload news and make the projects found into leads: those who own leads, not departments."""
        return self.writes_business_data and self.role != Role.DEPARTMENT_OFFICER

    # Targets, assessment and the cockpit (目标考核、驾驶舱)
    @property
    def sees_cockpit(self) -> bool:
        """The city-wide figures, rankings, scores and briefings: the city admin and the leaders."""
        return self.is_active and self.role in (Role.CITY_ADMIN, Role.LEADER)

    @property
    def manages_assessment(self) -> bool:
        """Counting rules, recognition flags, shares, targets, schemes and briefings: the city admin."""
        return self.is_active and self.role == Role.CITY_ADMIN


class Notification(models.Model):
    """An in-app message to one user (站内通知): an escalation, a request routed to them, a reply.

    Written by ``accounts.services.notification_send`` only; read and marked read by the recipient.
    Not audited row by row: what it announces is audited where it happened.
    """

    recipient = models.ForeignKey(User, verbose_name="接收人", on_delete=models.CASCADE,
                                  related_name="notifications")
    kind = models.CharField("类型", max_length=40, blank=True, help_text="发送方的分类，如 factors.escalated")
    text = models.CharField("内容", max_length=500)
    url = models.CharField("链接", max_length=300, blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)

    class Meta:
        verbose_name = "站内通知"
        verbose_name_plural = "站内通知"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.text
