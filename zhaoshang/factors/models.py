"""Factor guarantees (要素保障): requests raised on projects, routed to departments, with deadlines.

A request's deadline (``due_on``) is counted in working days (see workdays.py) from the day it
was submitted, using the routing rule of its kind; the days spent waiting for the raising unit's
additional information (待补充材料) are added back, so they never count against the department.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import date
from pathlib import PurePath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from zhaoshang.core.models import TimeStampedModel, WanYuanField

from .enums import (
    CLOCK_RUNNING,
    OPEN_STATUSES,
    FactorKind,
    FinanceKind,
    RequestStatus,
    SiteKind,
    SiteStatus,
    StepAction,
    Urgency,
)


class RoutingRule(TimeStampedModel):
    """Which department answers a kind of request, and in how many working days (the city admin keeps it)."""

    kind = models.CharField("要素类型", max_length=20, choices=FactorKind.choices, unique=True)
    department = models.ForeignKey("organizations.Unit", verbose_name="责任部门", on_delete=models.PROTECT,
                                   related_name="factor_routing_rules", limit_choices_to={"kind": "department"})
    deadline_days = models.PositiveSmallIntegerField(
        "办理时限（工作日）", validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text="从提出需求的次日起算的工作日数；补充材料期间不计入")
    note = models.CharField("说明", max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "要素分办规则"
        verbose_name_plural = "要素分办规则"
        ordering = ["kind"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.department}"


class CalendarDay(models.Model):
    """An exception to Monday–Friday: a statutory holiday on a weekday, or a weekend day worked (调休)."""

    day = models.DateField("日期", unique=True)
    is_working_day = models.BooleanField("上班", help_text="勾选：调休上班；不勾选：放假")
    note = models.CharField("说明", max_length=50, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "节假日调整"
        verbose_name_plural = "节假日调整"
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d} {'上班' if self.is_working_day else '放假'}"


class FactorRequest(TimeStampedModel):
    code = models.CharField("编号", max_length=32, unique=True)
    project = models.ForeignKey("projects.Project", verbose_name="项目", on_delete=models.PROTECT,
                                related_name="factor_requests")
    kind = models.CharField("要素类型", max_length=20, choices=FactorKind.choices, db_index=True)
    title = models.CharField("需求事项", max_length=200)
    description = models.TextField("需求说明", blank=True)
    urgency = models.CharField("紧急程度", max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    needed_by = models.DateField("需求日期", help_text="项目最迟需要在哪天得到保障")
    # 用地: land in 亩, or standard factory / office space in ㎡
    site_kind = models.CharField("载体类型", max_length=20, choices=SiteKind.choices, blank=True)
    land_mu = models.DecimalField("用地面积（亩）", max_digits=10, decimal_places=2, null=True, blank=True)
    floor_area_sqm = models.DecimalField("建筑面积（㎡）", max_digits=12, decimal_places=2, null=True, blank=True)
    place = models.CharField("意向位置", max_length=200, blank=True)
    # 金融
    finance_amount = WanYuanField("融资金额（万元）", null=True, blank=True)
    finance_kind = models.CharField("融资方式", max_length=20, choices=FinanceKind.choices, blank=True)
    # 审批
    approval_items = models.TextField("审批事项", blank=True, help_text="每行一项，如：建设工程规划许可证")
    # 能耗 / 用工
    energy_tce = models.DecimalField("年综合能耗（吨标准煤）", max_digits=12, decimal_places=2, null=True,
                                     blank=True)
    workers = models.PositiveIntegerField("用工需求（人）", null=True, blank=True)

    department = models.ForeignKey("organizations.Unit", verbose_name="责任部门", on_delete=models.PROTECT,
                                   related_name="factor_requests")
    status = models.CharField("状态", max_length=20, choices=RequestStatus.choices,
                              default=RequestStatus.SUBMITTED, db_index=True)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="提出人", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="raised_factor_requests")
    submitted_on = models.DateField("提出日期", db_index=True)
    deadline_days = models.PositiveSmallIntegerField("办理时限（工作日）")
    paused_days = models.PositiveSmallIntegerField("补充材料占用（工作日）", default=0)
    paused_since = models.DateField("要求补充材料日期", null=True, blank=True)
    due_on = models.DateField("办理期限", db_index=True)
    accepted_on = models.DateField("受理日期", null=True, blank=True)
    closed_on = models.DateField("办结/退回/撤回日期", null=True, blank=True, db_index=True)
    outcome = models.TextField("办理结果", blank=True)
    decline_reason = models.TextField("退回原因", blank=True)
    escalated_at = models.DateTimeField("督办时间", null=True, blank=True)
    is_demo = models.BooleanField("演示数据", default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "要素保障需求"
        verbose_name_plural = "要素保障需求"
        ordering = ["-submitted_on", "-id"]
        indexes = [
            models.Index(fields=["department", "status"], name="factor_req_dept_status"),
            models.Index(fields=["status", "due_on"], name="factor_req_status_due"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def clock_running(self) -> bool:
        return self.status in CLOCK_RUNNING

    def is_overdue_on(self, day: date) -> bool:
        """Past its deadline while the department's clock runs (never while waiting for information)."""
        return self.clock_running and self.due_on < day

    @property
    def area_text(self) -> str:
        if self.site_kind == SiteKind.LAND and self.land_mu is not None:
            return f"{self.land_mu.normalize():f} 亩"
        if self.floor_area_sqm is not None:
            return f"{self.floor_area_sqm.normalize():f} ㎡"
        return ""


