"""The indicators (考核指标): what counts for each, defined once, here and in docs/manual/指标口径.md.

Each indicator is a small registered class with a ``code``, a Chinese ``label``, its unit of
measure and a docstring stating exactly what counts. ``compute(facts, period, rules)`` returns an
``IndicatorValue``: the city total, each assessed unit's value and one ``Contribution`` per
project (or entry, or activity) — counted ones with their value, refused ones with the rule that
refused them. Common to all project indicators:

* a project must first be recognised (``policy.recognise``): not flagged in an excluded
  category, total investment at least the threshold of its unit's kind, not wholly local money;
* a joint project counts for each unit by its attribution share (no shares: 100% its unit);
  a park's projects count for its district or zone;
* the period runs from 1 January to the ``as_of`` date inclusive (at most 31 December):
  an event dated 31 December counts in that year, one dated 1 January in the next;
* figures are restated from today's records: a project moved back a stage lost that stage's
  date, so it no longer counts for it in any month.

Custom indicators reuse a class with a filter (``params``: chain, kind, min_investment,
max_investment in 万元), e.g. 石化产业链签约项目数 = ``signed_count`` with ``{"chain": "石化"}``.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import ClassVar

from zhaoshang.core.money import format_wan, format_yi

from .facts import ActivityFact, Facts, ProjectFact
from .policy import Rules, flag_verdict, money_share, recognise

ZERO = Decimal(0)
ONE = Decimal(1)


@dataclass(frozen=True)
class Period:
    """From 1 January of ``year`` to ``as_of`` (inclusive), never past 31 December."""

    year: int
    as_of: date
    start: date = field(init=False)
    end: date = field(init=False)

    def __post_init__(self) -> None:  # computed once: every contribution asks
        object.__setattr__(self, "start", date(self.year, 1, 1))
        object.__setattr__(self, "end", min(self.as_of, date(self.year, 12, 31)))

    @property
    def year_end(self) -> date:
        return date(self.year, 12, 31)

    def contains(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end

    @property
    def months(self) -> list[date]:
        """Month ends from January to the month of ``end`` (the last one is ``end`` itself)."""
        if self.end < self.start:
            return []
        out = [date(self.year, m, calendar.monthrange(self.year, m)[1]) for m in range(1, self.end.month + 1)]
        out[-1] = self.end
        return out

    @property
    def time_share(self) -> Decimal:
        """序时进度: days elapsed (inclusive) ÷ days in the year."""
        return time_share(self.end)


def time_share(day: date) -> Decimal:
    days = 366 if calendar.isleap(day.year) else 365
    return (Decimal(day.timetuple().tm_yday) / Decimal(days)).quantize(Decimal("0.0001"))


@dataclass(frozen=True, slots=True)
class Contribution:
    """One project's (entry's, activity's) part of an indicator for one unit, or why it has none."""

    unit_id: int
    value: Decimal
    counted: bool
    rule: str
    on: date | None = None
    project_id: int | None = None
    share: Decimal = ONE
    ref: str = ""  # e.g. the capital entry or activity it comes from


@dataclass
class IndicatorValue:
    code: str
    period: Period
    contributions: list[Contribution] = field(default_factory=list)

    @property
    def counted(self) -> list[Contribution]:
        return [c for c in self.contributions if c.counted]

    @property
    def total(self) -> Decimal:
        return sum((c.value for c in self.contributions if c.counted), ZERO)

    def by_unit(self) -> dict[int, Decimal]:
        out: dict[int, Decimal] = defaultdict(lambda: ZERO)
        for c in self.contributions:
            if c.counted:
                out[c.unit_id] += c.value
        return dict(out)

    def for_unit(self, unit_id: int | None) -> list[Contribution]:
        return [c for c in self.contributions if unit_id is None or c.unit_id == unit_id]

    def monthly(self, unit_id: int | None = None) -> list[Decimal]:
        """Cumulative value at each month end (the last: ``as_of``); ``unit_id`` None: the whole city."""
        ends = self.period.months
        sums = [ZERO] * len(ends)
        for c in self.contributions:
            if not c.counted or (unit_id is not None and c.unit_id != unit_id) or c.on is None:
                continue
            sums[c.on.month - 1] += c.value
        running, out = ZERO, []
        for s in sums:
            running += s
            out.append(running)
        return out


