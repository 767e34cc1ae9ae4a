"""Chain gaps (强链 / 延链 / 补链): plain inputs in, gaps with their reasons and numbers out.

Presence of a node is what the city has on it: local firms placed on the node itself and chain
leaders sitting on it. Four levels, with thresholds in :class:`GapThresholds`:

* absent — no local firm, no leader;
* weak — fewer than ``weak_below`` local firms and no leader;
* present — at least one local firm or a leader;
* strong — a leader, or at least ``strong_from`` local firms.

The analysers run in order and a node takes the first kind that applies:

1. **fill (补链)** — absent or weak, and local industry is linked to it by supply: a present
   node buys from it or sells to it (edges on a segment stand for its nodes), or a local leader
   registered it as a purchasing need. The city buys this input from elsewhere, or sells into
   a market it does not serve (a leader offering it raw materials counts as selling to it).
2. **extend (延链)** — absent, not linked by supply to anything local, but next to a strong node
   in the map: a sibling under the same segment or a ``see_also`` twin. Natural new products for
   firms that are already strong here.
3. **strengthen (强链)** — present, not a fill gap, and small (fewer than ``strong_from`` local
   firms) or without a leader.

Only the most specific placeable nodes are analysed (no placeable child), so a segment and its
products are not listed twice. The priority orders gaps within a kind: for fill, how much local
industry depends on the node (local firms of linked nodes + 5 per leader + 10 per leader need).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .catalog import ChainSpec, NodeSpec, customers_of, suppliers_of

LEADER_WEIGHT = 5
NEED_WEIGHT = 10


@dataclass(frozen=True, slots=True)
class NodePresence:
    """What the city has on one node (the node's own placements, not its subtree)."""

    firms: int = 0
    leaders: int = 0
    projects: int = 0


@dataclass(frozen=True, slots=True)
class GapThresholds:
    weak_below: int = 3
    strong_from: int = 10


@dataclass(slots=True)
class Gap:
    node: str
    name: str
    chain: str
    kind: str  # GapKind value: fill / strengthen / extend
    priority: float
    reasons: list[str]
    numbers: dict[str, Any] = field(default_factory=dict)


@dataclass
class GapContext:
    """Everything the analysers read, with the supply neighbourhood computed once."""

    chains: Sequence[ChainSpec]
    presence: Mapping[str, NodePresence]
    thresholds: GapThresholds
    #: node → names of local leaders that registered it as a purchasing need / as a supply
    leader_buys: Mapping[str, Sequence[str]]
    leader_supplies: Mapping[str, Sequence[str]]
    index: dict[str, NodeSpec] = field(init=False)
    suppliers: dict[str, list[str]] = field(init=False)
    customers: dict[str, list[str]] = field(init=False)

    def __post_init__(self) -> None:
        self.index = {n.code: n for c in self.chains for n in c.nodes}
        codes = [c for c, n in self.index.items() if n.alias_of is None]
        self.suppliers = {c: suppliers_of(c, self.chains) for c in codes}
        self.customers = {c: customers_of(c, self.chains) for c in codes}

    def at(self, code: str) -> NodePresence:
        return self.presence.get(code, NodePresence())

    def level(self, code: str) -> str:
        p = self.at(code)
        if p.leaders or p.firms >= self.thresholds.strong_from:
            return "strong"
        if p.firms >= self.thresholds.weak_below:
            return "present"
        return "weak" if p.firms else "absent"

    def is_present(self, code: str) -> bool:
        return self.level(code) != "absent"

    def label(self, code: str) -> str:
        n = self.index.get(code)
        p = self.at(code)
        extra = f"，链主/龙头 {p.leaders} 家" if p.leaders else ""
        return f"{n.name if n else code}（本地 {p.firms} 家{extra}）"

    def demand(self, codes: Sequence[str]) -> int:
        return sum(self.at(c).firms + LEADER_WEIGHT * self.at(c).leaders for c in codes)


def analysed_nodes(chain: ChainSpec) -> list[NodeSpec]:
    """The most specific placeable nodes of a chain: placeable, with no placeable child."""
    with_placeable_child = {n.parent for n in chain.nodes if n.placeable and n.parent}
    return [n for n in chain.nodes if n.placeable and n.code not in with_placeable_child]


class GapAnalyser:
    kind: str = ""

    def find(self, node: NodeSpec, ctx: GapContext) -> Gap | None:  # pragma: no cover - interface
        raise NotImplementedError


class FillAnalyser(GapAnalyser):
    kind = "fill"

    def find(self, node: NodeSpec, ctx: GapContext) -> Gap | None:
        if ctx.level(node.code) not in ("absent", "weak"):
            return None
        # present nodes that buy this node's output / sell it their output
        buyers = [c for c in ctx.customers.get(node.code, []) if ctx.is_present(c)]
        sellers = [c for c in ctx.suppliers.get(node.code, []) if ctx.is_present(c)]
        needs = list(ctx.leader_buys.get(node.code, []))
        offers = list(ctx.leader_supplies.get(node.code, []))
        if not (buyers or sellers or needs or offers):
            return None
        p = ctx.at(node.code)
        reasons = [f"本地仅有 {p.firms} 家企业、无链主企业" if p.firms else "本地没有该节点的企业"]
        if needs:
            reasons.append(f"链主企业登记了采购需求：{'、'.join(needs)}")
        if buyers:
            reasons.append(f"本地 {len(buyers)} 个节点以其产品为原料：{'、'.join(ctx.label(c) for c in buyers[:5])}")
        if sellers:
            reasons.append(f"本地 {len(sellers)} 个节点的产品销往该节点：{'、'.join(ctx.label(c) for c in sellers[:5])}")
        if offers:
            reasons.append(f"链主企业可为其提供原材料：{'、'.join(offers)}")
        priority = ctx.demand(buyers) + 0.5 * ctx.demand(sellers) + NEED_WEIGHT * (len(needs) + 0.5 * len(offers))
        return Gap(node=node.code, name=node.name, chain=node.chain_code, kind=self.kind, priority=priority,
                   reasons=reasons,
                   numbers={"local_firms": p.firms, "leaders": p.leaders, "projects": p.projects,
                            "buyers": buyers, "sellers": sellers, "leader_needs": needs, "leader_offers": offers})


class ExtendAnalyser(GapAnalyser):
    kind = "extend"

    def find(self, node: NodeSpec, ctx: GapContext) -> Gap | None:
        if ctx.level(node.code) != "absent":
            return None
        siblings = [n.code for n in ctx.index.values()
                    if node.parent and n.parent == node.parent and n.code != node.code and n.alias_of is None]
        twins = [c for c in node.see_also if c in ctx.index]
        strong_siblings = [c for c in siblings if ctx.level(c) == "strong"]
        strong_twins = [c for c in twins if ctx.level(c) == "strong"]
        if not (strong_siblings or strong_twins):
            return None
        reasons = ["本地没有该节点的企业，且与本地产业没有直接供需关系"]
        if strong_siblings:
            parent = ctx.index[node.parent].name if node.parent in ctx.index else ""
            reasons.append(f"同属“{parent}”环节的优势节点：{'、'.join(ctx.label(c) for c in strong_siblings)}")
        if strong_twins:
            reasons.append(f"相关的优势节点：{'、'.join(ctx.label(c) for c in strong_twins)}")
        priority = 0.5 * ctx.demand(strong_siblings + strong_twins)
        p = ctx.at(node.code)
        return Gap(node=node.code, name=node.name, chain=node.chain_code, kind=self.kind, priority=priority,
                   reasons=reasons,
                   numbers={"local_firms": p.firms, "leaders": p.leaders, "projects": p.projects,
                            "strong_neighbours": strong_siblings + strong_twins})


class StrengthenAnalyser(GapAnalyser):
    kind = "strengthen"

    def find(self, node: NodeSpec, ctx: GapContext) -> Gap | None:
        if not ctx.is_present(node.code):
            return None
        p = ctx.at(node.code)
        small = p.firms < ctx.thresholds.strong_from
        if not small and p.leaders:
            return None
        reasons = []
        if small:
            reasons.append(f"本地仅有 {p.firms} 家企业（不足 {ctx.thresholds.strong_from} 家）")
        if not p.leaders:
            reasons.append("没有链主或龙头企业")
        linked = [c for c in ctx.customers.get(node.code, []) + ctx.suppliers.get(node.code, [])
                  if ctx.is_present(c)]
        linked = list(dict.fromkeys(linked))
        if linked:
            reasons.append(f"与本地 {len(linked)} 个节点有供需关系：{'、'.join(ctx.label(c) for c in linked[:5])}")
        priority = 0.5 * ctx.demand(linked) + (LEADER_WEIGHT if not p.leaders else 0) \
            + max(0, ctx.thresholds.strong_from - p.firms)
        return Gap(node=node.code, name=node.name, chain=node.chain_code, kind=self.kind, priority=priority,
                   reasons=reasons,
                   numbers={"local_firms": p.firms, "leaders": p.leaders, "projects": p.projects, "linked": linked})


#: Order matters: a node takes the first kind that applies.
ANALYSERS: tuple[GapAnalyser, ...] = (FillAnalyser(), ExtendAnalyser(), StrengthenAnalyser())


def find_gaps(
    chains: Sequence[ChainSpec],
    presence: Mapping[str, NodePresence],
    *,
    chain_code: str | None = None,
    thresholds: GapThresholds | None = None,
    leader_buys: Mapping[str, Sequence[str]] | None = None,
    leader_supplies: Mapping[str, Sequence[str]] | None = None,
    analysers: Sequence[GapAnalyser] = ANALYSERS,
) -> list[Gap]:
    """Gaps of one chain (or all), each node at most once, ordered by kind then priority."""
    ctx = GapContext(chains=chains, presence=presence, thresholds=thresholds or GapThresholds(),
                     leader_buys=leader_buys or {}, leader_supplies=leader_supplies or {})
    order = {a.kind: i for i, a in enumerate(analysers)}
    gaps: list[Gap] = []
    for chain in chains:
        if chain_code is not None and chain.code != chain_code:
            continue
        for node in analysed_nodes(chain):
            for analyser in analysers:
                gap = analyser.find(node, ctx)
                if gap is not None:
                    gaps.append(gap)
                    break
    gaps.sort(key=lambda g: (order[g.kind], -g.priority, g.node))
    return gaps
