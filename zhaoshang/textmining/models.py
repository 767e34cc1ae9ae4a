"""Uploaded documents, the projects the extractor found in them, and the officer's review.

A document is kept as its original bytes (under MEDIA_ROOT, under a random name) and as the
normalised text every evidence span indexes into. Each project found becomes an
ExtractedProject waiting for review: made into a lead (channel 新闻信息挖掘) or dismissed.
"""

from __future__ import annotations

import secrets
import uuid
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from zhaoshang.core.models import TimeStampedModel

from .enums import BatchStatus, DocumentSource, DocumentStatus, ReviewStatus


def original_upload_to(instance: SourceDocument, filename: str) -> str:
    """textmining/<uuid>/<random hex>.<ext>: nothing of the uploaded name reaches the file system."""
    ext = PurePath(filename).suffix.lower()
    ext = ext if ext in (".txt", ".html", ".htm", ".xml", ".rss", ".atom") else ".txt"
    return f"textmining/{uuid.uuid4()}/{secrets.token_hex(16)}{ext}"


class UploadBatch(models.Model):
    """One paste or one upload of several files: its documents are analysed together, with progress."""

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    unit = models.ForeignKey(
        "organizations.Unit", verbose_name="所属单位", on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField("状态", max_length=10, choices=BatchStatus.choices, default=BatchStatus.QUEUED)
    total = models.PositiveIntegerField("文档数", default=0)
    done = models.PositiveIntegerField("已分析", default=0)
    notes = models.JSONField("提示", default=list, blank=True, help_text="未收下的文件及原因、重复上传的文档")
    created_at = models.DateTimeField("上传时间", auto_now_add=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        verbose_name = "上传批次"
        verbose_name_plural = "上传批次"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"上传批次 #{self.pk}"

    @property
    def percent(self) -> int:
        return 100 if not self.total else min(100, round(100 * self.done / self.total))

    @property
    def is_finished(self) -> bool:
        return self.status == BatchStatus.DONE

    @property
    def is_stalled(self) -> bool:
        """Queued for minutes without a start: the task queue is probably not running."""
        from datetime import timedelta

        from django.utils import timezone

        return self.status == BatchStatus.QUEUED and timezone.now() - self.created_at > timedelta(minutes=2)


class SourceDocument(TimeStampedModel):
    batch = models.ForeignKey(
        UploadBatch,
        verbose_name="上传批次",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name="所属单位",
        on_delete=models.PROTECT,
        related_name="mined_documents",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source = models.CharField("来源", max_length=10, choices=DocumentSource.choices)
    title = models.CharField("标题", max_length=200)
    filename = models.CharField("文件名", max_length=255, blank=True, help_text="上传时的文件名，仅用于显示")
    original = models.FileField("原文件", upload_to=original_upload_to, max_length=200)
    size = models.PositiveIntegerField("大小（字节）")
    sha1 = models.CharField("SHA-1", max_length=40, help_text="原文件内容的摘要，同一单位重复上传时据此识别")
    encoding = models.CharField("文字编码", max_length=30, blank=True)
    text = models.TextField("规范化文本", blank=True, help_text="证据位置以此文本为准")
    status = models.CharField(
        "状态", max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.QUEUED, db_index=True
    )
    error = models.CharField("无法分析的原因", max_length=500, blank=True)
    warnings = models.JSONField("提示", default=list, blank=True)
    aggregates = models.JSONField(
        "汇总数据", default=list, blank=True, help_text="共签约项目N个、总投资M亿元之类的汇总，不生成项目"
    )
    processed_at = models.DateTimeField("分析时间", null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["text", "aggregates", "warnings"])

    class Meta:
        verbose_name = "挖掘文档"
        verbose_name_plural = "挖掘文档"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "sha1"], name="mined_document_unique_per_unit")
        ]
        indexes = [models.Index(fields=["unit", "-created_at"], name="mined_document_unit_recent")]

    def __str__(self) -> str:
        return self.title


class ExtractedProject(TimeStampedModel):
    """One project the extractor found, with its evidence; an officer accepts it as a lead or dismisses it."""

    document = models.ForeignKey(
        SourceDocument, verbose_name="文档", on_delete=models.CASCADE, related_name="projects"
    )
    index = models.PositiveSmallIntegerField("序号", help_text="在文档中的顺序，从 1 开始")
    data = models.JSONField("抽取结果", help_text="extract_document 的项目 JSON，含每个值的证据位置")
    status = models.CharField(
        "审核状态", max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.PENDING, db_index=True
    )
    lead = models.OneToOneField(
        "leads.Lead",
        verbose_name="生成的线索",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mined_from",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    dismiss_reason = models.CharField("忽略原因", max_length=300, blank=True)

    history = HistoricalRecords(excluded_fields=["data"])

    class Meta:
        verbose_name = "挖掘出的项目"
        verbose_name_plural = "挖掘出的项目"
        ordering = ["document", "index"]
        constraints = [
            models.UniqueConstraint(fields=["document", "index"], name="extracted_project_unique_index")
        ]

    def __str__(self) -> str:
        return self.name or self.firm_name or f"项目 {self.index}"

    @property
    def name(self) -> str:
        return self.data.get("name") or ""

    @property
    def companies(self) -> list[str]:
        return list(self.data.get("companies") or [])

    @property
    def firm_name(self) -> str:
        """The investor the lead is about: the first firm named for the project."""
        return self.companies[0] if self.companies else ""

    @property
    def evidence(self) -> dict[str, Any]:
        return self.data.get("evidence") or {}