# ---------------------------------------------------------------------------------------- registry

REGISTRY: dict[str, type[Indicator]] = {}


def register(cls: type[Indicator]) -> type[Indicator]:
    REGISTRY[cls.code] = cls
    return cls


class Indicator:
    code: ClassVar[str]
    label: ClassVar[str]
    measure: ClassVar[str]  # stored unit: 个, 万元, 万美元, 次
    display_unit: ClassVar[str]  # shown unit: 个, 亿元, 万美元, 次
    is_money: ClassVar[bool] = False
    # pipeline: stage simulation; flow: per day under construction × simulated days under construction;
    # run_rate: the past 52 weeks' amounts drawn again for the weeks left
    forecast: ClassVar[str] = "run_rate"
    stage: ClassVar[str] = ""  # for pipeline indicators: the stage whose entry counts
    value_kind: ClassVar[str] = "count"  # count: 1 per project; committed: its committed amount
    needs: ClassVar[str] = ""  # a project attribute that must be set for the indicator to concern it

    def __init__(self, *, params: dict | None = None, code: str | None = None, label: str | None = None):
        self.params = dict(params or {})
        self.code = code or type(self).code
        self.label = label or type(self).label

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.code}>"

    @property
    def definition(self) -> str:
        """The docstring, plus the filter of a custom indicator, for pages and the manual."""
        text = " ".join((type(self).__doc__ or "").split())
        if self.params:
            text += f"（筛选条件：{describe_params(self.params)}）"
        return text

    def matches(self, p: ProjectFact) -> bool:
        q = self.params
        if not q:
            return True
        if q.get("chain") and p.chain != q["chain"]:
            return False
        if q.get("kind") and p.kind != q["kind"]:
            return False
        if q.get("min_investment") is not None and p.total_investment < Decimal(str(q["min_investment"])):
            return False
        if q.get("max_investment") is not None and p.total_investment >= Decimal(str(q["max_investment"])):
            return False
        return True

    def compute(self, facts: Facts, period: Period, rules: Rules) -> IndicatorValue:
        out = IndicatorValue(code=self.code, period=period)
        projects = facts.projects
        if self.needs:  # most projects never reached the stage: skip them before any call
            projects = [p for p in projects if getattr(p, self.needs)]
        if self.params:
            projects = [p for p in projects if self.matches(p)]
        extend = out.contributions.extend
        for p in projects:
            extend(self.evaluate(p, period, rules))
        return out

    def evaluate(self, p: ProjectFact, period: Period, rules: Rules) -> list[Contribution]:
        raise NotImplementedError

    def format(self, value: Decimal | None) -> str:
        if value is None:
            return "—"
        if self.display_unit == "亿元":
            return format_yi(value)
        return format_wan(value.quantize(Decimal("0.01")))

    def format_estimate(self, value: Decimal | None) -> str:
        """A forecast: whole numbers for counts (an expected 83.95 projects reads as 84), else as ``format``."""
        if value is None:
            return "—"
        if self.display_unit in ("个", "次"):
            return format_wan(value.quantize(Decimal(1)))
        return self.format(value)

    def to_display(self, value: Decimal | None) -> Decimal | None:
        """The number in the displayed unit (亿元 for CNY amounts), for charts and spreadsheets."""
        if value is None:
            return None
        return (value / Decimal(10000)).quantize(Decimal("0.01")) if self.display_unit == "亿元" \
            else value.quantize(Decimal("0.01"))


