"""Targets, counting rules (认定口径), recognition flags, attribution shares, assessment schemes,
indicator snapshots and briefings.

What counts is data the city edits (``RecognitionPolicy`` per year with its ``CountingRule``
thresholds and excluded ``ExclusionCategory`` list; ``ProjectFlag`` rows set by the city admin),
how it is counted is code (``indicators.py``), so every verdict names the rule that decided it.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from zhaoshang.core.models import TimeStampedModel, WanYuanField

from .enums import BriefingKind, BriefingStatus, CountingUnitKind, SchemeRuleKind

SHARE_VALIDATORS = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))]


class ExclusionCategory(TimeStampedModel):
    """A kind of project the city never counts (纯本地资金、住宅类房地产、已签约项目的后续期、弄虚作假…).

    A project is put in a category by a ``ProjectFlag``; the year's policy says which categories
    are excluded (a category may be kept for the record without excluding, e.g. while reviewed).
    """

    code = models.SlugField("编码", max_length=40, unique=True)
    label = models.CharField("类别", max_length=60, unique=True)
    description = models.CharField("说明", max_length=300, blank=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "不计入类别"
        verbose_name_plural = "不计入类别"
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.label


class RecognitionPolicy(TimeStampedModel):
    """The counting rules of one year (认定口径). A year without its own row uses the latest earlier one."""

    year = models.PositiveSmallIntegerField("年度", unique=True)
    count_once = models.BooleanField(
        "同一项目只计一次", default=True,
        help_text="回退后重新签约的项目，以首次签约日期计入，不在重新签约的年度再计一次")
    start_window_years = models.PositiveSmallIntegerField(
        "开工跨年窗口（年）", default=1, validators=[MaxValueValidator(10)],
        help_text="开工项目须为当年或此前 N 年内签约的项目；0 表示只计当年签约当年开工")
    production_window_years = models.PositiveSmallIntegerField(
        "投产跨年窗口（年）", default=3, validators=[MaxValueValidator(10)],
        help_text="投产项目须为当年或此前 N 年内签约的项目")
    capital_window_years = models.PositiveSmallIntegerField(
        "到位资金跨年窗口（年）", default=3, validators=[MaxValueValidator(10)],
        help_text="到位资金只计当年或此前 N 年内签约项目的当年到位额")
    count_local_money = models.BooleanField(
        "本地资金计入", default=False,
        help_text="不勾选：签约额、到位资金只计省外境内资金和外资部分（按项目登记的省外资金占比折算）")
    default_outside_share = models.DecimalField(
        "未登记来源时的省外资金占比", max_digits=5, decimal_places=4, default=Decimal(1),
        validators=SHARE_VALIDATORS, help_text="0–1；项目未登记资金来源时按此占比折算")
    major_min_investment = WanYuanField(
        "重大项目门槛（万元）", default=Decimal(100000),
        help_text="驾驶舱“重大项目”按总投资不低于此额认定，默认 10 亿元")
    green_at = models.DecimalField(
        "绿灯：完成率 ÷ 序时进度不低于", max_digits=5, decimal_places=3, default=Decimal("1.000"),
        validators=[MinValueValidator(Decimal(0))])
    amber_at = models.DecimalField(
        "黄灯：完成率 ÷ 序时进度不低于", max_digits=5, decimal_places=3, default=Decimal("0.900"),
        validators=[MinValueValidator(Decimal(0))], help_text="低于此值为红灯")
    excluded = models.ManyToManyField(ExclusionCategory, verbose_name="不计入的类别", blank=True,
                                      related_name="policies")
    note = models.CharField("说明", max_length=300, blank=True)

    history = HistoricalRecords(m2m_fields=[excluded])

    class Meta:
        verbose_name = "认定口径"
        verbose_name_plural = "认定口径"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year} 年认定口径"


class CountingRule(models.Model):
    """The threshold a project must reach to be recognised (认定) for a unit of this kind."""

    policy = models.ForeignKey(RecognitionPolicy, on_delete=models.CASCADE, related_name="thresholds")
    unit_kind = models.CharField("单位类型", max_length=20, choices=CountingUnitKind.choices)
    min_investment = WanYuanField("总投资不低于（万元）")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "认定门槛"
        verbose_name_plural = "认定门槛"
        ordering = ["policy", "unit_kind"]
        constraints = [models.UniqueConstraint(fields=["policy", "unit_kind"], name="counting_rule_once")]

    def __str__(self) -> str:
        return f"{self.get_unit_kind_display()} ≥ {self.min_investment} 万元"


class ProjectRecognition(TimeStampedModel):
    """Per-project counting facts the city admin records: where the money comes from.

    ``outside_share`` is the share of the project's money that is domestic from outside the
    province or foreign (省外境内资金+外资); the rest is local money, not counted unless the
    policy says so. No row: the policy's default share.
    """

    project = models.OneToOneField("projects.Project", on_delete=models.CASCADE, related_name="recognition")
    outside_share = models.DecimalField("省外境内资金及外资占比", max_digits=5, decimal_places=4,
                                        validators=SHARE_VALIDATORS)
    note = models.CharField("说明", max_length=300, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "项目资金来源"
        verbose_name_plural = "项目资金来源"


class ProjectFlag(TimeStampedModel):
    """The city admin puts a project in an exclusion category, with a reason (认定不计入).

    ``duplicate_of`` names the project it duplicates (重复招商/重复统计): the hook the duplicate-pursuit
    work writes to. Clearing a flag keeps the row (``cleared_on``), so the record stays.
    """

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="recognition_flags")
    category = models.ForeignKey(ExclusionCategory, verbose_name="类别", on_delete=models.PROTECT,
                                 related_name="flags")
    reason = models.CharField("认定理由", max_length=300)
    duplicate_of = models.ForeignKey("projects.Project", verbose_name="重复的项目", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="认定人", null=True,
                               on_delete=models.SET_NULL, related_name="+")
    set_on = models.DateField("认定日期")
    cleared_on = models.DateField("撤销日期", null=True, blank=True)
    cleared_reason = models.CharField("撤销理由", max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "不计入认定"
        verbose_name_plural = "不计入认定"
        ordering = ["-set_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["project", "category"], condition=models.Q(cleared_on=None),
                                               name="one_open_flag_per_category")]


class Attribution(TimeStampedModel):
    """A joint project's share for one unit (联合招商按比例计入).

    No rows for a project: 100% to its owning unit. With rows: the shares (0–1) of the project's
    rows sum to exactly 1; counts and amounts are split by them. Written by
    ``services.attribution_set`` only (the duplicate-pursuit work calls it when it decides
    "joint, with shares").
    """

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="attributions")
    unit = models.ForeignKey("organizations.Unit", verbose_name="单位", on_delete=models.PROTECT,
                             related_name="attributions")
    share = models.DecimalField("计入比例", max_digits=5, decimal_places=4, validators=SHARE_VALIDATORS)
    note = models.CharField("说明", max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "联合项目计入比例"
        verbose_name_plural = "联合项目计入比例"
        ordering = ["project", "-share", "id"]
        constraints = [models.UniqueConstraint(fields=["project", "unit"], name="attribution_once")]


class CustomIndicator(TimeStampedModel):
    """An indicator the city defines from a registered one plus a filter (e.g. 石化产业链签约项目数)."""

    code = models.SlugField("编码", max_length=40, unique=True)
    label = models.CharField("名称", max_length=60, unique=True)
    base = models.CharField("基础指标", max_length=40)
    params = models.JSONField("筛选条件", default=dict, blank=True,
                              help_text='如 {"chain": "石化"}、{"min_investment": 100000}、{"kind": "expansion"}')
    is_active = models.BooleanField("启用", default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "自定义指标"
        verbose_name_plural = "自定义指标"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.label


class Target(TimeStampedModel):
    """A unit's annual target (年度目标任务) for one indicator; money in 万元, foreign in 万美元."""

    unit = models.ForeignKey("organizations.Unit", verbose_name="单位", on_delete=models.PROTECT,
                             related_name="targets")
    year = models.PositiveSmallIntegerField("年度")
    indicator = models.CharField("指标", max_length=40)
    value = models.DecimalField("目标值", max_digits=18, decimal_places=4, validators=[MinValueValidator(Decimal(0))])
    is_demo = models.BooleanField("演示数据", default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "年度目标"
        verbose_name_plural = "年度目标"
        ordering = ["year", "unit__path", "indicator"]
        constraints = [models.UniqueConstraint(fields=["unit", "year", "indicator"], name="target_once")]


class AssessmentScheme(TimeStampedModel):
    """The year's assessment (考核办法): rule rows give each unit its score."""

    year = models.PositiveSmallIntegerField("年度", unique=True)
    name = models.CharField("名称", max_length=100)
    red_count = models.PositiveSmallIntegerField("红榜名额（每组）", default=2)
    black_count = models.PositiveSmallIntegerField("黑榜名额（每组）", default=2)
    note = models.TextField("说明", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "考核办法"
        verbose_name_plural = "考核办法"
        ordering = ["-year"]

    def __str__(self) -> str:
        return self.name


class SchemeRule(models.Model):
    """One rule of a scheme: a weight, a tier quota, a bonus, a deduction or a cap (see scoring.py)."""

    scheme = models.ForeignKey(AssessmentScheme, on_delete=models.CASCADE, related_name="rules")
    kind = models.CharField("类型", max_length=20, choices=SchemeRuleKind.choices)
    label = models.CharField("规则", max_length=100)
    indicator = models.CharField("指标", max_length=40, blank=True)
    points = models.DecimalField("分值", max_digits=7, decimal_places=2)
    params = models.JSONField("参数", default=dict, blank=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "考核规则"
        verbose_name_plural = "考核规则"
        ordering = ["scheme", "sort_order", "id"]

    def __str__(self) -> str:
        return self.label


class ScoreRun(models.Model):
    """One computation of a scheme's scores as of a date; kept, so a published 红黑榜 stays explainable."""

    scheme = models.ForeignKey(AssessmentScheme, on_delete=models.CASCADE, related_name="runs")
    as_of = models.DateField("截至日期")
    computed_at = models.DateTimeField("计算时间", auto_now_add=True)
    computed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    rules_snapshot = models.JSONField("计算时的规则", default=list)

    class Meta:
        verbose_name = "考核计分"
        verbose_name_plural = "考核计分"
        ordering = ["-as_of", "-computed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.scheme} 截至 {self.as_of:%Y-%m-%d}"


class UnitScore(models.Model):
    run = models.ForeignKey(ScoreRun, on_delete=models.CASCADE, related_name="unit_scores")
    unit = models.ForeignKey("organizations.Unit", on_delete=models.CASCADE, related_name="+")
    group = models.CharField("分组", max_length=20)
    total = models.DecimalField("得分", max_digits=8, decimal_places=2)
    rank = models.PositiveSmallIntegerField("名次", null=True, blank=True)

    class Meta:
        ordering = ["group", "rank", "unit_id"]
        constraints = [models.UniqueConstraint(fields=["run", "unit"], name="unit_score_once")]

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.total}"


class ScoreLine(models.Model):
    """One explained line of a unit's score: the rule, the points (±), why, and which projects."""

    run = models.ForeignKey(ScoreRun, on_delete=models.CASCADE, related_name="lines")
    unit = models.ForeignKey("organizations.Unit", on_delete=models.CASCADE, related_name="+")
    rule = models.ForeignKey(SchemeRule, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField("类型", max_length=20, choices=SchemeRuleKind.choices)
    label = models.CharField("规则", max_length=100)
    points = models.DecimalField("得分", max_digits=8, decimal_places=2)
    full_points = models.DecimalField("满分", max_digits=8, decimal_places=2, null=True, blank=True)
    reason = models.CharField("说明", max_length=500)
    project_ids = models.JSONField("相关项目", default=list, blank=True)

    class Meta:
        ordering = ["unit_id", "id"]

    def __str__(self) -> str:
        return f"{self.label} {self.points}"


class SnapshotRun(models.Model):
    """The indicator figures of one date, computed once and read by the cockpit and the briefings.

    ``fingerprint`` summarises the data they were computed from; when it changes they are computed
    again, so a cached figure is never stale. A derived cache: not audited.
    """

    as_of = models.DateField("截至日期", unique=True)
    fingerprint = models.CharField("数据指纹", max_length=300)
    computed_at = models.DateTimeField("计算时间", auto_now=True)
    seconds = models.FloatField("耗时（秒）", default=0)
    extra = models.JSONField("驾驶舱数据", default=dict, blank=True)

    class Meta:
        verbose_name = "指标快照"
        verbose_name_plural = "指标快照"

    def __str__(self) -> str:
        return f"快照 {self.as_of:%Y-%m-%d}"


class IndicatorSnapshot(models.Model):
    """One unit's value of one indicator on one date, with its target, monthly series and forecast."""

    run = models.ForeignKey(SnapshotRun, on_delete=models.CASCADE, related_name="rows")
    as_of = models.DateField("截至日期")
    unit = models.ForeignKey("organizations.Unit", on_delete=models.CASCADE, related_name="+")
    indicator = models.CharField("指标", max_length=40)
    value = models.DecimalField("实绩", max_digits=20, decimal_places=4)
    target = models.DecimalField("目标", max_digits=18, decimal_places=4, null=True)
    monthly = models.JSONField("逐月累计", default=list)
    forecast_mean = models.DecimalField("预计年末", max_digits=20, decimal_places=4, null=True)
    forecast_low = models.DecimalField("预计下限(P10)", max_digits=20, decimal_places=4, null=True)
    forecast_high = models.DecimalField("预计上限(P90)", max_digits=20, decimal_places=4, null=True)

    class Meta:
        verbose_name = "指标值"
        verbose_name_plural = "指标值"
        constraints = [models.UniqueConstraint(fields=["as_of", "unit", "indicator"], name="snapshot_once")]

    def __str__(self) -> str:
        return f"{self.as_of:%Y-%m-%d} {self.unit_id} {self.indicator}={self.value}"


def briefing_upload_to(instance: Briefing, filename: str) -> str:
    return f"briefings/{instance.year}/{filename}"


class Briefing(TimeStampedModel):
    """A briefing (通报) as generated files, kept as a record: who asked, when, for which period and date."""

    kind = models.CharField("类型", max_length=20, choices=BriefingKind.choices)
    year = models.PositiveSmallIntegerField("年度")
    number = models.PositiveSmallIntegerField("期号")
    title = models.CharField("标题", max_length=200)
    period_start = models.DateField("统计起始日")
    period_end = models.DateField("统计截止日")
    as_of = models.DateField("数据截至")
    status = models.CharField("状态", max_length=20, choices=BriefingStatus.choices, default=BriefingStatus.QUEUED)
    message = models.CharField("说明", max_length=500, blank=True)
    docx = models.FileField("Word 文件", upload_to=briefing_upload_to, max_length=200, blank=True)
    xlsx = models.FileField("Excel 文件", upload_to=briefing_upload_to, max_length=200, blank=True)
    figures = models.JSONField("主要数字", default=dict, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="生成人", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    is_demo = models.BooleanField("演示数据", default=False)

    history = HistoricalRecords(excluded_fields=["figures"])

    class Meta:
        verbose_name = "通报"
        verbose_name_plural = "通报"
        ordering = ["-year", "-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["kind", "year", "number"], name="briefing_number_once")]

    def __str__(self) -> str:
        return self.title
