"""The year's counting rules as a plain value, and the recognition verdict (认定) of one project.

``Rules`` is what ``RecognitionPolicy`` holds, loaded once; ``recognise`` is the one place that
decides whether a project is counted at all, and says why in words an officer can check.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from zhaoshang.core.money import format_wan

from .facts import ProjectFact

KIND_LABELS = {"district": "县区", "zone": "功能板块", "department": "市级部门", "city": "市本级"}


@dataclass(frozen=True)
class Rules:
    year: int
    thresholds: dict[str, Decimal] = field(default_factory=dict)  # unit kind → min total investment (万元)
    excluded: dict[str, str] = field(default_factory=dict)  # category code → label
    count_once: bool = True
    start_window_years: int = 1
    production_window_years: int = 3
    capital_window_years: int = 3
    count_local_money: bool = False
    default_outside_share: Decimal = Decimal(1)
    major_min_investment: Decimal = Decimal(100000)
    green_at: Decimal = Decimal(1)
    amber_at: Decimal = Decimal("0.9")
    tiers: tuple[tuple[str, Decimal], ...] = ()  # (label, min total investment) from the projects' tier table
    # Verdicts already given, by project id: recognition depends on facts a replay to an earlier day does
    # not change (flags, total investment, money share, unit), and each project meets every indicator.
    verdicts: dict = field(default_factory=dict, compare=False, repr=False)


# What the city never counts, as published in typical 招商引资考核办法 (the city edits the list).
DEFAULT_CATEGORIES = [
    ("local_money", "纯本地资金项目", "投资主体和资金均来自本市，不属于招商引资"),
    ("housing", "住宅类房地产项目", "住宅类房地产开发项目不计入招商引资"),
    ("later_phase", "已签约项目的后续期", "已计入的签约项目的二期、三期等后续期，不作为新签约项目重复计入"),
    ("falsified", "弄虚作假项目", "经核查数据不实、虚报的项目，不计入并按考核办法扣分"),
    ("duplicate", "重复统计项目", "同一投资方同一项目被多个单位重复申报，只计一次（重复招商）"),
]

DEFAULT_THRESHOLDS = {"district": Decimal(10000), "zone": Decimal(10000), "department": Decimal(5000),
                      "city": Decimal(10000)}


@dataclass(frozen=True, slots=True)
class Verdict:
    counted: bool
    rule: str
    code: str  # recognised, flag:<category>, threshold, local_money


def amount_text(value: Decimal) -> str:
    """1 亿元, 1.5 亿元, 9,999 万元: whole hundreds of 万 from 1亿 up read in 亿, the rest in 万元."""
    if value >= 10000 and value % 100 == 0:
        return f"{(value / Decimal(10000)).normalize():f} 亿元"
    return f"{format_wan(value)} 万元"


def money_share(p: ProjectFact, rules: Rules) -> Decimal:
    """The part of the project's money that counts: all of it if local money counts, else its outside share."""
    if rules.count_local_money:
        return Decimal(1)
    return p.outside_share if p.outside_share is not None else rules.default_outside_share


def flag_verdict(p: ProjectFact, rules: Rules) -> Verdict | None:
    for flag in p.flags:
        if flag.category in rules.excluded:
            if flag.duplicate_of:
                return Verdict(False, f"不计入：{flag.label}（与项目 #{flag.duplicate_of} 重复，只计一次）：{flag.reason}",
                               f"flag:{flag.category}")
            return Verdict(False, f"不计入：{flag.label}（{flag.reason}）", f"flag:{flag.category}")
    return None


def recognise(p: ProjectFact, rules: Rules) -> Verdict:
    """Is the project a recognised 招商 project this year? Flags first, then the unit's threshold, then money."""
    verdict = rules.verdicts.get(p.id)
    if verdict is None:
        verdict = rules.verdicts[p.id] = _recognise(p, rules)
    return verdict


def _recognise(p: ProjectFact, rules: Rules) -> Verdict:
    flagged = flag_verdict(p, rules)
    if flagged:
        return flagged
    kind = KIND_LABELS.get(p.unit_kind, p.unit_kind)
    threshold = rules.thresholds.get(p.unit_kind)
    if threshold is not None and p.total_investment < threshold:
        return Verdict(False, f"总投资 {amount_text(p.total_investment)}，低于{kind}认定门槛 {amount_text(threshold)}",
                       "threshold")
    share = money_share(p, rules)
    if share <= 0:
        return Verdict(False, "纯本地资金项目（省外境内资金及外资占比为 0），按口径不计入", "local_money")
    bar = f"，达到{kind}认定门槛 {amount_text(threshold)}" if threshold is not None else ""
    return Verdict(True, f"符合认定：总投资 {amount_text(p.total_investment)}{bar}", "recognised")
