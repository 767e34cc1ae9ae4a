"""Projects, their timeline events and follow-ups."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from zhaoshang.core.models import TimeStampedModel, WanYuanField

from .enums import (
    AgreementKind,
    ChainName,
    FollowUpKind,
    LeaderActivityKind,
    ProjectKind,
    ScoreKind,
    Stage,
    TaskForceKind,
    WarningSeverity,
)


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
    # Evidence of 签约
    agreement_kind = models.CharField("协议类型", max_length=20, choices=AgreementKind.choices, blank=True)
    contracted_amount = WanYuanField("签约金额（万元）", null=True, blank=True)
    # Evidence of 注册落地
    local_company_name = models.CharField("落地公司名称", max_length=200, blank=True)
    local_credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    site = models.CharField("项目选址", max_length=200, blank=True)
    # Expected results, committed at signing (履约 compares actuals with these)
    expected_annual_output = WanYuanField("预计年产值（万元）", null=True, blank=True)
    expected_annual_tax = WanYuanField("预计年税收（万元）", null=True, blank=True)
    expected_jobs = models.PositiveIntegerField("预计用工（人）", null=True, blank=True)
    committed_fixed_asset_investment = WanYuanField("承诺固定资产投资（万元）", null=True, blank=True)
    # Outcome
    hold_reason = models.CharField("暂缓原因", max_length=300, blank=True)
    drop_reason = models.ForeignKey("DropReason", verbose_name="终止原因", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="projects")
    drop_note = models.CharField("终止说明", max_length=300, blank=True)
    # Derived, refreshed by the services and the nightly job; stored so lists filter and sort fast.
    tier = models.CharField("重大项目等级", max_length=20, blank=True, db_index=True)
    scale_score = models.PositiveSmallIntegerField("体量得分", default=0)
    tier_score = models.PositiveSmallIntegerField("层次得分", default=0)
    maturity_score = models.PositiveSmallIntegerField("成熟度得分", default=0)
    warning_count = models.PositiveSmallIntegerField("预警数", default=0, db_index=True)
    version = models.PositiveIntegerField("版本", default=1, help_text="乐观锁：每次保存加一，防止覆盖他人的修改")
    is_demo = models.BooleanField("演示数据", default=False, help_text="合成的演示项目，不是真实项目")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    # Derived caches (scores, tier, warning count, last follow-up) and the lock counter are not
    # business changes: the audit trail records what people changed, not what the nightly job recomputed.
    history = HistoricalRecords(excluded_fields=["tier", "scale_score", "tier_score", "maturity_score",
                                                 "warning_count", "last_follow_up_on", "version"])

    class Meta:
        verbose_name = "项目"
        verbose_name_plural = "项目"
        ordering = ["-updated_at"]
        indexes = [
            models.Index(fields=["unit", "stage"], name="project_unit_stage"),
            models.Index(fields=["signed_on"], name="project_signed_on"),
            models.Index(fields=["-total_investment"], name="project_total_inv"),
            models.Index(fields=["-updated_at", "-id"], name="project_recent"),
            models.Index(fields=["unit", "-updated_at"], name="project_unit_recent"),
            models.Index(fields=["unit", "-total_investment"], name="project_unit_total_inv"),
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

    def __str__(self) -> str:
        return f"{self.happened_at:%Y-%m-%d %H:%M} {self.text}" if self.happened_at else self.text


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
        indexes = [models.Index(fields=["project", "-happened_on"], name="follow_up_project_recent")]


class ProjectInvestor(models.Model):
    """One of a project's investor firms (a joint project has several)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="investors")
    firm = models.ForeignKey("firms.Firm", verbose_name="企业", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="investments")
    name = models.CharField("投资方名称", max_length=200)
    is_lead = models.BooleanField("主投资方", default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "投资方"
        verbose_name_plural = "投资方"
        constraints = [models.UniqueConstraint(fields=["project", "name"], name="project_investor_unique")]

    def __str__(self) -> str:
        return self.name


class StageTransition(models.Model):
    """A dated, attributed stage change: the source of conversion rates and durations."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="transitions")
    from_stage = models.CharField("原阶段", max_length=20, choices=Stage.choices)
    to_stage = models.CharField("新阶段", max_length=20, choices=Stage.choices)
    happened_on = models.DateField("日期")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.CharField("原因", max_length=300, blank=True)
    is_backward = models.BooleanField("回退", default=False)
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "阶段变更"
        verbose_name_plural = "阶段变更"
        ordering = ["happened_on", "id"]
        indexes = [models.Index(fields=["to_stage", "happened_on"], name="transition_stage_date")]

    def __str__(self) -> str:
        return f"{self.get_from_stage_display()} → {self.get_to_stage_display()}（{self.happened_on}）"


class CapitalEntry(TimeStampedModel):
    """Capital actually in place (实际到位资金), one dated entry at a time."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="capital_entries")
    entry_date = models.DateField("到位日期", db_index=True)
    amount = WanYuanField("到位金额（万元）")
    foreign_amount_usd = models.DecimalField("其中外资（万美元）", max_digits=14, decimal_places=2, null=True,
                                             blank=True)
    note = models.CharField("说明", max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "到位资金"
        verbose_name_plural = "到位资金"
        ordering = ["entry_date", "id"]


class ProjectMilestone(models.Model):
    """A milestone of the signed project's plan (规划选址, 可研批复…) with its planned and actual dates."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    name = models.CharField("节点", max_length=50)
    planned_on = models.DateField("计划完成日期")
    done_on = models.DateField("实际完成日期", null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "建设节点"
        verbose_name_plural = "建设节点"
        ordering = ["sort_order", "planned_on", "id"]
        constraints = [models.UniqueConstraint(fields=["project", "name"], name="project_milestone_unique")]

    def __str__(self) -> str:
        return self.name


class AnnualActual(models.Model):
    """A year's actual output, tax and jobs, reported for fulfilment (履约)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="annual_actuals")
    year = models.PositiveSmallIntegerField("年度")
    output = WanYuanField("产值（万元）", null=True, blank=True)
    tax = WanYuanField("税收（万元）", null=True, blank=True)
    jobs = models.PositiveIntegerField("用工（人）", null=True, blank=True)
    fixed_asset_investment = WanYuanField("固定资产投资（万元）", null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "年度实绩"
        verbose_name_plural = "年度实绩"
        constraints = [models.UniqueConstraint(fields=["project", "year"], name="annual_actual_unique")]

    def __str__(self) -> str:
        return f"{self.year} 年度实绩"


class DropReason(models.Model):
    """Why projects are lost: a list the city keeps, so losses can be counted by reason."""

    name = models.CharField("原因", max_length=60, unique=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "终止原因"
        verbose_name_plural = "终止原因"
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name


class TierThreshold(models.Model):
    """Major-project tiers by total investment (default 1亿, 10亿, 50亿, 100亿元); the city edits them."""

    label = models.CharField("等级名称", max_length=20, unique=True)
    min_investment = WanYuanField("总投资不低于（万元）", unique=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "重大项目等级"
        verbose_name_plural = "重大项目等级"
        ordering = ["min_investment"]

    def __str__(self) -> str:
        return self.label


class ScoreRule(models.Model):
    """One scoring rule: its code names a component in scoring.py; points and parameters are data."""

    score = models.CharField("得分项", max_length=20, choices=ScoreKind.choices)
    code = models.CharField("规则代码", max_length=40, unique=True)
    label = models.CharField("规则", max_length=100)
    points = models.PositiveSmallIntegerField("分值")
    params = models.JSONField("参数", default=dict, blank=True)
    is_active = models.BooleanField("启用", default=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "评分规则"
        verbose_name_plural = "评分规则"
        ordering = ["score", "sort_order", "id"]

    def __str__(self) -> str:
        return self.label


class HealthRule(models.Model):
    """One project health check (项目体检); code names a check in health.py, parameters are data."""

    code = models.CharField("规则代码", max_length=40, unique=True)
    label = models.CharField("规则", max_length=120)
    params = models.JSONField("参数", default=dict, blank=True)
    severity = models.CharField("级别", max_length=10, choices=WarningSeverity.choices,
                                default=WarningSeverity.AMBER)
    is_active = models.BooleanField("启用", default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "体检规则"
        verbose_name_plural = "体检规则"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.label


class ProjectWarning(models.Model):
    """An open finding of a health check; recomputed by the scheduled job, closed when it no longer holds."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="warnings")
    rule_code = models.CharField("规则代码", max_length=40)
    severity = models.CharField("级别", max_length=10, choices=WarningSeverity.choices)
    message = models.CharField("说明", max_length=300)
    first_seen_on = models.DateField("首次发现")
    last_seen_on = models.DateField("最近确认")
    resolved_on = models.DateField("解除日期", null=True, blank=True)

    class Meta:
        verbose_name = "项目预警"
        verbose_name_plural = "项目预警"
        ordering = ["-first_seen_on", "id"]
        constraints = [models.UniqueConstraint(fields=["project", "rule_code"], condition=models.Q(resolved_on=None),
                                               name="one_open_warning_per_rule")]

    def __str__(self) -> str:
        return self.message


class TaskForce(TimeStampedModel):
    """招商专班: members from several units serving one project or one chain."""

    name = models.CharField("专班名称", max_length=100)
    kind = models.CharField("类型", max_length=20, choices=TaskForceKind.choices)
    project = models.OneToOneField(Project, verbose_name="服务项目", null=True, blank=True,
                                   on_delete=models.CASCADE, related_name="task_force")
    chain = models.CharField("产业链", max_length=20, choices=ChainName.choices, blank=True)
    unit = models.ForeignKey("organizations.Unit", verbose_name="牵头单位", on_delete=models.PROTECT,
                             related_name="task_forces")
    lead = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="专班负责人", null=True,
                             on_delete=models.SET_NULL, related_name="leading_task_forces")
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, through="TaskForceMember",
                                     related_name="task_forces", verbose_name="成员")
    is_active = models.BooleanField("运行中", default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "招商专班"
        verbose_name_plural = "招商专班"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name


class TaskForceMember(models.Model):
    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="task_force_memberships")
    duty = models.CharField("分工", max_length=100, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "专班成员"
        verbose_name_plural = "专班成员"
        constraints = [models.UniqueConstraint(fields=["task_force", "user"], name="task_force_member_unique")]

    def __str__(self) -> str:
        return f"{self.user}（{self.duty}）" if self.duty else str(self.user)


class LeaderActivity(TimeStampedModel):
    """A leader's outbound visit (外出招商) or investor reception (接待客商): 一把手招商 made countable."""

    leader = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="领导", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="leader_activities")
    leader_name = models.CharField("领导姓名", max_length=50, help_text="县区一把手等未在平台开户的领导也可记录")
    leader_title = models.CharField("职务", max_length=60, blank=True)
    unit = models.ForeignKey("organizations.Unit", verbose_name="所属单位", on_delete=models.PROTECT,
                             related_name="leader_activities")
    kind = models.CharField("类型", max_length=30, choices=LeaderActivityKind.choices)
    happened_on = models.DateField("日期", db_index=True)
    place = models.CharField("地点", max_length=100)
    counterparts = models.CharField("对接企业/机构", max_length=300)
    summary = models.TextField("成果", blank=True)
    projects = models.ManyToManyField(Project, blank=True, related_name="leader_activities", verbose_name="相关项目")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    is_demo = models.BooleanField("演示数据", default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "领导招商活动"
        verbose_name_plural = "领导招商活动"
        ordering = ["-happened_on", "-id"]


class FollowUpReminder(models.Model):
    """One reminder sent for an overdue next step (下一步逾期提醒), so the daily job never sends it twice.

    Keyed by the due date reminded: were a next step ever given a new date, it would be reminded again.
    """

    follow_up = models.ForeignKey(FollowUp, verbose_name="跟踪服务记录", on_delete=models.CASCADE,
                                  related_name="reminders")
    due_on = models.DateField("提醒的期限")
    sent_on = models.DateField("提醒日期")

    class Meta:
        verbose_name = "下一步逾期提醒"
        verbose_name_plural = "下一步逾期提醒"
        constraints = [models.UniqueConstraint(fields=["follow_up", "due_on"], name="follow_up_reminder_once")]

    def __str__(self) -> str:
        return f"{self.sent_on} 提醒（期限 {self.due_on}）"

