from django.db import models


class Stage(models.TextChoices):
    NEGOTIATING = "negotiating", "洽谈"
    SIGNED = "signed", "签约"
    REGISTERED = "registered", "注册落地"
    UNDER_CONSTRUCTION = "under_construction", "开工"
    IN_PRODUCTION = "in_production", "投产"
    ON_HOLD = "on_hold", "暂缓"
    DROPPED = "dropped", "终止"


# The forward path, one step at a time; 暂缓 and 终止 sit beside it.
STAGE_ORDER: list[str] = [Stage.NEGOTIATING, Stage.SIGNED, Stage.REGISTERED, Stage.UNDER_CONSTRUCTION,
                          Stage.IN_PRODUCTION]
ACTIVE_STAGES = frozenset(STAGE_ORDER[:-1])


class ProjectKind(models.TextChoices):
    NEW = "new", "新引进项目"
    EXPANSION = "expansion", "增资扩产"


class FollowUpKind(models.TextChoices):
    VISIT = "visit", "走访"
    CALL = "call", "电话"
    RECEPTION = "reception", "接待"
    MEETING = "meeting", "会谈"
    SITE_INSPECTION = "site_inspection", "实地考察"


class ChainName(models.TextChoices):
    """Plain chain field until chain maps are linked (the chains issue)."""

    PETROCHEMICAL = "石化", "石化"
    BIOPHARMA = "生物医药", "生物医药"
    NEW_MATERIALS = "新材料", "新材料"
    OTHER = "其他", "其他"


class AgreementKind(models.TextChoices):
    FRAMEWORK = "framework", "框架协议"
    FORMAL = "formal", "正式合同"


class LeaderActivityKind(models.TextChoices):
    OUTBOUND_VISIT = "outbound_visit", "外出招商"
    INVESTOR_RECEPTION = "investor_reception", "接待客商"


class TaskForceKind(models.TextChoices):
    PROJECT = "project", "项目专班"
    CHAIN = "chain", "产业链专班"


class ScoreKind(models.TextChoices):
    SCALE = "scale", "体量"
    TIER = "tier", "层次"
    MATURITY = "maturity", "成熟度"


class WarningSeverity(models.TextChoices):
    RED = "red", "红色"
    AMBER = "amber", "黄色"


# The construction milestones cities publish for a signed project's plan.
DEFAULT_MILESTONES = ["规划选址", "用地预审", "可研批复", "环评批复", "施工图审查", "施工招标", "施工许可"]
