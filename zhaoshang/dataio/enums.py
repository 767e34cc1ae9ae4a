from django.db import models


class ImportStatus(models.TextChoices):
    PREVIEW = "preview", "待确认"
    APPLIED = "applied", "已导入"
    FAILED = "failed", "失败"
    CANCELLED = "cancelled", "已取消"


class ExportStatus(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "生成中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"
