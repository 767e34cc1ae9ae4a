"""Year-end forecasts of the indicators from today's pipeline (pure: facts in, numbers out).

Two models, chosen by the indicator's ``forecast`` attribute:

* **pipeline** (签约, 签约额, 开工, 投产 and their filtered variants): the stage history gives,
  for each stage and time already spent in it, the hazard of advancing and of leaving the path
  (暂缓, 终止, 回退) — piecewise constant over bins of days-in-stage, estimated from exposure so
  projects still waiting count too (censoring), per size stratum (≥ the major-project threshold
  or not) when there are enough events, pooled otherwise. Every open project, plus new projects
  arriving at each unit's rate of the past year, is simulated week by week to 31 December
  (Monte Carlo, numpy, fixed seed); each simulated entry into the indicator's stage adds what
  the real one would (recognition, count-once, the cross-year window, shares, money share).
* **run_rate** (到位资金, 外资, 外出招商): the remaining weeks are drawn, with replacement, from
  the weekly amounts of the past 52 weeks.

The forecast is actual-to-date plus the simulated remainder: its mean and its 10th–90th
percentile interval. ``backtest`` replays the records to the same date of past years and
compares the forecast with what the year actually ended at.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import numpy as np

from .facts import FORWARD, Facts, ProjectFact
from .indicators import Indicator, IndicatorValue, Period, signing_date
from .policy import Rules, money_share, recognise

ADVANCING = FORWARD[:-1]  # stages a project can advance from
BIN_EDGES = np.array([0, 60, 120, 240, 480, 100_000])
N_BINS = len(BIN_EDGES) - 1
MIN_EVENTS = 20  # below this many advances a stratum borrows the pooled hazards
PRIOR_DAYS = 60.0  # each bin's rate leans on its stage's overall rate as if it had 60 more days of exposure
LOOKBACK_DAYS = 3 * 365  # stage spells that started earlier than this say little about today
STEP_DAYS = 7
DEFAULT_SIMS = 500
DEFAULT_SEED = 2026


@dataclass(frozen=True)
class ForecastValue:
    mean: Decimal
    low: Decimal  # 10th percentile
    high: Decimal  # 90th percentile


@dataclass(frozen=True)
class Spell:
    stage: int  # index in FORWARD
    start: date
    end: date | None
    outcome: str | None  # advance, exit, or None (still there: censored)
    major: bool


def spells_of(p: ProjectFact, major_min: Decimal) -> list[Spell]:
    """The project's stays in each stage of the forward path, from its stage history."""
    major = p.total_investment >= major_min
    out: list[Spell] = []
    stage, start = "negotiating", p.negotiation_started_on
    if start is None:
        return out
    if p.transitions:
        for t in p.transitions:
            if stage in ADVANCING and start is not None and t.on >= start:
                i = FORWARD.index(stage)
                advanced = not t.backward and t.to_stage == FORWARD[i + 1]
                out.append(Spell(i, start, t.on, "advance" if advanced else "exit", major))
            stage, start = t.to_stage, t.on
    else:  # no recorded history: the evidence dates
        for s in FORWARD[1:]:
            d = getattr(p, {"signed": "signed_on", "registered": "registered_on",
                            "under_construction": "construction_started_on",
                            "in_production": "production_started_on"}[s])
            if d is None:
                break
            out.append(Spell(FORWARD.index(stage), start, d, "advance", major))
            stage, start = s, d
        if p.stage in ("on_hold", "dropped") and stage in ADVANCING:
            out.append(Spell(FORWARD.index(stage), start, p.stage_changed_on or start, "exit", major))
            return out
    if stage in ADVANCING:
        out.append(Spell(FORWARD.index(stage), start, None, None, major))
    return out


