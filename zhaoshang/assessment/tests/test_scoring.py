"""Assessment scores from rule rows: every point explained (pure)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from zhaoshang.assessment.indicators import REGISTRY, Period, compute_all
from zhaoshang.assessment.progress import build_cells
from zhaoshang.assessment.scoring import RuleSpec, lost_by_rule, score

from .helpers import CITY, HAIZHOU, KAIFAQU, LIANYUN, XUWEI, FlagFact, fact, facts, rules

AS_OF = date(2026, 12, 31)
SIGNED = {"signed_count": REGISTRY["signed_count"]()}


def _score(projects, specs, targets):
    f = facts(*projects)
    period = Period(2026, AS_OF)
    values = compute_all(SIGNED, f, period, rules())
    cells = build_cells(indicators=SIGNED, values=values, targets=targets, forecasts={}, units=f.units,
                        city_id=CITY, period=period, rules=rules())
    units = [u for u in f.units.values() if u.kind in ("district", "zone")]
    return score(rules=specs, units=units, cells=cells, values=values, indicators=SIGNED, facts=f, policy=rules(),
                 as_of=AS_OF, with_targets={u for u, _ in targets}), f


def test_weights_quotas_bonuses_deductions_and_caps_each_leave_an_explained_line():
    projects = [fact(unit=HAIZHOU, signed=date(2026, 2, 1), total="50000", name="A"),
                fact(unit=HAIZHOU, signed=date(2026, 3, 1), total="120000", name="B"),
                fact(unit=HAIZHOU, signed=date(2026, 4, 1), total="600000", name="C"),
                fact(unit=HAIZHOU, signed=date(2025, 6, 1), total="80000", name="逾期未开工", stage="signed"),
                fact(unit=HAIZHOU, signed=date(2026, 5, 1), total="40000", name="虚报",
                     flags=(FlagFact("falsified", "弄虚作假项目", "未实际出资"),))]
    specs = [RuleSpec(1, "weight", "签约项目数", Decimal(10), "signed_count", {"max_ratio": 1.2}),
             RuleSpec(2, "quota", "3–10亿元项目任务", Decimal(4), params={"min_investment": 30000,
                                                                        "max_investment": 100000, "quota": 2}),
             RuleSpec(3, "bonus", "10亿元以上项目加分", Decimal("0.5"), params={"min_investment": 100000}),
             RuleSpec(4, "bonus", "50亿元以上项目加分", Decimal(2), params={"min_investment": 500000}),
             RuleSpec(5, "deduction", "签约项目逾期未开工", Decimal("0.4"),
                      params={"check": "not_started_on_time", "days": 365}),
             RuleSpec(6, "deduction", "弄虚作假", Decimal(2), params={"check": "flag", "category": "falsified",
                                                                    "category_label": "弄虚作假项目"}),
             RuleSpec(7, "cap", "加分封顶", Decimal(2), params={"applies_to": "bonus", "max": 2})]
    results, f = _score(projects, specs, {(HAIZHOU, "signed_count"): Decimal(5)})
    lines = {line.rule_id: line for line in results[HAIZHOU].lines}
    # 3 counted signed projects (the falsified one is refused) of a target of 5: 60% of 10 points
    assert lines[1].points == Decimal("6.00") and lines[1].full_points == Decimal("12.00")
    assert lines[1].reason == "签约项目数完成 3 个 / 目标 5 个（60.0%），得 6 分（权重 10 分，完成率按不超过 120% 计）"
    assert lines[2].points == Decimal("2.00") and "3–10亿元签约项目 1 个 / 任务 2 个" in lines[2].reason
    assert lines[3].points == Decimal("1.00") and lines[3].project_ids == [projects[1].id, projects[2].id]
    assert lines[4].points == Decimal("2.00")
    assert lines[5].points == Decimal("-0.40") and "逾期未开工（2025-06-01 签约" in lines[5].reason
    assert lines[6].points == Decimal("-2.00") and lines[6].project_ids == [projects[4].id]
    assert lines[7].points == Decimal("-1.00") and lines[7].reason == "加分合计 3 分，封顶 2 分，核减 1 分"
    assert results[HAIZHOU].total == Decimal("7.60")
    # "why did this unit lose 0.4": one line says so, with the project
    assert lost_by_rule(results[HAIZHOU])["签约项目逾期未开工"] == Decimal("0.40")


def test_districts_and_zones_are_ranked_separately_and_units_without_targets_are_not():
    projects = [fact(unit=HAIZHOU, signed=date(2026, 2, 1)), fact(unit=LIANYUN, signed=date(2026, 2, 1)),
                fact(unit=LIANYUN, signed=date(2026, 3, 1)), fact(unit=XUWEI, signed=date(2026, 2, 1))]
    specs = [RuleSpec(1, "weight", "签约项目数", Decimal(10), "signed_count")]
    targets = {(HAIZHOU, "signed_count"): Decimal(2), (LIANYUN, "signed_count"): Decimal(2),
               (XUWEI, "signed_count"): Decimal(1)}
    results, _ = _score(projects, specs, targets)
    assert [(u, results[u].rank, results[u].total) for u in (LIANYUN, HAIZHOU, XUWEI, KAIFAQU)] == [
        (LIANYUN, 1, Decimal("10.00")), (HAIZHOU, 2, Decimal("5.00")), (XUWEI, 1, Decimal("10.00")),
        (KAIFAQU, None, Decimal("0.00"))]
    assert results[KAIFAQU].lines[0].reason == "签约项目数未下达目标，不计分"


def test_a_joint_project_gives_each_unit_its_share_of_a_bonus():
    p = fact(unit=HAIZHOU, signed=date(2026, 2, 1), total="200000",
             shares=((HAIZHOU, Decimal("0.6")), (LIANYUN, Decimal("0.4"))))
    specs = [RuleSpec(3, "bonus", "10亿元以上项目加分", Decimal(1), params={"min_investment": 100000})]
    results, _ = _score([p], specs, {})
    assert results[HAIZHOU].total == Decimal("0.60")
    assert results[LIANYUN].total == Decimal("0.40")
