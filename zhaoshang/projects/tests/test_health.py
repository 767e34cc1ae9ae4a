"""Health checks on plain facts, and the job that keeps warnings in step."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from zhaoshang.projects.health import DEFAULT_HEALTH_RULES, HealthFacts, examine
from zhaoshang.projects.models import Project, ProjectMilestone, ProjectWarning
from zhaoshang.projects.services import health_run

TODAY = date(2026, 11, 26)


def found(**kw) -> list[tuple[str, str]]:
    facts = HealthFacts(**{"stage": "negotiating", "total_investment": Decimal(5000), **kw})
    return [(f.code, f.message) for f in examine(facts, DEFAULT_HEALTH_RULES, TODAY)]


def test_signed_over_a_year_and_not_started():
    assert ("signed_not_started", "签约已 400 天（超过 365 天）仍未开工") in \
        found(stage="registered", signed_on=date(2025, 10, 22))
    assert [c for c, _ in found(stage="registered", signed_on=date(2026, 1, 1))] == []


def test_signed_90_days_without_registration():
    assert found(stage="signed", signed_on=date(2026, 8, 1)) == [
        ("signed_not_registered", "签约已 117 天（超过 90 天）仍未注册落地")]
    assert found(stage="signed", signed_on=date(2026, 9, 1)) == []


def test_started_and_no_capital_for_three_months():
    base = {"stage": "under_construction", "construction_started_on": date(2026, 5, 1),
            "contracted_amount": Decimal(10000), "signed_on": date(2026, 3, 1)}
    codes = [c for c, _ in found(**base, capital_total=Decimal(5000), capital_dates=(date(2026, 6, 1),))]
    assert codes == ["no_capital_months"]
    assert found(**base, capital_total=Decimal(5000), capital_dates=(date(2026, 10, 1),)) == []


def test_started_six_months_with_under_15_percent_in_place():
    base = {"stage": "under_construction", "construction_started_on": date(2026, 3, 1),
            "contracted_amount": Decimal(100000), "capital_dates": (date(2026, 11, 1),)}
    assert found(**base, capital_total=Decimal(10000)) == [
        ("low_capital_ratio", "开工超过 6 个月，到位资金仅占签约额的 10.0%（低于 15%）")]
    assert found(**base, capital_total=Decimal(15000)) == []


def test_in_production_with_little_capital_is_out_of_line():
    codes = [c for c, _ in found(stage="in_production", construction_started_on=date(2026, 10, 1),
                                 contracted_amount=Decimal(10000), capital_total=Decimal(1000))]
    assert codes == ["capital_milestone_mismatch"]


def test_major_project_without_follow_up_for_30_days():
    assert found(total_investment=Decimal(10000), last_follow_up_on=date(2026, 10, 1)) == [
        ("major_no_follow_up", "重大项目已 56 天没有跟踪服务（超过 30 天）")]
    assert found(total_investment=Decimal(9999), last_follow_up_on=date(2026, 10, 1)) == []


def test_overdue_milestones_are_listed():
    assert found(stage="registered", overdue_milestones=(("可研批复", date(2026, 10, 1)),)) == [
        ("milestone_overdue", "建设节点逾期：可研批复（计划 2026-10-01）")]


@pytest.fixture
def stalled(world, lianyun_officer):
    from .factories import make_project

    p = make_project(user=lianyun_officer, total_investment="20000", negotiation_started_on=date(2026, 1, 5))
    Project.objects.filter(pk=p.pk).update(stage="signed", signed_on=date(2026, 6, 1), contracted_amount=20000)
    return p


def test_the_job_opens_confirms_and_resolves_warnings(stalled):
    first = health_run(today=TODAY)
    codes = set(ProjectWarning.objects.filter(project=stalled, resolved_on=None).values_list("rule_code", flat=True))
    assert codes == {"signed_not_registered", "major_no_follow_up"}
    assert first["opened"] == 2
    assert Project.objects.get(pk=stalled.pk).warning_count == 2
    again = health_run(today=TODAY)
    assert (again["opened"], again["confirmed"]) == (0, 2)
    Project.objects.filter(pk=stalled.pk).update(last_follow_up_on=TODAY)
    health_run(today=TODAY)
    closed = ProjectWarning.objects.get(project=stalled, rule_code="major_no_follow_up")
    assert closed.resolved_on == TODAY
    assert Project.objects.get(pk=stalled.pk).warning_count == 1


def test_milestones_feed_the_job(stalled):
    ProjectMilestone.objects.create(project=stalled, name="规划选址", planned_on=date(2026, 7, 1))
    health_run(today=TODAY)
    assert ProjectWarning.objects.filter(project=stalled, rule_code="milestone_overdue", resolved_on=None).exists()


def test_the_warnings_list_is_scoped(client, stalled, xuwei_officer, lianyun_officer):
    health_run(today=TODAY)
    client.force_login(xuwei_officer)
    assert "没有预警" in client.get("/projects/warnings/").content.decode()
    client.force_login(lianyun_officer)
    assert "仍未注册落地" in client.get("/projects/warnings/").content.decode()


def test_pool_shape_counts_open_projects_by_score_band_and_tier(world, lianyun_officer, xuwei_officer):
    from zhaoshang.projects.selectors import pool_shape

    from .factories import make_project

    a = make_project(user=lianyun_officer, total_investment="150000")
    b = make_project(user=lianyun_officer, total_investment="5000")
    make_project(user=xuwei_officer, total_investment="2000000")
    Project.objects.filter(pk=a.pk).update(scale_score=85, maturity_score=10)
    Project.objects.filter(pk=b.pk).update(scale_score=0, maturity_score=45, stage="dropped")
    shape = pool_shape(user=lianyun_officer)
    assert shape["count"] == 1  # the dropped project is not in the pool; xuwei's is not visible
    assert shape["matrix"][4][0] == 1
    assert [(t["label"], t["count"]) for t in shape["by_tier"]] == [
        ("亿元以下", 0), ("亿元以上", 0), ("10亿元以上", 1), ("50亿元以上", 0), ("100亿元以上", 0)]
