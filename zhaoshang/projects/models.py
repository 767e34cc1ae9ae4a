"""Projects, their timeline events and follow-ups."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from zhaoshang.core.models import TimeStampedModel, WanYuanField

from .enums import ChainName, FollowUpKind, ProjectKind, Stage


class Project(TimeStampedModel):
    code = models.CharField("项目编号", max_length=32, unique=True,
                            help_text="稳定编号，Excel 导入按它更新，避免重复")
    name = models.CharField("项目名称", max_length=200)
    kind = models.CharField("项目类型", max_length=20, choices=ProjectKind.choices, default=ProjectKind.NEW)
    investor = models.ForeignKey("firms.Firm", verbose_name="投资方", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="projects")
    investor_name = models.CharField("投资方名称", max_length=200, blank=True)
    unit = models.ForeignKey("organizations.Unit", verbose_name="所属单位", on_delete=models.PROTECT,
                             related_name="projects")
    chain = models.CharField("产业链", max_length=20, choices=ChainName.choices, blank=True)
    chain_node = models.CharField("产业链环节", max_length=60, blank=True)
    industry = models.CharField("行业", max_length=60, blank=True)
    stage = models.CharField("阶段", max_length=20, choices=Stage.choices, default=Stage.NEGOTIATING,
                             db_index=True)
    stage_changed_on = models.DateField("进入当前阶段日期", null=True, blank=True)
    total_investment = WanYuanField("总投资（万元）")
    foreign_investment_usd = models.DecimalField("外资（万美元）", max_digits=14, decimal_places=2,
                                                 null=True, blank=True)
    fixed_asset_investment = WanYuanField("固定资产投资（万元）", null=True, blank=True)
    land_mu = models.DecimalField("用地需求（亩）", max_digits=10, decimal_places=2, null=True, blank=True)
    description = models.TextField("项目简介", blank=True)
    is_confidential = models.BooleanField("保密项目", default=False,
                                          help_text="保密项目只有本单位及上级、市级用户可见")
    responsible_leader = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="包挂领导", null=True,
                                           blank=True, on_delete=models.SET_NULL,
                                           related_name="led_projects")
    contact_name = models.CharField("项目联系人", max_length=50, blank=True)
    contact_phone = models.CharField("联系电话", max_length=30, blank=True)
    negotiation_started_on = models.DateField("洽谈开始日期", null=True, blank=True)
    signed_on = models.DateField("签约日期", null=True, blank=True)
    registered_on = models.DateField("注册日期", null=True, blank=True)
    construction_started_on = models.DateField("开工日期", null=True, blank=True)
    production_started_on = models.DateField("投产日期", null=True, blank=True)
    last_follow_up_on = models.DateField("最近跟踪日期", null=True, blank=True)
    is_demo = models.BooleanField("演示数据", default=False, help_text="合成的演示项目，不是真实项目")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "项目"
        verbose_name_plural = "项目"
        ordering = ["-updated_at"]
        indexes = [
            models.Index(fields=["unit", "stage"], name="project_unit_stage"),
            models.Index(fields=["signed_on"], name="project_signed_on"),
            models.Index(fields=["-total_investment"], name="project_total_inv"),
        ]

    def __str__(self) -> str:
        return self.name


class ProjectEvent(models.Model):
    """A readable line of a project's timeline, written by the service that made the change."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="events")
    happened_at = models.DateTimeField("时间", auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    kind = models.CharField("类型", max_length=30)
    text = models.CharField("内容", max_length=500)
    data = models.JSONField("数据", default=dict, blank=True)

    class Meta:
        verbose_name = "项目动态"
        verbose_name_plural = "项目动态"
        ordering = ["-happened_at", "-id"]


class FollowUp(TimeStampedModel):
    project = models.ForeignKey(Project, verbose_name="项目", on_delete=models.CASCADE,
                                related_name="follow_ups")
    happened_on = models.DateField("日期", db_index=True)
    kind = models.CharField("方式", max_length=20, choices=FollowUpKind.choices)
    participants = models.CharField("参与人员", max_length=200, blank=True)
    content = models.TextField("内容")
    next_step = models.CharField("下一步", max_length=300, blank=True)
    next_step_due = models.DateField("下一步期限", null=True, blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="记录人", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="follow_ups")
    is_demo = models.BooleanField("演示数据", default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "跟踪服务记录"
        verbose_name_plural = "跟踪服务记录"
        ordering = ["-happened_on", "-id"]
