"""Demo data of the assessment app (idempotent, deterministic from the seed, flagged ``is_demo``).

Sections, each behind its own "already there?" check, writing through the services only:

* the year's counting rules (and the two previous years', for the back-test);
* **history**: projects of the two previous calendar years up to where the demo generator starts
  (about 18 months back), each moving through the stages with realistic conversion rates and
  durations (their stage history, capital and foreign capital included) — so the forecast can be
  back-tested on whole past years. Created with the projects app's bulk services;
* foreign capital in place (外资到位) on the generator's foreign-funded projects this year;
* a few recognition flags, money sources and one joint project, to show the rules at work;
* targets for every district and zone: last year's actual or this year's pace, whichever is
  higher, times 0.8–1.15, so the board shows green, amber and red;
* the year's assessment scheme (default rules), its scores at the end of last month and a
  monthly briefing for last month (if a Chinese font is installed).
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from zhaoshang.accounts.models import User
from zhaoshang.demo import generator
from zhaoshang.demo.lianyungang import DISTRICTS
from zhaoshang.organizations.models import Unit

Progress = Callable[[str], None] | None

HISTORY_PREFIX = {"demo": "DEMO-H", "city": "DEMO-HC", "province": "DEMO-HP"}
HISTORY_CAP = 20_000  # province scale: enough history for the back-test without doubling the load
USD_RATE = Decimal("7.1")  # 万元 per 万美元, for the demo's foreign tranches only
# (probability of advancing, median days to advance, median days to leaving) per stage
STEPS = {
    "negotiating": (0.55, 80, 150),
    "signed": (0.85, 55, 200),
    "registered": (0.80, 80, 240),
    "under_construction": (0.75, 330, 400),
}
NEXT = {"negotiating": "signed", "signed": "registered", "registered": "under_construction",
        "under_construction": "in_production"}
DATE_FIELD = {"signed": "signed_on", "registered": "registered_on", "under_construction": "construction_started_on",
              "in_production": "production_started_on"}


def extend_demo(*, scale: str, seed: int, today: date, progress: Progress = None) -> dict[str, int]:
    users = {u.username: u for u in User.objects.select_related("unit")}
    admin = users.get("city_admin")
    if admin is None:
        return {}
    from .services import policy_ensure_defaults

    for year in (today.year - 2, today.year - 1, today.year):
        policy_ensure_defaults(year=year, user=admin)
    created = {"history_projects": _history(scale=scale, seed=seed, today=today, admin=admin, users=users)}
    created["foreign_tranches"] = _foreign(seed=seed, today=today, admin=admin)
    created["flags"] = _flags(seed=seed, today=today, admin=admin)
    created["targets"] = _targets(seed=seed, today=today, admin=admin)
    created["schemes"] = _scheme(today=today, admin=admin)
    created["briefings"] = _briefing(today=today, admin=admin)
    if progress:
        progress(f"目标考核：历史项目 {created['history_projects']} 个，目标 {created['targets']} 项，"
                 f"通报 {created['briefings']} 期")
    return created


# ---------------------------------------------------------------------------------------- history

def _lognormal_days(rng: random.Random, median: float) -> int:
    return max(7, int(rng.lognormvariate(math.log(median), 0.6)))


def _walk(rng: random.Random, start: date, today: date) -> tuple[str, dict[str, date], list[tuple], date]:
    """Stages reached from ``start``: (final stage, dates, transitions (day, from, to), date of the last change)."""
    stage, day, dates, moves = "negotiating", start, {}, []
    while stage in STEPS:
        p, adv_days, exit_days = STEPS[stage]
        if rng.random() < p:
            when = day + timedelta(days=_lognormal_days(rng, adv_days))
            if when > today:
                break
            moves.append((when, stage, NEXT[stage]))
            stage, day = NEXT[stage], when
            dates[DATE_FIELD[stage]] = when
        else:
            when = day + timedelta(days=_lognormal_days(rng, exit_days))
            if when > today:
                break
            outcome = "dropped" if rng.random() < 0.7 else "on_hold"
            moves.append((when, stage, outcome))
            stage, day = outcome, when
            break
    return stage, dates, moves, day


def _history(*, scale: str, seed: int, today: date, admin: User, users: dict[str, User]) -> int:
    from zhaoshang.projects.models import CapitalEntry, DropReason, Project, StageTransition
    from zhaoshang.projects.services import history_bulk_create, project_bulk_create

    prefix = HISTORY_PREFIX.get(scale, "DEMO-H")
    if Project.objects.filter(code__startswith=f"{prefix}-").exists():
        return 0
    start = date(today.year - 2, 1, 1)
    end = today - timedelta(days=540)  # where the generator's projects begin
    if end <= start:
        return 0
    per_day = generator.SCALES[scale][0] / 540
    count = min(HISTORY_CAP, int(per_day * (end - start).days))
    rng = random.Random(f"{seed}-assessment-history-{scale}")
    units = {u.code: u for u in Unit.objects.all()}
    codes = [code for code, *_ in DISTRICTS if code != "yuntaishan"]
    officers = {u.unit.code: u for u in users.values() if u.role == "unit_officer"}
    reasons = list(DropReason.objects.filter(is_active=True)) or [None]
    made = 0
    batch_rows: list[tuple[Project, list, list]] = []

    def flush() -> None:
        nonlocal batch_rows
        if not batch_rows:
            return
        projects = [p for p, _, _ in batch_rows]
        project_bulk_create(user=admin, projects=projects, validate=scale == "demo")
        history_bulk_create(user=admin, model=StageTransition, objects=[
            StageTransition(project=p, from_stage=f, to_stage=t, happened_on=d, actor=admin,
                            reason="（演示数据）" if t in ("dropped", "on_hold") else "")
            for p, moves, _ in batch_rows for d, f, t in moves])
        history_bulk_create(user=admin, model=CapitalEntry, objects=[
            CapitalEntry(project=p, entry_date=d, amount=a, foreign_amount_usd=usd, note="（演示数据）", created_by=admin)
            for p, _, entries in batch_rows for d, a, usd in entries])
        batch_rows = []

    span = (end - start).days
    for i in range(count):
        chain = rng.choices([c for c, _ in generator.CHAIN_WEIGHTS], weights=[w for _, w in generator.CHAIN_WEIGHTS])[0]
        investor = generator._firm_name(rng, chain)
        product = rng.choice(generator.CHAIN_PRODUCTS[chain])
        unit_code = rng.choice(codes)
        total = generator._amount(rng)
        begun = start + timedelta(days=rng.randint(0, span))
        stage, dates, moves, changed = _walk(rng, begun, today)
        foreign = Decimal(rng.randint(500, 20000)) if rng.random() < 0.08 else None
        entries = []
        if "construction_started_on" in dates:
            stop = min(today, dates.get("production_started_on", today) + timedelta(days=180))
            day = dates["construction_started_on"]
            share = Decimal(str(round(rng.uniform(0.3, 0.95), 2)))
            n = rng.randint(2, 7)
            for _ in range(n):
                day += timedelta(days=rng.randint(25, 110))
                if day > stop:
                    break
                amount = (total * share / n).quantize(Decimal(1))
                usd = (foreign * share / n).quantize(Decimal("0.01")) if foreign else None
                entries.append((day, amount, usd))
        signed = "signed_on" in dates
        registered = "registered_on" in dates
        project = Project(
            code=f"{prefix}-{i + 1:05d}", name=f"{investor[:2]}{product}项目", investor_name=investor,
            unit=units[unit_code], chain=chain, kind="expansion" if rng.random() < 0.18 else "new", stage=stage,
            total_investment=total, foreign_investment_usd=foreign, negotiation_started_on=begun,
            stage_changed_on=changed, is_demo=True, description="（演示数据）往年合成项目，用于预测回测。",
            created_by=officers.get(unit_code, admin), contact_name="（演示）",
            agreement_kind=("formal" if rng.random() < 0.7 else "framework") if signed else "",
            contracted_amount=total if signed else None,
            local_company_name=f"连云港{investor[2:4]}新材料有限公司" if registered else "",
            local_credit_code=generator._credit_code(rng) if registered else "",
            site=generator.SITES.get(unit_code, "") if registered else "",
            hold_reason="企业资金安排调整" if stage == "on_hold" else "",
            drop_reason=reasons[i % len(reasons)] if stage == "dropped" else None,
            **dates)
        batch_rows.append((project, moves, entries))
        made += 1
        if len(batch_rows) >= 1000:
            flush()
    flush()
    return made


# ---------------------------------------------------------------------------------------- foreign capital

FOREIGN_NOTE = "（演示数据）外资到位"


def _foreign(*, seed: int, today: date, admin: User) -> int:
    """Foreign tranches this year on the generator's foreign-funded projects under construction or producing."""
    from zhaoshang.projects.models import CapitalEntry, Project
    from zhaoshang.projects.services import history_bulk_create

    if CapitalEntry.objects.filter(note=FOREIGN_NOTE).exists():
        return 0
    rng = random.Random(f"{seed}-assessment-foreign")
    start = date(today.year, 1, 1)
    rows = []
    for p in Project.objects.filter(is_demo=True, foreign_investment_usd__isnull=False,
                                    stage__in=["under_construction", "in_production"]).order_by("code"):
        first = max(start, p.construction_started_on or start)
        if first > today:
            continue
        for _ in range(rng.randint(1, 3)):
            day = first + timedelta(days=rng.randint(0, max(0, (today - first).days)))
            usd = (p.foreign_investment_usd * Decimal(str(round(rng.uniform(0.05, 0.25), 2)))).quantize(Decimal("0.01"))
            rows.append(CapitalEntry(project=p, entry_date=day, amount=(usd * USD_RATE).quantize(Decimal(1)),
                                     foreign_amount_usd=usd, note=FOREIGN_NOTE, created_by=admin))
    if rows:
        history_bulk_create(user=admin, model=CapitalEntry, objects=rows)
    return len(rows)


