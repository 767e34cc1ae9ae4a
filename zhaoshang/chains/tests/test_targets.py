"""Targeting in the database: the scoring job, the ranking rule, leads in one click, outcomes, hit rate."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from zhaoshang.chains import selectors
from zhaoshang.chains.models import ChainNode, GapSnapshot, TargetOutcome, TargetRun, TargetScore
from zhaoshang.chains.selectors_specs import chain_specs
from zhaoshang.chains.services import (
    placement_correct,
    signal_create,
    target_make_lead,
    target_outcome_set,
    targets_rescore,
)
from zhaoshang.chains.targeting import node_relations
from zhaoshang.core.errors import BusinessError
from zhaoshang.leads.enums import ChannelKind
from zhaoshang.leads.models import Lead

from .conftest import make_firm


def node(code):
    return ChainNode.objects.get(code=code)


def place(user, firm, *codes):
    for code in codes:
        placement_correct(user=user, firm=firm, action="place", node=node(code))


def test_a_firm_supplying_a_local_leaders_main_input_ranks_above_an_otherwise_equal_firm(chains):
    # given a gap node whose own link to the local leaders is weak
    relations = node_relations(chain_specs(), selectors.leader_links())
    gap = next(code for code in ("PC3.4.2", "PC3.3.2", "PC4.2.2") if relations.get(code, (0, ""))[0] < 1.0)
    assert relations["PC1.1.3"][0] == 1.0  # 甲醇: what 斯尔邦 registered as its purchasing need
    officer = chains.user("xuwei")
    # and two firms alike in everything but one: A also makes methanol
    a = make_firm("山东甲醇化工有限公司", n=11)
    b = make_firm("山东乙醇化工有限公司", n=12)
    place(officer, a, gap, "PC1.1.3")
    place(officer, b, gap)

    # when the scoring job runs
    targets_rescore()

    # then A ranks above B on the gap node, by its relation to the leader and by nothing else
    sa, sb = TargetScore.objects.get(node__code=gap, firm=a), TargetScore.objects.get(node__code=gap, firm=b)
    assert sa.total > sb.total
    assert sa.relation == 20.0 and sb.relation < 20.0
    assert [sa.fit, sa.size, sa.growth, sa.proximity, sa.precedent] == [sb.fit, sb.size, sb.growth, sb.proximity,
                                                                        sb.precedent]
    assert [s.firm_id for s in selectors.target_list(user=officer, node=node(gap))] == [a.id, b.id]
    row = selectors.target_rows(user=officer, node=node(gap), scores=[sa])[0]
    relation = next(line for line in row["lines"] if line.key == "relation")
    assert (relation.points, relation.detail) == (20.0, "可向链主“斯尔邦”供应其采购的甲醇")


def test_the_scoring_job_scores_only_firms_outside_the_city_and_records_the_gaps(chains):
    officer = chains.user("xuwei")
    outside = make_firm("江苏外地甲醇有限公司", n=13, province="江苏省", city="南京市")
    local = make_firm("连云港本地甲醇有限公司", n=14, province="江苏省", city="连云港市", is_local=True,
                      unit=chains.unit("xuwei"))
    place(officer, outside, "PC1.1.3")
    place(officer, local, "PC1.1.3")
    signal_create(user=officer, firm=outside, happened_on=timezone.localdate() - timedelta(days=30),
                  kind="new_plant", text="新建甲醇基地", place="盐城")

    run = targets_rescore()

    assert (run.targets, TargetRun.objects.count()) == (1, 1)
    score = TargetScore.objects.get()
    assert (score.firm, score.province, score.has_signal, score.proximity) == (outside, "江苏省", True, 10.0)
    assert score.growth > 0 and score.precedent > 0  # a new plant in 盐城, a place like 连云港
    snapshot = GapSnapshot.objects.get(node__code="PC1.1.2", taken_on=timezone.localdate())
    assert snapshot.kind == "fill" and "链主企业登记了采购需求：斯尔邦、卫星化学、中化国际" in snapshot.reasons
    one_local = GapSnapshot.objects.get(node__code="PC1.1.3")  # one local firm: still weak, still to fill
    assert one_local.kind == "fill" and one_local.reasons[0] == "本地仅有 1 家企业、无链主企业"
    # filters are columns of the score row
    assert list(selectors.target_list(user=officer, node=node("PC1.1.3"), filters={"signal": "1"})) == [score]
    assert list(selectors.target_list(user=officer, node=node("PC1.1.3"), filters={"province": "山东省"})) == []


def test_one_click_makes_a_lead_of_the_users_unit_and_records_the_outcome(chains):
    officer = chains.user("xuwei")
    firm = make_firm("浙江甲醇科技有限公司", n=15, province="浙江省", city="宁波市")
    place(officer, firm, "PC1.1.3")
    targets_rescore()

    lead = target_make_lead(user=officer, node=node("PC1.1.3"), firm=firm)

    assert (lead.unit, lead.channel_kind, lead.firm, lead.firm_name, lead.status, lead.created_by) == \
        (officer.unit, ChannelKind.TARGETING, firm, firm.name, "new", officer)
    assert lead.summary.startswith("产业链精准招商：石化·甲醇（补链）的推荐目标企业，综合得分")
    assert lead.history.count() == 1
    outcome = TargetOutcome.objects.get(firm=firm, node__code="PC1.1.3")
    assert (outcome.status, outcome.lead, outcome.unit, outcome.lead_on, outcome.gap_kind) == \
        ("lead", lead, officer.unit, timezone.localdate(), "fill")

    # a second click is refused and creates nothing
    with pytest.raises(BusinessError, match="该企业已由徐圩新区生成线索"):
        target_make_lead(user=chains.user("lianyun"), node=node("PC1.1.3"), firm=firm)
    assert Lead.objects.count() == 1


def test_the_city_admin_chooses_the_unit_and_officers_cannot(chains):
    firm = make_firm("上海甲醇有限公司", n=16, province="上海市", city="上海市")
    lead = target_make_lead(user=chains.user("city_admin"), node=node("PC1.1.3"), firm=firm, unit=chains.unit("ganyu"))
    assert lead.unit == chains.unit("ganyu")
    other = make_firm("上海乙醇有限公司", n=17, province="上海市", city="上海市")
    with pytest.raises(BusinessError, match="只能为本单位或下级单位生成线索"):
        target_make_lead(user=chains.user("xuwei"), node=node("PC1.1.3"), firm=other, unit=chains.unit("ganyu"))
    assert Lead.objects.count() == 1


def test_local_firms_and_read_only_users_make_no_lead(chains):
    local = make_firm("连云港某化工有限公司", n=18, city="连云港市", is_local=True, unit=chains.unit("xuwei"))
    with pytest.raises(BusinessError, match="本市企业不是招商目标"):
        target_make_lead(user=chains.user("xuwei"), node=node("PC1.1.3"), firm=local)
    outside = make_firm("外地某化工有限公司", n=19)
    with pytest.raises(BusinessError) as exc:
        target_make_lead(user=chains.user("leader"), node=node("PC1.1.3"), firm=outside)
    assert exc.value.status == 403
    assert not Lead.objects.exists() and not TargetOutcome.objects.exists()


def test_outcomes_move_with_their_dates_and_a_lead_needs_the_lead_button(chains):
    officer = chains.user("xuwei")
    firm = make_firm("安徽某化工有限公司", n=20, province="安徽省", city="合肥市")
    today = timezone.localdate()
    target_outcome_set(user=officer, node=node("PC1.1.3"), firm=firm, status="contacted",
                       happened_on=today - timedelta(days=3))
    outcome = target_outcome_set(user=officer, node=node("PC1.1.3"), firm=firm, status="visited", note="已拜访总部")
    assert (outcome.status, outcome.contacted_on, outcome.visited_on, outcome.note) == \
        ("visited", today - timedelta(days=3), today, "已拜访总部")
    assert outcome.history.count() == 2
    with pytest.raises(BusinessError, match="生成线索"):
        target_outcome_set(user=officer, node=node("PC1.1.3"), firm=firm, status="lead")
    with pytest.raises(BusinessError, match="不能晚于今天"):
        target_outcome_set(user=officer, node=node("PC1.1.3"), firm=firm, status="signed",
                           happened_on=today + timedelta(days=1))
    assert TargetOutcome.objects.get().status == "visited"


def test_the_hit_rate_counts_what_became_of_the_recommended_firms(chains):
    officer = chains.user("xuwei")
    firms = [make_firm(f"江苏甲醇{i}有限公司", n=30 + i, province="江苏省", city="南京市") for i in range(4)]
    for f in firms:
        place(officer, f, "PC1.1.3")
    targets_rescore()
    pc113 = node("PC1.1.3")
    assert sorted(GapSnapshot.objects.get(node=pc113).recommended) == sorted(f.id for f in firms)

    target_make_lead(user=officer, node=pc113, firm=firms[0])
    target_outcome_set(user=officer, node=pc113, firm=firms[1], status="signed")
    target_outcome_set(user=officer, node=pc113, firm=firms[2], status="contacted")

    assert selectors.hit_rates()[pc113.id] == {"recommended": 4, "acted": 3, "visited": 2, "leads": 2, "signed": 1,
                                               "hit_rate": 0.5}
    rows = {r["gap"].node: r for r in selectors.gap_list(user=officer, chain=pc113.chain)}
    assert rows["PC1.1.3"]["hits"]["hit_rate"] == 0.5 and rows["PC1.1.3"]["targets"] == 4


def test_cluster_snapshots_measure_each_chain_for_the_city_and_its_districts(chains):
    from zhaoshang.chains.models import ClusterSnapshot
    from zhaoshang.chains.services import cluster_snapshots_take

    officer = chains.user("xuwei")
    old = make_firm("连云港老甲醇有限公司", n=40, city="连云港市", is_local=True, unit=chains.unit("xuwei"),
                    capital="3000", founded_on=date(2015, 1, 1))
    new = make_firm("连云港新甲醇有限公司", n=41, city="连云港市", is_local=True, unit=chains.unit("haizhou"),
                    capital="1000", founded_on=date(2026, 6, 1))
    place(officer, old, "PC1.1.3")
    place(officer, new, "PC1.1.2")

    written = cluster_snapshots_take(taken_on=date(2026, 7, 1))
    cluster_snapshots_take(taken_on=date(2026, 1, 1), as_of=date(2026, 1, 1))

    assert written == 3 * 11  # three chains × (the city + six districts + four zones)
    city = ClusterSnapshot.objects.get(chain__code="PC", unit__kind="city", taken_on=date(2026, 7, 1))
    assert (city.firms, city.hhi, city.details["firms_by_district"]) == (2, 6250.0, {"徐圩新区": 1, "海州区": 1})
    assert city.leaders == 10 and city.lq is None  # no firm universe to compare with
    before = ClusterSnapshot.objects.get(chain__code="PC", unit__kind="city", taken_on=date(2026, 1, 1))
    assert before.firms == 1  # the new firm did not exist yet
    assert ClusterSnapshot.objects.get(chain__code="PC", unit__code="haizhou", taken_on=date(2026, 7, 1)).firms == 1
