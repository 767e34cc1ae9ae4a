"""Chain-node classifier: place a firm on chain nodes from its business scope (经营范围)
and industry code (GB/T 4754).

Why this shape: the universe is millions of firms and most are in none of the three chains,
so the model must (1) be vectorised over sparse matrices, (2) abstain ("no node") when the
evidence is weak, and (3) learn from officers' corrections without retraining a big model.

Score of firm *i* on node *j* (all matrix operations over a batch)::

    s_ij = (w_kw · K_ij + w_sim · T_ij) · (1 + w_code_boost · C_ij) + w_code · C_ij
    s_i0 = null_base + w_code_miss · M_i + w_neg · N_i                 # the "no node" option
    p_i  = softmax([s_i0, s_i1 … s_in] / temperature)

* ``K`` — keyword hits per scope *item* (items are the ；-separated 规范表述 entries), each hit
  weighted by the item's verb: product + 生产/制造/加工 → 1.0, 技术开发/服务 only → 0.5,
  销售/批发 only → 0.25 (a trader is not a producer), a bare product list → 0.6; class-level
  phrases such as ``专用化学产品制造（不含危险化学品）`` weigh 0.35; a keyword shared by *m*
  nodes is split *m* ways; a keyword on a node and its ancestor counts for the deepest node.
  ``危险化学品生产`` among the licensed items lifts the base-chemical nodes; only
  ``（不含危险化学品）`` qualifiers lower them (fine-chem SMEs vs refinery/cracker majors).
* ``T`` — TF-IDF character n-gram (2–4, ``char_wb``) cosine to the node's prototypes (its name
  and specific keywords, plus any labelled example of that node), max over prototypes: a
  correction that looks like a new firm's scope decides its placement. N-grams are counted per
  scope item; each distinct item of a batch is vectorised once and firms are the sum of their
  items (a sparse incidence product), because registry scopes reuse a limited catalogue of items.
* ``C`` — the firm's industry code is one of the node's codes (4 digits; 3-digit prefix counts half).
* ``M`` — the firm has an industry code and it belongs to no chain node at all.
* ``N`` — TF-IDF similarity to labelled negative examples (firms an officer said are in no chain).
* near duplicates — a labelled example (positive or negative) whose cosine to the firm exceeds
  0.85 adds up to +3 to its node (or to "no node"): a correction decides scopes like itself.
* ``offshare`` — the share of a scope's items that hit no chain keyword, added to ``s_i0``:
  a general trader listing 化工产品销售 among twenty other goods is not a chemical firm.

Weights were tuned on the training split of ``bench/data/chains/scopes.csv`` only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from zhaoshang.chains.catalog import ChainSpec, NodeSpec, load_chains

BACKGROUND_FILE = Path(__file__).resolve().parent / "data" / "background_items.txt"

# Boilerplate that every registry extract carries; it says nothing about the chain.
_BOILERPLATE_RE = re.compile(
    r"\((?:[^()]*(?:依法须经批准|审批结果|营业执照|许可证件为准|许可经营项目)[^()]*)\)"
    r"|许可项目:|一般项目:|经营范围:|\*+"
)
# Items (or parts of items) shared by firms of every trade: removed before matching.
_GENERIC_ITEM_RE = re.compile(
    "|".join(
        [
            r"技术服务", r"技术开发", r"技术咨询", r"技术交流", r"技术转让", r"技术推广",
            r"货物进出口", r"技术进出口", r"进出口代理", r"信息咨询服务(?:\(不含许可类信息咨询服务\))?",
            r"企业管理(?:咨询)?", r"社会经济咨询服务", r"普通货物仓储服务(?:\(不含危险化学品等需许可审批的项目\))?",
            r"装卸搬运", r"会议及展览服务", r"办公用品销售", r"日用百货销售", r"非居住房地产租赁",
            r"住房租赁", r"机械设备租赁", r"信息技术咨询服务", r"市场营销策划", r"业务培训(?:\(不含[^()]*\))?",
        ]
    )
)
_ITEM_SPLIT_RE = re.compile(r"[;。,\n]+")
_MANUF_RE = re.compile(r"生产|制造|加工|合成|冶炼|炼制|纺丝|种植|开采|制备|提炼|研制")
_RND_RE = re.compile(r"研发|研究|试验发展|技术|检测|检验|设计|开发")
_TRADE_RE = re.compile(r"销售|批发|零售|经营|贸易|进出口|代理|经销|采购|租赁|仓储")
_HAZMAT_LICENCE_RE = re.compile(r"危险化学品生产")
_HAZMAT_EXCLUDED_RE = re.compile(r"不含危险化学品|不含许可类化工产品")
_DIGITS_RE = re.compile(r"\d+")

#: Class-level 规范表述 phrases: real signal, but shared by whole industries (weight 0.35).
GENERIC_KEYWORDS: frozenset[str] = frozenset(
    {
        "化工产品生产（不含许可类化工产品）", "专用化学产品制造（不含危险化学品）", "危险化学品生产",
        "药品生产", "合成材料制造（不含危险化学品）", "高性能纤维及复合材料制造", "电子专用材料制造",
        "石墨及碳素制品制造", "技术玻璃制品制造", "塑料制品制造", "塑料制品", "精细化工", "生物基材料制造",
        "照明器具制造", "照明器具", "灯具", "非金属矿及制品销售", "选矿", "矿产资源开采", "体育用品及器材制造",
        "医疗器械生产", "第一类医疗器械生产", "第二类医疗器械生产", "第三类医疗器械生产", "化学试剂和助剂制造",
        "专项化学用品制造", "合成纤维制造", "化学纤维制造", "初级形态塑料", "医疗服务", "医院", "诊疗服务",
        "纺织机械", "压力容器", "工业气体", "涂料", "催化剂", "植入", "介入", "一次性使用", "注射液",
        "胶囊", "片剂", "注射剂", "蒸汽", "裂解", "烯烃", "芳烃", "氢气", "氢能", "叶酸", "保健食品", "合成树脂",
        "金属压力容器制造", "风力发电机组", "风电设备", "光伏料", "化纤", "药品经营", "医疗器械经营",
        "危险化学品经营", "医学研究和试验发展", "石油制品销售（不含危险化学品）", "化工产品销售（不含许可类化工产品）",
    }
)
#: Compounds that contain a keyword but name another substance (聚四氟乙烯 is not 乙烯, 丙烯酸 is
#: not 丙烯, 聚乙烯醇 is not 聚乙烯). The matcher consumes them without a hit.
BLOCKING_TERMS: tuple[str, ...] = (
    "聚四氟乙烯", "四氟乙烯", "聚氯乙烯", "氯乙烯", "偏氟乙烯", "聚偏氟乙烯", "偏二氯乙烯", "乙烯基", "乙烯利",
    "聚乙烯醇", "聚乙烯吡咯烷酮", "丙烯酸", "聚丙烯酸", "丙烯酰胺", "聚丙烯酰胺", "氯丙烯", "丙酮酸", "聚苯乙烯磺酸",
)

#: Ambiguous short Latin abbreviations (PE, PP, PS, PO, EO …) weigh 0.6.
_SHORT_LATIN_RE = re.compile(r"^[A-Z]{2}$")

#: Nodes that make base chemicals: a licensed hazardous-chemicals producer is more likely here.
BASE_CHEMICAL_PREFIXES: tuple[str, ...] = ("PC1.2", "PC1.3", "PC1.4", "PC2.")


# Full-width ASCII (！…～) → ASCII, Roman numerals → Latin, spaces dropped. Registry scopes use
# a handful of full-width marks (；（）：，), so those go by str.replace (C speed); the general
# table runs only when another full-width character is left — NFKC on every scope costs more.
_FULLWIDTH: dict[int, int | str | None] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FULLWIDTH.update({0x3000: None, 0x20: None, 0xA0: None, 0x09: None})
_FULLWIDTH.update(
    {0x2160 + i: r for i, r in enumerate(["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"])}
)
_NORMALISE_TABLE = str.maketrans(_FULLWIDTH)
_RARE_RE = re.compile(r"[\uFF01-\uFF5E\u2160-\u216B\u3000\u00A0\t]")


def normalise(text: str) -> str:
    """Full-width → ASCII (（）→ ()), upper-case Latin, no spaces."""
    s = (
        (text or "").replace("；", ";").replace("（", "(").replace("）", ")").replace("：", ":")
        .replace("，", ",").replace(" ", "")
    )
    if _RARE_RE.search(s):
        s = s.translate(_NORMALISE_TABLE)
    return s.upper()


_STRAY_SEPARATORS_RE = re.compile(r"(?:(?<=^)|(?<=[;,。]))[、]+|[、]+(?=[;,。]|$)|[;]{2,}|(?<=、)、+")


def clean_scope(scope: str) -> str:
    """Normalised scope without registry boilerplate and trade-neutral items."""
    s = _GENERIC_ITEM_RE.sub("", _BOILERPLATE_RE.sub(";", normalise(scope)))
    return _STRAY_SEPARATORS_RE.sub(lambda m: ";" if m.group().startswith(";") else "", s).strip(";")


def normalise_industry_code(code: str | None) -> str | None:
    """'C2614', '2614 有机化学原料制造', 2614 → '2614'; 3-digit classes are kept as 3 digits."""
    if code is None:
        return None
    m = _DIGITS_RE.search(str(code))
    if not m or len(m.group()) < 3:
        return None
    return m.group()[:4]


@dataclass(frozen=True, slots=True)
class LabelledExample:
    """A scope an officer (or the labelled set) placed on ``node``; ``None`` = in no chain."""

    scope: str
    node: str | None
    industry_code: str | None = None


@dataclass(slots=True)
class ClassifierWeights:
    """Scoring weights. Chosen by random search on the training split (chain-data-only fit plus
    5-fold CV with examples), taking a setting from the middle of the plateau rather than the
    single best point, so that it is not tuned to 260 texts."""

    w_kw: float = 1.0
    w_sim: float = 2.0
    w_code_boost: float = 0.5
    w_code: float = 0.4
    null_base: float = 0.8
    w_code_miss: float = 0.8
    w_neg: float = 1.0
    w_offshare: float = 0.5
    temperature: float = 0.2
    hazmat_boost: float = 1.25
    hazmat_excluded_factor: float = 0.8
    trade_when_producer: float = 0.3
    #: a labelled example decides near-identical scopes: cosine above ``dup_from`` ramps to +w_dup
    w_dup: float = 3.0
    dup_from: float = 0.85
    threshold: float = 0.3
    min_secondary: float = 0.02


def _trie_pattern(words: Iterable[str]) -> str:
    """Regex alternation of literals built as a trie: one pass, longest match at each position."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and len(alts[0]) == 1 else "(?:" + "|".join(alts) + ")"
        return body + "?" if "" in node else body

    return build(trie)