@dataclass
class Hazards:
    advance: np.ndarray  # [stage, stratum(0 small, 1 major), bin] per day
    exit: np.ndarray
    events: np.ndarray  # advances observed [stage, stratum]
    # what the rates were estimated from (after pooling and borrowing): counts and exposure per cell
    advance_count: np.ndarray | None = None
    exit_count: np.ndarray | None = None
    exposure: np.ndarray | None = None

    def draws(self, rng: np.random.Generator, sims: int) -> tuple[np.ndarray, np.ndarray]:
        """One table per simulation, [sims, cells] flattened as (stage × 2 + stratum) × bins + bin.

        Each rate is drawn from its Gamma posterior — events plus the prior's pseudo-events over exposure
        plus ``PRIOR_DAYS`` — so the interval carries the uncertainty of rates estimated from few
        projects, not only the luck of the draw.
        """
        if self.exposure is None:
            return (np.tile(self.advance.reshape(-1), (sims, 1)).astype(np.float32),
                    np.tile(self.exit.reshape(-1), (sims, 1)).astype(np.float32))
        x = self.exposure.reshape(-1) + PRIOR_DAYS
        shape = (sims, x.size)
        adv = rng.gamma(self.advance_count.reshape(-1) + 1e-6, 1.0, size=shape) / x
        ext = rng.gamma(self.exit_count.reshape(-1) + 1e-6, 1.0, size=shape) / x
        return adv.astype(np.float32), ext.astype(np.float32)


def estimate_hazards(facts: Facts, *, as_of: date, major_min: Decimal) -> Hazards:
    """Piecewise-constant hazards of advancing and leaving, per stage, stratum and days-in-stage bin."""
    n_stages = len(ADVANCING)
    since = as_of - timedelta(days=LOOKBACK_DAYS)
    stage, major, duration, outcome = [], [], [], []
    for p in facts.projects:
        for spell in spells_of(p, major_min):
            if spell.start > as_of or (spell.end or as_of) < since:
                continue
            ended = spell.end is not None and spell.end <= as_of
            stage.append(spell.stage)
            major.append(int(spell.major))
            duration.append(max(0, ((spell.end if ended and spell.end else as_of) - spell.start).days))
            outcome.append({"advance": 1, "exit": 2}.get(spell.outcome or "", 0) if ended else 0)
    st, mj = np.array(stage, dtype=np.int64), np.array(major, dtype=np.int64)
    d, oc = np.array(duration, dtype=np.float64), np.array(outcome, dtype=np.int64)
    lo, hi = BIN_EDGES[:-1].astype(np.float64), BIN_EDGES[1:].astype(np.float64)
    exposure = np.zeros((n_stages, 2, N_BINS))
    adv = np.zeros((n_stages, 2, N_BINS))
    ext = np.zeros((n_stages, 2, N_BINS))
    if len(d):
        # days each spell spent in each bin (censored spells too: waiting counts as exposure)
        np.add.at(exposure, (st, mj), np.clip(np.minimum(hi[None, :], d[:, None]) - lo[None, :], 0, None))
        b = np.clip(np.searchsorted(BIN_EDGES, d, side="right") - 1, 0, N_BINS - 1)
        np.add.at(adv, (st[oc == 1], mj[oc == 1], b[oc == 1]), 1)
        np.add.at(ext, (st[oc == 2], mj[oc == 2], b[oc == 2]), 1)
    events = adv.sum(axis=2)
    out_adv, out_ext = np.zeros_like(adv), np.zeros_like(ext)
    used_adv, used_ext, used_exp = np.zeros_like(adv), np.zeros_like(ext), np.zeros_like(exposure)
    pooled_adv, pooled_ext, pooled_exp = adv.sum(axis=1), ext.sum(axis=1), exposure.sum(axis=1)
    for s in range(n_stages):
        # the stage's rates over all its days: each bin is shrunk towards them (empirical Bayes)
        stage_days = pooled_exp[s].sum()
        prior_adv = pooled_adv[s].sum() / stage_days * PRIOR_DAYS if stage_days > 0 else 0.0
        prior_ext = pooled_ext[s].sum() / stage_days * PRIOR_DAYS if stage_days > 0 else 0.0
        for m in range(2):
            a, e, x = (adv[s, m], ext[s, m], exposure[s, m]) if events[s, m] >= MIN_EVENTS else \
                (pooled_adv[s], pooled_ext[s], pooled_exp[s])
            for b_ in range(N_BINS):
                # An empty bin borrows the nearest earlier bin with exposure (long waits are rare).
                k = b_
                while k > 0 and x[k] <= 0:
                    k -= 1
                used_adv[s, m, b_] = a[k] + prior_adv
                used_ext[s, m, b_] = e[k] + prior_ext
                used_exp[s, m, b_] = x[k]
                out_adv[s, m, b_] = used_adv[s, m, b_] / (x[k] + PRIOR_DAYS)
                out_ext[s, m, b_] = used_ext[s, m, b_] / (x[k] + PRIOR_DAYS)
    return Hazards(advance=out_adv, exit=out_ext, events=events, advance_count=used_adv, exit_count=used_ext,
                   exposure=used_exp)


