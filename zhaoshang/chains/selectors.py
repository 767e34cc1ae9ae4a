"""Reads of chain maps, coverage, gaps, targets, supply matching and cluster measures.

Scoping: chain maps, firm placements, gaps, targets and cluster measures are city-wide
knowledge (registry data and the city's own industrial map), visible to every business role.
Projects are not: lists of projects always go through ``projects.selectors.project_queryset``,
so a district officer never sees another unit's project. Where a number of projects is shown
for a node (the map's colours, a gap's numbers), it is a city-wide count of non-confidential
pipeline projects, without names; confidential projects count only where the user may see them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from zhaoshang.core.errors import NotVisible
from zhaoshang.firms.models import Firm
from zhaoshang.organizations.models import Unit

from .catalog import ChainSpec, customers_of, suppliers_of
from .enums import GapKind, NeedDirection, OutcomeStatus
from .gaps import Gap, GapThresholds, NodePresence, find_gaps
from .models import (
    Chain,
    ChainLeaderProfile,
    ChainNode,
    ClusterSnapshot,
    FirmImport,
    FirmPlacement,
    FirmSignal,
    GapSnapshot,
    LeaderNeed,
    PlacementCorrection,
    TargetOutcome,
    TargetRun,
    TargetScore,
)
from .selectors_specs import chain_specs
from .targeting import COMPONENTS, LeaderLink, explain_target, node_relations

TOP_N = 50


def _business(user) -> None:
    if not user.is_authenticated or not user.sees_business_data:
        raise NotVisible()


# ---------------------------------------------------------------------------- chains and nodes


def chain_list() -> QuerySet[Chain]:
    return Chain.objects.order_by("sort_order", "code")


def chain_get(*, user, code: str) -> Chain:
    _business(user)
    chain = Chain.objects.filter(code=code).first()
    if chain is None:
        raise NotVisible("产业链不存在")
    return chain


def node_get(*, user, code: str) -> ChainNode:
    _business(user)
    node = ChainNode.objects.select_related("chain", "parent", "alias_of").filter(code=code, is_active=True).first()
    if node is None:
        raise NotVisible("节点不存在或已停用")
    return node


def node_choices() -> list[tuple[str, str]]:
    """Placeable nodes for selects: (code, "石化 · PC1.2.1 常减压蒸馏与二次加工")."""
    rows = ChainNode.objects.filter(is_active=True, alias_of__isnull=True).select_related("chain") \
        .order_by("chain__sort_order", "sort_order", "code")
    return [(n.code, f"{n.chain.name} · {n.code} {n.name}") for n in rows if n.placeable]


# ---------------------------------------------------------------------------- coverage


def local_placements(*, as_of: date | None = None) -> list[tuple[int, int, int | None]]:
    """(node id, firm id, unit id) of every local firm's placement (firms founded by ``as_of``)."""
    qs = FirmPlacement.objects.filter(firm__is_local=True)
    if as_of is not None:
        qs = qs.filter(Q(firm__founded_on__lte=as_of) | Q(firm__founded_on__isnull=True))
    return list(qs.order_by().values_list("node_id", "firm_id", "firm__unit_id"))


def active_leaders() -> list[ChainLeaderProfile]:
    return list(ChainLeaderProfile.objects.filter(is_active=True).select_related("firm", "unit", "chain")
                .prefetch_related("nodes", "needs__node").order_by("chain__sort_order", "sort_order", "id"))


def _project_node_index() -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    by_code, by_name = {}, {}
    for node_id, code, name, chain_name in ChainNode.objects.filter(is_active=True).values_list(
            "id", "code", "name", "chain__name"):
        by_code[code] = node_id
        by_name[(chain_name, name)] = node_id
    return by_code, by_name


def _node_of_project(chain_node: str, chain: str, by_code: dict, by_name: dict) -> int | None:
    text = (chain_node or "").strip()
    if not text:
        return None
    head = text.split()[0]
    return by_code.get(head) or by_code.get(text) or by_name.get((chain, text))


