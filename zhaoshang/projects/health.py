"""Project health checks (项目体检): small registered checks over plain facts.

Each check's parameters come from the HealthRule table (the city edits them); the defaults
follow rules cities publish for stalled signed projects.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal


@dataclass(frozen=True)
class HealthFacts:
    stage: str
    total_investment: Decimal
    contracted_amount: Decimal | None = None
    signed_on: date | None = None
    registered_on: date | None = None
    construction_started_on: date | None = None
    production_started_on: date | None = None
    last_follow_up_on: date | None = None
    negotiation_started_on: date | None = None
    capital_total: Decimal = Decimal(0)
    capital_dates: tuple[date, ...] = ()
    overdue_milestones: tuple[tuple[str, date], ...] = ()


@dataclass(frozen=True)
class HealthRuleSpec:
    code: str
    label: str
    severity: str
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    message: str


Check = Callable[[HealthFacts, dict, date], str | None]
CHECKS: dict[str, Check] = {}


def check(code: str) -> Callable[[Check], Check]:
    def register(fn: Check) -> Check:
        CHECKS[code] = fn
        return fn
    return register


def _months_ago(today: date, months: int) -> date:
    return today - timedelta(days=round(months * 30.44))


def _committed(f: HealthFacts) -> Decimal:
    return f.contracted_amount or f.total_investment


@check("signed_not_started")
def _signed_not_started(f: HealthFacts, p: dict, today: date) -> str | None:
    days = int(p.get("days", 365))
    if f.stage in ("signed", "registered") and f.signed_on and (today - f.signed_on).days > days:
        return f"签约已 {(today - f.signed_on).days} 天（超过 {days} 天）仍未开工"
    return None


@check("signed_not_registered")
def _signed_not_registered(f: HealthFacts, p: dict, today: date) -> str | None:
    days = int(p.get("days", 90))
    if f.stage == "signed" and f.signed_on and (today - f.signed_on).days > days:
        return f"签约已 {(today - f.signed_on).days} 天（超过 {days} 天）仍未注册落地"
    return None


@check("no_capital_months")
def _no_capital_months(f: HealthFacts, p: dict, today: date) -> str | None:
    months = int(p.get("months", 3))
    start = f.construction_started_on
    if f.stage != "under_construction" or not start or start > _months_ago(today, months):
        return None
    since = _months_ago(today, months)
    if not any(d >= since for d in f.capital_dates):
        return f"开工后已连续 {months} 个月没有资金到位"
    return None


@check("low_capital_ratio")
def _low_capital_ratio(f: HealthFacts, p: dict, today: date) -> str | None:
    months, ratio = int(p.get("months", 6)), Decimal(str(p.get("min_ratio", 0.15)))
    start = f.construction_started_on
    if f.stage not in ("under_construction", "in_production") or not start or start > _months_ago(today, months):
        return None
    committed = _committed(f)
    actual = f.capital_total / committed if committed else Decimal(0)
    if actual < ratio:
        return f"开工超过 {months} 个月，到位资金仅占签约额的 {actual:.1%}（低于 {ratio:.0%}）"
    return None


@check("capital_milestone_mismatch")
def _capital_milestone_mismatch(f: HealthFacts, p: dict, today: date) -> str | None:
    minimum = p.get("min_ratio_by_stage", {"in_production": 0.5})
    need = minimum.get(f.stage)
    if need is None:
        return None
    committed = _committed(f)
    actual = f.capital_total / committed if committed else Decimal(0)
    if actual < Decimal(str(need)):
        return f"已{'投产' if f.stage == 'in_production' else '开工'}，但到位资金仅占签约额的 {actual:.1%}" \
               f"（该阶段应不低于 {Decimal(str(need)):.0%}），资金与建设进度不匹配"
    return None


@check("major_no_follow_up")
def _major_no_follow_up(f: HealthFacts, p: dict, today: date) -> str | None:
    days, minimum = int(p.get("days", 30)), Decimal(str(p.get("min_investment", 10000)))
    if f.stage in ("dropped", "in_production") or f.total_investment < minimum:
        return None
    last = f.last_follow_up_on or f.negotiation_started_on
    if last and (today - last).days > days:
        return f"重大项目已 {(today - last).days} 天没有跟踪服务（超过 {days} 天）"
    return None


@check("milestone_overdue")
def _milestone_overdue(f: HealthFacts, p: dict, today: date) -> str | None:
    if not f.overdue_milestones or f.stage in ("dropped", "in_production"):
        return None
    items = "、".join(f"{name}（计划 {d:%Y-%m-%d}）" for name, d in f.overdue_milestones)
    return f"建设节点逾期：{items}"


DEFAULT_HEALTH_RULES = [
    HealthRuleSpec("signed_not_started", "签约超过一年未开工", "red", {"days": 365}),
    HealthRuleSpec("no_capital_months", "开工后连续3个月无资金到位", "amber", {"months": 3}),
    HealthRuleSpec("low_capital_ratio", "开工超6个月到位资金低于签约额15%", "red", {"months": 6, "min_ratio": 0.15}),
    HealthRuleSpec("capital_milestone_mismatch", "到位资金与建设进度不匹配", "amber",
                   {"min_ratio_by_stage": {"in_production": 0.5}}),
    HealthRuleSpec("signed_not_registered", "签约超过90天未注册落地", "amber", {"days": 90}),
    HealthRuleSpec("major_no_follow_up", "重大项目30天无跟踪服务", "amber", {"days": 30, "min_investment": 10000}),
    HealthRuleSpec("milestone_overdue", "建设节点逾期", "amber", {}),
]


def examine(facts: HealthFacts, rules: list[HealthRuleSpec], today: date) -> list[Finding]:
    out = []
    for rule in rules:
        fn = CHECKS.get(rule.code)
        message = fn(facts, rule.params, today) if fn else None
        if message:
            out.append(Finding(rule.code, rule.severity, message))
    return out
