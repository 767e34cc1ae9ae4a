"""Import and export jobs: one row per uploaded file and per large export, with its status.

An import is parsed and checked row by row when uploaded (状态 待确认, with every row's errors),
and written only when the officer confirms a file without errors (已导入), all or nothing.
A large export runs in the background (huey) and reports its progress until its file is ready.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from .enums import ExportStatus, ImportStatus


class ImportJob(models.Model):
    kind = models.CharField("导入类型", max_length=40, help_text="导入器的代码，如 projects")
    file = models.FileField("上传文件", upload_to="dataio/imports/%Y/%m/")
    original_name = models.CharField("文件名", max_length=255)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="上传人", null=True,
                                    on_delete=models.SET_NULL, related_name="import_jobs")
    unit = models.ForeignKey("organizations.Unit", verbose_name="上传人单位", null=True, blank=True,
                             on_delete=models.PROTECT, related_name="import_jobs")
    status = models.CharField("状态", max_length=20, choices=ImportStatus.choices, default=ImportStatus.PREVIEW,
                              db_index=True)
    message = models.CharField("说明", max_length=500, blank=True,
                               help_text="文件无法读取或导入失败的原因")
    total_rows = models.PositiveIntegerField("数据行数", default=0)
    valid_rows = models.PositiveIntegerField("正确行数", default=0)
    invalid_rows = models.PositiveIntegerField("错误行数", default=0)
    skipped_rows = models.PositiveIntegerField("跳过行数", default=0, help_text="示例行、合计行")
    to_create = models.PositiveIntegerField("预计新增", default=0)
    to_update = models.PositiveIntegerField("预计更新", default=0)
    unchanged_rows = models.PositiveIntegerField("无变化", default=0)
    created_rows = models.PositiveIntegerField("实际新增", default=0)
    updated_rows = models.PositiveIntegerField("实际更新", default=0)
    errors = models.JSONField("错误", default=list, blank=True,
                              help_text='每个错误行一项：{"row": Excel 行号, "errors": [原因…]}')
    preview = models.JSONField("预览", default=dict, blank=True, help_text="表头和前若干行，供预览页显示")
    notices = models.JSONField("提示", default=list, blank=True, help_text="不影响导入的提示，如已忽略的列")
    plan = models.JSONField("校验快照", default=dict, blank=True,
                            help_text="预览时的记录版本等，确认导入时据此发现他人在预览后做的修改")
    created_at = models.DateTimeField("上传时间", auto_now_add=True)
    applied_at = models.DateTimeField("导入时间", null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["errors", "preview", "plan"])

    class Meta:
        verbose_name = "导入批次"
        verbose_name_plural = "导入批次"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"导入批次 #{self.pk}（{self.original_name}）"

    @property
    def can_apply(self) -> bool:
        """All or nothing: only a previewed file without a single error row may be written."""
        return self.status == ImportStatus.PREVIEW and self.invalid_rows == 0 and self.valid_rows > 0


class ExportJob(models.Model):
    kind = models.CharField("导出类型", max_length=40)
    params = models.JSONField("筛选条件", default=dict, blank=True)
    title = models.CharField("名称", max_length=200, blank=True)
    status = models.CharField("状态", max_length=20, choices=ExportStatus.choices, default=ExportStatus.QUEUED,
                              db_index=True)
    total_rows = models.PositiveIntegerField("总行数", default=0)
    done_rows = models.PositiveIntegerField("已完成行数", default=0)
    file = models.FileField("文件", upload_to="dataio/exports/%Y/%m/", blank=True)
    message = models.CharField("说明", max_length=500, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="申请人", null=True,
                                     on_delete=models.SET_NULL, related_name="export_jobs")
    created_at = models.DateTimeField("申请时间", auto_now_add=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["done_rows"])

    class Meta:
        verbose_name = "导出任务"
        verbose_name_plural = "导出任务"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"导出任务 #{self.pk}（{self.title or self.kind}）"

    @property
    def percent(self) -> int:
        if self.status == ExportStatus.DONE:
            return 100
        return min(99, int(self.done_rows * 100 / self.total_rows)) if self.total_rows else 0

    @property
    def is_finished(self) -> bool:
        return self.status in (ExportStatus.DONE, ExportStatus.FAILED)