def describe_params(params: dict) -> str:
    parts = []
    if params.get("chain"):
        parts.append(f"产业链={params['chain']}")
    if params.get("kind"):
        parts.append({"new": "新引进项目", "expansion": "增资扩产项目"}.get(params["kind"], params["kind"]))
    if params.get("min_investment") is not None:
        parts.append(f"总投资≥{format_yi(Decimal(str(params['min_investment'])))}亿元")
    if params.get("max_investment") is not None:
        parts.append(f"总投资<{format_yi(Decimal(str(params['max_investment'])))}亿元")
    return "，".join(parts) or "无"


def _split(p: ProjectFact, value: Decimal, *, on: date | None, rule: str, ref: str = "") -> list[Contribution]:
    return [Contribution(unit_id=unit, value=value * share, counted=True, rule=rule + (f"；按 {share:.0%} 计入"
                                                                                       if share != ONE else ""),
                         on=on, project_id=p.id, share=share, ref=ref)
            for unit, share in p.unit_shares]


def _refuse(p: ProjectFact, rule: str, *, on: date | None, ref: str = "") -> list[Contribution]:
    return [Contribution(unit_id=unit, value=ZERO, counted=False, rule=rule, on=on, project_id=p.id, share=share,
                         ref=ref) for unit, share in p.unit_shares]


def signing_date(p: ProjectFact, rules: Rules) -> date | None:
    """The date the project counts as signed: its first signing under count-once, else its agreement date."""
    if not p.reached("signed"):
        return None
    return p.first_signed_on if rules.count_once else p.signed_on


class _SignedBase(Indicator):
    forecast = "pipeline"
    stage = "signed"
    needs = "signed_on"

    def value_of(self, p: ProjectFact, rules: Rules) -> tuple[Decimal, str]:
        raise NotImplementedError

    def evaluate(self, p: ProjectFact, period: Period, rules: Rules) -> list[Contribution]:
        day = signing_date(p, rules)
        if day is None:
            return []
        if not period.contains(day):
            if period.contains(p.signed_on):  # re-signed this year, counted in the year of the first signing
                return _refuse(p, f"同一项目只计一次：首次签约于 {day:%Y-%m-%d}，已计入 {day.year} 年，"
                                  f"{p.signed_on:%Y-%m-%d} 重新签约不再计入", on=p.signed_on)
            return []
        verdict = recognise(p, rules)
        if not verdict.counted:
            return _refuse(p, verdict.rule, on=day)
        value, why = self.value_of(p, rules)
        return _split(p, value, on=day, rule=f"{day:%Y-%m-%d} 签约；{verdict.rule}{why}")


@register
class SignedProjects(_SignedBase):
    """签约项目数：协议签订日期（签约日期）在本年度 1 月 1 日至统计日（含）之间、经认定的项目，每个项目计 1 个。

    认定：未被认定为不计入类别（纯本地资金、住宅类房地产、已签约项目的后续期、弄虚作假、重复统计等，
    以当年口径为准），总投资达到所属单位类型的认定门槛（县区、功能板块默认 1 亿元，市级部门默认 5000 万元），
    且不是纯本地资金。同一项目只计一次：回退后重新签约的，以首次签约日期计入。联合项目按计入比例分计。
    """

    code = "signed_count"
    label = "签约项目数"
    measure = "个"
    display_unit = "个"

    def value_of(self, p: ProjectFact, rules: Rules) -> tuple[Decimal, str]:
        return ONE, ""


@register
class ContractedInvestment(_SignedBase):
    """签约额：本年度签约且经认定的项目（口径同“签约项目数”）的签约金额之和（未填签约金额的按总投资），
    不计本地资金时乘以项目的省外境内资金及外资占比；联合项目按计入比例分计。单位：万元（显示为亿元）。
    """

    code = "contracted_investment"
    label = "签约额"
    measure = "万元"
    display_unit = "亿元"
    is_money = True
    value_kind = "committed"

    def value_of(self, p: ProjectFact, rules: Rules) -> tuple[Decimal, str]:
        share = money_share(p, rules)
        why = f"；签约额 {format_wan(p.committed)} 万元"
        if share != ONE:
            why += f" × 省外资金占比 {share:.0%}"
        return p.committed * share, why


