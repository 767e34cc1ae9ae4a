"""Firm identity: one row per legal entity, with its aliases.

The name normaliser and matcher (names.py, matching.py) are pure functions; this module
only stores what they decide.
"""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from zhaoshang.core.models import TimeStampedModel, WanYuanField

from .enums import RevenueBand


class Firm(TimeStampedModel):
    name = models.CharField("企业名称", max_length=200)
    short_name = models.CharField("简称", max_length=60, blank=True)
    name_key = models.CharField("规范化名称", max_length=200, db_index=True, editable=False,
                                help_text="去掉地区、组织形式、括号后的名称，用于查重")
    credit_code = models.CharField("统一社会信用代码", max_length=18, null=True, blank=True, unique=True)
    province = models.CharField("省份", max_length=20, blank=True)
    city = models.CharField("城市", max_length=20, blank=True)
    district = models.CharField("区县", max_length=30, blank=True)
    unit = models.ForeignKey("organizations.Unit", verbose_name="所在单位（本市企业）", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="firms")
    industry_code = models.CharField("行业代码（GB/T 4754）", max_length=8, blank=True)
    business_scope = models.TextField("经营范围", blank=True)
    registered_capital = WanYuanField("注册资本（万元）", null=True, blank=True)
    founded_on = models.DateField("成立日期", null=True, blank=True)
    is_local = models.BooleanField("本市企业", default=False)
    is_chain_leader = models.BooleanField("链主企业", default=False)
    is_listed = models.BooleanField("上市企业", default=False)
    stock_code = models.CharField("股票代码", max_length=30, blank=True)
    description = models.TextField("简介", blank=True)
    # The firm universe (产业链精准招商): registry and rating facts used to place and rank firms.
    is_high_tech = models.BooleanField("高新技术企业", default=False)
    is_specialized = models.BooleanField("专精特新", default=False, help_text="专精特新中小企业或“小巨人”")
    is_global500 = models.BooleanField("世界500强", default=False, help_text="世界500强企业或其子公司")
    revenue_band = models.CharField("营收规模", max_length=10, choices=RevenueBand.choices, blank=True)
    employees = models.PositiveIntegerField("从业人数", null=True, blank=True)
    is_demo = models.BooleanField("演示数据", default=False, help_text="合成的演示企业，不是真实企业")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "企业"
        verbose_name_plural = "企业"
        ordering = ["name"]
        # For a universe of millions: filters by place and industry, and the few local firms.
        indexes = [
            models.Index(fields=["province", "city"], name="firm_province_city"),
            models.Index(fields=["industry_code"], name="firm_industry_code"),
            models.Index(fields=["unit"], condition=models.Q(is_local=True), name="firm_local_unit"),
        ]

    def __str__(self) -> str:
        return self.name


class FirmAlias(models.Model):
    """Former names, short forms and spellings that resolve to the same firm."""

    class Kind(models.TextChoices):
        FORMER = "former", "曾用名"
        SHORT = "short", "简称"
        OTHER = "other", "其他写法"

    firm = models.ForeignKey(Firm, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField("名称", max_length=200)
    name_key = models.CharField("规范化名称", max_length=200, db_index=True, editable=False)
    kind = models.CharField("类型", max_length=10, choices=Kind.choices, default=Kind.OTHER)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "企业别名"
        verbose_name_plural = "企业别名"
        constraints = [models.UniqueConstraint(fields=["firm", "name"], name="firm_alias_unique")]

    def __str__(self) -> str:
        return self.name