# ---------------------------------------------------------------------------------------- flags and shares

def _flags(*, seed: int, today: date, admin: User) -> int:
    """A housing project, a later phase, a falsified one, a few projects with local money, one joint project."""
    from zhaoshang.projects.models import Project

    from .models import Attribution, ProjectFlag, ProjectRecognition
    from .services import attribution_set, project_outside_share_set, recognition_flag_set

    if ProjectFlag.objects.filter(project__is_demo=True).exists():
        return 0
    rng = random.Random(f"{seed}-assessment-flags")
    signed = list(Project.objects.filter(is_demo=True, signed_on__year=today.year, total_investment__gte=10000)
                  .select_related("unit").order_by("code"))
    if len(signed) < 12:
        return 0
    picks = rng.sample(signed, 12)
    made = 0
    for project, category, reason in (
            (picks[0], "housing", "项目实际为商品住宅开发，经市住建局核实不属于产业项目"),
            (picks[1], "later_phase", "为已于上年签约项目的二期工程，不作为新签约项目计入"),
            (picks[2], "falsified", "经核查投资方未实际出资，签约金额虚报")):
        recognition_flag_set(user=admin, project=project, category=category, reason=f"（演示数据）{reason}",
                             today=today)
        made += 1
    for project in picks[3:7]:
        if not ProjectRecognition.objects.filter(project=project).exists():
            project_outside_share_set(user=admin, project=project,
                                      share=Decimal(str(rng.choice(["0.4", "0.6", "0.75"]))),
                                      note="（演示数据）部分资金来自本市国有平台")
            made += 1
    joint = picks[7]
    partner = Unit.objects.filter(kind__in=["district", "zone"], parent__parent__isnull=True).exclude(
        pk=joint.unit_id).exclude(code="yuntaishan").order_by("sort_order").first()
    if partner and not Attribution.objects.filter(project=joint).exists():
        attribution_set(user=admin, project=joint, shares=[(joint.unit, Decimal("0.6")), (partner, Decimal("0.4"))],
                        note="（演示数据）两地联合招引，按 6:4 计入")
        made += 1
    return made