class _StageWindowBase(Indicator):
    """Projects whose ``stage`` date is in the year and whose signing is within the policy's window."""

    forecast = "pipeline"
    date_field: ClassVar[str]
    window_attr: ClassVar[str]
    stage_label: ClassVar[str]

    def evaluate(self, p: ProjectFact, period: Period, rules: Rules) -> list[Contribution]:
        day = getattr(p, self.date_field)
        if not period.contains(day):
            return []
        verdict = recognise(p, rules)
        if not verdict.counted:
            return _refuse(p, verdict.rule, on=day)
        signed = signing_date(p, rules) or p.signed_on
        window = getattr(rules, self.window_attr)
        if signed is None:
            return _refuse(p, f"{self.stage_label}于 {day:%Y-%m-%d}，但没有签约日期，无法确认跨年窗口", on=day)
        if signed.year < period.year - window:
            return _refuse(p, f"{signed:%Y-%m-%d} 签约，超出{self.stage_label}跨年窗口（当年及此前 {window} 年内签约）",
                           on=day)
        return _split(p, ONE, on=day, rule=f"{day:%Y-%m-%d} {self.stage_label}，{signed:%Y-%m-%d} 签约在跨年窗口内；"
                                           f"{verdict.rule}")


@register
class StartedProjects(_StageWindowBase):
    """开工项目数：开工日期在本年度（1 月 1 日至统计日，含）的经认定项目，且签约在跨年窗口内
    （默认当年或上一年签约），每个项目计 1 个；联合项目按计入比例分计。"""

    code = "started_count"
    label = "新开工项目数"
    measure = "个"
    display_unit = "个"
    stage = "under_construction"
    date_field = needs = "construction_started_on"
    window_attr = "start_window_years"
    stage_label = "开工"


@register
class ProductionProjects(_StageWindowBase):
    """投产项目数：投产（竣工）日期在本年度的经认定项目，且签约在跨年窗口内（默认当年或此前 3 年内签约），
    每个项目计 1 个；联合项目按计入比例分计。"""

    code = "production_count"
    label = "竣工投产项目数"
    measure = "个"
    display_unit = "个"
    stage = "in_production"
    date_field = needs = "production_started_on"
    window_attr = "production_window_years"
    stage_label = "投产"


@register
class CapitalInPlace(Indicator):
    """实际到位资金：经认定、签约在跨年窗口内（默认当年或此前 3 年内签约）的项目，到位日期在本年度
    （1 月 1 日至统计日，含）的每笔到位资金之和；不计本地资金时乘以项目的省外境内资金及外资占比；
    联合项目按计入比例分计。单位：万元（显示为亿元）。"""

    code = "capital_in_place"
    label = "实际到位资金"
    measure = "万元"
    display_unit = "亿元"
    is_money = True
    needs = "capital"
    forecast = "flow"

    def evaluate(self, p: ProjectFact, period: Period, rules: Rules) -> list[Contribution]:
        entries = [c for c in p.capital if period.contains(c.on)]
        if not entries:
            return []
        verdict = recognise(p, rules)
        signed = signing_date(p, rules) or p.signed_on
        out: list[Contribution] = []
        for c in entries:
            ref = f"{c.on:%Y-%m-%d} 到位 {format_wan(c.amount)} 万元"
            if not verdict.counted:
                out += _refuse(p, verdict.rule, on=c.on, ref=ref)
            elif signed is None or signed.year < period.year - rules.capital_window_years:
                out += _refuse(p, f"签约{'日期缺失' if signed is None else f'于 {signed:%Y-%m-%d}'}，超出到位资金跨年窗口"
                                  f"（当年及此前 {rules.capital_window_years} 年内签约）", on=c.on, ref=ref)
            else:
                share = money_share(p, rules)
                why = f"{ref}" + (f" × 省外资金占比 {share:.0%}" if share != ONE else "")
                out += _split(p, c.amount * share, on=c.on, rule=why, ref=ref)
        return out