class RequestStep(models.Model):
    """One line of a request's timeline: who did what, when, and what they wrote."""

    request = models.ForeignKey(FactorRequest, on_delete=models.CASCADE, related_name="steps")
    happened_at = models.DateTimeField("时间", default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="办理人", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    actor_unit = models.ForeignKey("organizations.Unit", verbose_name="办理单位", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    action = models.CharField("环节", max_length=20, choices=StepAction.choices)
    text = models.TextField("意见", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ["happened_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.text[:30]}"


def attachment_upload_to(instance: Attachment, filename: str) -> str:
    """factors/<uuid>/<random hex>.<ext>: nothing of the uploaded name reaches the file system."""
    ext = PurePath(filename).suffix.lower()
    return f"factors/{uuid.uuid4()}/{secrets.token_hex(16)}{ext}"


class Attachment(models.Model):
    """An uploaded file; served only through the scoped download view, never as a public media URL."""

    request = models.ForeignKey(FactorRequest, on_delete=models.CASCADE, related_name="attachments")
    step = models.ForeignKey(RequestStep, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="attachments")
    file = models.FileField("文件", upload_to=attachment_upload_to, max_length=200)
    original_name = models.CharField("文件名", max_length=200)
    extension = models.CharField("类型", max_length=10)
    size = models.PositiveIntegerField("大小（字节）")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="上传人", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField("上传时间", default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class JointReview(TimeStampedModel):
    """联审: several departments meet on cross-department requests and record their decisions."""

    title = models.CharField("会议名称", max_length=200)
    held_on = models.DateField("联审日期")
    place = models.CharField("地点", max_length=100, blank=True)
    departments = models.ManyToManyField("organizations.Unit", verbose_name="参加部门",
                                         related_name="joint_reviews")
    requests = models.ManyToManyField(FactorRequest, verbose_name="审议需求", related_name="joint_reviews")
    decisions = models.TextField("会议决定")
    convened_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="召集人", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    is_demo = models.BooleanField("演示数据", default=False)

    history = HistoricalRecords(m2m_fields=[departments, requests])

    class Meta:
        verbose_name = "联审记录"
        verbose_name_plural = "联审记录"
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title


class Site(TimeStampedModel):
    """载体: a land plot, a standard factory or an office building on offer to investors."""

    name = models.CharField("载体名称", max_length=100)
    kind = models.CharField("载体类型", max_length=20, choices=SiteKind.choices, db_index=True)
    unit = models.ForeignKey("organizations.Unit", verbose_name="所在单位", on_delete=models.PROTECT,
                             related_name="sites")
    address = models.CharField("位置", max_length=200)
    area = models.DecimalField("面积", max_digits=12, decimal_places=2,
                               help_text="土地以亩计；标准厂房和楼宇以平方米（建筑面积）计")
    price = models.DecimalField("价格", max_digits=12, decimal_places=2, null=True, blank=True,
                                help_text="土地：出让起始价（万元/亩）；厂房和楼宇：租金（元/㎡·月）")
    suitable_industries = models.CharField("适宜产业", max_length=200, blank=True,
                                           help_text="用顿号或逗号分隔，如：石化、新材料")
    status = models.CharField("状态", max_length=20, choices=SiteStatus.choices, default=SiteStatus.AVAILABLE,
                              db_index=True)
    available_from = models.DateField("可交付日期", null=True, blank=True)
    project = models.ForeignKey("projects.Project", verbose_name="对接/落地项目", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="offered_sites")
    note = models.TextField("备注", blank=True)
    is_demo = models.BooleanField("演示数据", default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "载体"
        verbose_name_plural = "载体"
        ordering = ["unit__path", "kind", "name"]
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="site_unique_name_per_unit")]

    def __str__(self) -> str:
        return self.name

    @property
    def area_unit(self) -> str:
        return "亩" if self.kind == SiteKind.LAND else "㎡"

    @property
    def price_unit(self) -> str:
        return "万元/亩" if self.kind == SiteKind.LAND else "元/㎡·月"
