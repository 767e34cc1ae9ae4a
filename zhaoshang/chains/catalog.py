"""Industry-chain catalogue: the shipped chain maps, their JSON format and its validator.

Pure Python (no database) so that the classifier, benchmarks and the Django import/export
can share one definition of a chain. The Django side stores what this module loads; the
JSON format below is also the import/export format for the city admin.

JSON format ``zhaoshang.chain/1`` (one document per chain)::

    {
      "format": "zhaoshang.chain/1",
      "code": "PC", "name": "石化", "name_en": "Petrochemicals", "description": "...",
      "nodes": [{"code": "PC1.2.1", "name": "...", "name_en": "...", "parent": "PC1.2" | null,
                 "stage": "upstream|midstream|downstream|support", "level": 3,
                 "keywords": ["常减压", ...], "industry_codes": ["2511"], "description": "...",
                 "alias_of": null | "PC2.2.1", "see_also": ["NM5.1.1"]}],
      "edges": [{"from": "PC1.1.1", "to": "PC1.2.1", "material": "原油", "note": ""}],
      "leaders": [{"firm": "江苏斯尔邦石化有限公司", "short": "斯尔邦", "unit": "徐圩新区",
                   "other_units": [], "nodes": ["PC1.3.4"], "role": "chain leader|leading firm",
                   "buys": ["PC1.1.3"], "supplies": ["PC3.4.1"], "active": true, "note": ""}]
    }

Only ``code``/``name`` of the chain and ``code``/``name``/``stage`` of a node are required;
``level`` is derived from the parent when absent. An edge means "the output of ``from`` is an
input of ``to``"; an edge on a segment stands for all nodes below it. Edges and leaders may
name nodes of another chain (cross-chain links such as 丙烯腈 → PAN原丝); those are checked
against ``known_codes`` or, for the shipped set, by :func:`validate_chain_set`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import networkx as nx

FORMAT = "zhaoshang.chain/1"
DATA_DIR = Path(__file__).resolve().parent / "data"
#: Shipped chain files, in display order.
CHAIN_FILES = ("petrochemical.json", "biopharma.json", "new_materials.json")

STAGES: dict[str, str] = {"upstream": "上游", "midstream": "中游", "downstream": "下游", "support": "配套"}
ROLES: dict[str, str] = {"chain leader": "链主企业", "leading firm": "龙头企业"}
#: Reporting units of 连云港 (县区、功能板块), spelled exactly as the unit tree spells them.
UNIT_NAMES: tuple[str, ...] = (
    "海州区", "连云区", "赣榆区", "东海县", "灌云县", "灌南县", "市开发区", "徐圩新区", "高新区",
)

_CHAIN_CODE_RE = re.compile(r"^[A-Z]{2,4}$")
_NODE_CODE_RE = re.compile(r"^([A-Z]{2,4})\d+(?:\.\d+)*$")
_INDUSTRY_CODE_RE = re.compile(r"^\d{4}$")


@dataclass(frozen=True, slots=True)
class NodeSpec:
    """One node of a chain map: a segment (levels 1–2) or a product/technology (level 3)."""

    code: str
    name: str
    chain_code: str
    stage: str
    level: int
    parent: str | None = None
    name_en: str = ""
    keywords: tuple[str, ...] = ()
    industry_codes: tuple[str, ...] = ()
    description: str = ""
    #: A link row standing for a node of another chain (firms are placed on the target, not here).
    alias_of: str | None = None
    #: Nodes elsewhere that describe the same product from another angle (e.g. 电解液 in 石化 and 新材料).
    see_also: tuple[str, ...] = ()

    @property
    def stage_label(self) -> str:
        return STAGES.get(self.stage, self.stage)

    @property
    def placeable(self) -> bool:
        """Firms can be placed here: not a link row and has something to match on."""
        return self.alias_of is None and bool(self.keywords or self.industry_codes)


@dataclass(frozen=True, slots=True)
class EdgeSpec:
    """Supply relation: the output of ``source`` is an input of ``target``."""

    source: str
    target: str
    material: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class LeaderSpec:
    """A chain-leader or leading firm, where it sits, what it buys and whom it supplies."""

    firm: str
    unit: str
    nodes: tuple[str, ...]
    role: str
    short: str = ""
    other_units: tuple[str, ...] = ()
    buys: tuple[str, ...] = ()
    supplies: tuple[str, ...] = ()
    active: bool = True
    note: str = ""

    @property
    def role_label(self) -> str:
        return ROLES.get(self.role, self.role)


@dataclass(frozen=True, slots=True)
class ChainSpec:
    """A whole chain map: node tree, supply edges and anchor firms."""

    code: str
    name: str
    nodes: tuple[NodeSpec, ...]
    edges: tuple[EdgeSpec, ...] = ()
    leaders: tuple[LeaderSpec, ...] = ()
    name_en: str = ""
    description: str = ""
    _index: dict[str, NodeSpec] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._index.update({n.code: n for n in self.nodes})

    def node(self, code: str) -> NodeSpec:
        return self._index[code]

    def has_node(self, code: str) -> bool:
        return code in self._index

    def children(self, code: str | None) -> list[NodeSpec]:
        """Direct children of ``code``; ``None`` gives the level-1 segments."""
        return [n for n in self.nodes if n.parent == code]

    def descendants(self, code: str) -> list[NodeSpec]:
        out: list[NodeSpec] = []
        stack = [code]
        while stack:
            kids = self.children(stack.pop())
            out.extend(kids)
            stack.extend(k.code for k in reversed(kids))
        return out

    def keywords(self) -> list[str]:
        """All keywords of the chain, first occurrence order, without duplicates."""
        return list(dict.fromkeys(k for n in self.nodes for k in n.keywords))


class ChainDocumentError(ValueError):
    """A chain document failed validation; ``errors`` holds the Chinese messages."""

    def __init__(self, errors: list[str]):
        super().__init__("；".join(errors))
        self.errors = errors


# ---------------------------------------------------------------------------- validation


def _is_str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def _external_ok(code: str, chain_code: str, known_codes: Collection[str] | None) -> bool:
    """A reference outside this document is fine if it is a known node of another chain."""
    m = _NODE_CODE_RE.match(code)
    if not m or m.group(1) == chain_code:
        return False
    return True if known_codes is None else code in known_codes


def validate_chain_document(data: Any, known_codes: Collection[str] | None = None) -> list[str]:
    """Check one chain document; return Chinese error messages (empty list = valid).

    ``known_codes`` are node codes of the other chains; without it, references to another
    chain's nodes are only checked for form (see :func:`validate_chain_set`).
    """
    if not isinstance(data, Mapping):
        return ["文件内容必须是一个 JSON 对象"]
    errors: list[str] = []
    fmt = data.get("format")
    if fmt is not None and fmt != FORMAT:
        errors.append(f"不支持的格式版本“{fmt}”，应为 {FORMAT}")
    chain_code = data.get("code")
    if not isinstance(chain_code, str) or not chain_code.strip():
        errors.append("缺少产业链编码（code）")
        chain_code = ""
    elif not _CHAIN_CODE_RE.match(chain_code):
        errors.append(f"产业链编码“{chain_code}”无效，应为2至4位大写字母")
    if not isinstance(data.get("name"), str) or not data["name"].strip():
        errors.append("缺少产业链名称（name）")

    raw_nodes = data.get("nodes")
    if not isinstance(raw_nodes, list) or not raw_nodes:
        errors.append("节点列表（nodes）缺失或为空")
        raw_nodes = []

    nodes: dict[str, Mapping[str, Any]] = {}
    for i, node in enumerate(raw_nodes, start=1):
        if not isinstance(node, Mapping):
            errors.append(f"第{i}个节点必须是一个 JSON 对象")
            continue
        code = node.get("code")
        if not isinstance(code, str) or not code.strip():
            errors.append(f"第{i}个节点缺少编码（code）")
            continue
        m = _NODE_CODE_RE.match(code)
        if not m or (chain_code and m.group(1) != chain_code):
            errors.append(f"节点编码“{code}”格式无效，应以产业链编码 {chain_code or 'XX'} 开头，如 {chain_code or 'XX'}1.2.3")
        if code in nodes:
            errors.append(f"节点编码重复：{code}")
            continue
        nodes[code] = node
        if not isinstance(node.get("name"), str) or not node["name"].strip():
            errors.append(f"节点 {code} 缺少名称（name）")
        stage = node.get("stage")
        if not isinstance(stage, str) or stage not in STAGES:
            stage = stage if isinstance(stage, str) else None
            errors.append(
                f"节点 {code} 的环节（stage）“{stage if stage is not None else ''}”无效，"
                "应为 upstream（上游）、midstream（中游）、downstream（下游）、support（配套）之一"
            )
        if "keywords" in node and not (isinstance(node["keywords"], list) and _is_str_list(node["keywords"])):
            errors.append(f"节点 {code} 的关键词（keywords）必须是非空字符串的列表")
        codes = node.get("industry_codes")
        if codes is not None and not isinstance(codes, list):
            errors.append(f"节点 {code} 的行业代码（industry_codes）必须是列表")
            codes = []
        for ic in codes or []:
            if not isinstance(ic, str) or not _INDUSTRY_CODE_RE.match(ic):
                errors.append(f"节点 {code} 的行业代码“{ic}”无效，应为4位数字（GB/T 4754-2017）")

    # parents, levels, cycles
    for code, node in list(nodes.items()):
        parent = node.get("parent")
        if parent is not None and not isinstance(parent, str):
            errors.append(f"节点 {code} 的上级节点（parent）必须是节点编码或 null")
            nodes[code] = {**node, "parent": None}
        elif parent is not None and parent not in nodes:
            errors.append(f"节点 {code} 的上级节点 {parent} 不存在")
    cycle_members: set[str] = set()
    for start in nodes:
        path: list[str] = []
        seen: set[str] = set()
        cur: str | None = start
        while cur is not None and cur in nodes and cur not in seen:
            seen.add(cur)
            path.append(cur)
            cur = nodes[cur].get("parent")
        if cur is not None and cur in seen and cur not in cycle_members:
            loop = path[path.index(cur):]
            cycle_members.update(loop)
            errors.append("节点上下级关系存在循环：" + " → ".join([*loop, cur]))
    for code, node in nodes.items():
        if code in cycle_members or "level" not in node:
            continue
        depth, cur, ok = 1, node.get("parent"), True
        while cur is not None:
            if cur not in nodes or cur in cycle_members:
                ok = False
                break
            depth, cur = depth + 1, nodes[cur].get("parent")
        if ok and node.get("level") != depth:
            errors.append(f"节点 {code} 的层级（level）应为 {depth}，实际为 {node.get('level')}")

    def ref_ok(ref: Any) -> bool:
        return isinstance(ref, str) and (ref in nodes or _external_ok(ref, chain_code, known_codes))

    for code, node in nodes.items():
        alias = node.get("alias_of")
        if alias is not None and (alias == code or not ref_ok(alias)):
            errors.append(f"节点 {code} 的关联节点（alias_of）{alias} 不存在")
        see_also = node.get("see_also") or []
        if not isinstance(see_also, list):
            errors.append(f"节点 {code} 的相关节点（see_also）必须是列表")
            see_also = []
        for other in see_also:
            if not ref_ok(other):
                errors.append(f"节点 {code} 的相关节点（see_also）{other} 不存在")

    raw_edges = data.get("edges") or []
    if not isinstance(raw_edges, list):
        errors.append("供应关系（edges）必须是列表")
        raw_edges = []
    seen_edges: set[tuple[str, str]] = set()
    for i, edge in enumerate(raw_edges, start=1):
        if (
            not isinstance(edge, Mapping)
            or not isinstance(edge.get("from"), str) or not edge["from"]
            or not isinstance(edge.get("to"), str) or not edge["to"]
        ):
            errors.append(f"第{i}条供应关系缺少起点（from）或终点（to）")
            continue
        a, b = edge["from"], edge["to"]
        if not ref_ok(a):
            errors.append(f"供应关系 {a} → {b} 的起点节点 {a} 不存在")
        if not ref_ok(b):
            errors.append(f"供应关系 {a} → {b} 的终点节点 {b} 不存在")
        if a == b:
            errors.append(f"供应关系 {a} → {b} 的起点与终点相同")
        if (a, b) in seen_edges:
            errors.append(f"供应关系重复：{a} → {b}")
        seen_edges.add((a, b))

    raw_leaders = data.get("leaders") or []
    if not isinstance(raw_leaders, list):
        errors.append("链主企业（leaders）必须是列表")
        raw_leaders = []
    for i, leader in enumerate(raw_leaders, start=1):
        if not isinstance(leader, Mapping) or not isinstance(leader.get("firm"), str) or not leader["firm"].strip():
            errors.append(f"第{i}个链主企业缺少企业名称（firm）")
            continue
        firm = leader["firm"]
        list_fields = ("other_units", "nodes", "buys", "supplies")
        bad = [k for k in list_fields if leader.get(k) is not None and not isinstance(leader.get(k), list)]
        for key in bad:
            errors.append(f"链主企业“{firm}”的 {key} 必须是列表")
        if bad:
            continue
        units = [leader.get("unit"), *(leader.get("other_units") or [])]
        for unit in units:
            if not isinstance(unit, str) or unit not in UNIT_NAMES:
                shown = unit if isinstance(unit, str) else ""
                errors.append(f"链主企业“{firm}”的所在县区“{shown}”无效，应为 {'、'.join(UNIT_NAMES)} 之一")
        role = leader.get("role")
        if not isinstance(role, str) or role not in ROLES:
            errors.append(
                f"链主企业“{firm}”的角色“{role if isinstance(role, str) else ''}”无效，"
                "应为 chain leader（链主企业）或 leading firm（龙头企业）"
            )
        if not leader.get("nodes"):
            errors.append(f"链主企业“{firm}”未挂任何节点")
        for key, label in (("nodes", "节点"), ("buys", "采购节点（buys）"), ("supplies", "供应节点（supplies）")):
            for ref in leader.get(key) or []:
                if not ref_ok(ref):
                    errors.append(f"链主企业“{firm}”的{label} {ref} 不存在")
    return errors


def validate_chain_set(documents: Iterable[Mapping[str, Any]]) -> list[str]:
    """Validate several chain documents together, resolving cross-chain references."""
    docs = list(documents)
    known: set[str] = set()
    errors: list[str] = []
    seen_chains: set[str] = set()
    for doc in docs:
        code = doc.get("code") if isinstance(doc, Mapping) else None
        if isinstance(code, str):
            if code in seen_chains:
                errors.append(f"产业链编码重复：{code}")
            seen_chains.add(code)
        for node in _as_list(doc.get("nodes")) if isinstance(doc, Mapping) else []:
            if isinstance(node, Mapping) and isinstance(node.get("code"), str):
                known.add(node["code"])
    earlier: set[tuple[str, str]] = set()
    for doc in docs:
        name = doc.get("name", "?") if isinstance(doc, Mapping) else "?"
        errors.extend(f"{name}：{e}" for e in validate_chain_document(doc, known_codes=known))
        here: set[tuple[str, str]] = set()
        for edge in _as_list(doc.get("edges")) if isinstance(doc, Mapping) else []:
            if isinstance(edge, Mapping) and isinstance(edge.get("from"), str) and isinstance(edge.get("to"), str):
                pair = (edge["from"], edge["to"])
                if pair in earlier:
                    errors.append(f"{name}：供应关系与其他产业链重复：{pair[0]} → {pair[1]}")
                here.add(pair)
        earlier |= here
    return errors


def _as_list(value: Any) -> list:
    return value if isinstance(value, list) else []


# ---------------------------------------------------------------------------- (de)serialisation


def chain_from_document(data: Mapping[str, Any], known_codes: Collection[str] | None = None) -> ChainSpec:
    """Build a :class:`ChainSpec`; raises :class:`ChainDocumentError` with Chinese messages."""
    errors = validate_chain_document(data, known_codes=known_codes)
    if errors:
        raise ChainDocumentError(errors)
    raw = {n["code"]: n for n in data["nodes"]}

    def depth(code: str) -> int:
        d, cur = 1, raw[code].get("parent")
        while cur is not None:
            d, cur = d + 1, raw[cur].get("parent")
        return d

    nodes = tuple(
        NodeSpec(
            code=n["code"], name=n["name"].strip(), chain_code=data["code"], stage=n["stage"],
            level=int(n.get("level") or depth(n["code"])), parent=n.get("parent"),
            name_en=n.get("name_en") or "", keywords=tuple(k.strip() for k in n.get("keywords") or []),
            industry_codes=tuple(n.get("industry_codes") or []), description=n.get("description") or "",
            alias_of=n.get("alias_of"), see_also=tuple(n.get("see_also") or []),
        )
        for n in data["nodes"]
    )
    edges = tuple(
        EdgeSpec(source=e["from"], target=e["to"], material=e.get("material") or "", note=e.get("note") or "")
        for e in data.get("edges") or []
    )
    leaders = tuple(
        LeaderSpec(
            firm=r["firm"].strip(), unit=r["unit"], nodes=tuple(r["nodes"]), role=r["role"],
            short=r.get("short") or "", other_units=tuple(r.get("other_units") or []),
            buys=tuple(r.get("buys") or []), supplies=tuple(r.get("supplies") or []),
            active=bool(r.get("active", True)), note=r.get("note") or "",
        )
        for r in data.get("leaders") or []
    )
    return ChainSpec(
        code=data["code"], name=data["name"].strip(), nodes=nodes, edges=edges, leaders=leaders,
        name_en=data.get("name_en") or "", description=data.get("description") or "",
    )


def chain_to_document(chain: ChainSpec) -> dict[str, Any]:
    """The export form of a chain; ``chain_from_document(chain_to_document(c)) == c``."""
    return {
        "format": FORMAT,
        "code": chain.code, "name": chain.name, "name_en": chain.name_en, "description": chain.description,
        "nodes": [
            {
                "code": n.code, "name": n.name, "name_en": n.name_en, "parent": n.parent, "stage": n.stage,
                "level": n.level, "keywords": list(n.keywords), "industry_codes": list(n.industry_codes),
                "description": n.description, "alias_of": n.alias_of, "see_also": list(n.see_also),
            }
            for n in chain.nodes
        ],
        "edges": [{"from": e.source, "to": e.target, "material": e.material, "note": e.note} for e in chain.edges],
        "leaders": [
            {
                "firm": r.firm, "short": r.short, "unit": r.unit, "other_units": list(r.other_units),
                "nodes": list(r.nodes), "role": r.role, "buys": list(r.buys), "supplies": list(r.supplies),
                "active": r.active, "note": r.note,
            }
            for r in chain.leaders
        ],
    }


# ---------------------------------------------------------------------------- shipped data


@lru_cache(maxsize=4)
def _load(data_dir: str) -> tuple[ChainSpec, ...]:
    docs = [json.loads((Path(data_dir) / name).read_text(encoding="utf-8")) for name in CHAIN_FILES]
    errors = validate_chain_set(docs)
    if errors:
        raise ChainDocumentError(errors)
    known = {n["code"] for d in docs for n in d["nodes"]}
    return tuple(chain_from_document(d, known_codes=known) for d in docs)


def load_chains(data_dir: Path | str | None = None) -> list[ChainSpec]:
    """The three shipped chains of 连云港 (石化, 生物医药, 新材料), validated and cached."""
    return list(_load(str(data_dir or DATA_DIR)))


def chain_keywords(chains: Iterable[ChainSpec] | None = None) -> dict[str, list[str]]:
    """Chain name (中文) → all keywords of its nodes, e.g. ``{"石化": ["原油", ...], ...}``."""
    return {c.name: c.keywords() for c in (load_chains() if chains is None else chains)}


def node_index(chains: Iterable[ChainSpec] | None = None) -> dict[str, NodeSpec]:
    """Node code → node over all chains."""
    return {n.code: n for c in (load_chains() if chains is None else chains) for n in c.nodes}


def leaders_by_node(chains: Iterable[ChainSpec] | None = None) -> dict[str, list[LeaderSpec]]:
    """Node code → leaders sitting on it (cross-chain placements included)."""
    out: dict[str, list[LeaderSpec]] = {}
    for c in load_chains() if chains is None else chains:
        for leader in c.leaders:
            for code in leader.nodes:
                out.setdefault(code, []).append(leader)
    return out


# ---------------------------------------------------------------------------- supply graph


def supply_graph(chains: Iterable[ChainSpec] | None = None) -> nx.DiGraph:
    """Directed graph over all nodes: ``tree`` edges (parent → child, kind="tree") and
    ``supply`` edges (kind="supply", with ``material``). Cycles in supply are legal
    (recycling), so consumers must not assume a DAG."""
    g: nx.DiGraph = nx.DiGraph()
    chain_list = load_chains() if chains is None else list(chains)
    for c in chain_list:
        for n in c.nodes:
            g.add_node(n.code, name=n.name, chain=c.code, stage=n.stage, level=n.level)
    for c in chain_list:
        for n in c.nodes:
            if n.parent:
                g.add_edge(n.parent, n.code, kind="tree")
        for e in c.edges:
            g.add_edge(e.source, e.target, kind="supply", material=e.material, note=e.note)
    return g


def _ancestors_or_self(code: str, index: Mapping[str, NodeSpec]) -> list[str]:
    out: list[str] = []
    cur: str | None = code
    while cur is not None and cur in index:
        out.append(cur)
        cur = index[cur].parent
    return out


def _subtree(code: str, index: Mapping[str, NodeSpec], children: Mapping[str, list[str]]) -> list[str]:
    out, stack = [], [code]
    while stack:
        cur = stack.pop()
        out.append(cur)
        stack.extend(children.get(cur, []))
    return out


def _neighbours(code: str, chains: Iterable[ChainSpec] | None, upstream: bool) -> list[str]:
    chain_list = load_chains() if chains is None else list(chains)
    index = node_index(chain_list)
    children: dict[str, list[str]] = {}
    for n in index.values():
        if n.parent:
            children.setdefault(n.parent, []).append(n.code)
    lineage = set(_ancestors_or_self(code, index))
    found: dict[str, None] = {}
    for c in chain_list:
        for e in c.edges:
            here, there = (e.target, e.source) if upstream else (e.source, e.target)
            if here in lineage:
                for x in _subtree(there, index, children):
                    found.setdefault(x, None)
    found.pop(code, None)
    return list(found)


def suppliers_of(code: str, chains: Iterable[ChainSpec] | None = None) -> list[str]:
    """Nodes whose output ``code`` buys: edges into ``code`` or any of its ancestors, with
    each source expanded to its whole subtree (an edge on a segment stands for its nodes)."""
    return _neighbours(code, chains, upstream=True)


def customers_of(code: str, chains: Iterable[ChainSpec] | None = None) -> list[str]:
    """Nodes that buy the output of ``code`` (mirror of :func:`suppliers_of`)."""
    return _neighbours(code, chains, upstream=False)