# ------------------------------------------------------------------------------------------ simulation

@dataclass
class _Pool:
    """The simulated projects as arrays: the open ones (columns 0…n-1) and potential arrivals (after)."""

    stage: np.ndarray  # [n] start stage index (int8)
    elapsed: np.ndarray  # [n] days in that stage at the start
    major: np.ndarray  # [n] stratum 0/1
    projects: list  # the open ProjectFacts
    arrival_start: np.ndarray  # [sims, a] day (from as_of) each arrival enters; inf: never
    arrival_amount: np.ndarray  # [sims, a] its committed amount (万元), drawn from its unit's past projects
    arrival_owner: list[int]  # [a] its unit
    arrival_kind: list[str]  # [a] that unit's kind (the recognition threshold)

    @property
    def size(self) -> int:
        return len(self.projects) + len(self.arrival_owner)


def _arrivals(facts: Facts, *, as_of: date, days: int, rng: np.random.Generator,
              sims: int) -> tuple[list[int], np.ndarray, np.ndarray]:
    """Poisson arrivals per unit at last year's rate of new projects; amounts drawn from that unit's past ones."""
    since = as_of - timedelta(days=365)
    recent: dict[int, list[float]] = defaultdict(list)
    for p in facts.projects:
        if p.negotiation_started_on and since < p.negotiation_started_on <= as_of:
            recent[p.owner_id].append(float(p.committed))
    owners: list[int] = []
    starts, amounts = [], []
    for unit, values in sorted(recent.items()):
        lam = len(values) / 365.0 * days
        slots = int(math.ceil(lam + 4 * math.sqrt(lam) + 2))
        counts = rng.poisson(lam, size=sims)
        day = rng.uniform(0, days, size=(sims, slots)).astype(np.float32)
        day[np.arange(slots)[None, :] >= counts[:, None]] = np.inf
        starts.append(day)
        amounts.append(rng.choice(np.array(values), size=(sims, slots)))
        owners += [unit] * slots
    if not owners:
        return [], np.zeros((sims, 0), dtype=np.float32), np.zeros((sims, 0))
    return owners, np.concatenate(starts, axis=1), np.concatenate(amounts, axis=1)


def _pool(facts: Facts, *, as_of: date, days: int, rules: Rules, rng: np.random.Generator, sims: int) -> _Pool:
    rows = [p for p in facts.projects if p.stage in ADVANCING]
    owners, start, amount = _arrivals(facts, as_of=as_of, days=days, rng=rng, sims=sims)
    # an arrival's stratum follows its first simulation's drawn amount (a small simplification)
    arrival_major = (amount[0] >= float(rules.major_min_investment)).astype(np.int8) if owners else np.zeros(0, np.int8)
    return _Pool(
        stage=np.array([FORWARD.index(p.stage) for p in rows] + [0] * len(owners), dtype=np.int8),
        elapsed=np.array([max(0, (as_of - (p.stage_changed_on or p.negotiation_started_on or as_of)).days)
                          for p in rows] + [0] * len(owners), dtype=np.float32),
        major=np.concatenate([np.array([int(p.total_investment >= rules.major_min_investment) for p in rows],
                                       dtype=np.int8), arrival_major]),
        projects=rows, arrival_start=start, arrival_amount=amount, arrival_owner=owners,
        arrival_kind=[facts.units[o].kind if o in facts.units else "district" for o in owners])


