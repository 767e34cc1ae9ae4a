from django.db import models


class DocumentSource(models.TextChoices):
    """How a document reached the platform."""

    PASTE = "paste", "粘贴文本"
    FILE = "file", "上传文件"
    FEED = "feed", "订阅条目"


class DocumentStatus(models.TextChoices):
    QUEUED = "queued", "待分析"
    DONE = "done", "已分析"
    FAILED = "failed", "无法分析"


class BatchStatus(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "分析中"
    DONE = "done", "已完成"


class ReviewStatus(models.TextChoices):
    """An extracted project waits for an officer: made into a lead, or set aside."""

    PENDING = "pending", "待审核"
    ACCEPTED = "accepted", "已生成线索"
    DISMISSED = "dismissed", "已忽略"