def projects_on_nodes(*, user, node_ids: Sequence[int]) -> list:
    """Projects the user may see (``project_queryset``) whose ``chain_node`` names one of the nodes."""
    from zhaoshang.projects.selectors import project_queryset

    rows = list(ChainNode.objects.filter(id__in=list(node_ids)).values_list("code", "name"))
    match = Q(chain_node__in=[c for c, _ in rows] + [n for _, n in rows])
    for code, _ in rows:
        match |= Q(chain_node__startswith=f"{code} ")
    by_code, by_name = _project_node_index()
    wanted = set(node_ids)
    return [p for p in project_queryset(user=user).filter(match).select_related("unit").order_by("-total_investment")
            if _node_of_project(p.chain_node, p.chain, by_code, by_name) in wanted]


def pipeline_projects_by_node() -> Counter:
    """City-wide count of non-confidential pipeline projects per node id (a number, no names).

    Projects point at nodes through ``Project.chain_node`` (a node code, or its name within
    ``Project.chain``) until the projects app links them with a foreign key.
    """
    from zhaoshang.projects.enums import ACTIVE_STAGES
    from zhaoshang.projects.models import Project

    by_code, by_name = _project_node_index()
    counts: Counter = Counter()
    rows = Project.objects.filter(stage__in=list(ACTIVE_STAGES), is_confidential=False).exclude(chain_node="") \
        .order_by().values_list("chain_node", "chain")
    for chain_node, chain in rows:
        node_id = _node_of_project(chain_node, chain, by_code, by_name)
        if node_id:
            counts[node_id] += 1
    return counts


@dataclass
class Coverage:
    """What the city has per node: local firms (own placements), leaders, pipeline projects."""

    firms: dict[int, set[int]]  # node id → local firm ids
    units: dict[int, Counter]  # node id → unit id → local firms
    leaders: dict[int, list[ChainLeaderProfile]]
    projects: Counter

    def presence(self, nodes: dict[int, str]) -> dict[str, NodePresence]:
        return {code: NodePresence(firms=len(self.firms.get(nid, ())), leaders=len(self.leaders.get(nid, ())),
                                   projects=self.projects.get(nid, 0)) for nid, code in nodes.items()}


def coverage(*, as_of: date | None = None) -> Coverage:
    firms: dict[int, set[int]] = defaultdict(set)
    units: dict[int, Counter] = defaultdict(Counter)
    for node_id, firm_id, unit_id in local_placements(as_of=as_of):
        firms[node_id].add(firm_id)
        units[node_id][unit_id] += 1
    leaders: dict[int, list[ChainLeaderProfile]] = defaultdict(list)
    for profile in active_leaders():
        for node in profile.nodes.all():
            leaders[node.id].append(profile)
    return Coverage(firms=firms, units=units, leaders=leaders, projects=pipeline_projects_by_node())


