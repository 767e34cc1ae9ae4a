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
    # Firm identity: a firm merged into another keeps its row (for what could not be moved) and points on.
    merged_into = models.ForeignKey("self", verbose_name="已合并到", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="merged_firms")

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


class FirmMerge(models.Model):
    """The audit record of one merge: which firm was kept, which was merged into it, what moved."""

    kept = models.ForeignKey(Firm, verbose_name="保留企业", on_delete=models.PROTECT, related_name="merges_kept")
    merged = models.ForeignKey(Firm, verbose_name="被合并企业", on_delete=models.PROTECT, related_name="merges_into")
    merged_name = models.CharField("被合并企业名称", max_length=200)
    merged_credit_code = models.CharField("被合并企业信用代码", max_length=18, blank=True)
    moved = models.JSONField("迁移记录数", default=dict, blank=True, help_text="每类关联记录迁移的条数")
    reason = models.CharField("合并依据", max_length=500, blank=True)
    merged_by = models.ForeignKey("accounts.User", verbose_name="操作人", null=True, on_delete=models.SET_NULL,
                                  related_name="+")
    merged_at = models.DateTimeField("合并时间", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "企业合并记录"
        verbose_name_plural = "企业合并记录"
        ordering = ["-merged_at", "-id"]

    def __str__(self) -> str:
        return f"{self.merged_name} → {self.kept}"


class FirmMergeCandidate(models.Model):
    """Two firm rows the matcher thinks may be one firm, waiting for a person's review."""

    class Status(models.TextChoices):
        OPEN = "open", "待审核"
        MERGED = "merged", "已合并"
        DISMISSED = "dismissed", "不是同一企业"

    firm_a = models.ForeignKey(Firm, verbose_name="企业甲", on_delete=models.CASCADE, related_name="+")
    firm_b = models.ForeignKey(Firm, verbose_name="企业乙", on_delete=models.CASCADE, related_name="+")
    verdict = models.CharField("判断", max_length=10, help_text="same 同一企业 / maybe 待人工确认")
    score = models.FloatField("名称相似度", default=0)
    reason = models.CharField("依据", max_length=300)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    found_at = models.DateTimeField("发现时间", auto_now_add=True)
    reviewed_by = models.ForeignKey("accounts.User", verbose_name="审核人", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "疑似重复企业"
        verbose_name_plural = "疑似重复企业"
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["firm_a", "firm_b"], name="firm_candidate_unique_pair"),
            models.CheckConstraint(condition=models.Q(firm_a__lt=models.F("firm_b")), name="firm_candidate_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.firm_a} / {self.firm_b}"
