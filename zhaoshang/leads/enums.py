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
