"""Leads: information that a firm may invest, not yet a project."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from zhaoshang.core.models import TimeStampedModel, WanYuanField

from .enums import ChannelKind, LeadStatus


class Lead(TimeStampedModel):
    code = models.CharField("线索编号", max_length=32, unique=True)
    firm_name = models.CharField("企业名称", max_length=200)
    firm = models.ForeignKey("firms.Firm", verbose_name="企业", null=True, blank=True,
                             on_delete=models.PROTECT, related_name="leads")
    unit = models.ForeignKey("organizations.Unit", verbose_name="所属单位", on_delete=models.PROTECT,
                             related_name="leads")
    channel_kind = models.CharField("渠道类型", max_length=30, choices=ChannelKind.choices)
    summary = models.TextField("投资意向")
    industry = models.CharField("行业", max_length=60, blank=True)
    planned_investment = WanYuanField("拟投资额（万元）", null=True, blank=True)
    received_on = models.DateField("收到日期")
    status = models.CharField("状态", max_length=20, choices=LeadStatus.choices, default=LeadStatus.NEW)
    is_confidential = models.BooleanField("保密", default=False)
    is_demo = models.BooleanField("演示数据", default=False)
    project = models.OneToOneField("projects.Project", verbose_name="转化项目", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="source_lead")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "线索"
        verbose_name_plural = "线索"
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return f"{self.firm_name}：{self.summary[:20]}"