def simulate_entries(pool: _Pool, hazards: Hazards, *, days: int, rng: np.random.Generator,
                     sims: int) -> tuple[np.ndarray, np.ndarray]:
    """Week by week to year end. Returns the furthest stage each column entered before 31 December,
    [sims, n] int8 (its starting stage if it never moved), and the days each spent under construction
    (开工, before 投产) in the remainder of the year, [sims, n] — what capital in place flows from."""
    n = pool.size
    n_open = len(pool.projects)
    adv_table, exit_table = hazards.draws(rng, sims)
    cells = adv_table.shape[1]
    offset = (np.arange(sims, dtype=np.int64) * cells)[:, None]
    adv_table, exit_table = adv_table.reshape(-1), exit_table.reshape(-1)
    building = np.zeros((sims, n), dtype=np.float32)
    stage = np.tile(pool.stage, (sims, 1))
    elapsed = np.tile(pool.elapsed, (sims, 1))
    major = pool.major.astype(np.int64)[None, :]
    start_day = np.zeros((sims, n), dtype=np.float32)
    start_day[:, n_open:] = pool.arrival_start
    last = len(ADVANCING)
    t = 0.0
    while t < days and n:
        dt = np.float32(min(STEP_DAYS, days - t))
        # arrivals enter part-way through the step: only the time after they arrive counts
        exposure = np.clip(np.float32(t) + dt - start_day, 0, dt)
        active = (exposure > 0) & (stage >= 0) & (stage < last)
        b = np.clip(np.searchsorted(BIN_EDGES, elapsed, side="right") - 1, 0, N_BINS - 1)
        index = ((np.clip(stage, 0, last - 1).astype(np.int64) * 2 + major) * N_BINS + b) + offset
        h_adv = adv_table[index]
        h = h_adv + exit_table[index]
        p_any = 1.0 - np.exp(-h * exposure)
        u = rng.random((sims, n), dtype=np.float32)
        with np.errstate(divide="ignore", invalid="ignore"):
            p_adv = np.where(h > 0, p_any * h_adv / h, 0.0)
        advance = active & (u < p_adv)
        leave = active & ~advance & (u < p_any)
        # days under construction this step: a whole step if it stays, about half if it moves on or stops
        building += np.where(active & (stage == last - 1), np.where(advance | leave, exposure / 2, exposure), 0.0)
        building += np.where(advance & (stage == last - 2), exposure / 2, 0.0)
        elapsed = np.where(advance, 0.0, elapsed + np.where(active, exposure, 0.0)).astype(np.float32)
        stage = np.where(advance, stage + 1, np.where(leave, -stage - 10, stage)).astype(np.int8)
        t += float(dt)
    # -stage-10 marks "left from stage s": it still entered s (and every stage before it)
    return np.where(stage <= -10, -stage - 10, stage).astype(np.int8), building


def _unit_matrix(owners: list[tuple[tuple[int, Decimal], ...]], units: list[int]) -> np.ndarray:
    index = {u: i for i, u in enumerate(units)}
    m = np.zeros((len(owners), len(units)), dtype=np.float64)
    for row, shares in enumerate(owners):
        for unit, share in shares:
            if unit in index:
                m[row, index[unit]] += float(share)
    return m


@dataclass
class _Eligibility:
    """Per open project, once: what an entry into a stage would count for (recognition, windows, shares)."""

    recognised: np.ndarray
    signed_before: np.ndarray  # signed once already: a new signing does not count again (count-once)
    signed_year: np.ndarray  # year of its signing, 0 if none
    money: np.ndarray  # money share
    committed: np.ndarray
    total: np.ndarray
    capital_ok: np.ndarray  # its capital would count (recognised, within the window), times its money share

    @classmethod
    def of(cls, rows: list[ProjectFact], rules: Rules) -> _Eligibility:
        signed = [signing_date(p, rules) or p.signed_on for p in rows]
        return cls(recognised=np.array([recognise(p, rules).counted for p in rows], dtype=bool),
                   signed_before=np.array([rules.count_once and p.first_signed_on is not None for p in rows],
                                          dtype=bool),
                   signed_year=np.array([d.year if d else 0 for d in signed], dtype=np.int32),
                   money=np.array([float(money_share(p, rules)) for p in rows]),
                   committed=np.array([float(p.committed) for p in rows]),
                   total=np.array([float(p.total_investment) for p in rows]),
                   capital_ok=np.array([float(money_share(p, rules)) if recognise(p, rules).counted
                                        and (d is None or d.year >= rules.year - rules.capital_window_years) else 0.0
                                        for p, d in zip(rows, signed, strict=True)]))


