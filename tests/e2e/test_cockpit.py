"""A leader opens the cockpit and drills down: a ranking → the unit's progress → a project's page."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import timezone

from zhaoshang.assessment import services
from zhaoshang.projects.services import project_advance_stage
from zhaoshang.projects.tests.factories import make_project


def _signed(user, name: str, total: str, day: date):
    p = make_project(user=user, name=name, total_investment=total, negotiation_started_on=date(day.year, 1, 2))
    return project_advance_stage(user=user, project=p, today=timezone.localdate(), evidence={
        "signed_on": day, "agreement_kind": "formal", "contracted_amount": Decimal(total)})


def test_a_leader_drills_down_from_the_cockpit_to_a_project(world, live_server, login, page):
    # given two signed 海州区 projects and one of 连云区, and this year's targets
    year = timezone.localdate().year
    services.policy_ensure_defaults(year=year)
    haizhou, lianyun = world.user("haizhou"), world.user("lianyun")
    first = _signed(haizhou, "海州医疗器械产业园项目", "30000", date(year, 1, 20))
    _signed(haizhou, "海州创新药产业化项目", "120000", date(year, 1, 25))
    _signed(lianyun, "连云港口物流项目", "60000", date(year, 1, 28))
    services.targets_set(user=world.user("city_admin"), year=year, values={
        (world.unit("haizhou").pk, "signed_count"): Decimal(4), (world.unit("lianyun").pk, "signed_count"): Decimal(4)})

    # when the leader logs in, the cockpit is the home page (the server's first request loads every app's
    # views — slow on a busy machine — so it is made before the login's 15-second timeout applies)
    page.goto(f"{live_server.url}/healthz", timeout=120_000)
    login("leader")
    assert page.get_by_role("heading", name="招商引资驾驶舱").is_visible()
    assert page.get_by_test_id("value-signed_count").inner_text() == "3"
    page.wait_for_selector("#funnel-chart canvas")  # ECharts, served by the platform itself
    ranking = page.get_by_test_id("rank-district")
    assert [r.inner_text() for r in ranking.locator("[data-testid=unit-link]").all()][:2] == ["海州区", "连云区"]

    # and drills down to 海州区
    ranking.get_by_role("link", name="海州区").click()
    page.wait_for_url("**/assessment/units/*/**")
    assert page.get_by_role("heading", name="海州区：年度目标完成情况").is_visible()
    table = page.get_by_test_id("contributions")
    assert "海州医疗器械产业园项目" in table.inner_text() and "连云港口物流项目" not in table.inner_text()
    assert "符合认定：总投资 3 亿元，达到县区认定门槛 1 亿元" in table.inner_text()

    # and then to the project
    table.get_by_role("link", name="海州医疗器械产业园项目").click()
    page.wait_for_url(f"**/projects/{first.pk}/")
    assert page.get_by_role("heading", name="海州医疗器械产业园项目").is_visible()
