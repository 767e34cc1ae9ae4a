"""Targeting (精准招商): score firms outside the city as targets for chain nodes, explained.

A *target* is a (firm, node) pair: a firm outside the city placed on the node. Its score is the
sum of components, each a value in [0, 1] times its weight (points out of 100), so every row
says how much each reason contributed:

* ``fit`` 节点匹配 — the placement's confidence (how surely the firm makes this node's products);
* ``size`` 规模与质量 — registered capital, revenue band, employees (size), and listed /
  Fortune Global 500 / high-tech / 专精特新 (quality);
* ``growth`` 成长与扩张 — financing, capacity expansion and new plants in the last two years,
  weighted by kind and fading with age (an expanding firm is looking for a site);
* ``proximity`` 区位 — the firm's province: Jiangsu, then the Yangtze River Delta, Shandong…;
* ``relation`` 链主关联 — the firm (on any of its nodes) supplies what a local chain leader
  registered as a purchasing need, sells into a leader's node, or buys what a leader supplies;
* ``precedent`` 投资先例 — firms of the same segment from the same province already invested
  here (projects) or built plants in similar places (new-plant signals in coastal chemical and
  pharmaceutical cities).

Everything is numpy over arrays of millions of rows; explanations for the fifty rows on a page
come from :func:`explain_target` with the same tables.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from .catalog import ChainSpec, customers_of, suppliers_of

#: Province names as stored (full official form); short forms map here on import.
PROVINCES: dict[str, str] = {
    "北京": "北京市", "天津": "天津市", "上海": "上海市", "重庆": "重庆市", "河北": "河北省", "山西": "山西省",
    "辽宁": "辽宁省", "吉林": "吉林省", "黑龙江": "黑龙江省", "江苏": "江苏省", "浙江": "浙江省", "安徽": "安徽省",
    "福建": "福建省", "江西": "江西省", "山东": "山东省", "河南": "河南省", "湖北": "湖北省", "湖南": "湖南省",
    "广东": "广东省", "海南": "海南省", "四川": "四川省", "贵州": "贵州省", "云南": "云南省", "陕西": "陕西省",
    "甘肃": "甘肃省", "青海": "青海省", "台湾": "台湾省", "内蒙古": "内蒙古自治区", "广西": "广西壮族自治区",
    "西藏": "西藏自治区", "宁夏": "宁夏回族自治区", "新疆": "新疆维吾尔自治区", "香港": "香港特别行政区",
    "澳门": "澳门特别行政区",
}
YANGTZE_DELTA = frozenset({"江苏省", "上海市", "浙江省", "安徽省"})
#: Closeness of a province to 连云港 for investment (not kilometres: ties, logistics, policy).
PROXIMITY: dict[str, float] = {
    "江苏省": 1.0, "上海市": 0.9, "浙江省": 0.85, "安徽省": 0.8, "山东省": 0.8, "河南省": 0.55,
    "北京市": 0.5, "天津市": 0.5, "河北省": 0.45, "广东省": 0.45, "福建省": 0.45, "湖北省": 0.45,
    "香港特别行政区": 0.5, "台湾省": 0.4, "澳门特别行政区": 0.4,
}
PROXIMITY_OTHER = 0.3
#: Cities like 连云港 for these chains (coastal bases of petrochemicals, pharma, new materials):
#: a new plant there is a precedent for one here.
SIMILAR_PLACES = frozenset({
    "连云港", "盐城", "南通", "泰州", "日照", "东营", "烟台", "潍坊", "青岛", "宁波", "舟山", "嘉兴", "惠州", "湛江",
    "泉州", "漳州", "大连", "盘锦", "天津", "沧州", "钦州",
})
SIGNAL_WEIGHTS: dict[str, float] = {"financing": 0.6, "expansion": 0.9, "new_plant": 1.2}
SIGNAL_WINDOW_DAYS = 730


def normalise_province(value: str | None) -> str:
    """'江苏' / '江苏省' / ' 江苏省 ' → '江苏省'; unknown text is kept as written."""
    text = (value or "").strip()
    if not text:
        return ""
    if text in PROVINCES:
        return PROVINCES[text]
    for short, full in PROVINCES.items():
        if text == full or (text.startswith(short) and len(text) <= len(full) + 2):
            return full
    return text


@dataclass(frozen=True, slots=True)
class Component:
    key: str
    label: str
    weight: float  # points out of 100


COMPONENTS: tuple[Component, ...] = (
    Component("fit", "节点匹配", 20),
    Component("size", "规模与质量", 20),
    Component("growth", "成长与扩张", 15),
    Component("proximity", "区位", 10),
    Component("relation", "链主关联", 20),
    Component("precedent", "投资先例", 15),
)


@dataclass
class FirmTable:
    """One entry per firm that appears among the candidates."""

    ids: np.ndarray  # int64
    province: np.ndarray  # object (str)
    capital: np.ndarray  # float64 万元, nan = unknown
    revenue_rank: np.ndarray  # int8, 0..5, -1 = unknown
    employees: np.ndarray  # float64, nan = unknown
    is_listed: np.ndarray
    is_high_tech: np.ndarray
    is_specialized: np.ndarray
    is_global500: np.ndarray


@dataclass
class TargetInputs:
    nodes: Sequence[str]  # node codes, indexed by node_pos
    firms: FirmTable
    firm_pos: np.ndarray  # int64, per candidate → FirmTable row
    node_pos: np.ndarray  # int64, per candidate → nodes
    confidence: np.ndarray  # float, per candidate
    signal_strength: np.ndarray  # float per firm (Σ kind weight × recency)
    node_relation: np.ndarray  # float per node, best relation to a local leader, 0..1
    node_segment: Sequence[str]  # per node: its level-2 ancestor (or itself)
    precedent: Mapping[tuple[str, str], int] = field(default_factory=dict)  # (segment, province) → count


@dataclass
class TargetScores:
    points: dict[str, np.ndarray]  # component key → points per candidate
    total: np.ndarray
    firm_relation: np.ndarray  # per firm, the relation value that was used


def size_value(capital: np.ndarray, revenue_rank: np.ndarray, employees: np.ndarray, listed: np.ndarray,
               global500: np.ndarray, high_tech: np.ndarray, specialized: np.ndarray) -> np.ndarray:
    """0.6 × size (mean of what is known of capital, revenue, employees) + 0.4 × quality flags."""
    cap = np.clip(np.log10(1.0 + np.nan_to_num(capital, nan=-1).clip(0)) / 5.0, 0, 1)  # 10亿元 → 1
    cap_known = ~np.isnan(capital)
    rev = (revenue_rank.astype(np.float64) + 1.0) / 6.0
    rev_known = revenue_rank >= 0
    emp = np.clip(np.log10(1.0 + np.nan_to_num(employees, nan=0)) / 4.0, 0, 1)  # 10,000 people → 1
    emp_known = ~np.isnan(employees)
    known = cap_known.astype(np.float64) + rev_known + emp_known
    size = (np.where(cap_known, cap, 0) + np.where(rev_known, rev, 0) + np.where(emp_known, emp, 0)) \
        / np.maximum(known, 1)
    quality = np.clip(0.35 * listed + 0.5 * global500 + 0.2 * high_tech + 0.25 * specialized, 0, 1)
    return 0.6 * size + 0.4 * quality


def growth_value(strength: np.ndarray) -> np.ndarray:
    return 1.0 - np.exp(-np.asarray(strength, dtype=np.float64))


def precedent_value(count: np.ndarray) -> np.ndarray:
    """0 precedents → 0, 1 → 0.39, 3 → 0.77, 5 or more → 1."""
    return np.clip(np.log1p(count) / np.log1p(5), 0, 1)


def signal_strength(firm_pos: np.ndarray, kinds: Sequence[str], ages_days: np.ndarray, n_firms: int) -> np.ndarray:
    """Per firm: Σ kind weight × exp(−age / 1 year) over signals of the last two years.

    ``firm_pos`` is each signal's firm position (−1 = not a candidate firm), ``ages_days`` its age.
    """
    out = np.zeros(n_firms, dtype=np.float64)
    pos = np.asarray(firm_pos, dtype=np.int64)
    ages = np.asarray(ages_days, dtype=np.float64)
    weights = np.array([SIGNAL_WEIGHTS.get(k, 0.5) for k in kinds], dtype=np.float64)
    ok = (pos >= 0) & (ages >= 0) & (ages <= SIGNAL_WINDOW_DAYS)
    np.add.at(out, pos[ok], weights[ok] * np.exp(-ages[ok] / 365.0))
    return out


def score_targets(inputs: TargetInputs, components: Sequence[Component] = COMPONENTS) -> TargetScores:
    """Points per component and the total for every candidate (vectorised)."""
    f = inputs.firms
    fp, npos = inputs.firm_pos, inputs.node_pos
    conf = np.clip(inputs.confidence.astype(np.float64), 0, 1)

    size_f = size_value(f.capital, f.revenue_rank, f.employees, f.is_listed, f.is_global500, f.is_high_tech,
                        f.is_specialized)
    growth_f = growth_value(inputs.signal_strength)
    prov_codes, prov_inverse = np.unique(f.province.astype(str), return_inverse=True)
    prox_table = np.array([PROXIMITY.get(p, PROXIMITY_OTHER) for p in prov_codes], dtype=np.float64)
    prox_f = prox_table[prov_inverse]

    # relation: the best of the firm's placements (a firm making a leader's input on any node)
    rel_row = inputs.node_relation[npos] * np.clip(conf / 0.5, 0, 1)
    firm_rel = np.zeros(len(f.ids), dtype=np.float64)
    np.maximum.at(firm_rel, fp, rel_row)

    # precedent: (segment of the node, province of the firm)
    if inputs.precedent and len(inputs.nodes):
        seg_codes, seg_inverse = np.unique(np.asarray(inputs.node_segment, dtype=str), return_inverse=True)
        seg_at = {s: i for i, s in enumerate(seg_codes)}
        prov_at = {p: i for i, p in enumerate(prov_codes)}
        table = np.zeros((len(seg_codes), max(1, len(prov_codes))), dtype=np.float64)
        for (seg, prov), count in inputs.precedent.items():
            if seg in seg_at and prov in prov_at:
                table[seg_at[seg], prov_at[prov]] = count
        prec_row = precedent_value(table[seg_inverse[npos], prov_inverse[fp]])
    else:
        prec_row = np.zeros(len(fp), dtype=np.float64)

    values = {
        "fit": conf,
        "size": size_f[fp],
        "growth": growth_f[fp],
        "proximity": prox_f[fp],
        "relation": firm_rel[fp],
        "precedent": prec_row,
    }
    points = {c.key: np.round(values[c.key] * c.weight, 2) for c in components}
    total = np.round(sum(points.values()), 2) if points else np.zeros(len(fp))
    return TargetScores(points=points, total=np.asarray(total, dtype=np.float64), firm_relation=firm_rel)


# ---------------------------------------------------------------------------- leader relations


@dataclass(frozen=True, slots=True)
class LeaderLink:
    """What a local leader does on the chain map: where it sits, what it buys and supplies."""

    name: str
    nodes: tuple[str, ...]
    buys: tuple[str, ...] = ()
    supplies: tuple[str, ...] = ()


#: Relation strengths: supplying a registered need beats the rest.
RELATION_WEIGHTS = {"need": 1.0, "supplier": 0.6, "buyer_of_offer": 0.5, "customer": 0.3}


def node_relations(chains: Sequence[ChainSpec], leaders: Sequence[LeaderLink]) -> dict[str, tuple[float, str]]:
    """Node → (relation value, reason) for a firm on that node, over all local leaders."""
    out: dict[str, tuple[float, str]] = {}
    index = {n.code: n for c in chains for n in c.nodes}

    def offer(code: str, value: float, reason: str) -> None:
        if code in index and value > out.get(code, (0.0, ""))[0]:
            out[code] = (value, reason)

    def name(code: str) -> str:
        return index[code].name if code in index else code

    for leader in leaders:
        for code in leader.buys:
            for c in [code, *(n.code for n in _subtree(code, chains))]:
                offer(c, RELATION_WEIGHTS["need"], f"可向链主“{leader.name}”供应其采购的{name(code)}")
        for code in leader.supplies:
            for c in [code, *(n.code for n in _subtree(code, chains))]:
                offer(c, RELATION_WEIGHTS["buyer_of_offer"], f"可采购链主“{leader.name}”供应的产品（{name(code)}）")
        for node in leader.nodes:
            for c in suppliers_of(node, chains):
                offer(c, RELATION_WEIGHTS["supplier"], f"为链主“{leader.name}”所在的{name(node)}提供原料")
            for c in customers_of(node, chains):
                offer(c, RELATION_WEIGHTS["customer"], f"是链主“{leader.name}”（{name(node)}）的下游")
    return out


def _subtree(code: str, chains: Sequence[ChainSpec]) -> list:
    for chain in chains:
        if chain.has_node(code):
            return chain.descendants(code)
    return []


def segment_of(code: str, index: Mapping[str, object]) -> str:
    """The level-2 ancestor of a node (or the node itself at level 1–2): precedent is counted per segment."""
    node = index.get(code)
    while node is not None and getattr(node, "level", 1) > 2 and getattr(node, "parent", None):
        node = index.get(node.parent)
    return node.code if node is not None else code


# ---------------------------------------------------------------------------- explanation


@dataclass
class ComponentLine:
    key: str
    label: str
    points: float
    weight: float
    detail: str


def explain_target(points: Mapping[str, float], details: Mapping[str, str],
                   components: Sequence[Component] = COMPONENTS) -> list[ComponentLine]:
    """One line per component for a target row: points, the maximum, and why."""
    return [ComponentLine(c.key, c.label, round(float(points.get(c.key, 0.0)), 1), c.weight, details.get(c.key, ""))
            for c in components]
