"""A small city for the page and briefing tests: signed, started and producing projects with capital,
targets for four units, and the year's scheme."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from zhaoshang.assessment import services
from zhaoshang.projects.models import Project
from zhaoshang.projects.services import capital_entry_add, project_advance_stage
from zhaoshang.projects.tests.factories import make_project

LATE = date(2026, 12, 31)  # "today" for the lifecycle checks: every evidence date below is before it


def advance(user, project, **evidence) -> Project:
    return project_advance_stage(user=user, project=project, evidence=evidence, today=LATE)


def sign(user, project, day: date) -> Project:
    return advance(user, project, signed_on=day, agreement_kind="formal", contracted_amount=project.total_investment)


def register(user, project, day: date) -> Project:
    import random

    from zhaoshang.demo.generator import _credit_code

    return advance(user, project, registered_on=day, local_company_name=f"连云港{project.name}有限公司",
                   local_credit_code=_credit_code(random.Random(project.pk)), site="园区")


@dataclass
class City:
    projects: dict[str, Project]


@pytest.fixture
def small_city(world, city_admin, monkeypatch) -> City:
    """海州区: 3 signed (one 12亿), 1 started with capital; 连云区: 1 signed; 徐圩新区: 2 signed; 市开发区: none."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2026, 11, 26))  # the clock, only
    services.policy_ensure_defaults(year=2026)
    services.policy_ensure_defaults(year=2025)
    haizhou, lianyun, xuwei = world.user("haizhou"), world.user("lianyun"), world.user("xuwei")
    out = {}
    for key, user, name, total, signed in (
            ("h1", haizhou, "海州医疗器械产业园项目", "30000", date(2026, 2, 10)),
            ("h2", haizhou, "海州创新药产业化项目", "120000", date(2026, 5, 20)),
            ("h3", haizhou, "海州高端装备项目", "15000", date(2026, 9, 30)),
            ("l1", lianyun, "连云港口物流项目", "60000", date(2026, 3, 15)),
            ("x1", xuwei, "徐圩高端聚烯烃项目", "800000", date(2026, 4, 1)),
            ("x2", xuwei, "徐圩电子化学品项目", "45000", date(2026, 10, 31))):
        p = make_project(user=user, name=name, total_investment=total, negotiation_started_on=date(2025, 12, 1))
        out[key] = sign(user, p, signed)
    p = register(haizhou, out["h1"], date(2026, 3, 1))
    out["h1"] = advance(haizhou, p, construction_started_on=date(2026, 4, 1))
    capital_entry_add(user=haizhou, project=out["h1"], entry_date=date(2026, 6, 30), amount=Decimal(5000))
    capital_entry_add(user=haizhou, project=out["h1"], entry_date=date(2026, 10, 31), amount=Decimal(3000))
    units = {c: world.unit(c) for c in ("haizhou", "lianyun", "xuwei", "kaifaqu")}
    services.targets_set(user=city_admin, year=2026, values={
        (units["haizhou"].pk, "signed_count"): Decimal(4), (units["lianyun"].pk, "signed_count"): Decimal(3),
        (units["xuwei"].pk, "signed_count"): Decimal(2), (units["kaifaqu"].pk, "signed_count"): Decimal(2),
        (units["haizhou"].pk, "capital_in_place"): Decimal(10000)})
    services.scheme_create(user=city_admin, year=2026)
    for p in out.values():
        p.refresh_from_db()
    return City(projects=out)
