"""The chain maps as stored, turned back into the catalog's dataclasses.

Services and selectors both need the chains as :class:`~zhaoshang.chains.catalog.ChainSpec`
(the classifier, the gap rules and the supply graph take them), so the one conversion lives
here. Only active nodes count; edges and leader links to inactive nodes are dropped.
"""

from __future__ import annotations

from collections import defaultdict

from .catalog import ChainSpec, EdgeSpec, LeaderSpec, NodeSpec
from .enums import ROLE_TO_DOCUMENT, NeedDirection
from .models import Chain, ChainLeaderProfile, ChainNode, LeaderNeed, SupplyEdge


def chain_specs(*, chain_ids: list[int] | None = None) -> list[ChainSpec]:
    """All chains (or some) as ChainSpecs, in display order. Five queries whatever the size."""
    chains = list(Chain.objects.order_by("sort_order", "code"))
    rows = list(ChainNode.objects.filter(is_active=True).order_by("chain_id", "sort_order", "code").values(
        "id", "chain_id", "code", "name", "name_en", "parent__code", "stage", "level", "keywords",
        "industry_codes", "description", "alias_of__code", "see_also"))
    active = {r["code"] for r in rows}
    nodes_by_chain: dict[int, list[NodeSpec]] = defaultdict(list)
    code_of_chain = {c.id: c.code for c in chains}
    for r in rows:
        nodes_by_chain[r["chain_id"]].append(NodeSpec(
            code=r["code"], name=r["name"], chain_code=code_of_chain[r["chain_id"]], stage=r["stage"],
            level=r["level"], parent=r["parent__code"] if r["parent__code"] in active else None,
            name_en=r["name_en"], keywords=tuple(r["keywords"] or ()), industry_codes=tuple(r["industry_codes"] or ()),
            description=r["description"], alias_of=r["alias_of__code"] if r["alias_of__code"] in active else None,
            see_also=tuple(c for c in (r["see_also"] or ()) if c in active),
        ))
    edges_by_chain: dict[int, list[EdgeSpec]] = defaultdict(list)
    for chain_id, source, target, material, note in SupplyEdge.objects.order_by("chain_id", "id").values_list(
            "chain_id", "source__code", "target__code", "material", "note"):
        if source in active and target in active:
            edges_by_chain[chain_id].append(EdgeSpec(source=source, target=target, material=material, note=note))
    positions: dict[int, list[str]] = defaultdict(list)
    for profile_id, code in ChainLeaderProfile.nodes.through.objects.order_by("id").values_list(
            "chainleaderprofile_id", "chainnode__code"):
        if code in active:
            positions[profile_id].append(code)
    needs: dict[tuple[int, str], list[str]] = defaultdict(list)
    for profile_id, direction, code in LeaderNeed.objects.order_by("sort_order", "id").values_list(
            "profile_id", "direction", "node__code"):
        if code in active:
            needs[(profile_id, direction)].append(code)
    leaders_by_chain: dict[int, list[LeaderSpec]] = defaultdict(list)
    for p in ChainLeaderProfile.objects.select_related("firm", "unit").order_by("chain_id", "sort_order", "id"):
        leaders_by_chain[p.chain_id].append(LeaderSpec(
            firm=p.firm.name, unit=p.unit.short_name or p.unit.name, nodes=tuple(positions[p.id]),
            role=ROLE_TO_DOCUMENT.get(p.role, p.role), short=p.short_name,
            buys=tuple(needs[(p.id, NeedDirection.BUYS)]), supplies=tuple(needs[(p.id, NeedDirection.SUPPLIES)]),
            active=p.is_active, note=p.note,
        ))
    return [
        ChainSpec(code=c.code, name=c.name, name_en=c.name_en, description=c.description,
                  nodes=tuple(nodes_by_chain[c.id]), edges=tuple(edges_by_chain[c.id]),
                  leaders=tuple(leaders_by_chain[c.id]))
        for c in chains if chain_ids is None or c.id in chain_ids
    ]