def _weights(ind: Indicator, pool: _Pool, e: _Eligibility, rules: Rules, period: Period) -> tuple[np.ndarray, np.ndarray]:
    """What an entry into the indicator's stage adds: [n_open] for open projects, [sims, a] for arrivals."""
    rows = pool.projects
    ok = e.recognised.copy()
    if ind.params:
        ok &= np.array([ind.matches(p) for p in rows], dtype=bool)
    if ind.stage == "signed":
        ok &= ~e.signed_before
        base = np.where(ok, e.money * e.committed if ind.value_kind == "committed" else 1.0, 0.0)
    else:
        window = rules.start_window_years if ind.stage == "under_construction" else rules.production_window_years
        # a project signed in the simulation signs this year; one signed already must be within the window
        ok &= (e.signed_year == 0) | (e.signed_year >= period.year - window)
        base = np.where(ok, 1.0, 0.0)
    amount = pool.arrival_amount
    threshold = np.array([float(rules.thresholds.get(k, 0)) for k in pool.arrival_kind])
    arrive_ok = amount >= threshold[None, :]
    q = ind.params
    if q.get("min_investment") is not None:
        arrive_ok &= amount >= float(q["min_investment"])
    if q.get("max_investment") is not None:
        arrive_ok &= amount < float(q["max_investment"])
    if q.get("chain") or q.get("kind"):
        arrive_ok &= False  # arrivals have no chain or kind yet: filtered indicators take no arrivals
    share = 1.0 if rules.count_local_money else float(rules.default_outside_share)
    arrivals = np.where(arrive_ok, share * amount if ind.value_kind == "committed" else 1.0, 0.0)
    return base, arrivals


def _dec(value: float) -> Decimal:
    return Decimal(str(float(value))).quantize(Decimal("0.0001"))