@register
class ForeignInvestmentUtilised(Indicator):
    """实际使用外资：到位日期在本年度的到位资金中登记的外资部分（万美元）之和。外资不受亿元认定门槛限制、
    不按省外资金占比折算，但被认定为不计入类别的项目不计；联合项目按计入比例分计。单位：万美元。"""

    code = "fdi_utilised"
    label = "实际使用外资"
    measure = "万美元"
    display_unit = "万美元"
    is_money = True
    needs = "capital"

    def evaluate(self, p: ProjectFact, period: Period, rules: Rules) -> list[Contribution]:
        entries = [c for c in p.capital if c.foreign_usd and period.contains(c.on)]
        if not entries:
            return []
        flagged = flag_verdict(p, rules)
        out: list[Contribution] = []
        for c in entries:
            ref = f"{c.on:%Y-%m-%d} 外资到位 {format_wan(c.foreign_usd)} 万美元"
            out += _refuse(p, flagged.rule, on=c.on, ref=ref) if flagged else \
                _split(p, c.foreign_usd or ZERO, on=c.on, rule=ref, ref=ref)
        return out


@register
class OutboundVisits(Indicator):
    """领导外出招商次数：本年度（1 月 1 日至统计日，含）登记的“外出招商”活动次数，计入活动所属单位
    （园区的计入所在县区、功能板块；市领导的计入全市）。接待客商不计入本指标。"""

    code = "outbound_visits"
    label = "领导外出招商"
    measure = "次"
    display_unit = "次"

    def compute(self, facts: Facts, period: Period, rules: Rules) -> IndicatorValue:
        out = IndicatorValue(code=self.code, period=period)
        for a in facts.activities:
            if a.kind == "outbound_visit" and period.contains(a.on):
                out.contributions.append(self.evaluate_activity(a))
        return out

    def evaluate_activity(self, a: ActivityFact) -> Contribution:
        return Contribution(unit_id=a.owner_id, value=ONE, counted=True, on=a.on, ref=f"activity:{a.id}",
                            rule=f"{a.on:%Y-%m-%d} {a.leader_name}外出招商")


# ------------------------------------------------------------------------------------------ catalogue

CORE_CODES = ("signed_count", "contracted_investment", "capital_in_place", "fdi_utilised", "started_count",
              "production_count", "outbound_visits")


def tier_code(min_investment: Decimal) -> str:
    """signed_ge_10yi for 10亿元: stable whatever the tier's label."""
    yi = (Decimal(min_investment) / Decimal(10000)).normalize()
    return f"signed_ge_{yi:f}yi".replace(".", "_")


def catalog(*, tiers: Iterable[tuple[str, Decimal]] = (),
            customs: Iterable[tuple[str, str, str, dict]] = ()) -> dict[str, Indicator]:
    """Every indicator in use: the registered ones, 签约项目数 per tier (亿元以上, 10亿元以上…), and the
    city's custom ones ((code, label, base code, params))."""
    out: dict[str, Indicator] = {}
    for code in CORE_CODES:
        out[code] = REGISTRY[code]()
        if code == "signed_count":
            for label, amount in tiers:
                c = tier_code(amount)
                out[c] = SignedProjects(params={"min_investment": int(amount)}, code=c, label=f"签约{label}项目数")
    for code, label, base, params in customs:
        if base in REGISTRY and code not in out:
            out[code] = REGISTRY[base](params=params, code=code, label=label)
    return out


def compute_all(indicators: dict[str, Indicator], facts: Facts, period: Period,
                rules: Rules) -> dict[str, IndicatorValue]:
    return {code: ind.compute(facts, period, rules) for code, ind in indicators.items()}
