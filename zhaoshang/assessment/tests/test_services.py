"""Services: who may change the counting, what is written (and audited), what is refused and left unchanged;
indicators over real records (moved back, joint projects), snapshots."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from zhaoshang.assessment import selectors, services
from zhaoshang.assessment.indicators import REGISTRY, Period
from zhaoshang.assessment.models import Attribution, ProjectFlag, SnapshotRun, Target
from zhaoshang.core.errors import BusinessError
from zhaoshang.projects.models import ProjectEvent
from zhaoshang.projects.services import project_advance_stage, project_move_back
from zhaoshang.projects.tests.factories import make_project

SIGNED = REGISTRY["signed_count"]()


def _sign(user, project, day: date, amount="50000"):
    return project_advance_stage(user=user, project=project, today=date(2026, 12, 31), evidence={
        "signed_on": day, "agreement_kind": "formal", "contracted_amount": Decimal(amount)})


@pytest.fixture
def policy(world):
    return services.policy_ensure_defaults(year=2026)


def test_a_project_moved_back_a_stage_is_no_longer_counted(world, policy, city_admin, lianyun_officer):
    # given a 连云区 project signed in March 2026
    project = make_project(user=lianyun_officer, name="港口物流项目", negotiation_started_on=date(2026, 1, 5))
    _sign(lianyun_officer, project, date(2026, 3, 2))
    period = Period(2026, date(2026, 12, 31))
    assert SIGNED.compute(selectors.facts_load(), period, selectors.rules_for(2026)).total == 1

    # when the city admin moves it back (the signing fell through)
    project_move_back(user=city_admin, project=project, reason="协议未生效", today=date(2026, 5, 1))

    # then it counts in no month of the year
    value = SIGNED.compute(selectors.facts_load(), period, selectors.rules_for(2026))
    assert value.total == 0
    assert value.monthly() == [Decimal(0)] * 12


def test_a_project_signed_again_next_year_counts_once(world, policy, city_admin, lianyun_officer):
    services.policy_ensure_defaults(year=2027)
    project = make_project(user=lianyun_officer, name="二次签约项目", negotiation_started_on=date(2026, 1, 5))
    _sign(lianyun_officer, project, date(2026, 3, 2))
    project_move_back(user=city_admin, project=project, reason="协议未生效", today=date(2026, 5, 1))
    project.refresh_from_db()
    project_advance_stage(user=lianyun_officer, project=project, today=date(2027, 2, 1), evidence={
        "signed_on": date(2027, 2, 1), "agreement_kind": "formal", "contracted_amount": Decimal(50000)})
    facts = selectors.facts_load()
    assert SIGNED.compute(facts, Period(2026, date(2026, 12, 31)), selectors.rules_for(2026)).total == 1
    y2027 = SIGNED.compute(facts, Period(2027, date(2027, 12, 31)), selectors.rules_for(2027))
    assert y2027.total == 0
    assert y2027.contributions[0].rule.startswith("同一项目只计一次：首次签约于 2026-03-02")


def test_joint_shares_must_sum_to_one_and_a_refusal_changes_nothing(world, policy, city_admin, lianyun_officer):
    project = make_project(user=lianyun_officer, name="联合招引项目", negotiation_started_on=date(2026, 1, 5))
    xuwei = world.unit("xuwei")
    with pytest.raises(BusinessError) as exc:
        services.attribution_set(user=city_admin, project=project,
                                 shares=[(project.unit, Decimal("0.6")), (xuwei, Decimal("0.3"))])
    assert exc.value.message == "各单位计入比例之和必须等于 100%（现为 90.00%）"
    assert Attribution.objects.count() == 0
    with pytest.raises(BusinessError):
        services.attribution_set(user=lianyun_officer, project=project,
                                 shares=[(project.unit, Decimal("0.5")), (xuwei, Decimal("0.5"))])
    assert Attribution.objects.count() == 0

    services.attribution_set(user=city_admin, project=project,
                             shares=[(project.unit, Decimal("0.6")), (xuwei, Decimal("0.4"))], note="6:4")
    _sign(lianyun_officer, project, date(2026, 4, 1))
    value = SIGNED.compute(selectors.facts_load(), Period(2026, date(2026, 12, 31)), selectors.rules_for(2026))
    assert value.by_unit() == {project.unit_id: Decimal("0.6000"), xuwei.pk: Decimal("0.4000")}
    assert Attribution.history.count() == 2
    assert ProjectEvent.objects.filter(project=project, kind="recognition").count() == 1
    # an empty list: the whole project is its unit's again
    services.attribution_set(user=city_admin, project=project, shares=[])
    assert Attribution.objects.count() == 0


def test_only_the_city_admin_flags_a_project_and_the_flag_is_on_the_timeline(world, policy, city_admin, leader,
                                                                          lianyun_officer):
    project = make_project(user=lianyun_officer, name="住宅项目")
    for user in (leader, lianyun_officer):
        with pytest.raises(BusinessError) as exc:
            services.recognition_flag_set(user=user, project=project, category="housing", reason="住宅")
        assert exc.value.status == 403
    assert ProjectFlag.objects.count() == 0
    with pytest.raises(BusinessError) as exc:
        services.recognition_flag_set(user=city_admin, project=project, category="housing", reason=" ")
    assert exc.value.message == "请填写认定理由"

    flag = services.recognition_flag_set(user=city_admin, project=project, category="housing",
                                         reason="商品住宅开发", today=date(2026, 6, 1))
    assert ProjectEvent.objects.get(project=project, kind="recognition").text == \
        "王建国 认定项目为“住宅类房地产项目”，不计入招商引资统计：商品住宅开发"
    with pytest.raises(BusinessError):
        services.recognition_flag_set(user=city_admin, project=project, category="housing", reason="再次")
    services.recognition_flag_clear(user=city_admin, flag=flag, reason="复核后属于产业配套", today=date(2026, 7, 1))
    flag.refresh_from_db()
    assert flag.cleared_on == date(2026, 7, 1)
    assert ProjectFlag.history.filter(id=flag.id).count() == 2


def test_policy_save_changes_the_threshold_and_is_audited(world, policy, city_admin, lianyun_officer):
    project = make_project(user=lianyun_officer, name="八千万项目", total_investment="8000",
                           negotiation_started_on=date(2026, 1, 5))
    _sign(lianyun_officer, project, date(2026, 4, 1), amount="8000")
    period, facts = Period(2026, date(2026, 12, 31)), selectors.facts_load()
    assert SIGNED.compute(facts, period, selectors.rules_for(2026)).total == 0
    with pytest.raises(BusinessError):
        services.policy_save(user=lianyun_officer, year=2026, data={}, thresholds={"district": Decimal(5000)},
                             excluded=[])
    services.policy_save(user=city_admin, year=2026, data={"note": "县区门槛下调"}, thresholds={
        "district": Decimal(5000), "zone": Decimal(10000), "department": Decimal(5000), "city": None},
                         excluded=["housing", "falsified"])
    rules = selectors.rules_for(2026)
    assert rules.thresholds == {"district": Decimal(5000), "zone": Decimal(10000), "department": Decimal(5000)}
    assert set(rules.excluded) == {"housing", "falsified"}
    assert SIGNED.compute(facts, period, rules).total == 1
    assert policy.history.count() >= 2


def test_targets_are_set_updated_and_deleted_in_one_call(world, policy, city_admin):
    haizhou = world.unit("haizhou")
    result = services.targets_set(user=city_admin, year=2026, values={(haizhou.pk, "signed_count"): Decimal(12),
                                                                      (haizhou.pk, "capital_in_place"): "30000"})
    assert result == {"created": 2, "updated": 0, "deleted": 0}
    result = services.targets_set(user=city_admin, year=2026, values={(haizhou.pk, "signed_count"): Decimal(15),
                                                                      (haizhou.pk, "capital_in_place"): None})
    assert result == {"created": 0, "updated": 1, "deleted": 1}
    assert list(Target.objects.values_list("indicator", "value")) == [("signed_count", Decimal(15))]
    with pytest.raises(BusinessError):
        services.targets_set(user=city_admin, year=2026, values={(haizhou.pk, "nonsense"): Decimal(1)})
    assert Target.objects.get().value == Decimal(15)


def test_the_board_is_stored_once_and_recomputed_when_the_records_change(world, policy, city_admin,
                                                                         lianyun_officer):
    project = make_project(user=lianyun_officer, name="快照项目", negotiation_started_on=date(2026, 1, 5))
    _sign(lianyun_officer, project, date(2026, 3, 2))
    today = date(2026, 11, 26)
    first = services.board_for(as_of=today, today=today)
    run = SnapshotRun.objects.get(as_of=today)
    assert first.city("signed_count").value == 1
    again = services.board_for(as_of=today, today=today)
    assert SnapshotRun.objects.get(as_of=today).computed_at == run.computed_at  # read, not recomputed
    assert again.city("signed_count").value == 1
    assert again.cell(project.unit_id, "signed_count").monthly[2] == 1

    other = make_project(user=lianyun_officer, name="新签约项目", negotiation_started_on=date(2026, 1, 5))
    _sign(lianyun_officer, other, date(2026, 6, 2))
    third = services.board_for(as_of=today, today=today)
    assert third.city("signed_count").value == 2
    assert SnapshotRun.objects.count() == 1
