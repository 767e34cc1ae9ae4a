"""Cluster snapshots: the measures of each chain for the whole city and for each district or zone
on a date, kept so the platform shows them over time.

A snapshot "as of" a past date counts the firms founded by then (registry founding dates), which
is how the demo back-fills past months and how a snapshot missed by the job can be taken later.
Leaders are counted as they are now; projects as those in the pipeline whose talks had begun.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from django.db import connection, transaction
from django.db.models import Count, Q

from zhaoshang.firms.models import Firm
from zhaoshang.organizations.models import Unit
from zhaoshang.organizations.selectors import city_unit

from ..clusters import measure
from ..models import ChainNode, ClusterSnapshot, FirmPlacement
from ..selectors import active_leaders, local_placements
from ..selectors_specs import chain_specs


def _top_unit_of() -> dict[int, Unit]:
    """Any unit id → the district or zone it belongs to (a park counts for its district)."""
    tops = {u.id: u for u in Unit.objects.filter(kind__in=["district", "zone"], parent__kind="city")}
    out: dict[int, Unit] = {}
    for u in Unit.objects.all():
        for top in tops.values():
            if u.path.startswith(top.path):
                out[u.id] = top
    return out


def _base_counts(as_of: date) -> tuple[int, dict[int, int]]:
    """All firms in the universe and, per chain id, distinct firms placed on it (founded by ``as_of``)."""
    all_firms = Firm.objects.filter(Q(founded_on__lte=as_of) | Q(founded_on__isnull=True)).count()
    qn = connection.ops.quote_name
    sql = (f"SELECT n.chain_id, COUNT(DISTINCT p.firm_id) FROM {qn(FirmPlacement._meta.db_table)} p "
           f"JOIN {qn(ChainNode._meta.db_table)} n ON n.id = p.node_id "
           f"JOIN {qn(Firm._meta.db_table)} f ON f.id = p.firm_id "
           f"WHERE f.founded_on <= %s OR f.founded_on IS NULL GROUP BY n.chain_id")
    with connection.cursor() as cursor:
        cursor.execute(sql, [as_of])
        per_chain = dict(cursor.fetchall())
    return all_firms, per_chain


def _projects(as_of: date) -> Counter:
    """(chain name, top unit id or 0 for the city) → pipeline projects whose talks began by ``as_of``."""
    from zhaoshang.projects.enums import ACTIVE_STAGES
    from zhaoshang.projects.models import Project

    tops = _top_unit_of()
    out: Counter = Counter()
    rows = Project.objects.filter(stage__in=list(ACTIVE_STAGES)).filter(
        Q(negotiation_started_on__lte=as_of) | Q(negotiation_started_on__isnull=True)).exclude(chain="") \
        .order_by().values("chain", "unit_id").annotate(n=Count("id")).values_list("chain", "unit_id", "n")
    for chain, unit_id, n in rows:
        out[(chain, 0)] += n
        top = tops.get(unit_id)
        if top:
            out[(chain, top.id)] += n
    return out


@transaction.atomic
def cluster_snapshots_take(*, taken_on: date, as_of: date | None = None) -> int:
    """Measure every chain for the city and each district/zone; replaces that day's snapshots."""
    as_of = as_of or taken_on
    city = city_unit()
    if city is None:
        return 0
    specs = chain_specs()
    tops = _top_unit_of()
    node_chain = dict(ChainNode.objects.values_list("id", "chain_id"))
    chain_ids = dict(ChainNode.objects.values_list("chain__code", "chain_id").distinct())
    placements = local_placements(as_of=as_of)
    firm_ids = {f for _, f, _ in placements}
    capital = {fid: float(c or 0) for fid, c in Firm.objects.filter(id__in=firm_ids).values_list(
        "id", "registered_capital")} if firm_ids else {}
    local_all = Counter()
    for unit_id, n in Firm.objects.filter(is_local=True).filter(
            Q(founded_on__lte=as_of) | Q(founded_on__isnull=True)).order_by().values("unit_id") \
            .annotate(n=Count("id")).values_list("unit_id", "n"):
        local_all[0] += n
        if unit_id in tops:
            local_all[tops[unit_id].id] += n
    all_base, chain_base = _base_counts(as_of)
    projects = _projects(as_of)
    leaders = active_leaders()
    written = 0
    for spec in specs:
        chain_id = chain_ids.get(spec.code)
        if chain_id is None:
            continue
        placeable = [n.code for n in spec.nodes if n.placeable]
        code_of = dict(ChainNode.objects.filter(chain_id=chain_id).values_list("id", "code"))
        per_unit_firms: dict[int, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
        firm_unit: dict[int, str] = {}
        for node_id, firm_id, unit_id in placements:
            if node_chain.get(node_id) != chain_id:
                continue
            per_unit_firms[0][firm_id].add(code_of[node_id])
            top = tops.get(unit_id)
            if top:
                per_unit_firms[top.id][firm_id].add(code_of[node_id])
                firm_unit[firm_id] = top.display_name
        per_unit_leaders: dict[int, dict[int, set[str]]] = defaultdict(dict)
        for p in leaders:
            if p.chain_id != chain_id:
                continue
            nodes = {n.code for n in p.nodes.all()}
            per_unit_leaders[0][p.id] = nodes
            top = tops.get(p.unit_id)
            if top:
                per_unit_leaders[top.id][p.id] = nodes
        for unit in [city, *sorted({t.id: t for t in tops.values()}.values(), key=lambda u: (u.sort_order, u.id))]:
            key = 0 if unit.pk == city.pk else unit.pk
            m = measure(placeable_nodes=placeable, firm_nodes=per_unit_firms.get(key, {}), firm_capital=capital,
                        leader_nodes=per_unit_leaders.get(key, {}), all_firms_here=local_all.get(key, 0),
                        chain_firms_base=chain_base.get(chain_id, 0), all_firms_base=all_base,
                        firm_district=firm_unit if key == 0 else None)
            ClusterSnapshot.objects.update_or_create(
                chain_id=chain_id, unit=unit, taken_on=taken_on,
                defaults={"placeable_nodes": m.placeable_nodes, "covered_nodes": m.covered_nodes,
                          "coverage": m.coverage, "firms": m.firms, "leaders": m.leaders,
                          "projects": projects.get((spec.name, key), 0), "capital": round(m.capital, 4),
                          "lq": m.lq, "hhi": m.hhi, "details": m.details})
            written += 1
    return written