@dataclass
class _Batch:
    """Per-batch text work: cleaned texts, firm × distinct-item incidence, per-item features."""

    texts: list[str]
    incidence: sp.csr_matrix  # firms × distinct items (counts)
    items: list[str]


def _split_batch(scopes: Sequence[str]) -> _Batch:
    texts: list[str] = []
    uniq: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for i, scope in enumerate(scopes):
        text = clean_scope(scope)
        texts.append(text)
        for item in _ITEM_SPLIT_RE.split(text):
            if len(item) < 2:
                continue
            u = uniq.get(item)
            if u is None:
                u = uniq[item] = len(uniq)
            rows.append(i)
            cols.append(u)
    inc = sp.csr_matrix(
        (np.ones(len(rows), dtype=np.float32), (np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64))),
        shape=(len(scopes), len(uniq)),
    )
    inc.sum_duplicates()
    return _Batch(texts=texts, incidence=inc, items=list(uniq))


class NodeClassifier:
    """Keyword + TF-IDF + industry-code classifier over the placeable nodes of the chains."""

    def __init__(self, weights: ClassifierWeights | None = None):
        self.weights = weights or ClassifierWeights()
        self.node_codes: list[str] = []
        self.n_examples = 0
        self._fitted = False

    # ------------------------------------------------------------------ fitting
    def fit(
        self,
        chains: Sequence[ChainSpec] | None = None,
        extra_examples: Iterable[LabelledExample | tuple] = (),
    ) -> NodeClassifier:
        """Build the node vocabulary, keyword matrix, code prior and TF-IDF prototypes.

        ``extra_examples`` are officer corrections or labelled scopes: ``LabelledExample`` or
        ``(scope, node_code_or_None[, industry_code])`` tuples. Examples on a link node
        (``alias_of``) count for its target. Fitting takes well under a second, so the Django
        side can refit after each batch of corrections.
        """
        chains = list(load_chains() if chains is None else chains)
        all_nodes: dict[str, NodeSpec] = {n.code: n for c in chains for n in c.nodes}
        nodes = [n for n in all_nodes.values() if n.placeable]
        self.node_codes = [n.code for n in nodes]
        self._col = {code: j for j, code in enumerate(self.node_codes)}
        self.node_names = {n.code: n.name for n in nodes}
        n_nodes = len(nodes)

        examples = [e if isinstance(e, LabelledExample) else LabelledExample(*e) for e in extra_examples]
        resolved: list[tuple[str, str | None, str | None]] = []
        for e in examples:
            node = e.node or None
            if node is not None:
                if node not in all_nodes:
                    raise ValueError(f"未知节点：{node}")
                node = all_nodes[node].alias_of or node
                if node not in self._col:
                    raise ValueError(f"节点 {node} 不可放置企业")
            resolved.append((e.scope, node, normalise_industry_code(e.industry_code)))

        # keywords → nodes; a keyword on a node and on its ancestor counts for the deepest node
        def ancestors(code: str) -> set[str]:
            out, cur = set(), all_nodes[code].parent
            while cur is not None:
                out.add(cur)
                cur = all_nodes[cur].parent
            return out

        owners: dict[str, set[str]] = {}
        for n in nodes:
            for kw in n.keywords:
                owners.setdefault(normalise(kw), set()).add(n.code)
        generic = {normalise(k) for k in GENERIC_KEYWORDS}
        self._kw_list: list[str] = []
        kw_rows, kw_cols, kw_vals = [], [], []
        for kw, codes in owners.items():
            deepest = {c for c in codes if not any(c in ancestors(o) for o in codes if o != c)}
            base = 0.35 if kw in generic else (0.6 if _SHORT_LATIN_RE.match(kw) else 1.0)
            k = len(self._kw_list)
            self._kw_list.append(kw)
            for c in deepest:
                kw_rows.append(k)
                kw_cols.append(self._col[c])
                kw_vals.append(base / len(deepest))
        self._kw_matrix = sp.csr_matrix(
            (np.asarray(kw_vals, dtype=np.float32), (kw_rows, kw_cols)), shape=(len(self._kw_list), n_nodes)
        )
        self._kw_index = {kw: i for i, kw in enumerate(self._kw_list)}
        # 1 = the keyword carries its own production verb, 2 = its own trade verb, 0 = product term
        self._kw_kind = [1 if _MANUF_RE.search(kw) else 2 if _TRADE_RE.search(kw) else 0 for kw in self._kw_list]
        self._kw_latin_start = [kw[0].isascii() and kw[0].isalnum() for kw in self._kw_list]
        self._kw_latin_end = [kw[-1].isascii() and kw[-1].isalnum() for kw in self._kw_list]
        blockers = {normalise(t) for t in BLOCKING_TERMS} - set(self._kw_index)
        self._kw_re = re.compile(_trie_pattern(sorted([*self._kw_list, *blockers])))

        # industry-code prior: the nodes' codes plus codes seen on labelled examples
        code_nodes: dict[str, set[int]] = {}
        for n in nodes:
            for ic in n.industry_codes:
                code_nodes.setdefault(ic, set()).add(self._col[n.code])
        for _, node, ex_code in resolved:
            if node is not None and ex_code is not None and len(ex_code) == 4:
                code_nodes.setdefault(ex_code, set()).add(self._col[node])
        prefix_nodes: dict[str, set[int]] = {}
        for ic, cols in code_nodes.items():
            prefix_nodes.setdefault("p" + ic[:3], set()).update(cols)
        self._code_row: dict[str, int] = {}
        p_rows: list[int] = []
        p_cols: list[int] = []
        p_vals: list[float] = []
        for key, cols, weight in [*((k, cs, 1.0) for k, cs in sorted(code_nodes.items())),
                                  *((k, cs, 0.5) for k, cs in sorted(prefix_nodes.items()))]:
            self._code_row[key] = len(self._code_row)
            for j in sorted(cols):
                p_rows.append(self._code_row[key])
                p_cols.append(j)
                p_vals.append(weight)
        self._code_matrix = sp.csr_matrix(
            (np.asarray(p_vals, dtype=np.float32), (p_rows, p_cols)), shape=(len(self._code_row), n_nodes)
        )
        self._base_chem = np.array([code.startswith(BASE_CHEMICAL_PREFIXES) for code in self.node_codes])

        # TF-IDF over items. Class-level phrases stay out of the node prototypes: shared by whole
        # industries, they would make every generic chemical or pharma scope look like the node
        # with the shortest document.
        def node_doc(n: NodeSpec) -> str:
            specific = [k for k in n.keywords if normalise(k) not in generic]
            return ";".join(normalise(x) for x in [n.name, *(specific or n.keywords)])

        proto_texts = [node_doc(n) for n in nodes]
        proto_node = list(range(n_nodes))
        neg_texts: list[str] = []
        for scope, node, _ in resolved:
            if node is None:
                neg_texts.append(scope)
            else:
                proto_texts.append(scope)
                proto_node.append(self._col[node])
        background = []
        if BACKGROUND_FILE.exists():
            background = [
                line for line in BACKGROUND_FILE.read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("#")
            ]
        corpus = _split_batch(proto_texts + neg_texts + background)
        # scikit-learn is imported when a classifier is fitted, not when a page imports the
        # chains app: it costs 1–3 s, which every web worker's first request would pay
        from sklearn.feature_extraction.text import CountVectorizer

        self._counter = CountVectorizer(
            analyzer="char_wb", ngram_range=(2, 4), lowercase=False, dtype=np.float32
        ).fit(corpus.items)
        counts = corpus.incidence @ self._counter.transform(corpus.items)
        df = np.asarray((counts > 0).sum(axis=0)).ravel()
        n_docs = counts.shape[0]
        self._idf = (np.log((1.0 + n_docs) / (1.0 + df)) + 1.0).astype(np.float32)

        n_proto = len(proto_texts)
        x = self._tfidf_from_counts(counts[:n_proto])
        order = np.argsort(np.asarray(proto_node), kind="stable")
        self._protos_t = x[order].T.tocsr()
        sorted_nodes = np.asarray(proto_node)[order]
        self._proto_starts = np.flatnonzero(np.r_[True, sorted_nodes[1:] != sorted_nodes[:-1]])
        self._proto_nodes = sorted_nodes[self._proto_starts]
        self._neg_t = (
            self._tfidf_from_counts(counts[n_proto:n_proto + len(neg_texts)]).T.tocsr() if neg_texts else None
        )
        self.n_examples = len(resolved)
        # the pre-test of may_place() holds only if every positive example has a keyword of its own
        self._prefilter_ok = all(self._kw_re.search(clean_scope(scope)) for scope, node, _ in resolved if node)
        self._fitted = True
        return self

    def _tfidf_from_counts(self, counts: sp.csr_matrix) -> sp.csr_matrix:
        """sublinear tf × smooth idf, rows L2-normalised (the TfidfVectorizer formula)."""
        x = counts.tocsr().astype(np.float32, copy=True)
        np.log(x.data, out=x.data)
        x.data += 1.0
        x = x @ sp.diags(self._idf)
        from sklearn.preprocessing import normalize as l2_normalise

        return l2_normalise(x, copy=False)

    # ------------------------------------------------------------------ features
    def _item_hits(self, item: str) -> list[tuple[int, int, float]]:
        """Keyword hits of one item: (keyword index, kind, item context factor)."""
        out: list[tuple[int, int, float]] = []
        factor = None
        kw_index, kind, lat_s, lat_e = self._kw_index, self._kw_kind, self._kw_latin_start, self._kw_latin_end
        for m in self._kw_re.finditer(item):
            k = kw_index.get(m.group())
            if k is None:
                continue
            s, e = m.span()
            if lat_s[k] and s > 0 and item[s - 1].isascii() and item[s - 1].isalnum():
                continue
            if lat_e[k] and e < len(item) and item[e].isascii() and item[e].isalnum():
                continue
            if factor is None:
                factor = (
                    1.0 if _MANUF_RE.search(item) else 0.5 if _RND_RE.search(item)
                    else 0.25 if _TRADE_RE.search(item) else 0.6
                )
            out.append((k, kind[k], 1.0 if kind[k] == 1 else factor))
        return out

    def _item_features(self, items: list[str]) -> tuple[sp.csr_matrix, sp.csr_matrix, np.ndarray]:
        """Per distinct item: product/production keyword weights, trade-keyword counts, flags
        (column 0 hit, 1 production verb, 2 危险化学品生产, 3 不含危险化学品)."""
        pr, pc, pv, tr, tc = [], [], [], [], []
        flags = np.zeros((len(items), 4), dtype=np.float32)
        for u, item in enumerate(items):
            hits = self._item_hits(item)
            if hits:
                flags[u, 0] = 1.0
            for k, kind, w in hits:
                if kind == 2:
                    tr.append(u)
                    tc.append(k)
                else:
                    pr.append(u)
                    pc.append(k)
                    pv.append(w)
            if _MANUF_RE.search(item):
                flags[u, 1] = 1.0
            if _HAZMAT_LICENCE_RE.search(item):
                flags[u, 2] = 1.0
            if _HAZMAT_EXCLUDED_RE.search(item):
                flags[u, 3] = 1.0
        shape = (len(items), len(self._kw_list))
        prod = sp.csr_matrix((np.asarray(pv, dtype=np.float32), (pr, pc)), shape=shape)
        trade = sp.csr_matrix((np.ones(len(tr), dtype=np.float32), (tr, tc)), shape=shape)
        return prod, trade, flags

    def _code_features(self, codes: Sequence[str | None]) -> tuple[sp.csr_matrix, np.ndarray]:
        rows, cols, miss = [], [], np.zeros(len(codes), dtype=np.float32)
        for i, raw in enumerate(codes):
            ic = normalise_industry_code(raw)
            if ic is None:
                continue
            hit = False
            if len(ic) == 4 and ic in self._code_row:
                rows.append(i)
                cols.append(self._code_row[ic])
                hit = True
            if "p" + ic[:3] in self._code_row:
                rows.append(i)
                cols.append(self._code_row["p" + ic[:3]])
                hit = True
            if not hit:
                miss[i] = 1.0
        ind = sp.csr_matrix(
            (np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(codes), len(self._code_row))
        )
        return ind, miss

    def scores(
        self, scopes: Sequence[str], industry_codes: Sequence[str | None] | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Raw scores: (firms × nodes) matrix and the "no node" score per firm."""
        if not self._fitted:
            raise RuntimeError("NodeClassifier.fit() must be called first")
        w = self.weights
        n = len(scopes)
        codes = list(industry_codes) if industry_codes is not None else [None] * n
        if len(codes) != n:
            raise ValueError("scopes and industry_codes differ in length")
        batch = _split_batch(scopes)
        inc = batch.incidence
        prod, trade, flags = self._item_features(batch.items)

        # firm-level flags from item flags (one sparse product)
        firm_flags = np.asarray(inc @ flags)
        n_items = np.asarray(inc.sum(axis=1)).ravel()
        producer = firm_flags[:, 1] > 0
        trade_w = np.where(producer, w.trade_when_producer, 1.0).astype(np.float32)
        hits = inc @ prod + sp.diags(trade_w) @ (inc @ trade)
        kw = np.asarray((hits @ self._kw_matrix).todense(), dtype=np.float32)
        if self._base_chem.any():
            hazmat = np.where(
                firm_flags[:, 2] > 0, w.hazmat_boost, np.where(firm_flags[:, 3] > 0, w.hazmat_excluded_factor, 1.0)
            ).astype(np.float32)
            kw[:, self._base_chem] *= hazmat[:, None]
        offshare = np.where(n_items > 0, 1.0 - firm_flags[:, 0] / np.maximum(n_items, 1), 1.0)

        x = self._tfidf_from_counts(inc @ self._counter.transform(batch.items))
        proto_sim = np.asarray((x @ self._protos_t).todense(), dtype=np.float32)
        sim = np.zeros((n, len(self.node_codes)), dtype=np.float32)
        sim[:, self._proto_nodes] = np.maximum.reduceat(proto_sim, self._proto_starts, axis=1)
        dup_span = max(1e-6, 1.0 - w.dup_from)

        code_ind, miss = self._code_features(codes)
        prior = np.minimum(np.asarray((code_ind @ self._code_matrix).todense(), dtype=np.float32), 1.0)

        s = (w.w_kw * kw + w.w_sim * sim) * (1.0 + w.w_code_boost * prior) + w.w_code * prior
        if self.n_examples:
            s += w.w_dup * np.clip((sim - w.dup_from) / dup_span, 0.0, 1.0)
        null = w.null_base + w.w_code_miss * miss + w.w_offshare * offshare
        if self._neg_t is not None:
            neg = np.asarray((x @ self._neg_t).max(axis=1).todense()).ravel()
            null = null + w.w_neg * neg + w.w_dup * np.clip((neg - w.dup_from) / dup_span, 0.0, 1.0)
        return s, null.astype(np.float32)

    def predict_proba(
        self, scopes: Sequence[str], industry_codes: Sequence[str | None] | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """(firms × nodes) confidences and the "no node" probability; each row sums to 1."""
        s, null = self.scores(scopes, industry_codes)
        z = np.concatenate([null[:, None], s], axis=1) / self.weights.temperature
        z -= z.max(axis=1, keepdims=True)
        np.exp(z, out=z)
        z /= z.sum(axis=1, keepdims=True)
        return z[:, 1:], z[:, 0]

    def may_place(self, scopes: Sequence[str], industry_codes: Sequence[str | None] | None = None) -> np.ndarray:
        """A cheap pre-test for a universe of millions: False where the firm cannot be placed —
        no chain keyword (nor blocking term) anywhere in its cleaned scope and an industry code
        that is no node's (exact or 3-digit prefix). Such firms score the "no node" option far
        above every node (no keyword hit, every item off-chain), so skipping them changes no
        placement; ``bench/chains_prefilter.py`` checks that on the labelled set and 200,000 scopes.
        Disabled (all True) when a correction without any keyword is among the examples: a
        near-duplicate of it may be placed on similarity alone."""
        if not self._prefilter_ok:
            return np.ones(len(scopes), dtype=bool)
        codes = list(industry_codes) if industry_codes is not None else [None] * len(scopes)
        search = self._kw_re.search
        out = np.zeros(len(scopes), dtype=bool)
        for i, (scope, raw) in enumerate(zip(scopes, codes, strict=True)):
            ic = normalise_industry_code(raw)
            if ic is not None and (ic in self._code_row or "p" + ic[:3] in self._code_row):
                out[i] = True
            elif scope and search(clean_scope(scope)):
                out[i] = True
        return out

    def predict(
        self,
        scopes: Sequence[str],
        industry_codes: Sequence[str | None] | None = None,
        top_k: int = 3,
        threshold: float | None = None,
        batch_size: int = 20_000,
    ) -> list[list[tuple[str, float]]]:
        """Top-k (node code, confidence) per firm, best first; ``[]`` = placed on no node.

        A firm is placed only when its best node's confidence reaches ``threshold``; then up to
        ``top_k`` nodes with confidence ≥ ``min_secondary`` are returned.
        """
        thr = self.weights.threshold if threshold is None else threshold
        out: list[list[tuple[str, float]]] = []
        codes = list(industry_codes) if industry_codes is not None else [None] * len(scopes)
        for start in range(0, len(scopes), batch_size):
            proba, _ = self.predict_proba(scopes[start:start + batch_size], codes[start:start + batch_size])
            k = min(top_k, proba.shape[1])
            top = np.argpartition(-proba, k - 1, axis=1)[:, :k]
            top_p = np.take_along_axis(proba, top, axis=1)
            order = np.argsort(-top_p, axis=1)
            top = np.take_along_axis(top, order, axis=1)
            top_p = np.round(np.take_along_axis(top_p, order, axis=1).astype(np.float64), 4)
            placed = top_p[:, 0] >= thr
            keep = top_p >= self.weights.min_secondary
            codes_arr = np.asarray(self.node_codes, dtype=object)[top]
            for i in range(top.shape[0]):
                if not placed[i]:
                    out.append([])
                else:
                    out.append([(codes_arr[i, j], float(top_p[i, j])) for j in range(k) if keep[i, j]])
        return out

    def explain(self, scope: str, industry_code: str | None = None, top_k: int = 3) -> dict:
        """Evidence for one firm, for officers checking a placement: the cleaned text, matched
        keywords with their item weights, and per candidate node its confidence and keywords."""
        s, _ = self.scores([scope], [industry_code])
        proba, p_null = self.predict_proba([scope], [industry_code])
        text = clean_scope(scope)
        hits = [
            (self._kw_list[k], w)
            for item in _ITEM_SPLIT_RE.split(text) if len(item) >= 2
            for k, _, w in self._item_hits(item)
        ]
        kw_nodes = {
            kw: {self.node_codes[j] for j in self._kw_matrix.getrow(self._kw_index[kw]).indices} for kw, _ in hits
        }
        order = np.argsort(-proba[0])[:top_k]
        return {
            "text": text,
            "industry_code": normalise_industry_code(industry_code),
            "no_node": round(float(p_null[0]), 4),
            "candidates": [
                {
                    "node": self.node_codes[j],
                    "name": self.node_names[self.node_codes[j]],
                    "confidence": round(float(proba[0, j]), 4),
                    "score": round(float(s[0, j]), 3),
                    "keywords": [kw for kw, _ in hits if self.node_codes[j] in kw_nodes[kw]],
                }
                for j in order
            ],
            "keyword_hits": hits,
        }
