from django.db import models


class Rag(models.TextChoices):
    """红黄绿: progress against 序时进度 (the share of the year elapsed)."""

    GREEN = "green", "绿"
    AMBER = "amber", "黄"
    RED = "red", "红"
    NONE = "none", "未下达目标"


class CountingUnitKind(models.TextChoices):
    """The unit kinds a recognition threshold is set for (a park's projects use its district's or zone's)."""

    DISTRICT = "district", "县区"
    ZONE = "zone", "功能板块"
    DEPARTMENT = "department", "市级部门"
    CITY = "city", "市本级"


class SchemeRuleKind(models.TextChoices):
    WEIGHT = "weight", "指标权重"
    QUOTA = "quota", "分档任务"
    BONUS = "bonus", "加分"
    DEDUCTION = "deduction", "扣分"
    CAP = "cap", "封顶"


class DeductionCheck(models.TextChoices):
    """What a deduction rule counts (its ``params['check']``)."""

    NOT_STARTED_ON_TIME = "not_started_on_time", "签约后逾期未开工"
    FLAG = "flag", "被认定为某类不计入项目"


class CapTarget(models.TextChoices):
    BONUS = "bonus", "加分合计"
    DEDUCTION = "deduction", "扣分合计"
    TOTAL = "total", "总分"


class BriefingKind(models.TextChoices):
    MONTHLY = "monthly", "月度通报"
    QUARTERLY = "quarterly", "季度通报"
    RED_BLACK = "red_black", "红黑榜"


class BriefingStatus(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "生成中"
    DONE = "done", "已生成"
    FAILED = "failed", "生成失败"


class UnitGroup(models.TextChoices):
    """Rankings are separate for districts/counties and for functional zones."""

    DISTRICT = "district", "县区"
    ZONE = "zone", "功能板块"