def leader_needs_by_code() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Node code → names of active leaders that buy it / supply it."""
    buys: dict[str, list[str]] = defaultdict(list)
    supplies: dict[str, list[str]] = defaultdict(list)
    for code, direction, short, name in LeaderNeed.objects.filter(profile__is_active=True).order_by(
            "profile__sort_order", "id").values_list("node__code", "direction", "profile__short_name",
                                                     "profile__firm__name"):
        target = buys if direction == NeedDirection.BUYS else supplies
        label = short or name
        if label not in target[code]:
            target[code].append(label)
    return buys, supplies


def leader_links() -> list[LeaderLink]:
    return [LeaderLink(name=p.short_name or p.firm.name, nodes=tuple(n.code for n in p.nodes.all()),
                       buys=tuple(x.node.code for x in p.needs.all() if x.direction == NeedDirection.BUYS),
                       supplies=tuple(x.node.code for x in p.needs.all() if x.direction == NeedDirection.SUPPLIES))
            for p in active_leaders()]


def _node_ids() -> dict[int, str]:
    return dict(ChainNode.objects.filter(is_active=True).values_list("id", "code"))


def gaps_current(*, specs: Sequence[ChainSpec] | None = None, cov: Coverage | None = None,
                 chain_code: str | None = None, thresholds: GapThresholds | None = None) -> list[Gap]:
    """The gaps as of now, from live coverage (180 nodes: milliseconds once counts are read)."""
    specs = chain_specs() if specs is None else specs
    cov = coverage() if cov is None else cov
    buys, supplies = leader_needs_by_code()
    return find_gaps(specs, cov.presence(_node_ids()), chain_code=chain_code, thresholds=thresholds,
                     leader_buys=buys, leader_supplies=supplies)


# ---------------------------------------------------------------------------- hit rate


def hit_rates(*, node_ids: Sequence[int] | None = None) -> dict[int, dict[str, Any]]:
    """Per node: firms ever recommended (top 50 of any run), and what became of them."""
    recommended: dict[int, set[int]] = defaultdict(set)
    qs = GapSnapshot.objects.all()
    if node_ids is not None:
        qs = qs.filter(node_id__in=list(node_ids))
    for node_id, firms in qs.values_list("node_id", "recommended"):
        recommended[node_id].update(firms or [])
    outcomes: dict[int, Counter] = defaultdict(Counter)
    oq = TargetOutcome.objects.all()
    if node_ids is not None:
        oq = oq.filter(node_id__in=list(node_ids))
    for node_id, firm_id, status in oq.values_list("node_id", "firm_id", "status"):
        if firm_id in recommended.get(node_id, ()):
            outcomes[node_id][status] += 1
    out = {}
    for node_id in set(recommended) | set(outcomes):
        c = outcomes[node_id]
        n = len(recommended[node_id])
        acted = sum(c.values())
        leads = c[OutcomeStatus.LEAD] + c[OutcomeStatus.SIGNED]
        out[node_id] = {"recommended": n, "acted": acted, "visited": c[OutcomeStatus.VISITED] + leads,
                        "leads": leads, "signed": c[OutcomeStatus.SIGNED],
                        "hit_rate": round(leads / n, 4) if n else None}
    return out


def _sum_rates(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    keys = ("recommended", "acted", "visited", "leads", "signed")
    total = {k: sum(r[k] for r in rows) for k in keys}
    total["hit_rate"] = round(total["leads"] / total["recommended"], 4) if total["recommended"] else None
    return total


# ---------------------------------------------------------------------------- pages


def chain_overview(*, user) -> list[dict[str, Any]]:
    """The chains page: per chain its nodes, coverage, firms, leaders, gaps by kind and hit rate."""
    _business(user)
    specs = chain_specs()
    cov = coverage()
    gaps = gaps_current(specs=specs, cov=cov)
    rates = hit_rates()
    node_chain = dict(ChainNode.objects.filter(is_active=True).values_list("id", "chain__code"))
    code_of = _node_ids()
    out = []
    for chain, spec in zip(chain_list(), specs, strict=True):
        ids = [nid for nid, code in node_chain.items() if code == chain.code]
        placeable = {n.code for n in spec.nodes if n.placeable}
        covered = {code_of[i] for i in ids if cov.firms.get(i) or cov.leaders.get(i)} & placeable
        firms = set().union(*(cov.firms.get(i, set()) for i in ids)) if ids else set()
        kinds = Counter(g.kind for g in gaps if g.chain == chain.code)
        out.append({
            "chain": chain, "nodes": len(spec.nodes), "placeable": len(placeable), "covered": len(covered),
            "coverage": round(len(covered) / len(placeable), 4) if placeable else 0.0, "firms": len(firms),
            "leaders": sum(1 for leader in spec.leaders if leader.active), "edges": len(spec.edges),
            "gaps": {k.value: kinds.get(k.value, 0) for k in GapKind},
            "hits": _sum_rates([rates[i] for i in ids if i in rates]),
        })
    return out


STAGE_X = {"upstream": 0, "midstream": 1, "downstream": 2, "support": 3}


def chain_map(*, user, chain: Chain) -> dict[str, Any]:
    """Nodes (with coverage numbers, presence level and gap kind) and edges for the ECharts map."""
    _business(user)
    specs = chain_specs()
    spec = next(s for s in specs if s.code == chain.code)
    cov = coverage()
    gaps = {g.node: g for g in gaps_current(specs=specs, cov=cov, chain_code=chain.code)}
    ids = {code: nid for nid, code in _node_ids().items()}
    thresholds = GapThresholds()
    children: dict[str | None, list[str]] = defaultdict(list)
    for n in spec.nodes:
        children[n.parent].append(n.code)

    def subtree(code: str) -> list[str]:
        out, stack = [], [code]
        while stack:
            cur = stack.pop()
            out.append(cur)
            stack.extend(children.get(cur, []))
        return out

    rows = []
    row_in_column: Counter = Counter()
    for n in _tree_order(spec):
        nid = ids.get(n.code)
        sub = [ids[c] for c in subtree(n.code) if c in ids]
        firms = len(set().union(*(cov.firms.get(i, set()) for i in sub)))
        own = len(cov.firms.get(nid, ()))
        leaders = len({p.id for i in sub for p in cov.leaders.get(i, [])})
        projects = sum(cov.projects.get(i, 0) for i in sub)
        if leaders or firms >= thresholds.strong_from:
            level = "strong"
        elif firms >= thresholds.weak_below:
            level = "present"
        else:
            level = "weak" if firms else "absent"
        column = STAGE_X.get(n.stage, 3)
        gap = gaps.get(n.code)
        rows.append({
            "code": n.code, "name": n.name, "level": n.level, "stage": n.stage, "parent": n.parent,
            "firms": firms, "own_firms": own, "leaders": leaders, "projects": projects, "presence": level,
            "gap": gap.kind if gap else "", "gap_label": GapKind(gap.kind).label if gap else "",
            "alias_of": n.alias_of or "", "placeable": n.placeable,
            "x": column * 100 + (n.level - 1) * 14, "y": row_in_column[column] * 30,
        })
        row_in_column[column] += 1
    edges = [{"source": e.source, "target": e.target, "material": e.material} for e in spec.edges]
    local_codes = {r["code"] for r in rows}
    cross = [e for e in edges if e["source"] not in local_codes or e["target"] not in local_codes]
    return {"nodes": rows, "edges": [e for e in edges if e not in cross], "cross_edges": cross,
            "gaps": sorted(gaps.values(), key=lambda g: (["fill", "extend", "strengthen"].index(g.kind), -g.priority)),
            "thresholds": thresholds}


def _tree_order(spec: ChainSpec) -> list:
    kids: dict[str | None, list] = defaultdict(list)
    for n in spec.nodes:
        kids[n.parent].append(n)
    out: list = []

    def walk(parent: str | None) -> None:
        for n in kids.get(parent, []):
            out.append(n)
            walk(n.code)

    walk(None)
    return out


def node_detail(*, user, node: ChainNode, firm_limit: int = 30) -> dict[str, Any]:
    """The drill-down of a node: local firms by district, leaders, projects (scoped), its gap."""
    _business(user)
    subtree = list(ChainNode.objects.filter(path__startswith=node.path, is_active=True).values_list("id", flat=True))
    local = FirmPlacement.objects.filter(node_id__in=subtree, firm__is_local=True)
    by_unit = Counter(dict(local.order_by().values("firm__unit_id").annotate(n=Count("firm", distinct=True))
                           .values_list("firm__unit_id", "n")))
    units = {u.id: u for u in Unit.objects.filter(id__in=[k for k in by_unit if k])}
    firms = list(Firm.objects.filter(id__in=local.values("firm_id")).select_related("unit")
                 .order_by("-registered_capital", "id")[:firm_limit])
    leaders = list(ChainLeaderProfile.objects.filter(nodes__in=subtree, is_active=True).distinct()
                   .select_related("firm", "unit"))
    wanted = set(subtree)
    visible = projects_on_nodes(user=user, node_ids=subtree)
    total_public = sum(n for nid, n in pipeline_projects_by_node().items() if nid in wanted)
    visible_public = sum(1 for p in visible if not p.is_confidential and p.stage in _active_stages())
    gap = next((g for g in gaps_current(chain_code=node.chain.code) if g.node == node.code), None)
    return {
        "node": node, "by_unit": [(units.get(uid), n) for uid, n in by_unit.most_common()],
        "firm_count": sum(by_unit.values()), "firms": firms, "leaders": leaders, "projects": visible[:30],
        "other_projects": max(0, total_public - visible_public), "gap": gap,
        "targets": TargetScore.objects.filter(node=node).count(),
    }


def _active_stages() -> frozenset:
    from zhaoshang.projects.enums import ACTIVE_STAGES

    return ACTIVE_STAGES


def gap_list(*, user, chain: Chain | None) -> list[dict[str, Any]]:
    """Gaps of a chain (or all) with reasons, numbers, the number of scored targets and the hit rate."""
    _business(user)
    gaps = gaps_current(chain_code=chain.code if chain else None)
    ids = {code: nid for nid, code in _node_ids().items()}
    node_ids = [ids[g.node] for g in gaps if g.node in ids]
    targets = dict(TargetScore.objects.filter(node_id__in=node_ids).order_by().values("node_id")
                   .annotate(n=Count("id")).values_list("node_id", "n"))
    rates = hit_rates(node_ids=node_ids)
    return [{"gap": g, "kind_label": GapKind(g.kind).label, "node_id": ids.get(g.node),
             "targets": targets.get(ids.get(g.node), 0), "hits": rates.get(ids.get(g.node))} for g in gaps]


# ---------------------------------------------------------------------------- targets

TARGET_FILTERS = ("province", "size", "flag", "signal")
FLAG_FIELDS = {"listed": "is_listed", "high_tech": "is_high_tech", "specialized": "is_specialized",
               "global500": "is_global500"}


def target_list(*, user, node: ChainNode, filters: dict | None = None, limit: int = TOP_N) -> QuerySet[TargetScore]:
    """The top targets of a node: one walk down the (node, total) index, filters on copied columns."""
    _business(user)
    f = filters or {}
    qs = TargetScore.objects.filter(node=node)
    if f.get("province"):
        qs = qs.filter(province=f["province"])
    if f.get("size"):
        qs = qs.filter(size_band=f["size"])
    if f.get("flag") in FLAG_FIELDS:
        qs = qs.filter(**{FLAG_FIELDS[f["flag"]]: True})
    if f.get("signal") in ("1", "true", "on"):
        qs = qs.filter(has_signal=True)
    return qs.select_related("firm").order_by("-total", "firm_id")[:limit]


_relations: dict[str, Any] = {}


def relations_cached() -> dict[str, tuple[float, str]]:
    """Node → relation to the local leaders, recomputed only when the map or the leaders change."""
    from django.db.models import Max

    key = (ChainNode.objects.aggregate(n=Count("id"), t=Max("updated_at")),
           ChainLeaderProfile.objects.aggregate(n=Count("id"), t=Max("updated_at")),
           LeaderNeed.objects.aggregate(n=Count("id"), t=Max("updated_at")))
    if _relations.get("key") != key:
        _relations["value"] = node_relations(chain_specs(), leader_links())
        _relations["key"] = key
    return _relations["value"]


def target_rows(*, user, node: ChainNode, scores: Sequence[TargetScore], today: date | None = None) -> list[dict]:
    """Explained rows for a page of targets: a fixed number of queries whatever the page size."""
    _business(user)
    today = today or timezone.localdate()
    firm_ids = [s.firm_id for s in scores]
    signals: dict[int, list[FirmSignal]] = defaultdict(list)
    for s in FirmSignal.objects.filter(firm_id__in=firm_ids, happened_on__gte=date(today.year - 2, today.month, 1)) \
            .order_by("-happened_on"):
        signals[s.firm_id].append(s)
    placements: dict[int, list[tuple[str, str, float]]] = defaultdict(list)
    for firm_id, code, name, conf in FirmPlacement.objects.filter(firm_id__in=firm_ids).order_by("rank") \
            .values_list("firm_id", "node__code", "node__name", "confidence"):
        placements[firm_id].append((code, name, conf))
    relations = relations_cached()
    outcomes = {o.firm_id: o for o in TargetOutcome.objects.filter(node=node, firm_id__in=firm_ids)
                .select_related("unit", "lead")}
    rows = []
    for s in scores:
        firm = s.firm
        best_rel = max(((relations.get(c, (0.0, ""))[0], relations.get(c, (0.0, ""))[1]) for c, _, _ in
                        placements[firm.id]), default=(0.0, ""))
        own = next((p for p in placements[firm.id] if p[0] == node.code), None)
        sig = signals.get(firm.id, [])
        details = {
            "fit": f"放在“{node.name}”，置信度 {own[2]:.2f}" if own else "",
            "size": _size_text(firm),
            "growth": "；".join(f"{x.happened_on:%Y-%m} {x.get_kind_display()}：{x.text}" for x in sig[:2])
            or "近两年没有扩张动态",
            "proximity": firm.province + ("（长三角）" if firm.province in {"江苏省", "上海市", "浙江省", "安徽省"} else ""),
            "relation": best_rel[1] or "与本地链主企业没有直接供需关系",
            "precedent": "同省同环节已有企业在本市或同类沿海城市投资" if s.precedent > 0 else "尚无同省同环节的投资先例",
        }
        points = {c.key: getattr(s, c.key) for c in COMPONENTS}
        rows.append({"score": s, "firm": firm, "lines": explain_target(points, details),
                     "outcome": outcomes.get(firm.id), "signals": sig[:3]})
    return rows


def _size_text(firm: Firm) -> str:
    from zhaoshang.core.money import format_wan, format_yi

    parts = []
    if firm.registered_capital:
        cap = firm.registered_capital
        parts.append(f"注册资本 {format_yi(cap)} 亿元" if cap >= 10_000 else f"注册资本 {format_wan(cap)} 万元")
    if firm.revenue_band:
        parts.append(f"营收 {firm.get_revenue_band_display()}")
    if firm.employees:
        parts.append(f"{firm.employees:,} 人")
    flags = [label for flag, label in (("is_global500", "世界500强"), ("is_listed", "上市"),
                                       ("is_high_tech", "高新技术企业"), ("is_specialized", "专精特新"))
             if getattr(firm, flag)]
    return "，".join(parts + flags) or "规模信息不全"


def target_provinces(*, node: ChainNode) -> list[str]:
    return list(TargetScore.objects.filter(node=node).order_by("province").values_list("province", flat=True)
                .distinct())


def last_target_run() -> TargetRun | None:
    return TargetRun.objects.order_by("-started_at").first()


# ---------------------------------------------------------------------------- supply matching


def supply_for_nodes(*, codes: Sequence[str], specs: Sequence[ChainSpec] | None = None) -> dict[str, Any]:
    """For something on these nodes: local leaders that buy its output and that can supply its
    inputs, each with the need (products, quantity) or the graph link that makes the match."""
    specs = chain_specs() if specs is None else specs
    index = {n.code: n for c in specs for n in c.nodes}
    wanted = set(codes)
    lineage = set()
    for code in codes:
        cur = index.get(code)
        while cur is not None:
            lineage.add(cur.code)
            cur = index.get(cur.parent) if cur.parent else None
    inputs = {c for code in codes for c in suppliers_of(code, specs)}
    outputs = {c for code in codes for c in customers_of(code, specs)}
    buyers: list[dict] = []
    suppliers: list[dict] = []
    for profile in active_leaders():
        nodes = {n.code for n in profile.nodes.all()}
        for need in profile.needs.all():
            code = need.node.code
            if need.direction == NeedDirection.BUYS and (code in wanted or code in lineage):
                buyers.append({"profile": profile, "need": need, "why": f"登记的采购需求：{need.node.name}"})
            if need.direction == NeedDirection.SUPPLIES and (code in inputs or code in lineage):
                suppliers.append({"profile": profile, "need": need, "why": f"可提供：{need.node.name}"})
        if not any(b["profile"] is profile for b in buyers) and nodes & outputs:
            hit = sorted(nodes & outputs)[0]
            buyers.append({"profile": profile, "need": None, "why": f"所在节点 {index[hit].name} 以其产品为原料"})
        if not any(s["profile"] is profile for s in suppliers) and nodes & inputs:
            hit = sorted(nodes & inputs)[0]
            suppliers.append({"profile": profile, "need": None, "why": f"所在节点 {index[hit].name} 的产品是其原料"})
    return {"buyers": buyers, "suppliers": suppliers, "nodes": [index[c] for c in codes if c in index]}


def leader_matches(*, user, profile: ChainLeaderProfile, limit: int = 20) -> dict[str, Any]:
    """The reverse: for a leader, visible projects and top targets that can supply what it buys or
    buy what it supplies."""
    _business(user)
    buys = [n for n in profile.needs.all() if n.direction == NeedDirection.BUYS]
    sells = [n for n in profile.needs.all() if n.direction == NeedDirection.SUPPLIES]
    buy_nodes = {n.node.code for n in buys}
    sell_nodes = {n.node.code for n in sells}
    projects_supply = projects_on_nodes(user=user, node_ids=[n.node_id for n in buys])
    projects_buy = projects_on_nodes(user=user, node_ids=[n.node_id for n in sells])
    targets_supply = list(TargetScore.objects.filter(node__code__in=buy_nodes).select_related("firm", "node")
                          .order_by("-total", "firm_id")[:limit])
    targets_buy = list(TargetScore.objects.filter(node__code__in=sell_nodes).select_related("firm", "node")
                       .order_by("-total", "firm_id")[:limit])
    return {"buys": buys, "sells": sells, "projects_supply": projects_supply[:limit],
            "projects_buy": projects_buy[:limit], "targets_supply": targets_supply, "targets_buy": targets_buy}


def project_supply(*, user, project_id: int) -> dict[str, Any]:
    """Supply matching for a project (through the scoped project selector: a 404 if not visible)."""
    from zhaoshang.projects.selectors import project_get

    project = project_get(user=user, id=project_id)
    by_code, by_name = _project_node_index()
    code_of = {v: k for k, v in by_code.items()}
    nid = _node_of_project(project.chain_node, project.chain, by_code, by_name)
    codes = [code_of[nid]] if nid else []
    return {"project": project, **supply_for_nodes(codes=codes)}


def firm_supply(*, user, firm: Firm) -> dict[str, Any]:
    _business(user)
    codes = list(FirmPlacement.objects.filter(firm=firm).order_by("rank").values_list("node__code", flat=True))
    return {"firm": firm, **supply_for_nodes(codes=codes)}


def leader_list() -> list[ChainLeaderProfile]:
    return active_leaders()


def leader_get(*, user, id: int) -> ChainLeaderProfile:
    _business(user)
    profile = ChainLeaderProfile.objects.select_related("firm", "unit", "chain").filter(id=id).first()
    if profile is None:
        raise NotVisible()
    return profile


# ---------------------------------------------------------------------------- firms


def firm_get(*, user, id: int) -> Firm:
    """A firm of the universe (registry data: city-wide, visible to every business role)."""
    _business(user)
    firm = Firm.objects.select_related("unit").filter(id=id).first()
    if firm is None:
        raise NotVisible("企业不存在")
    return firm


def firm_search(*, user, q: str, limit: int = 50) -> list[Firm]:
    """By credit code (exact), else by name: local firms first; at most ``limit`` rows."""
    _business(user)
    q = (q or "").strip()
    if not q:
        return []
    if len(q) == 18 and q.isalnum():
        return list(Firm.objects.filter(credit_code=q.upper()).select_related("unit"))
    return list(Firm.objects.filter(Q(name__startswith=q) | Q(name_key__startswith=q) | Q(name__contains=q))
                .select_related("unit").order_by("-is_local", "-registered_capital", "id")[:limit])


def firm_chain_view(*, user, firm: Firm) -> dict[str, Any]:
    _business(user)
    from .services.placements import classifier_get

    explanation = classifier_get().explain(firm.business_scope or "", firm.industry_code or None) \
        if firm.business_scope else None
    return {
        "placements": list(FirmPlacement.objects.filter(firm=firm).select_related("node__chain").order_by("rank")),
        "corrections": list(PlacementCorrection.objects.filter(firm=firm).select_related("node", "created_by")),
        "signals": list(FirmSignal.objects.filter(firm=firm).order_by("-happened_on")[:20]),
        "profiles": list(ChainLeaderProfile.objects.filter(firm=firm).select_related("chain", "unit")),
        "outcomes": list(TargetOutcome.objects.filter(firm=firm).select_related("node", "unit", "lead")),
        "scores": list(TargetScore.objects.filter(firm=firm).select_related("node").order_by("-total")[:10]),
        "explanation": explanation,
    }


def firm_import_list() -> QuerySet[FirmImport]:
    return FirmImport.objects.select_related("created_by").order_by("-created_at")[:20]


# ---------------------------------------------------------------------------- clusters


def cluster_table(*, user, chain: Chain | None = None) -> dict[str, Any]:
    """Latest cluster measures per chain and unit, and the series over time for charts."""
    _business(user)
    qs = ClusterSnapshot.objects.select_related("chain", "unit")
    if chain is not None:
        qs = qs.filter(chain=chain)
    latest = qs.order_by("-taken_on").values_list("taken_on", flat=True).first()
    rows = list(qs.filter(taken_on=latest).order_by("chain__sort_order", "unit__kind", "unit__sort_order")) \
        if latest else []
    series: dict[str, dict[str, list]] = defaultdict(lambda: {"dates": [], "coverage": [], "firms": [], "lq": [],
                                                               "hhi": []})
    for s in qs.filter(unit__kind="city").order_by("taken_on"):
        d = series[s.chain.name]
        d["dates"].append(s.taken_on.isoformat())
        d["coverage"].append(round(s.coverage * 100, 1))
        d["firms"].append(s.firms)
        d["lq"].append(s.lq)
        d["hhi"].append(s.hhi)
    return {"taken_on": latest, "rows": rows, "series": dict(series)}
