"""Officers' corrections of placements: applied at once, kept forever, learnt from, never overwritten."""

from __future__ import annotations

import pytest

from zhaoshang.chains.classifier import LabelledExample
from zhaoshang.chains.enums import PlacementSource
from zhaoshang.chains.models import ChainNode, FirmPlacement, PlacementCorrection, TargetScore
from zhaoshang.chains.services import classifier_get, firms_classify, placement_correct, targets_rescore
from zhaoshang.chains.services.placements import classifier_examples
from zhaoshang.core.errors import BusinessError

from .conftest import make_firm

EVA = "一般项目：乙烯-醋酸乙烯共聚物（EVA）生产；光伏胶膜料生产；合成树脂销售"
PTA = "一般项目：精对苯二甲酸（PTA）生产、销售；化工产品销售（不含许可类化工产品）"


def node(code):
    return ChainNode.objects.get(code=code)


def test_classifying_places_firms_automatically(chains):
    eva = make_firm("浙江某某光伏材料有限公司", n=1, scope=EVA, industry_code="2651")
    result = firms_classify(firm_ids=[eva.id])
    assert result == {"classified": 1, "placed": 1}
    placement = FirmPlacement.objects.get(firm=eva, rank=1)
    assert (placement.node.code, placement.source) == ("PC3.1.3", PlacementSource.AUTO)
    assert 0.3 <= placement.confidence <= 1


def test_a_correction_changes_placements_at_once_and_keeps_the_scope_as_it_was(chains):
    officer = chains.user("xuwei")
    firm = make_firm("某某石化有限公司", n=2, scope=PTA)
    firms_classify(firm_ids=[firm.id])

    placement_correct(user=officer, firm=firm, action="place", node=node("PC3.2.1"), note="兼产聚酯切片")

    assert FirmPlacement.objects.get(firm=firm, node__code="PC3.2.1").source == PlacementSource.OFFICER
    correction = PlacementCorrection.objects.get(firm=firm)
    assert (correction.business_scope, correction.created_by, correction.note) == (PTA, officer, "兼产聚酯切片")
    assert correction.history.count() == 1

    placement_correct(user=officer, firm=firm, action="remove", node=node("PC2.3.1"))
    assert list(FirmPlacement.objects.filter(firm=firm).values_list("node__code", flat=True)) == ["PC3.2.1"]

    placement_correct(user=officer, firm=firm, action="none")
    assert not FirmPlacement.objects.filter(firm=firm).exists()
    assert PlacementCorrection.objects.filter(firm=firm).count() == 3


def test_corrections_become_the_classifiers_examples_by_their_latest_word(chains):
    officer = chains.user("xuwei")
    a = make_firm("甲公司", n=3, scope=PTA)
    b = make_firm("乙公司", n=4, scope="一般项目：面包烘焙；乙二醇销售")
    placement_correct(user=officer, firm=a, action="place", node=node("PC3.2.1"))
    placement_correct(user=officer, firm=a, action="place", node=node("PC2.3.1"))
    placement_correct(user=officer, firm=a, action="remove", node=node("PC3.2.1"))
    placement_correct(user=officer, firm=b, action="none")

    assert classifier_examples() == [LabelledExample(scope=PTA, node="PC2.3.1", industry_code=None),
                                     LabelledExample(scope=b.business_scope, node=None, industry_code=None)]
    assert classifier_get().n_examples == 2


def test_reclassifying_skips_firms_an_officer_corrected(chains):
    firm = make_firm("丙公司", n=5, scope=PTA)
    placement_correct(user=chains.user("xuwei"), firm=firm, action="place", node=node("PC1.4.1"))

    result = firms_classify(firm_ids=[firm.id])

    assert result == {"classified": 0, "placed": 0}
    assert list(FirmPlacement.objects.filter(firm=firm).values_list("node__code", "source")) == \
        [("PC1.4.1", PlacementSource.OFFICER)]


def test_taking_a_firm_off_drops_its_stale_target_scores(chains):
    firm = make_firm("丁公司", n=6, scope=PTA)
    placement_correct(user=chains.user("xuwei"), firm=firm, action="place", node=node("PC2.3.1"))
    targets_rescore()
    assert TargetScore.objects.filter(firm=firm).count() == 1
    placement_correct(user=chains.user("xuwei"), firm=firm, action="none")
    assert not TargetScore.objects.filter(firm=firm).exists()


def test_corrections_are_checked_and_refused_ones_change_nothing(chains):
    firm = make_firm("戊公司", n=7, scope=PTA)
    officer = chains.user("xuwei")
    with pytest.raises(BusinessError, match="是关联节点，请放到它代表的节点 PC2.2.1"):
        placement_correct(user=officer, firm=firm, action="place", node=node("NM1.1.1"))
    with pytest.raises(BusinessError, match="该企业不在节点 PC1.1.1 上"):
        placement_correct(user=officer, firm=firm, action="remove", node=node("PC1.1.1"))
    with pytest.raises(BusinessError, match="请选择节点"):
        placement_correct(user=officer, firm=firm, action="place")
    with pytest.raises(BusinessError) as exc:
        placement_correct(user=chains.user("leader"), firm=firm, action="none")
    assert exc.value.status == 403
    assert not PlacementCorrection.objects.exists()