# ---------------------------------------------------------------------------------------- targets

def _targets(*, seed: int, today: date, admin: User) -> int:
    from . import selectors
    from .indicators import Period, compute_all
    from .models import Target
    from .services import targets_set

    if Target.objects.filter(year=today.year).exists():
        return 0
    rng = random.Random(f"{seed}-assessment-targets")
    indicators = selectors.indicator_catalog()
    facts = selectors.facts_load()
    now = compute_all(indicators, facts, Period(today.year, today), selectors.rules_for(today.year))
    last = compute_all(indicators, facts, Period(today.year - 1, date(today.year - 1, 12, 31)),
                       selectors.rules_for(today.year - 1))
    share = Period(today.year, today).time_share or Decimal(1)
    values: dict[tuple[int, str], Decimal] = {}
    units = [u for u in facts.units.values() if u.kind in ("district", "zone")]
    for code, ind in indicators.items():
        if code.startswith("signed_ge_") and code not in ("signed_ge_10yi",):
            continue  # targets by tier: the 10亿元以上 one, as cities set it
        this, before = now[code].by_unit(), last[code].by_unit()
        for u in units:
            pace = this.get(u.id, Decimal(0)) / share
            base = max(pace, before.get(u.id, Decimal(0)))
            if base <= 0:
                continue
            target = base * Decimal(str(round(rng.uniform(0.8, 1.15), 2)))
            if ind.is_money:
                target = target.quantize(Decimal(1000)) if target >= 1000 else target.quantize(Decimal(1))
            else:
                target = Decimal(max(1, round(target)))
            values[(u.id, code)] = target
    targets_set(user=admin, year=today.year, values=values, is_demo=True)
    return len(values)


# ---------------------------------------------------------------------------------------- scheme and briefing

def _scheme(*, today: date, admin: User) -> int:
    from .models import AssessmentScheme
    from .services import scheme_create

    if AssessmentScheme.objects.filter(year=today.year).exists():
        return 0
    scheme_create(user=admin, year=today.year, check=False)
    return 1


def _briefing(*, today: date, admin: User) -> int:
    """Last month's briefing and scores (in January: December's, of last year's scheme if there is one)."""
    from .models import Briefing
    from .selectors import scheme_for
    from .services import briefing_request, score_run_create

    last = today.replace(day=1) - timedelta(days=1)
    if Briefing.objects.filter(is_demo=True, year=last.year, period_end=last).exists():
        return 0
    scheme = scheme_for(last.year)
    if scheme is not None and not scheme.runs.filter(as_of=last).exists():
        score_run_create(user=admin, scheme=scheme, as_of=last, today=today)
    briefing_request(user=admin, kind="monthly", year=last.year, number=last.month, today=today, is_demo=True,
                     run_now=True)
    return 1
