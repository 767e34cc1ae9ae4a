"""The chain-node classifier: clear-cut placements, abstention, corrections, vectorised batches."""

from __future__ import annotations

import pytest

from zhaoshang.chains.classifier import (
    LabelledExample,
    NodeClassifier,
    clean_scope,
    normalise,
    normalise_industry_code,
)

B1 = "（依法须经批准的项目，经相关部门批准后方可开展经营活动，具体经营项目以审批结果为准）"
B2 = "（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）"
T6 = "技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广"

SHENGHONG_REFINERY = (
    f"许可项目：危险化学品生产；危险化学品经营；港口经营；成品油批发（限危险化学品）{B1}"
    f"一般项目：原油加工及石油制品制造；常减压蒸馏、加氢裂化、催化重整装置的运营；石脑油、对二甲苯的生产；"
    f"化工产品销售（不含许可类化工产品）；{T6}{B2}"
)
PTA_PRODUCER = "许可项目：危险化学品生产。一般项目：精对苯二甲酸（PTA）生产、销售；化工产品销售（不含许可类化工产品）；货物进出口。"
HENGRUI = (
    f"许可项目：药品生产；药品批发；药品进出口；药品委托生产{B1}一般项目：创新药研发；抗肿瘤药物、抗体偶联药物的研究开发；"
    f"医学研究和试验发展；{T6}{B2}"
)
SHENYING = (
    "一般项目：高性能纤维及复合材料制造；高性能纤维及复合材料销售；碳纤维及碳纤维原丝的研发、生产；"
    "T700、T800级高性能碳纤维制造；货物进出口；技术进出口。"
)
RESTAURANT = "许可项目：餐饮服务；食品经营（销售散装食品）。一般项目：食品销售（仅销售预包装食品）；外卖递送服务。"


@pytest.fixture(scope="module")
def clf() -> NodeClassifier:
    return NodeClassifier().fit()


def test_shenghong_refinery_goes_to_refining(clf):
    [pred] = clf.predict([SHENGHONG_REFINERY], ["2511"])
    assert pred[0][0] == "PC1.2.1"
    assert pred[0][1] >= 0.5


def test_pta_producer_goes_to_the_pta_node(clf):
    assert clf.predict([PTA_PRODUCER], ["2653"]) == [[("PC2.3.1", 1.0)]]


def test_hengrui_goes_to_innovative_drugs(clf):
    [pred] = clf.predict([HENGRUI], ["2720"])
    assert pred[0][0] == "BP2.1.1"


def test_zhongfu_shenying_goes_to_carbon_fibre(clf):
    [pred] = clf.predict([SHENYING], ["2829"])
    assert pred[0][0] == "NM1.2.1"


def test_restaurant_is_placed_on_no_node(clf):
    assert clf.predict([RESTAURANT], ["5610"]) == [[]]


def test_pure_trader_is_not_placed_as_a_producer(clf):
    # given a firm that only sells glycol and plastics
    trader = "一般项目：乙二醇销售；化工产品销售（不含许可类化工产品）；塑料原料销售；国内贸易代理。"
    # when classified, then it is not placed on the glycol production node
    [pred] = clf.predict([trader])
    assert all(code != "PC2.1.2" for code, _ in pred)


def test_blocking_terms_stop_false_keyword_hits(clf):
    # 聚四氟乙烯 contains 乙烯, 聚乙烯醇 contains 聚乙烯, 丙烯酸 contains 丙烯: none is that product
    assert clf.predict(["聚四氟乙烯微孔膜的生产与销售", "聚乙烯醇、丙烯酸酯乳液生产"]) == [[], []]
    assert clf.predict(["高密度聚乙烯生产"])[0][0][0] == "PC3.1.1"


def test_extra_examples_change_a_prediction():
    # given a product the chain data never mentions
    scope = "一般项目：聚四氟乙烯微孔膜的生产与销售；新材料技术研发。"
    before = NodeClassifier().fit().predict([scope])
    # when an officer's correction with a similar scope is added at fit time
    correction = LabelledExample("一般项目：聚四氟乙烯微孔膜、过滤膜的生产；塑料制品销售。", "NM4.2.2")
    after = NodeClassifier().fit(extra_examples=[correction]).predict([scope])
    # then the firm moves onto the corrected node
    assert before == [[]]
    assert after[0][0][0] == "NM4.2.2"


