"""The unit tree: 市 → 县区 / 功能板块 / 部门 → 园区.

Each unit keeps a materialised ``path`` of ids ("/1/4/9/") so "this unit and everything
under it" is one indexed prefix query — the basis of data scoping.
"""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from zhaoshang.core.models import TimeStampedModel

from .enums import UnitKind


class Unit(TimeStampedModel):
    code = models.SlugField("编码", max_length=40, unique=True,
                            help_text="稳定的英文/数字编码，导入导出和演示数据用它识别单位")
    name = models.CharField("名称", max_length=100)
    short_name = models.CharField("简称", max_length=30, blank=True)
    kind = models.CharField("类型", max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey("self", verbose_name="上级单位", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children")
    path = models.CharField("路径", max_length=255, editable=False, db_index=True)
    depth = models.PositiveSmallIntegerField("层级", default=0, editable=False)
    sort_order = models.PositiveIntegerField("排序", default=0)
    admin_code = models.CharField("行政区划代码", max_length=12, blank=True)
    description = models.TextField("简介", blank=True)
    is_active = models.BooleanField("启用", default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "单位"
        verbose_name_plural = "单位"
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="unit_unique_name_per_parent"),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def is_within(self, other: Unit) -> bool:
        """True when self is ``other`` or lies under it."""
        return self.path.startswith(other.path)
