"""Chain maps, firm placement, targeting and cluster measures (产业链图谱与精准招商).

Two kinds of tables live here:

* business data that people edit — chains, nodes, supply edges, chain leaders and their needs,
  officers' placement corrections, firm signals, what became of recommended firms — each with
  ``HistoricalRecords()``;
* derived tables that batch jobs recompute from the business data — automatic placements,
  target scores, gap and cluster snapshots, run logs. They are rewritten in bulk (millions of
  rows), carry no history, and their docstrings say so: auditing them would record the
  machine, not a person, and could be rebuilt at any time.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from zhaoshang.core.models import TimeStampedModel, WanYuanField

from .enums import (
    CorrectionAction,
    GapKind,
    ImportStatus,
    LeaderRole,
    NeedDirection,
    NodeStage,
    OutcomeStatus,
    PlacementSource,
    SignalKind,
)


class Chain(TimeStampedModel):
    code = models.CharField("编码", max_length=4, unique=True, help_text="2至4位大写字母，如 PC")
    name = models.CharField("名称", max_length=40, unique=True)
    name_en = models.CharField("英文名称", max_length=100, blank=True)
    description = models.TextField("说明", blank=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "产业链"
        verbose_name_plural = "产业链"
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class ChainNode(TimeStampedModel):
    """A segment (levels 1–2) or a product (level 3) of a chain; a tree through ``parent``.

    ``path`` is the materialised list of codes from the root ("/PC1/PC1.2/PC1.2.1/") so a
    subtree is one prefix query. Nodes dropped from an imported document are deactivated, not
    deleted: officers' corrections and outcomes that point at them are kept forever.
    """

    chain = models.ForeignKey(Chain, verbose_name="产业链", on_delete=models.CASCADE, related_name="nodes")
    code = models.CharField("编码", max_length=24, unique=True)
    name = models.CharField("名称", max_length=80)
    name_en = models.CharField("英文名称", max_length=120, blank=True)
    parent = models.ForeignKey("self", verbose_name="上级节点", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children")
    level = models.PositiveSmallIntegerField("层级", default=1)
    path = models.CharField("路径", max_length=255, db_index=True, editable=False)
    stage = models.CharField("环节", max_length=12, choices=NodeStage.choices)
    keywords = models.JSONField("经营范围关键词", default=list, blank=True)
    industry_codes = models.JSONField("行业代码（GB/T 4754）", default=list, blank=True)
    description = models.TextField("说明", blank=True)
    alias_of = models.ForeignKey("self", verbose_name="关联节点", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="aliases", help_text="代表其他产业链节点的链接行，企业放在被关联的节点上")
    see_also = models.JSONField("相关节点", default=list, blank=True)
    sort_order = models.PositiveIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "产业链节点"
        verbose_name_plural = "产业链节点"
        ordering = ["chain", "sort_order", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def placeable(self) -> bool:
        return self.is_active and self.alias_of_id is None and bool(self.keywords or self.industry_codes)


class SupplyEdge(TimeStampedModel):
    """The output of ``source`` is an input of ``target``; kept in the document of ``chain``."""

    chain = models.ForeignKey(Chain, verbose_name="所属产业链", on_delete=models.CASCADE, related_name="edges")
    source = models.ForeignKey(ChainNode, verbose_name="供应节点", on_delete=models.CASCADE, related_name="out_edges")
    target = models.ForeignKey(ChainNode, verbose_name="需求节点", on_delete=models.CASCADE, related_name="in_edges")
    material = models.CharField("物料", max_length=100, blank=True)
    note = models.CharField("备注", max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "供应关系"
        verbose_name_plural = "供应关系"
        ordering = ["chain", "id"]
        constraints = [models.UniqueConstraint(fields=["source", "target"], name="supply_edge_unique")]

    def __str__(self) -> str:
        return f"{self.source.code} → {self.target.code}"


class ChainLeaderProfile(TimeStampedModel):
    """A chain leader or leading firm of one chain: where it sits and (through its needs) what it
    buys and supplies (链主企业优先采购产品和提供原材料)."""

    firm = models.ForeignKey("firms.Firm", verbose_name="企业", on_delete=models.PROTECT,
                             related_name="leader_profiles")
    chain = models.ForeignKey(Chain, verbose_name="产业链", on_delete=models.CASCADE, related_name="leaders")
    role = models.CharField("角色", max_length=20, choices=LeaderRole.choices, default=LeaderRole.CHAIN_LEADER)
    unit = models.ForeignKey("organizations.Unit", verbose_name="所在县区/板块", on_delete=models.PROTECT,
                             related_name="chain_leaders")
    short_name = models.CharField("简称", max_length=60, blank=True)
    nodes = models.ManyToManyField(ChainNode, verbose_name="所在节点", related_name="leader_profiles", blank=True)
    is_active = models.BooleanField("在营", default=True)
    note = models.CharField("备注", max_length=300, blank=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    history = HistoricalRecords(m2m_fields=[nodes])

    class Meta:
        verbose_name = "链主企业"
        verbose_name_plural = "链主企业"
        ordering = ["chain", "sort_order", "id"]
        constraints = [models.UniqueConstraint(fields=["firm", "chain"], name="leader_profile_unique")]

    def __str__(self) -> str:
        return self.short_name or self.firm.name


class LeaderNeed(TimeStampedModel):
    """One purchasing need or supply offer of a leader on a node, with free-text products."""

    profile = models.ForeignKey(ChainLeaderProfile, verbose_name="链主企业", on_delete=models.CASCADE,
                                related_name="needs")
    node = models.ForeignKey(ChainNode, verbose_name="节点", on_delete=models.PROTECT, related_name="leader_needs")
    direction = models.CharField("方向", max_length=10, choices=NeedDirection.choices)
    products = models.CharField("产品/原材料", max_length=200, blank=True)
    quantity = models.CharField("数量", max_length=100, blank=True, help_text="如：约240万吨/年")
    note = models.CharField("备注", max_length=300, blank=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "链主供需"
        verbose_name_plural = "链主供需"
        ordering = ["profile", "direction", "sort_order", "id"]
        constraints = [models.UniqueConstraint(fields=["profile", "node", "direction"], name="leader_need_unique")]

    def __str__(self) -> str:
        return f"{self.profile} {self.get_direction_display()} {self.node.name}"


class FirmPlacement(models.Model):
    """A firm on a chain node, with the classifier's confidence (``auto``) or an officer's word.

    Derived and bulk-written (millions of rows): no history. Officers' decisions are audited in
    :class:`PlacementCorrection`, which is kept forever; a firm with any correction is never
    re-placed by the classifier.
    """

    firm = models.ForeignKey("firms.Firm", verbose_name="企业", on_delete=models.CASCADE, related_name="placements")
    node = models.ForeignKey(ChainNode, verbose_name="节点", on_delete=models.CASCADE, related_name="placements")
    confidence = models.FloatField("置信度")
    rank = models.PositiveSmallIntegerField("排序", default=1)
    source = models.CharField("来源", max_length=10, choices=PlacementSource.choices, default=PlacementSource.AUTO)
    placed_at = models.DateTimeField("识别时间", auto_now_add=True)

    class Meta:
        verbose_name = "企业节点"
        verbose_name_plural = "企业节点"
        constraints = [models.UniqueConstraint(fields=["firm", "node"], name="placement_unique")]
        indexes = [models.Index(fields=["node", "firm"], name="placement_node_firm")]

    def __str__(self) -> str:
        return f"{self.firm_id} @ {self.node_id}"


class PlacementCorrection(models.Model):
    """An officer's correction of a placement. Kept forever and fed to the classifier as a
    labelled example, with the scope and industry code as they were when the officer judged."""

    firm = models.ForeignKey("firms.Firm", verbose_name="企业", on_delete=models.CASCADE, related_name="corrections")
    node = models.ForeignKey(ChainNode, verbose_name="节点", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="corrections")
    action = models.CharField("操作", max_length=10, choices=CorrectionAction.choices)
    business_scope = models.TextField("当时的经营范围", blank=True)
    industry_code = models.CharField("当时的行业代码", max_length=8, blank=True)
    note = models.CharField("说明", max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="修正人", null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("修正时间", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "节点修正"
        verbose_name_plural = "节点修正"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.node_id or ''}"


class FirmSignal(TimeStampedModel):
    """A dated sign that a firm grows: financing, capacity expansion, a new plant (and where)."""

    firm = models.ForeignKey("firms.Firm", verbose_name="企业", on_delete=models.CASCADE, related_name="signals")
    happened_on = models.DateField("日期")
    kind = models.CharField("类型", max_length=12, choices=SignalKind.choices)
    text = models.CharField("内容", max_length=300)
    place = models.CharField("地点（城市）", max_length=40, blank=True, help_text="扩产或新建工厂所在城市")
    amount = WanYuanField("金额（万元）", null=True, blank=True)
    source = models.CharField("来源", max_length=200, blank=True)
    is_demo = models.BooleanField("演示数据", default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "企业动态"
        verbose_name_plural = "企业动态"
        ordering = ["-happened_on", "-id"]
        indexes = [models.Index(fields=["firm", "happened_on"], name="signal_firm_date")]

    def __str__(self) -> str:
        return f"{self.happened_on} {self.get_kind_display()}：{self.text[:20]}"


class TargetScore(models.Model):
    """A firm outside the city scored as a target for a node, component by component.

    Derived: rewritten in bulk by the scoring job (``chains.tasks.rescore_targets``), no history.
    Components are stored as points (weight × value × 100) so a row explains its total. The
    filter columns (province, size band, flags, signal) are copied from the firm so the top-50
    list is a walk down the (node, total) index.
    """

    node = models.ForeignKey(ChainNode, verbose_name="节点", on_delete=models.CASCADE, related_name="targets")
    firm = models.ForeignKey("firms.Firm", verbose_name="企业", on_delete=models.CASCADE, related_name="+")
    total = models.FloatField("综合得分")
    fit = models.FloatField("节点匹配")
    size = models.FloatField("规模与质量")
    growth = models.FloatField("成长与扩张")
    proximity = models.FloatField("区位")
    relation = models.FloatField("链主关联")
    precedent = models.FloatField("投资先例")
    province = models.CharField("省份", max_length=20, blank=True)
    size_band = models.CharField("营收规模", max_length=10, blank=True)
    is_listed = models.BooleanField("上市", default=False)
    is_high_tech = models.BooleanField("高新技术", default=False)
    is_specialized = models.BooleanField("专精特新", default=False)
    is_global500 = models.BooleanField("世界500强", default=False)
    has_signal = models.BooleanField("近两年有扩张动态", default=False)
    computed_at = models.DateTimeField("计算时间")

    class Meta:
        verbose_name = "目标企业得分"
        verbose_name_plural = "目标企业得分"
        constraints = [models.UniqueConstraint(fields=["node", "firm"], name="target_score_unique")]
        indexes = [
            models.Index(fields=["node", "-total", "firm"], name="target_node_total"),
            models.Index(fields=["node", "province", "-total"], name="target_node_province"),
        ]

    def __str__(self) -> str:
        return f"{self.firm_id} @ {self.node_id}: {self.total:.1f}"


class TargetOutcome(TimeStampedModel):
    """What became of a recommended firm for a node: contacted, visited, lead, signed.

    The platform's hit rate per gap and chain is computed from these rows against the
    recommendations kept in :class:`GapSnapshot`.
    """

    firm = models.ForeignKey("firms.Firm", verbose_name="企业", on_delete=models.PROTECT, related_name="+")
    node = models.ForeignKey(ChainNode, verbose_name="节点", on_delete=models.PROTECT, related_name="outcomes")
    gap_kind = models.CharField("缺口类型", max_length=12, choices=GapKind.choices, blank=True)
    status = models.CharField("进展", max_length=12, choices=OutcomeStatus.choices)
    unit = models.ForeignKey("organizations.Unit", verbose_name="跟进单位", on_delete=models.PROTECT,
                             related_name="+")
    lead = models.ForeignKey("leads.Lead", verbose_name="线索", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    score = models.FloatField("推荐时得分", null=True, blank=True)
    contacted_on = models.DateField("联系日期", null=True, blank=True)
    visited_on = models.DateField("拜访日期", null=True, blank=True)
    lead_on = models.DateField("生成线索日期", null=True, blank=True)
    signed_on = models.DateField("签约日期", null=True, blank=True)
    note = models.CharField("备注", max_length=300, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="记录人", null=True,
                                   on_delete=models.SET_NULL, related_name="+")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "推荐企业跟进结果"
        verbose_name_plural = "推荐企业跟进结果"
        ordering = ["-updated_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["firm", "node"], name="target_outcome_unique")]


class GapSnapshot(models.Model):
    """A gap as found by a scoring run, with the firms recommended for it then (top 50).

    Derived, no history: the record of what the platform recommended, against which its hit
    rate is measured.
    """

    node = models.ForeignKey(ChainNode, verbose_name="节点", on_delete=models.CASCADE, related_name="gap_snapshots")
    kind = models.CharField("缺口类型", max_length=12, choices=GapKind.choices)
    taken_on = models.DateField("日期")
    priority = models.FloatField("优先度", default=0)
    reasons = models.JSONField("理由", default=list)
    numbers = models.JSONField("数据", default=dict)
    recommended = models.JSONField("推荐企业", default=list, help_text="当次推荐的前50家企业 id")

    class Meta:
        verbose_name = "缺口快照"
        verbose_name_plural = "缺口快照"
        ordering = ["-taken_on", "-priority"]
        constraints = [models.UniqueConstraint(fields=["node", "kind", "taken_on"], name="gap_snapshot_unique")]

    def __str__(self) -> str:
        return f"{self.taken_on} {self.get_kind_display()} {self.node_id}"


class ClusterSnapshot(models.Model):
    """Cluster measures of a chain in a unit (the city unit = the whole city) on a date.

    Derived, no history: taken monthly by a job (and back-filled by the demo) to show change.
    """

    chain = models.ForeignKey(Chain, verbose_name="产业链", on_delete=models.CASCADE, related_name="snapshots")
    unit = models.ForeignKey("organizations.Unit", verbose_name="单位", on_delete=models.CASCADE, related_name="+")
    taken_on = models.DateField("日期")
    placeable_nodes = models.PositiveIntegerField("节点数")
    covered_nodes = models.PositiveIntegerField("有本地企业的节点数")
    coverage = models.FloatField("节点覆盖率")
    firms = models.PositiveIntegerField("本地企业数")
    leaders = models.PositiveIntegerField("链主/龙头企业数")
    projects = models.PositiveIntegerField("在谈在建项目数", default=0)
    capital = WanYuanField("注册资本合计（万元）", default=0)
    lq = models.FloatField("区位商", null=True, blank=True)
    hhi = models.FloatField("集中度（HHI）", null=True, blank=True)
    details = models.JSONField("明细", default=dict, blank=True)

    class Meta:
        verbose_name = "产业集群指标"
        verbose_name_plural = "产业集群指标"
        ordering = ["-taken_on", "chain", "unit"]
        constraints = [models.UniqueConstraint(fields=["chain", "unit", "taken_on"], name="cluster_snapshot_unique")]

    def __str__(self) -> str:
        return f"{self.taken_on} {self.chain_id}/{self.unit_id}"


class TargetRun(models.Model):
    """One run of the scoring job: when, how many targets, how long. A log, no history."""

    started_at = models.DateTimeField("开始时间")
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)
    targets = models.PositiveIntegerField("目标企业数", default=0)
    gaps = models.PositiveIntegerField("缺口数", default=0)
    seconds = models.FloatField("用时（秒）", default=0)
    message = models.CharField("说明", max_length=300, blank=True)

    class Meta:
        verbose_name = "目标企业计算"
        verbose_name_plural = "目标企业计算"
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} {self.targets}"


class FirmImport(models.Model):
    """A firm-universe file and what its import did (rows inserted, updated, rejected, placed).

    A log of a job, no history: the firms it writes are the business data.
    """

    file = models.FileField("文件", upload_to="chains/imports/%Y/%m/")
    original_name = models.CharField("文件名", max_length=255)
    status = models.CharField("状态", max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    total_rows = models.PositiveIntegerField("数据行数", default=0)
    inserted = models.PositiveIntegerField("新增", default=0)
    updated = models.PositiveIntegerField("更新", default=0)
    rejected = models.PositiveIntegerField("拒绝", default=0)
    placed = models.PositiveIntegerField("放到节点的企业", default=0)
    errors = models.JSONField("错误示例", default=list, blank=True, help_text="前 200 个错误行：行号和原因")
    rejected_file = models.FileField("错误行文件", upload_to="chains/imports/%Y/%m/", blank=True)
    message = models.CharField("说明", max_length=500, blank=True)
    seconds = models.FloatField("用时（秒）", default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="导入人", null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("上传时间", auto_now_add=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        verbose_name = "企业库导入"
        verbose_name_plural = "企业库导入"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.original_name
