"""The three project scores — 体量 (scale), 层次 (tier), 成熟度 (maturity) — each 0–100, explained.

Each rule is a small component registered under a code; its points and parameters come from
the ScoreRule table, which the city admin edits. A component returns how much of its points a
project earns (0–1) and why, in Chinese. A score is the points earned over the points on
offer, ×100, so changing a weight never pushes a score past 100.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

YI = Decimal(10000)


@dataclass(frozen=True)
class ProjectFacts:
    """What scoring needs to know about a project, as plain values (tested without a database)."""

    total_investment: Decimal
    stage: str
    chain: str = ""
    fixed_asset_investment: Decimal | None = None
    land_mu: Decimal | None = None
    foreign_investment_usd: Decimal | None = None
    expected_annual_output: Decimal | None = None
    expected_annual_tax: Decimal | None = None
    agreement_kind: str = ""
    site: str = ""
    investor_listed: bool = False
    investor_chain_leader: bool = False
    days_since_follow_up: int | None = None
    has_leader: bool = False
    has_task_force: bool = False


@dataclass(frozen=True)
class RuleSpec:
    score: str
    code: str
    label: str
    points: int
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class RuleResult:
    code: str
    label: str
    points: int
    earned: int
    reason: str


@dataclass(frozen=True)
class ScoreResult:
    score: str
    value: int
    rules: list[RuleResult]


Component = Callable[[ProjectFacts, dict], tuple[float, str]]
COMPONENTS: dict[str, Component] = {}


def component(code: str) -> Callable[[Component], Component]:
    def register(fn: Component) -> Component:
        COMPONENTS[code] = fn
        return fn
    return register


def _yi(v: Decimal | None) -> str:
    return f"{(Decimal(v or 0) / YI).quantize(Decimal('0.01'))}亿元"


@component("scale_investment")
def _scale_investment(f: ProjectFacts, p: dict) -> tuple[float, str]:
    reached = [(Decimal(str(lo)), frac) for lo, frac in p.get("brackets", []) if f.total_investment >= Decimal(str(lo))]
    if not reached:
        return 0.0, f"总投资{_yi(f.total_investment)}，未达到最低档"
    lo, frac = max(reached)
    return float(frac), f"总投资{_yi(f.total_investment)}，达到{_yi(lo)}档"


@component("scale_fixed_asset")
def _scale_fixed_asset(f: ProjectFacts, p: dict) -> tuple[float, str]:
    if not f.fixed_asset_investment or not f.total_investment:
        return 0.0, "未填写固定资产投资"
    share = float(f.fixed_asset_investment / f.total_investment)
    target = float(p.get("min_share", 0.6))
    return min(1.0, share / target), f"固定资产投资占总投资 {share:.0%}（满分线 {target:.0%}）"


@component("scale_output")
def _scale_output(f: ProjectFacts, p: dict) -> tuple[float, str]:
    full = Decimal(str(p.get("full_at", 100000)))
    if not f.expected_annual_output:
        return 0.0, "未填写预计年产值"
    return min(1.0, float(f.expected_annual_output / full)), \
        f"预计年产值{_yi(f.expected_annual_output)}（满分线{_yi(full)}）"


@component("scale_foreign")
def _scale_foreign(f: ProjectFacts, p: dict) -> tuple[float, str]:
    full = Decimal(str(p.get("full_at_usd", 3000)))
    if not f.foreign_investment_usd:
        return 0.0, "无外资"
    return min(1.0, float(f.foreign_investment_usd / full)), \
        f"外资 {f.foreign_investment_usd} 万美元（满分线 {full} 万美元）"


@component("tier_priority_chain")
def _tier_priority_chain(f: ProjectFacts, p: dict) -> tuple[float, str]:
    chains = p.get("chains", ["石化", "生物医药", "新材料"])
    if f.chain in chains:
        return 1.0, f"属于重点产业链“{f.chain}”"
    return 0.0, "不属于重点产业链" if f.chain else "未填写产业链"


@component("tier_investor_quality")
def _tier_investor_quality(f: ProjectFacts, p: dict) -> tuple[float, str]:
    if f.investor_chain_leader and f.investor_listed:
        return 1.0, "投资方是上市公司，且是链主企业"
    if f.investor_listed:
        return 0.8, "投资方是上市公司"
    if f.investor_chain_leader:
        return 0.8, "投资方是链主企业"
    return 0.0, "投资方不是上市公司或链主企业（或未关联企业库）"


@component("tier_intensity")
def _tier_intensity(f: ProjectFacts, p: dict) -> tuple[float, str]:
    full = Decimal(str(p.get("full_at_per_mu", 500)))
    if not f.land_mu:
        return 0.0, "未填写用地面积，无法计算亩均投资"
    per_mu = (f.total_investment / f.land_mu).quantize(Decimal("0.1"))
    return min(1.0, float(per_mu / full)), f"亩均投资 {per_mu} 万元/亩（满分线 {full}）"


@component("tier_tax_per_mu")
def _tier_tax_per_mu(f: ProjectFacts, p: dict) -> tuple[float, str]:
    full = Decimal(str(p.get("full_at_per_mu", 30)))
    if not f.land_mu or not f.expected_annual_tax:
        return 0.0, "未填写用地面积或预计税收，无法计算亩均税收"
    per_mu = (f.expected_annual_tax / f.land_mu).quantize(Decimal("0.1"))
    return min(1.0, float(per_mu / full)), f"亩均税收 {per_mu} 万元/亩（满分线 {full}）"


@component("maturity_stage")
def _maturity_stage(f: ProjectFacts, p: dict) -> tuple[float, str]:
    from .enums import Stage

    fractions = p.get("fractions", {})
    return float(fractions.get(f.stage, 0)), f"处于“{Stage(f.stage).label}”阶段"


@component("maturity_agreement")
def _maturity_agreement(f: ProjectFacts, p: dict) -> tuple[float, str]:
    if f.agreement_kind == "formal":
        return 1.0, "已签正式合同"
    if f.agreement_kind == "framework":
        return 0.5, "已签框架协议"
    return 0.0, "尚未签约"


@component("maturity_site")
def _maturity_site(f: ProjectFacts, p: dict) -> tuple[float, str]:
    if f.site:
        return 1.0, f"已确定选址：{f.site}"
    if f.land_mu:
        return 0.5, f"已明确用地需求 {f.land_mu} 亩，尚未确定选址"
    return 0.0, "未明确用地需求和选址"


@component("maturity_follow_up")
def _maturity_follow_up(f: ProjectFacts, p: dict) -> tuple[float, str]:
    fresh, stale = int(p.get("fresh_days", 30)), int(p.get("stale_days", 90))
    d = f.days_since_follow_up
    if d is None:
        return 0.0, "没有跟踪服务记录"
    if d <= fresh:
        return 1.0, f"{d} 天前有跟踪服务"
    if d <= stale:
        return 0.5, f"{d} 天前有跟踪服务（超过 {fresh} 天）"
    return 0.0, f"已 {d} 天没有跟踪服务"


@component("maturity_leader_task_force")
def _maturity_leader_task_force(f: ProjectFacts, p: dict) -> tuple[float, str]:
    parts = (["有包挂领导"] if f.has_leader else []) + (["有招商专班"] if f.has_task_force else [])
    return 0.5 * len(parts), "、".join(parts) if parts else "没有包挂领导和招商专班"


# The defaults, written into the ScoreRule table by a migration; the city admin edits them there.
DEFAULT_RULES: list[RuleSpec] = [
    RuleSpec("scale", "scale_investment", "总投资规模", 50,
             {"brackets": [[10000, 0.2], [50000, 0.4], [100000, 0.6], [500000, 0.8], [1000000, 1.0]]}),
    RuleSpec("scale", "scale_fixed_asset", "固定资产投资占比", 20, {"min_share": 0.6}),
    RuleSpec("scale", "scale_output", "预计年产值", 15, {"full_at": 100000}),
    RuleSpec("scale", "scale_foreign", "外资规模", 15, {"full_at_usd": 3000}),
    RuleSpec("tier", "tier_priority_chain", "重点产业链", 30, {"chains": ["石化", "生物医药", "新材料"]}),
    RuleSpec("tier", "tier_investor_quality", "投资方质量（上市、链主）", 30, {}),
    RuleSpec("tier", "tier_intensity", "亩均投资强度", 20, {"full_at_per_mu": 500}),
    RuleSpec("tier", "tier_tax_per_mu", "亩均税收", 20, {"full_at_per_mu": 30}),
    RuleSpec("maturity", "maturity_stage", "所处阶段", 40,
             {"fractions": {"negotiating": 0.1, "signed": 0.5, "registered": 0.7, "under_construction": 0.9,
                            "in_production": 1.0, "on_hold": 0.05, "dropped": 0}}),
    RuleSpec("maturity", "maturity_agreement", "签约情况", 15, {}),
    RuleSpec("maturity", "maturity_site", "用地与选址", 15, {}),
    RuleSpec("maturity", "maturity_follow_up", "跟踪服务及时性", 15, {"fresh_days": 30, "stale_days": 90}),
    RuleSpec("maturity", "maturity_leader_task_force", "包挂领导与专班", 15, {}),
]


def score_project(facts: ProjectFacts, rules: list[RuleSpec]) -> dict[str, ScoreResult]:
    """All three scores of one project, with every rule's points and reason."""
    out: dict[str, ScoreResult] = {}
    for kind in ("scale", "tier", "maturity"):
        results = []
        for rule in (r for r in rules if r.score == kind):
            fn = COMPONENTS.get(rule.code)
            if fn is None:
                continue
            fraction, reason = fn(facts, rule.params)
            fraction = max(0.0, min(1.0, fraction))
            results.append(RuleResult(rule.code, rule.label, rule.points, round(rule.points * fraction), reason))
        offered = sum(r.points for r in results)
        value = round(100 * sum(r.earned for r in results) / offered) if offered else 0
        out[kind] = ScoreResult(kind, value, results)
    return out


def tier_for(total_investment: Decimal, thresholds: list[tuple[str, Decimal]]) -> str:
    """The label of the highest tier threshold the investment reaches ('' below all)."""
    reached = [(amount, label) for label, amount in thresholds if total_investment >= amount]
    return max(reached)[1] if reached else ""
