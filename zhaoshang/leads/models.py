"""Channels, contacts and leads; duplicate pursuit (重复招商) and hand-over (项目流转) between units.

A lead is information that a firm may invest, not yet a project. It comes from a channel
(商协会, 投资机构 …) through one of its contacts, is owned by a unit, is acknowledged, assessed
(研判) and converted into a project — or rejected with a reason — within deadlines the city sets.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from zhaoshang.core.models import TimeStampedModel, WanYuanField

from .enums import (
    AssessmentDimension,
    ChannelKind,
    ConflictDecision,
    ConflictKind,
    ConflictStatus,
    ContactField,
    DeadlineKind,
    InstitutionOrigin,
    LeadStatus,
    Rating,
    TransferStatus,
)


class Channel(TimeStampedModel):
    """A source of leads: a chamber of commerce, an institution, an outpost… owned by a unit or city-wide."""

    kind = models.CharField("渠道类型", max_length=30, choices=ChannelKind.choices)
    name = models.CharField("渠道名称", max_length=100)
    region = models.CharField("所在地区", max_length=60, blank=True, help_text="如 上海、深圳、京津冀、新加坡")
    origin = models.CharField("境内/境外", max_length=10, choices=InstitutionOrigin.choices, blank=True,
                              help_text="投资机构填写境内或境外")
    unit = models.ForeignKey("organizations.Unit", verbose_name="所属单位", null=True, blank=True,
                             on_delete=models.PROTECT, related_name="channels",
                             help_text="留空为全市共享渠道（市级维护）")
    notes = models.TextField("备注", blank=True)
    is_active = models.BooleanField("启用", default=True)
    is_demo = models.BooleanField("演示数据", default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "招商渠道"
        verbose_name_plural = "招商渠道"
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="channel_unique_name_per_unit"),
            models.UniqueConstraint(fields=["name"], condition=Q(unit=None), name="channel_unique_citywide_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Contact(TimeStampedModel):
    """A person at a channel. Phone, e-mail and WeChat are personal data: masked unless revealed (logged)."""

    channel = models.ForeignKey(Channel, verbose_name="渠道", on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField("姓名", max_length=50)
    title = models.CharField("职务", max_length=60, blank=True)
    phone = models.CharField("手机", max_length=30, blank=True)
    email = models.EmailField("电子邮箱", max_length=100, blank=True)
    wechat = models.CharField("微信", max_length=60, blank=True)
    notes = models.CharField("备注", max_length=300, blank=True)
    is_active = models.BooleanField("启用", default=True)
    is_demo = models.BooleanField("演示数据", default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "渠道联系人"
        verbose_name_plural = "渠道联系人"
        ordering = ["channel", "name", "id"]
        constraints = [models.UniqueConstraint(fields=["channel", "name"], name="contact_unique_name_per_channel")]

    def __str__(self) -> str:
        return f"{self.name}（{self.title}）" if self.title else self.name


class ContactReveal(models.Model):
    """Who saw which contact's unmasked phone, e-mail or WeChat, and when: the log every reveal writes.

    Append-only; it is itself the audit record, so it carries no history table."""

    contact = models.ForeignKey(Contact, verbose_name="联系人", on_delete=models.CASCADE, related_name="reveals")
    field = models.CharField("查看项", max_length=10, choices=ContactField.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="查看人", on_delete=models.PROTECT,
                             related_name="+")
    revealed_at = models.DateTimeField("查看时间", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "联系人信息查看记录"
        verbose_name_plural = "联系人信息查看记录"
        ordering = ["-revealed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} 查看 {self.contact} 的{self.get_field_display()}"


class ResponseDeadline(models.Model):
    """How many days after receipt a lead must be acknowledged, assessed and fed back; the city edits them."""

    kind = models.CharField("环节", max_length=20, choices=DeadlineKind.choices, unique=True)
    days = models.PositiveSmallIntegerField("时限（天）", validators=[MinValueValidator(1), MaxValueValidator(365)])

    history = HistoricalRecords()

    class Meta:
        verbose_name = "线索响应时限"
        verbose_name_plural = "线索响应时限"
        ordering = ["days", "kind"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.days} 天"


class Lead(TimeStampedModel):
    code = models.CharField("线索编号", max_length=32, unique=True)
    firm_name = models.CharField("企业名称", max_length=200)
    firm = models.ForeignKey("firms.Firm", verbose_name="企业", null=True, blank=True,
                             on_delete=models.PROTECT, related_name="leads")
    unit = models.ForeignKey("organizations.Unit", verbose_name="所属单位", on_delete=models.PROTECT,
                             related_name="leads")
    channel_kind = models.CharField("渠道类型", max_length=30, choices=ChannelKind.choices)
    channel = models.ForeignKey(Channel, verbose_name="来源渠道", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="leads")
    contact = models.ForeignKey(Contact, verbose_name="推荐人", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="leads")
    summary = models.TextField("投资意向")
    industry = models.CharField("行业", max_length=60, blank=True)
    planned_investment = WanYuanField("拟投资额（万元）", null=True, blank=True)
    planned_timing = models.CharField("计划投资时间", max_length=60, blank=True, help_text="如 2026年下半年")
    land_mu = models.DecimalField("用地需求（亩）", max_digits=10, decimal_places=2, null=True, blank=True)
    energy_tce = models.DecimalField("年综合能耗（吨标准煤）", max_digits=12, decimal_places=2, null=True, blank=True)
    received_on = models.DateField("收到日期")
    status = models.CharField("状态", max_length=20, choices=LeadStatus.choices, default=LeadStatus.NEW)
    is_confidential = models.BooleanField("保密", default=False)
    is_demo = models.BooleanField("演示数据", default=False)
    project = models.OneToOneField("projects.Project", verbose_name="转化项目", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="source_lead")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    # 研判 and the way out
    assessment_conclusion = models.TextField("研判结论", blank=True)
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="研判人", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    rejection_reason = models.CharField("否决原因", max_length=300, blank=True)
    # Response times: when each step was done, and (derived from ResponseDeadline) when it is due.
    acknowledged_at = models.DateTimeField("受理时间", null=True, blank=True)
    assessed_at = models.DateTimeField("研判时间", null=True, blank=True)
    feedback_at = models.DateTimeField("反馈推荐方时间", null=True, blank=True)
    acknowledge_due_on = models.DateField("受理期限", null=True, blank=True)
    assess_due_on = models.DateField("研判期限", null=True, blank=True)
    feedback_due_on = models.DateField("反馈期限", null=True, blank=True,
                                       help_text="新闻挖掘、精准招商等没有推荐方的线索不需要反馈")

    # Deadlines are derived from the city's table (recomputed when it changes): not business edits.
    history = HistoricalRecords(excluded_fields=["acknowledge_due_on", "assess_due_on", "feedback_due_on"])

    class Meta:
        verbose_name = "线索"
        verbose_name_plural = "线索"
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["unit", "-received_on"], name="lead_unit_received"),
            models.Index(fields=["status", "-received_on"], name="lead_status_received"),
            models.Index(fields=["channel", "received_on"], name="lead_channel_received"),
        ]

    def __str__(self) -> str:
        return f"{self.firm_name}：{self.summary[:20]}"

    @property
    def is_open(self) -> bool:
        return self.status in (LeadStatus.NEW, LeadStatus.QUALIFIED)


class LeadAssessment(models.Model):
    """One dimension of a lead's 研判: a rating and a comment."""

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="assessments")
    dimension = models.CharField("维度", max_length=20, choices=AssessmentDimension.choices)
    rating = models.PositiveSmallIntegerField("评价", choices=Rating.choices)
    comment = models.CharField("说明", max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "线索研判"
        verbose_name_plural = "线索研判"
        ordering = ["lead", "id"]
        constraints = [models.UniqueConstraint(fields=["lead", "dimension"], name="lead_assessment_unique")]

    def __str__(self) -> str:
        return f"{self.get_dimension_display()}：{self.get_rating_display()}"


class LeadEvent(models.Model):
    """A readable line of a lead's timeline, written by the service that made the change."""

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="events")
    happened_at = models.DateTimeField("时间", auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    kind = models.CharField("类型", max_length=30)
    text = models.CharField("内容", max_length=500)
    data = models.JSONField("数据", default=dict, blank=True)

    class Meta:
        verbose_name = "线索动态"
        verbose_name_plural = "线索动态"
        ordering = ["-happened_at", "-id"]

    def __str__(self) -> str:
        return self.text


class LeadDeadlineReminder(models.Model):
    """One reminder sent for an overdue step of a lead, so the daily job never sends it twice."""

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField("环节", max_length=20, choices=DeadlineKind.choices)
    due_on = models.DateField("提醒的期限")
    sent_on = models.DateField("提醒日期")

    class Meta:
        verbose_name = "线索超时提醒"
        verbose_name_plural = "线索超时提醒"
        constraints = [models.UniqueConstraint(fields=["lead", "kind", "due_on"], name="lead_reminder_once")]

    def __str__(self) -> str:
        return f"{self.lead_id} {self.get_kind_display()} {self.due_on}"


class PursuitConflict(TimeStampedModel):
    """Two or more units pursue the same firm (重复招商), or one investment was signed twice (重复签约).

    Found when a lead or project is entered; the city admin decides: one owner, or joint with
    attribution shares, and which signed project counts — the target accounting follows."""

    kind = models.CharField("类型", max_length=20, choices=ConflictKind.choices, default=ConflictKind.DUPLICATE_PURSUIT)
    firm = models.ForeignKey("firms.Firm", verbose_name="企业", on_delete=models.PROTECT,
                             related_name="pursuit_conflicts")
    status = models.CharField("状态", max_length=10, choices=ConflictStatus.choices, default=ConflictStatus.OPEN,
                              db_index=True)
    detected_reason = models.CharField("发现依据", max_length=500, blank=True)
    decision = models.CharField("裁定", max_length=20, choices=ConflictDecision.choices, blank=True)
    decision_reason = models.CharField("裁定说明", max_length=500, blank=True)
    counted_project = models.ForeignKey("projects.Project", verbose_name="计入考核的项目", null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="裁定人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField("裁定时间", null=True, blank=True)
    is_demo = models.BooleanField("演示数据", default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "重复招商"
        verbose_name_plural = "重复招商"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.firm}"


class ConflictParty(models.Model):
    """A unit (a district, county or zone) in a conflict, and its attribution share once decided."""

    conflict = models.ForeignKey(PursuitConflict, on_delete=models.CASCADE, related_name="parties")
    unit = models.ForeignKey("organizations.Unit", verbose_name="单位", on_delete=models.PROTECT, related_name="+")
    share = models.DecimalField("计算比例（%）", max_digits=5, decimal_places=2, null=True, blank=True,
                                validators=[MinValueValidator(0), MaxValueValidator(100)])
    is_owner = models.BooleanField("归属单位", default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "重复招商涉及单位"
        verbose_name_plural = "重复招商涉及单位"
        ordering = ["conflict", "id"]
        constraints = [models.UniqueConstraint(fields=["conflict", "unit"], name="conflict_party_unique")]

    def __str__(self) -> str:
        return str(self.unit)


class ConflictRecord(models.Model):
    """A lead or a project of a party that made the conflict."""

    conflict = models.ForeignKey(PursuitConflict, on_delete=models.CASCADE, related_name="records")
    party = models.ForeignKey(ConflictParty, on_delete=models.CASCADE, related_name="records")
    lead = models.ForeignKey(Lead, null=True, blank=True, on_delete=models.CASCADE, related_name="conflict_records")
    project = models.ForeignKey("projects.Project", null=True, blank=True, on_delete=models.CASCADE,
                                related_name="conflict_records")
    added_at = models.DateTimeField("发现时间", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "重复招商涉及记录"
        verbose_name_plural = "重复招商涉及记录"
        ordering = ["added_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(lead__isnull=False, project__isnull=True)
                                   | Q(lead__isnull=True, project__isnull=False), name="conflict_record_one_target"),
            models.UniqueConstraint(fields=["conflict", "lead"], condition=Q(lead__isnull=False),
                                    name="conflict_record_unique_lead"),
            models.UniqueConstraint(fields=["conflict", "project"], condition=Q(project__isnull=False),
                                    name="conflict_record_unique_project"),
        ]

    def __str__(self) -> str:
        return f"{self.lead or self.project}"


class ProjectPursuitScan(models.Model):
    """Bookkeeping of the scan that looks at new projects (and new signings) for duplicate pursuit.

    A project without a row has not been looked at yet; the periodic job takes those first."""

    project = models.OneToOneField("projects.Project", on_delete=models.CASCADE, related_name="pursuit_scan")
    scanned_at = models.DateTimeField("检查时间")
    signing_checked = models.BooleanField("已检查重复签约", default=False)

    class Meta:
        verbose_name = "项目重复招商检查"
        verbose_name_plural = "项目重复招商检查"

    def __str__(self) -> str:
        return f"{self.project_id} {self.scanned_at:%Y-%m-%d %H:%M}"


class Transfer(TimeStampedModel):
    """Hand-over (项目流转) of a lead or a project to another unit, accepted or declined by the receiver."""

    lead = models.ForeignKey(Lead, verbose_name="线索", null=True, blank=True, on_delete=models.CASCADE,
                             related_name="transfers")
    project = models.ForeignKey("projects.Project", verbose_name="项目", null=True, blank=True,
                                on_delete=models.CASCADE, related_name="transfers")
    from_unit = models.ForeignKey("organizations.Unit", verbose_name="移出单位", on_delete=models.PROTECT,
                                  related_name="+")
    to_unit = models.ForeignKey("organizations.Unit", verbose_name="接收单位", on_delete=models.PROTECT,
                                related_name="+")
    reason = models.CharField("流转原因", max_length=300)
    status = models.CharField("状态", max_length=10, choices=TransferStatus.choices, default=TransferStatus.PENDING,
                              db_index=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="发起人", null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="处理人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField("处理时间", null=True, blank=True)
    decision_note = models.CharField("处理意见", max_length=300, blank=True)
    is_demo = models.BooleanField("演示数据", default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "项目流转"
        verbose_name_plural = "项目流转"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(lead__isnull=False, project__isnull=True)
                                   | Q(lead__isnull=True, project__isnull=False), name="transfer_one_target"),
            models.UniqueConstraint(fields=["lead"], condition=Q(status="pending", lead__isnull=False),
                                    name="transfer_one_pending_per_lead"),
            models.UniqueConstraint(fields=["project"], condition=Q(status="pending", project__isnull=False),
                                    name="transfer_one_pending_per_project"),
        ]

    @property
    def target(self):
        return self.lead if self.lead_id else self.project

    @property
    def target_label(self) -> str:
        return "线索" if self.lead_id else "项目"

    @property
    def target_name(self) -> str:
        return self.lead.firm_name if self.lead_id else self.project.name

    def __str__(self) -> str:
        return f"{self.from_unit} → {self.to_unit}"
