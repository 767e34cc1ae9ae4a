from django.db import models


class NodeStage(models.TextChoices):
    UPSTREAM = "upstream", "上游"
    MIDSTREAM = "midstream", "中游"
    DOWNSTREAM = "downstream", "下游"
    SUPPORT = "support", "配套"


class LeaderRole(models.TextChoices):
    CHAIN_LEADER = "chain_leader", "链主企业"
    LEADING_FIRM = "leading_firm", "龙头企业"


#: The chain document (catalog.py) spells roles in English words with a space.
ROLE_FROM_DOCUMENT = {"chain leader": LeaderRole.CHAIN_LEADER, "leading firm": LeaderRole.LEADING_FIRM}
ROLE_TO_DOCUMENT = {v: k for k, v in ROLE_FROM_DOCUMENT.items()}


class NeedDirection(models.TextChoices):
    BUYS = "buys", "优先采购"
    SUPPLIES = "supplies", "提供原材料/产品"


class PlacementSource(models.TextChoices):
    AUTO = "auto", "自动识别"
    OFFICER = "officer", "人工确认"


class CorrectionAction(models.TextChoices):
    PLACE = "place", "放到节点"
    REMOVE = "remove", "移出节点"
    NONE = "none", "不属于产业链"


class SignalKind(models.TextChoices):
    FINANCING = "financing", "融资"
    EXPANSION = "expansion", "扩产"
    NEW_PLANT = "new_plant", "新建工厂"


class GapKind(models.TextChoices):
    FILL = "fill", "补链"
    STRENGTHEN = "strengthen", "强链"
    EXTEND = "extend", "延链"


class OutcomeStatus(models.TextChoices):
    """What became of a recommended firm, in the order it usually happens."""

    CONTACTED = "contacted", "已联系"
    VISITED = "visited", "已拜访"
    LEAD = "lead", "已生成线索"
    SIGNED = "signed", "已签约"


OUTCOME_ORDER: list[str] = [s.value for s in OutcomeStatus]


class ImportStatus(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "导入中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"
