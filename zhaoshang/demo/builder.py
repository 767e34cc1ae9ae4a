"""Build the 连云港 demo: real units, departments, chain leaders and accounts, plus synthetic
projects, follow-ups and leads. Idempotent: building twice duplicates nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from itertools import islice

from django.db import transaction
from django.utils import timezone

from zhaoshang.accounts.models import User
from zhaoshang.accounts.services import user_create
from zhaoshang.firms.services import firm_ensure
from zhaoshang.leads.models import Lead
from zhaoshang.leads.services import lead_bulk_create
from zhaoshang.organizations.models import Unit
from zhaoshang.organizations.services import unit_ensure
from zhaoshang.projects.models import CapitalEntry, DropReason, FollowUp, Project, StageTransition
from zhaoshang.projects.services import follow_up_bulk_create, history_bulk_create, project_bulk_create

from . import generator, lianyungang

Progress = Callable[[str], None]


@dataclass
class BuildReport:
    units: int = 0
    users_created: int = 0
    firms: int = 0
    projects_created: int = 0
    follow_ups_created: int = 0
    leads_created: int = 0
    extensions: dict[str, dict[str, int]] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


def units_ensure() -> dict[str, Unit]:
    """The real unit tree of 连云港 (city, districts/counties/zones, parks, departments), by code.
    Shared by the demo and ``zhaoshang init``: a production start gets the same units."""
    city = unit_ensure(code=lianyungang.CITY["code"], name=lianyungang.CITY["name"], kind="city",
                       short_name=lianyungang.CITY["short_name"], admin_code=lianyungang.CITY["admin_code"])
    by_code = {city.code: city}
    for code, name, short, kind, admin_code, sort, desc in lianyungang.DISTRICTS:
        by_code[code] = unit_ensure(code=code, name=name, kind=kind, parent=city, short_name=short,
                                    admin_code=admin_code, sort_order=sort, description=desc)
    for code, parent, name, short in lianyungang.PARKS:
        by_code[code] = unit_ensure(code=code, name=name, kind="park", parent=by_code[parent], short_name=short)
    for i, (code, name, short) in enumerate(lianyungang.DEPARTMENTS, start=1):
        by_code[code] = unit_ensure(code=code, name=name, kind="department", parent=city,
                                    short_name=short, sort_order=100 + i)
    return by_code


def chain_leaders_ensure(by_code: dict[str, Unit]) -> int:
    """The real chain-leader firms of the reference (public facts, not demo data)."""
    for name, short, unit_code, _chain, stock, note in lianyungang.CHAIN_LEADERS:
        firm_ensure(name=name, short_name=short, aliases=(short,), unit=by_code[unit_code], is_local=True,
                    is_chain_leader=True, is_listed=bool(stock), stock_code=stock, description=note,
                    province="江苏省", city="连云港市", district=by_code[unit_code].short_name)
    return len(lianyungang.CHAIN_LEADERS)


def build_reference(report: BuildReport) -> None:
    """Units, departments, accounts and chain-leader firms: the real part of the demo."""
    from zhaoshang.projects.services.scoring import project_rules_ensure_defaults

    project_rules_ensure_defaults()
    with transaction.atomic():
        by_code = units_ensure()
        report.units = len(by_code)
        existing = set(User.objects.values_list("username", flat=True))
        for username, full_name, role, unit_code, title in lianyungang.DEMO_USERS:
            if username in existing:
                continue
            user_create(username=username, full_name=full_name, role=role, unit=by_code[unit_code],
                        password=lianyungang.DEMO_PASSWORD, title=title)
            report.users_created += 1
        report.firms += chain_leaders_ensure(by_code)


def _chunks(iterable, size):
    it = iter(iterable)
    while batch := list(islice(it, size)):
        yield batch


STAGE_DATES = [("signed", "signed_on"), ("registered", "registered_on"),
               ("under_construction", "construction_started_on"), ("in_production", "production_started_on")]


def _transitions(row, project: Project, actor) -> list[StageTransition]:
    """The stage history the generated dates imply (conversion rates and durations read it)."""
    out, previous = [], "negotiating"
    for stage, field_name in STAGE_DATES:
        day = getattr(row, field_name)
        if day is None:
            break
        out.append(StageTransition(project=project, from_stage=previous, to_stage=stage, happened_on=day,
                                   actor=actor))
        previous = stage
    if row.stage in ("on_hold", "dropped"):
        out.append(StageTransition(project=project, from_stage=previous, to_stage=row.stage,
                                   happened_on=row.stage_changed_on, actor=actor,
                                   reason=row.hold_reason or "（演示数据）"))
    return out


def build_synthetic(report: BuildReport, *, scale: str, seed: int, today: date | None = None,
                    progress: Progress | None = None, chunk: int = 2000) -> None:
    """Projects with their follow-ups, and leads, created in chunks through the bulk services."""
    today = today or timezone.localdate()
    actor = User.objects.get(username="city_admin")
    units = {u.code: u for u in Unit.objects.filter(kind__in=["district", "zone", "park"])}
    target_codes = [code for code, *_ in lianyungang.DISTRICTS if code != "yuntaishan"]
    officers = {u.unit.code: u for u in User.objects.filter(role="unit_officer").select_related("unit")}
    leader = User.objects.filter(role="leader").first()
    total = generator.SCALES[scale][0]
    drop_reasons = list(DropReason.objects.filter(is_active=True))
    started = time.perf_counter()
    done = 0
    for batch in _chunks(generator.project_rows(scale=scale, seed=seed, unit_codes=target_codes, today=today),
                         chunk):
        existing = set(Project.objects.filter(code__in=[r.code for r in batch]).values_list("code", flat=True))
        fresh = [r for r in batch if r.code not in existing]
        done += len(batch)
        if not fresh:
            continue
        follow_up_rows = {r.index: generator.follow_up_rows(scale=scale, seed=seed, project=r, today=today,
                                                            place=units[r.unit_code].display_name)
                          for r in fresh}
        with transaction.atomic():
            projects = [Project(
                code=r.code, name=r.name, investor_name=r.investor_name, unit=units[r.unit_code], chain=r.chain,
                kind=r.kind, stage=r.stage, total_investment=r.total_investment,
                foreign_investment_usd=r.foreign_investment_usd, is_confidential=r.is_confidential,
                negotiation_started_on=r.negotiation_started_on, signed_on=r.signed_on,
                registered_on=r.registered_on, construction_started_on=r.construction_started_on,
                production_started_on=r.production_started_on, stage_changed_on=r.stage_changed_on,
                contact_name=r.contact_name, contact_phone=r.contact_phone, is_demo=True,
                description="（演示数据）合成项目，用于展示平台功能，不是真实项目。",
                responsible_leader=leader if r.total_investment >= Decimal(100000) else None,
                created_by=officers.get(r.unit_code, actor),
                last_follow_up_on=follow_up_rows[r.index][-1].happened_on if follow_up_rows[r.index] else None,
                land_mu=r.land_mu, fixed_asset_investment=r.fixed_asset_investment,
                expected_annual_output=r.expected_annual_output, expected_annual_tax=r.expected_annual_tax,
                expected_jobs=r.expected_jobs, agreement_kind=r.agreement_kind, contracted_amount=r.contracted_amount,
                local_company_name=r.local_company_name, local_credit_code=r.local_credit_code, site=r.site,
                hold_reason=r.hold_reason,
                drop_reason=drop_reasons[r.index % len(drop_reasons)] if r.stage == "dropped" else None,
            ) for r in fresh]
            project_bulk_create(user=actor, projects=projects, validate=scale == "demo")
            follow_ups = [
                FollowUp(project=project, happened_on=f.happened_on, kind=f.kind, content=f.content,
                         participants=f.participants, next_step=f.next_step, next_step_due=f.next_step_due,
                         owner=officers.get(r.unit_code, actor), is_demo=True)
                for r, project in zip(fresh, projects, strict=True) for f in follow_up_rows[r.index]
            ]
            follow_up_bulk_create(user=actor, follow_ups=follow_ups, validate=scale == "demo")
            history_bulk_create(user=actor, model=StageTransition,
                                objects=[t for r, p in zip(fresh, projects, strict=True) for t in _transitions(r, p, actor)])
            history_bulk_create(user=actor, model=CapitalEntry, objects=[
                CapitalEntry(project=p, entry_date=day, amount=amount, note="（演示数据）", created_by=actor)
                for r, p in zip(fresh, projects, strict=True) for day, amount in r.capital])
        report.projects_created += len(fresh)
        report.follow_ups_created += len(follow_ups)
        if progress:
            elapsed = time.perf_counter() - started
            progress(f"项目 {done:,}/{total:,}，跟踪记录 {report.follow_ups_created:,}，用时 {elapsed:.0f} 秒")
    report.seconds["projects"] = time.perf_counter() - started

    started = time.perf_counter()
    for batch in _chunks(generator.lead_rows(scale=scale, seed=seed, unit_codes=target_codes, today=today), chunk):
        existing = set(Lead.objects.filter(code__in=[r.code for r in batch]).values_list("code", flat=True))
        leads = [Lead(code=r.code, firm_name=r.firm_name, unit=units[r.unit_code], channel_kind=r.channel_kind,
                      summary=r.summary, industry=r.industry, planned_investment=r.planned_investment,
                      received_on=r.received_on, status=r.status, is_demo=True,
                      created_by=officers.get(r.unit_code, actor))
                 for r in batch if r.code not in existing]
        if leads:
            lead_bulk_create(user=actor, leads=leads, validate=scale == "demo")
            report.leads_created += len(leads)
    report.seconds["leads"] = time.perf_counter() - started


# Apps that add their own demo data: each has ``zhaoshang/<app>/demo.py`` with
# ``extend_demo(*, scale, seed, today, progress) -> dict[str, int]`` (rows created; idempotent),
# called in this order after the projects, follow-ups and leads exist.
EXTENSION_APPS = ("firms", "chains", "leads", "projects", "textmining", "factors", "assessment")


def build_extensions(report: BuildReport, *, scale: str, seed: int, today: date,
                     progress: Progress | None = None) -> None:
    from importlib import import_module
    from importlib.util import find_spec

    for app in EXTENSION_APPS:
        name = f"zhaoshang.{app}.demo"
        if find_spec(name) is None:
            continue
        started = time.perf_counter()
        created = import_module(name).extend_demo(scale=scale, seed=seed, today=today, progress=progress)
        report.extensions[app] = created
        report.seconds[app] = time.perf_counter() - started


def build_demo(*, scale: str = "demo", seed: int = 2026, today: date | None = None,
               progress: Progress | None = None) -> BuildReport:
    report = BuildReport()
    today = today or timezone.localdate()
    started = time.perf_counter()
    build_reference(report)
    report.seconds["reference"] = time.perf_counter() - started
    build_synthetic(report, scale=scale, seed=seed, today=today, progress=progress)
    build_extensions(report, scale=scale, seed=seed, today=today, progress=progress)
    # Derived columns and health warnings, as the nightly job would leave them.
    from zhaoshang.projects.services import health_run, projects_refresh_all

    started = time.perf_counter()
    health_run(today=today)
    projects_refresh_all(today=today)
    report.seconds["checks"] = time.perf_counter() - started
    from django.db import connection

    if connection.vendor == "postgresql":  # fresh statistics, or the planner guesses after a bulk load
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return report
