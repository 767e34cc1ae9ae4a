"""Each score component, the explained totals, tiers, and rules as data."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zhaoshang.projects.models import ScoreRule
from zhaoshang.projects.scoring import DEFAULT_RULES, ProjectFacts, score_project, tier_for
from zhaoshang.projects.services.scoring import project_scores

from .factories import make_project


def facts(**kw) -> ProjectFacts:
    return ProjectFacts(**{"total_investment": Decimal("100000"), "stage": "negotiating", **kw})


def rule(code: str):
    return [r for r in DEFAULT_RULES if r.code == code]


@pytest.mark.parametrize("amount, earned, reason", [
    ("5000", 0, "总投资0.50亿元，未达到最低档"),
    ("10000", 10, "总投资1.00亿元，达到1.00亿元档"),
    ("100000", 30, "总投资10.00亿元，达到10.00亿元档"),
    ("2000000", 50, "总投资200.00亿元，达到100.00亿元档"),
])
def test_scale_by_investment_bracket(amount, earned, reason):
    result = score_project(facts(total_investment=Decimal(amount)), rule("scale_investment"))["scale"]
    assert [(r.earned, r.reason) for r in result.rules] == [(earned, reason)]
    assert result.value == round(100 * earned / 50)


def test_fixed_asset_share_is_proportional_to_the_target():
    result = score_project(facts(fixed_asset_investment=Decimal("30000")), rule("scale_fixed_asset"))["scale"]
    assert (result.rules[0].earned, result.rules[0].reason) == (10, "固定资产投资占总投资 30%（满分线 60%）")


def test_tier_rewards_priority_chain_and_listed_chain_leader():
    rules = rule("tier_priority_chain") + rule("tier_investor_quality")
    high = score_project(facts(chain="新材料", investor_listed=True, investor_chain_leader=True), rules)["tier"]
    low = score_project(facts(chain="其他"), rules)["tier"]
    assert (high.value, low.value) == (100, 0)
    assert [r.reason for r in low.rules] == ["不属于重点产业链", "投资方不是上市公司或链主企业（或未关联企业库）"]


def test_intensity_and_tax_per_mu():
    rules = rule("tier_intensity") + rule("tier_tax_per_mu")
    r = score_project(facts(land_mu=Decimal("400"), expected_annual_tax=Decimal("6000")), rules)["tier"]
    assert [(x.earned, x.reason) for x in r.rules] == [
        (10, "亩均投资 250.0 万元/亩（满分线 500）"), (10, "亩均税收 15.0 万元/亩（满分线 30）")]


@pytest.mark.parametrize("stage, earned", [("negotiating", 4), ("signed", 20), ("under_construction", 36),
                                           ("in_production", 40), ("dropped", 0)])
def test_maturity_by_stage(stage, earned):
    assert score_project(facts(stage=stage), rule("maturity_stage"))["maturity"].rules[0].earned == earned


@pytest.mark.parametrize("days, earned", [(None, 0), (10, 15), (60, 8), (200, 0)])
def test_follow_up_recency(days, earned):
    r = score_project(facts(days_since_follow_up=days), rule("maturity_follow_up"))["maturity"].rules[0]
    assert r.earned == earned


def test_scores_never_exceed_100_whatever_the_weights():
    big = [type(r)(r.score, r.code, r.label, 100, r.params) for r in DEFAULT_RULES]
    result = score_project(facts(total_investment=Decimal("5000000"), chain="石化", stage="in_production",
                                 agreement_kind="formal", site="徐圩", days_since_follow_up=1, has_leader=True,
                                 has_task_force=True, investor_listed=True, investor_chain_leader=True,
                                 fixed_asset_investment=Decimal("5000000"), expected_annual_output=Decimal("9e6"),
                                 foreign_investment_usd=Decimal("9000"), land_mu=Decimal(100),
                                 expected_annual_tax=Decimal(9000)), big)
    assert {k: v.value for k, v in result.items()} == {"scale": 100, "tier": 100, "maturity": 100}


def test_tiers_from_thresholds():
    thresholds = [("亿元以上", Decimal(10000)), ("10亿元以上", Decimal(100000))]
    assert [tier_for(Decimal(a), thresholds) for a in ("9999", "10000", "250000")] == ["", "亿元以上", "10亿元以上"]


def test_the_city_admin_changes_a_weight_and_scores_follow(world, lianyun_officer):
    project = make_project(user=lianyun_officer, total_investment="100000")
    assert project.tier == "10亿元以上"
    before = project_scores(project)["scale"].value
    ScoreRule.objects.exclude(code="scale_investment").filter(score="scale").update(is_active=False)
    after = project_scores(project)["scale"].value
    assert (before, after) == (30, 60)


def test_the_rules_page_saves_only_for_the_city_admin(client, world, city_admin, lianyun_officer):
    r = ScoreRule.objects.get(code="scale_output")
    data = {f"points_{x.id}": x.points for x in ScoreRule.objects.all()}
    data |= {f"params_{x.id}": "{}" for x in ScoreRule.objects.all()}
    data |= {f"active_{x.id}": "on" for x in ScoreRule.objects.all()}
    data[f"points_{r.id}"] = "5"
    client.force_login(lianyun_officer)
    assert client.post("/projects/rules/score/", data).status_code == 403
    assert ScoreRule.objects.get(id=r.id).points == 15
    client.force_login(city_admin)
    response = client.post("/projects/rules/score/", data, follow=True)
    assert "已保存评分规则（修改" in response.content.decode()
    assert ScoreRule.objects.get(id=r.id).points == 5
    data[f"params_{r.id}"] = "{not json"
    response = client.post("/projects/rules/score/", data, follow=True)
    assert "的参数不是有效的 JSON" in response.content.decode()