def _weekly(value: IndicatorValue, previous: IndicatorValue | None, units: list[int], as_of: date) -> np.ndarray:
    """[units + city, 52] amounts of the past 52 weeks ending on as_of (the last column is the city)."""
    out = np.zeros((len(units) + 1, 52))
    index = {u: i for i, u in enumerate(units)}
    since = as_of - timedelta(days=52 * 7)
    for v in (value, previous):
        if v is None:
            continue
        for c in v.counted:
            if c.on is None or not since < c.on <= as_of:
                continue
            w = min(51, (as_of - c.on).days // 7)
            out[-1, w] += float(c.value)
            if c.unit_id in index:
                out[index[c.unit_id], w] += float(c.value)
    return out


def _flow_rate(facts: Facts, value: IndicatorValue, previous: IndicatorValue | None, rules: Rules,
               as_of: date) -> float:
    """Capital in place per day a counted project spends under construction, over the past 52 weeks.

    The numerator is what the indicator counted in those weeks (already after its money shares); the
    denominator the days the projects whose capital counts spent between 开工 and 投产 (plus half a year
    after 投产, when the last tranches arrive).
    """
    since = as_of - timedelta(days=364)
    amount = sum(float(c.value) for v in (value, previous) if v is not None for c in v.counted
                 if c.on is not None and since <= c.on <= as_of)
    days = 0.0
    for p in facts.projects:
        start = p.construction_started_on
        if start is None or start > as_of or not recognise(p, rules).counted:
            continue
        end = min(as_of, (p.production_started_on + timedelta(days=182)) if p.production_started_on else as_of)
        overlap = (end - max(start, since)).days
        if overlap > 0:
            days += overlap * float(money_share(p, rules))
    return amount / days if days > 0 else 0.0


def forecast(facts: Facts, *, indicators: dict[str, Indicator], values: dict[str, IndicatorValue],
             previous: dict[str, IndicatorValue] | None, period: Period, rules: Rules, units: list[int],
             sims: int = DEFAULT_SIMS, seed: int = DEFAULT_SEED) -> dict[str, dict[int | None, ForecastValue]]:
    """Year-end forecast per indicator, per unit (and None = the city): mean and P10–P90.

    ``facts`` must be the records as known on ``period.as_of``; ``values`` the indicators computed
    from them for ``period``; ``previous`` the same indicators for the whole previous year (for the
    weekly run rates).
    """
    as_of = period.end
    days = (period.year_end - as_of).days
    rng = np.random.default_rng(seed)
    out: dict[str, dict[int | None, ForecastValue]] = {}
    pipeline = [c for c, ind in indicators.items() if ind.forecast in ("pipeline", "flow")]
    reached = None
    pool = None
    if pipeline and days > 0:
        hazards = estimate_hazards(facts, as_of=as_of, major_min=rules.major_min_investment)
        pool = _pool(facts, as_of=as_of, days=days, rules=rules, rng=rng, sims=sims)
        reached, building = simulate_entries(pool, hazards, days=days, rng=rng, sims=sims)
        eligibility = _Eligibility.of(pool.projects, rules)
        n_open = len(pool.projects)
        open_matrix = _unit_matrix([p.unit_shares for p in pool.projects], units)
        arrival_matrix = _unit_matrix([((o, Decimal(1)),) for o in pool.arrival_owner], units)
        start_stage = pool.stage[None, :]
    for code, ind in indicators.items():
        value = values[code]
        actual_units = value.by_unit()
        actual_city = float(value.total)
        result: dict[int | None, ForecastValue] = {}
        if days <= 0:
            exact = ForecastValue(mean=value.total, low=value.total, high=value.total)
            out[code] = {None: exact, **{u: ForecastValue(*(actual_units.get(u, Decimal(0)),) * 3) for u in units}}
            continue
        if ind.forecast == "pipeline" and pool is not None:
            k = FORWARD.index(ind.stage)
            entered = (reached >= k) & (start_stage < k)  # [sims, n]: entered the stage during the simulation
            base, arrivals = _weights(ind, pool, eligibility, rules, period)
            w_open = entered[:, :n_open] * base[None, :]
            w_arr = entered[:, n_open:] * arrivals
            per_unit = w_open @ open_matrix + w_arr @ arrival_matrix  # [sims, units]
            city = w_open.sum(axis=1) + w_arr.sum(axis=1)
        elif ind.forecast == "flow" and pool is not None:
            rate = _flow_rate(facts, value, (previous or {}).get(code), rules, as_of)
            w_open = building[:, :n_open] * (rate * eligibility.capital_ok.astype(np.float64))[None, :]
            per_unit = w_open @ open_matrix
            city = w_open.sum(axis=1)
        else:
            weekly = _weekly(value, (previous or {}).get(code), units, as_of)
            weeks = days / 7.0
            whole = int(weeks)
            idx = rng.integers(0, 52, size=(sims, whole + 1))
            frac = np.ones(whole + 1)
            frac[-1] = weeks - whole
            draws = (weekly[:, idx] * frac[None, None, :]).sum(axis=2)  # [units+1, sims]
            per_unit, city = draws[:-1].T, draws[-1]
        actual = np.array([float(actual_units.get(u, Decimal(0))) for u in units] + [actual_city])
        totals = np.column_stack([per_unit, city]) + actual[None, :]  # [sims, units + city]
        means = totals.mean(axis=0)
        lows, highs = np.percentile(totals, [10, 90], axis=0)
        for i, u in enumerate([*units, None]):
            result[u] = ForecastValue(mean=_dec(means[i]), low=_dec(lows[i]), high=_dec(highs[i]))
        out[code] = result
    return out


# ------------------------------------------------------------------------------------------ back-test

@dataclass(frozen=True)
class BacktestRow:
    indicator: str
    label: str
    year: int
    as_of: date
    actual_then: Decimal  # the value on as_of, as known then
    forecast: ForecastValue
    actual: Decimal  # the year's final value, from today's records

    @property
    def error(self) -> Decimal:
        return self.forecast.mean - self.actual

    @property
    def relative_error(self) -> Decimal | None:
        return (self.error / self.actual).quantize(Decimal("0.0001")) if self.actual else None

    @property
    def inside(self) -> bool:
        return self.forecast.low <= self.actual <= self.forecast.high


def backtest(facts: Facts, *, indicators: dict[str, Indicator], rules_for, cut_dates: list[date],
             sims: int = DEFAULT_SIMS, seed: int = DEFAULT_SEED) -> list[BacktestRow]:
    """For each cut date: forecast the year end from the records as known then; compare with the actual end.

    ``rules_for(year)`` gives that year's counting rules.
    """
    from .indicators import compute_all

    rows: list[BacktestRow] = []
    for cut in cut_dates:
        rules = rules_for(cut.year)
        known = facts.as_known_on(cut)
        period = Period(cut.year, cut)
        values = compute_all(indicators, known, period, rules)
        previous = compute_all(indicators, known, Period(cut.year - 1, date(cut.year - 1, 12, 31)),
                               rules_for(cut.year - 1))
        fc = forecast(known, indicators=indicators, values=values, previous=previous, period=period, rules=rules,
                      units=[], sims=sims, seed=seed)
        final = compute_all(indicators, facts, Period(cut.year, date(cut.year, 12, 31)), rules)
        for code, ind in indicators.items():
            rows.append(BacktestRow(indicator=code, label=ind.label, year=cut.year, as_of=cut,
                                    actual_then=values[code].total, forecast=fc[code][None],
                                    actual=final[code].total))
    return rows
