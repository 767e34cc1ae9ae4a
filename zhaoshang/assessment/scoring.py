"""Assessment scores (考核得分) from the city's rule rows, every point explained (pure).

Rule kinds (``SchemeRule.kind``) and their parameters:

* ``weight``  — ``points`` × min(completion, ``max_ratio`` (default 1)) for the rule's indicator;
* ``quota``   — 分档任务: signed projects with total investment in [``min_investment``,
  ``max_investment``) 万元 against ``quota``; ``points`` × min(1, n ÷ quota);
* ``bonus``   — ``points`` per signed project of at least ``min_investment`` (up to ``max_count``);
* ``deduction`` — ``points`` off per project: ``check`` = ``not_started_on_time`` (signed more than
  ``days`` days before the date and not started) or ``flag`` (put in exclusion ``category``, e.g.
  弄虚作假 ``falsified``, 重复招商 ``duplicate``);
* ``cap``     — ``applies_to`` bonus | deduction | total may not exceed ``max`` points.

Signed projects are those the 签约项目数 indicator counts this year (recognition, count-once,
shares): a joint project gives its share of a quota, a bonus or a deduction.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from zhaoshang.core.money import format_yi

from .enums import CapTarget, DeductionCheck, SchemeRuleKind
from .facts import Facts, UnitFact
from .indicators import Indicator, IndicatorValue, signing_date
from .policy import Rules, recognise
from .progress import Cell

P2 = Decimal("0.01")
ZERO = Decimal(0)


def _pts(value: Decimal) -> Decimal:
    return value.quantize(P2, rounding=ROUND_HALF_UP)


def _num(value: Decimal) -> str:
    v = value.quantize(P2)
    return f"{v.normalize():f}" if v == v.to_integral() else f"{v:f}"


@dataclass(frozen=True)
class RuleSpec:
    id: int | None
    kind: str
    label: str
    points: Decimal
    indicator: str = ""
    params: dict = field(default_factory=dict)


@dataclass
class Line:
    unit_id: int
    rule_id: int | None
    kind: str
    label: str
    points: Decimal
    reason: str
    full_points: Decimal | None = None
    project_ids: list[int] = field(default_factory=list)

    @property
    def lost(self) -> Decimal | None:
        return None if self.full_points is None else _pts(self.full_points - self.points)


@dataclass
class UnitResult:
    unit_id: int
    group: str
    lines: list[Line]
    rank: int | None = None

    @property
    def total(self) -> Decimal:
        return _pts(sum((line.points for line in self.lines), ZERO))


def _names(facts: Facts, ids: list[int], limit: int = 8) -> str:
    names = []
    for i in ids[:limit]:
        p = facts.project(i)
        names.append(p.name if p else f"#{i}")
    more = f"等 {len(ids)} 个" if len(ids) > limit else ""
    return "、".join(names) + more


def _signed(values: dict[str, IndicatorValue], unit_id: int) -> list[tuple[int, Decimal]]:
    """(project id, share) of the projects counted as signed this year for the unit."""
    return [(c.project_id, c.share) for c in values["signed_count"].counted
            if c.unit_id == unit_id and c.project_id is not None]


def score(*, rules: list[RuleSpec], units: list[UnitFact], cells: dict[tuple[int, str], Cell],
          values: dict[str, IndicatorValue], indicators: dict[str, Indicator], facts: Facts, policy: Rules,
          as_of: date, with_targets: set[int]) -> dict[int, UnitResult]:
    """Each unit's explained lines and total; ranked within districts and within zones.

    Units with no target this year (``with_targets``) get their lines but no rank.
    """
    results = {u.id: UnitResult(unit_id=u.id, group=u.kind, lines=[]) for u in units}
    ordered = sorted(rules, key=lambda r: [SchemeRuleKind.WEIGHT, SchemeRuleKind.QUOTA, SchemeRuleKind.BONUS,
                                           SchemeRuleKind.DEDUCTION, SchemeRuleKind.CAP].index(r.kind))
    for u in units:
        lines = results[u.id].lines
        signed = _signed(values, u.id)
        for rule in ordered:
            fn = _KINDS[rule.kind]
            line = fn(rule, u, lines=lines, cells=cells, signed=signed, indicators=indicators, facts=facts,
                      policy=policy, as_of=as_of)
            if line is not None:
                lines.append(line)
    for kind in ("district", "zone"):
        group = [r for r in results.values() if r.group == kind and r.unit_id in with_targets]
        group.sort(key=lambda r: (-r.total, r.unit_id))
        previous, rank = None, 0
        for i, r in enumerate(group, start=1):
            if r.total != previous:
                rank, previous = i, r.total
            r.rank = rank
    return results


def _weight(rule: RuleSpec, u: UnitFact, *, cells, indicators, **_) -> Line:
    ind = indicators.get(rule.indicator)
    cell = cells.get((u.id, rule.indicator))
    if ind is None or cell is None:
        return Line(u.id, rule.id, rule.kind, rule.label, ZERO, f"指标“{rule.indicator}”已停用，不计分",
                    full_points=rule.points)
    cap = Decimal(str(rule.params.get("max_ratio", 1)))
    if not cell.target:
        return Line(u.id, rule.id, rule.kind, rule.label, ZERO, f"{ind.label}未下达目标，不计分", full_points=rule.points)
    ratio = min(cell.value / cell.target, cap)
    points = _pts(rule.points * ratio)
    unit = ind.display_unit
    reason = (f"{ind.label}完成 {ind.format(cell.value)} {unit} / 目标 {ind.format(cell.target)} {unit}"
              f"（{cell.value / cell.target:.1%}），得 {_num(points)} 分（权重 {_num(rule.points)} 分"
              + (f"，完成率按不超过 {cap:.0%} 计" if cap != 1 else "，超额不加分") + "）")
    return Line(u.id, rule.id, rule.kind, rule.label, points, reason, full_points=_pts(rule.points * cap))


def _in_band(facts: Facts, pid: int, lo, hi) -> bool:
    p = facts.project(pid)
    if p is None:
        return False
    if lo is not None and p.total_investment < Decimal(str(lo)):
        return False
    return not (hi is not None and p.total_investment >= Decimal(str(hi)))


def _band_text(lo, hi) -> str:
    if lo is not None and hi is not None:
        return f"{format_yi(Decimal(str(lo))).rstrip('0').rstrip('.')}–{format_yi(Decimal(str(hi))).rstrip('0').rstrip('.')}亿元"
    if lo is not None:
        return f"{format_yi(Decimal(str(lo))).rstrip('0').rstrip('.')}亿元以上"
    return f"{format_yi(Decimal(str(hi))).rstrip('0').rstrip('.')}亿元以下"


def _quota(rule: RuleSpec, u: UnitFact, *, signed, facts, **_) -> Line:
    lo, hi = rule.params.get("min_investment"), rule.params.get("max_investment")
    quota = Decimal(str(rule.params.get("quota", 1)))
    hits = [(pid, share) for pid, share in signed if _in_band(facts, pid, lo, hi)]
    n = sum((s for _, s in hits), ZERO)
    points = _pts(rule.points * min(Decimal(1), n / quota)) if quota > 0 else rule.points
    ids = [pid for pid, _ in hits]
    reason = (f"{_band_text(lo, hi)}签约项目 {_num(n)} 个 / 任务 {_num(quota)} 个，"
              + ("完成任务，" if n >= quota else f"按 {_num(n)}÷{_num(quota)} 计，")
              + f"得 {_num(points)} 分（满分 {_num(rule.points)} 分）" + (f"：{_names(facts, ids)}" if ids else ""))
    return Line(u.id, rule.id, rule.kind, rule.label, points, reason, full_points=rule.points, project_ids=ids)


def _bonus(rule: RuleSpec, u: UnitFact, *, signed, facts, **_) -> Line | None:
    lo = rule.params.get("min_investment")
    hits = [(pid, share) for pid, share in signed if _in_band(facts, pid, lo, rule.params.get("max_investment"))]
    if not hits:
        return None
    n = sum((s for _, s in hits), ZERO)
    limit = rule.params.get("max_count")
    counted = min(n, Decimal(str(limit))) if limit is not None else n
    points = _pts(rule.points * counted)
    ids = [pid for pid, _ in hits]
    reason = (f"{_band_text(lo, rule.params.get('max_investment'))}签约项目 {_num(n)} 个，每个加 {_num(rule.points)} 分"
              + (f"（最多计 {limit} 个）" if limit is not None else "") + f"，加 {_num(points)} 分：{_names(facts, ids)}")
    return Line(u.id, rule.id, rule.kind, rule.label, points, reason, project_ids=ids)


def _deduction(rule: RuleSpec, u: UnitFact, *, facts, policy, as_of, **_) -> Line | None:
    check = rule.params.get("check", DeductionCheck.NOT_STARTED_ON_TIME)
    hits: list[tuple[int, Decimal, str]] = []
    if check == DeductionCheck.NOT_STARTED_ON_TIME:
        days = int(rule.params.get("days", 365))
        for p in facts.projects:
            share = dict(p.unit_shares).get(u.id)
            if share is None or p.stage not in ("signed", "registered") or p.construction_started_on:
                continue
            signed = signing_date(p, policy)
            if signed is None or (as_of - signed).days <= days or not recognise(p, policy).counted:
                continue
            hits.append((p.id, share, f"{p.name}（{signed:%Y-%m-%d} 签约，已 {(as_of - signed).days} 天）"))
        what = f"签约超过 {days} 天未开工"
    else:
        category = rule.params.get("category", "")
        for p in facts.projects:
            share = dict(p.unit_shares).get(u.id)
            flag = next((f for f in p.flags if f.category == category), None)
            if share is None or flag is None:
                continue
            hits.append((p.id, share, f"{p.name}（{flag.reason}）"))
        what = f"被认定为“{rule.params.get('category_label') or category}”"
    if not hits:
        return None
    n = sum((s for _, s, _ in hits), ZERO)
    points = -_pts(abs(rule.points) * n)
    shown = "、".join(text for _, _, text in hits[:8]) + (f"等 {len(hits)} 个" if len(hits) > 8 else "")
    reason = f"{what}的项目 {_num(n)} 个，每个扣 {_num(abs(rule.points))} 分，扣 {_num(-points)} 分：{shown}"
    return Line(u.id, rule.id, rule.kind, rule.label, points, reason, project_ids=[pid for pid, _, _ in hits])


def _cap(rule: RuleSpec, u: UnitFact, *, lines: list[Line], **_) -> Line | None:
    target = rule.params.get("applies_to", CapTarget.BONUS)
    limit = Decimal(str(rule.params.get("max", rule.points)))
    if target == CapTarget.BONUS:
        got = sum((line.points for line in lines if line.kind == SchemeRuleKind.BONUS), ZERO)
        if got > limit:
            return Line(u.id, rule.id, rule.kind, rule.label, _pts(limit - got),
                        f"加分合计 {_num(got)} 分，封顶 {_num(limit)} 分，核减 {_num(got - limit)} 分")
    elif target == CapTarget.DEDUCTION:
        got = -sum((line.points for line in lines if line.kind == SchemeRuleKind.DEDUCTION), ZERO)
        if got > limit:
            return Line(u.id, rule.id, rule.kind, rule.label, _pts(got - limit),
                        f"扣分合计 {_num(got)} 分，最多扣 {_num(limit)} 分，核回 {_num(got - limit)} 分")
    else:
        got = sum((line.points for line in lines), ZERO)
        if got > limit:
            return Line(u.id, rule.id, rule.kind, rule.label, _pts(limit - got),
                        f"总分 {_num(got)} 分，封顶 {_num(limit)} 分，核减 {_num(got - limit)} 分")
    return None


_KINDS = {SchemeRuleKind.WEIGHT: _weight, SchemeRuleKind.QUOTA: _quota, SchemeRuleKind.BONUS: _bonus,
          SchemeRuleKind.DEDUCTION: _deduction, SchemeRuleKind.CAP: _cap}


def scheme_totals(results: dict[int, UnitResult]) -> dict[int, Decimal]:
    return {u: r.total for u, r in results.items()}


def lost_by_rule(result: UnitResult) -> dict[str, Decimal]:
    """Points lost against full marks, per rule label (what a unit asks about first)."""
    out: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for line in result.lines:
        if line.kind == SchemeRuleKind.CAP:
            continue
        if line.lost:
            out[line.label] += line.lost
        elif line.points < 0:
            out[line.label] += -line.points
    return dict(out)
