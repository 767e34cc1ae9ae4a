from django.db import models


class ChannelKind(models.TextChoices):
    BUSINESS_ASSOCIATION = "business_association", "商协会"
    INVESTMENT_INSTITUTION = "investment_institution", "投资机构"
    NATIVE_ENTREPRENEUR = "native_entrepreneur", "本土在外企业家"
    AGENT = "agent", "招商中介"
    OUTPOST = "outpost", "驻外招商机构"
    CHAIN_LEADER_REFERRAL = "chain_leader_referral", "链主企业推荐"
    FAIR = "fair", "展会推介会"
    NEWS = "news", "新闻信息挖掘"
    TARGETING = "targeting", "产业链精准招商"


class LeadStatus(models.TextChoices):
    NEW = "new", "新线索"
    QUALIFIED = "qualified", "已研判"
    CONVERTED = "converted", "已转项目"
    REJECTED = "rejected", "已否决"


class InstitutionOrigin(models.TextChoices):
    """For investment institutions (投资机构): domestic or foreign (境内 / 境外)."""

    DOMESTIC = "domestic", "境内"
    FOREIGN = "foreign", "境外"


class ContactField(models.TextChoices):
    """Personal data of a contact that is masked and revealed one field at a time (each reveal logged)."""

    PHONE = "phone", "手机"
    EMAIL = "email", "电子邮箱"
    WECHAT = "wechat", "微信"


class AssessmentDimension(models.TextChoices):
    """The dimensions of 研判 (lead assessment), each rated and commented."""

    INDUSTRY_FIT = "industry_fit", "产业契合度"
    MARKET = "market", "市场前景"
    TECHNOLOGY = "technology", "技术水平"
    ENVIRONMENT = "environment", "环境影响"
    ENERGY = "energy", "能耗水平"
    RETURNS = "returns", "投入产出"


class Rating(models.IntegerChoices):
    EXCELLENT = 5, "优"
    GOOD = 4, "良"
    FAIR = 3, "中"
    WEAK = 2, "较差"
    POOR = 1, "差"


class DeadlineKind(models.TextChoices):
    """Response deadlines of a lead, counted in calendar days from the day it was received."""

    ACKNOWLEDGE = "acknowledge", "受理"
    ASSESS = "assess", "研判"
    FEEDBACK = "feedback", "向推荐方反馈"


class ConflictKind(models.TextChoices):
    DUPLICATE_PURSUIT = "duplicate_pursuit", "重复招商"
    DUPLICATE_SIGNING = "duplicate_signing", "重复签约"


class ConflictStatus(models.TextChoices):
    OPEN = "open", "待裁定"
    DECIDED = "decided", "已裁定"


class ConflictDecision(models.TextChoices):
    ONE_OWNER = "one_owner", "归属一方"
    JOINT = "joint", "联合招商（按比例计算）"


class TransferStatus(models.TextChoices):
    PENDING = "pending", "待接收"
    ACCEPTED = "accepted", "已接收"
    DECLINED = "declined", "已退回"
    CANCELLED = "cancelled", "已撤回"