def test_negative_correction_removes_a_placement():
    scope = "一般项目：碳纤维自行车、碳纤维钓竿的生产与销售；体育用品及器材零售。"
    before = NodeClassifier().fit().predict([scope])
    after = NodeClassifier().fit(extra_examples=[(scope, None)]).predict([scope])
    assert before[0][0][0] == "NM1.4.4"
    assert after == [[]]


def test_examples_on_link_nodes_count_for_their_target_and_unknown_nodes_fail():
    clf = NodeClassifier().fit(extra_examples=[("丙烯腈装置运营", "NM1.1.1", "2614")])
    assert clf.n_examples == 1
    assert clf.predict(["丙烯腈装置运营"])[0][0][0] == "PC2.2.1"
    with pytest.raises(ValueError, match="未知节点：XX9"):
        NodeClassifier().fit(extra_examples=[("x", "XX9")])


def test_industry_code_is_a_prior(clf):
    # given a scope that names only the class-level phrase 药品生产
    scope = "许可项目：药品生产。"
    api = clf.predict_proba([scope], ["2710"])[0]
    tcm = clf.predict_proba([scope], ["2740"])[0]
    col = clf.node_codes.index
    # then the code moves the mass toward the nodes carrying that code
    assert api[0, col("BP1.2.2")] > tcm[0, col("BP1.2.2")]
    assert tcm[0, col("BP2.3")] > api[0, col("BP2.3")]


def test_unknown_industry_code_raises_no_node_probability(clf):
    _, p_known = clf.predict_proba([PTA_PRODUCER], ["2653"])
    _, p_unknown = clf.predict_proba([PTA_PRODUCER], ["5610"])
    assert p_unknown[0] > p_known[0]


def test_predict_is_batched_and_consistent(clf):
    scopes = [SHENGHONG_REFINERY, PTA_PRODUCER, HENGRUI, SHENYING, RESTAURANT] * 200
    codes = ["2511", "2653", "2720", "2829", "5610"] * 200
    one_batch = clf.predict(scopes, codes)
    small_batches = clf.predict(scopes, codes, batch_size=7)
    assert one_batch == small_batches
    assert [p[0][0] if p else None for p in one_batch[:5]] == ["PC1.2.1", "PC2.3.1", "BP2.1.1", "NM1.2.1", None]
    proba, null = clf.predict_proba(scopes[:5], codes[:5])
    assert proba.shape == (5, len(clf.node_codes))
    assert (abs(proba.sum(axis=1) + null - 1) < 1e-5).all()


def test_top_k_and_threshold(clf):
    [pred] = clf.predict([SHENGHONG_REFINERY], ["2511"], top_k=1)
    assert len(pred) == 1
    assert clf.predict([SHENGHONG_REFINERY], ["2511"], threshold=1.01) == [[]]


def test_explain_lists_matched_keywords(clf):
    ex = clf.explain(PTA_PRODUCER, "C2653")
    assert ex["industry_code"] == "2653"
    assert ex["candidates"][0]["node"] == "PC2.3.1"
    assert ex["candidates"][0]["name"] == "精对苯二甲酸（PTA）"
    assert ex["candidates"][0]["keywords"] == ["精对苯二甲酸", "PTA"]
    assert ("PTA", 1.0) in ex["keyword_hits"]


def test_fit_is_required():
    with pytest.raises(RuntimeError):
        NodeClassifier().predict(["x"])


def test_text_normalisation():
    assert normalise("ＰＴＡ　生产（不含Ⅲ类）；ｐｅ") == "PTA生产(不含III类);PE"
    assert clean_scope(f"一般项目：涤纶长丝生产；{T6}；货物进出口{B2}") == "涤纶长丝生产"
    assert clean_scope(f"许可项目：危险化学品生产{B1}一般项目：塑料、技术服务、橡胶制品") == "危险化学品生产;塑料、橡胶制品"
    assert [normalise_industry_code(c) for c in ("C2614", "2614 有机化学原料制造", "265", "C", None, 2710)] == [
        "2614", "2614", "265", None, None, "2710"]
