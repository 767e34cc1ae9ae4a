from django.db import models


class FactorKind(models.TextChoices):
    """要素种类: each is routed to one responsible department (RoutingRule)."""

    LAND = "land", "用地"
    FINANCE = "finance", "金融"
    APPROVAL = "approval", "审批"
    ENERGY = "energy", "能耗"
    ENVIRONMENT = "environment", "环评"
    LABOUR = "labour", "用工"
    UTILITIES = "utilities", "水电气"
    OTHER = "other", "其他"


class RequestStatus(models.TextChoices):
    SUBMITTED = "submitted", "待受理"
    ACCEPTED = "accepted", "已受理"
    INFO_REQUESTED = "info_requested", "待补充材料"
    RESOLVED = "resolved", "已办结"
    DECLINED = "declined", "已退回"
    WITHDRAWN = "withdrawn", "已撤回"


# The department's clock runs in these states; in 待补充材料 it waits for the raising unit.
CLOCK_RUNNING = frozenset({RequestStatus.SUBMITTED, RequestStatus.ACCEPTED})
OPEN_STATUSES = frozenset({RequestStatus.SUBMITTED, RequestStatus.ACCEPTED, RequestStatus.INFO_REQUESTED})
CLOSED_STATUSES = frozenset({RequestStatus.RESOLVED, RequestStatus.DECLINED, RequestStatus.WITHDRAWN})


class Urgency(models.TextChoices):
    NORMAL = "normal", "一般"
    URGENT = "urgent", "紧急"
    CRITICAL = "critical", "特急"


class FinanceKind(models.TextChoices):
    LOAN = "loan", "银行贷款"
    GUARANTEE = "guarantee", "融资担保"
    EQUITY = "equity", "股权投资/产业基金"
    LEASING = "leasing", "融资租赁"
    SUBSIDY = "subsidy", "专项资金/奖补"
    OTHER = "other", "其他"


class SiteKind(models.TextChoices):
    """载体 kinds: land is measured in 亩, buildings in ㎡."""

    LAND = "land", "土地"
    STANDARD_FACTORY = "standard_factory", "标准厂房"
    OFFICE_BUILDING = "office_building", "楼宇"


class SiteStatus(models.TextChoices):
    AVAILABLE = "available", "可用"
    NEGOTIATING = "negotiating", "洽谈中"
    TAKEN = "taken", "已落地"


class StepAction(models.TextChoices):
    """One line of a request's timeline."""

    SUBMITTED = "submitted", "提出需求"
    ACCEPTED = "accepted", "受理"
    INFO_REQUESTED = "info_requested", "要求补充材料"
    INFO_PROVIDED = "info_provided", "补充材料"
    RESOLVED = "resolved", "办结"
    DECLINED = "declined", "退回"
    WITHDRAWN = "withdrawn", "撤回"
    REASSIGNED = "reassigned", "改派"
    COMMENTED = "commented", "留言"
    ESCALATED = "escalated", "超期督办"
    JOINT_REVIEW = "joint_review", "联审"
