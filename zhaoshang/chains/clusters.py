"""Cluster measures (产业集群) of a chain in a place: plain numbers in, a dataclass out.

* node coverage — share of the chain's placeable nodes with at least one local firm or leader;
* firms and leaders — distinct local firms placed on the chain, chain leaders / leading firms;
* location quotient (区位商) — (chain firms here / all firms here) ÷ (chain firms in the base
  area / all firms in the base area). The base area is the firm universe loaded into the
  platform (the province, when the province's registry is loaded). Computed only "where base
  data exists": at least ``MIN_BASE_FIRMS`` firms in the base area and at least one firm here.
* HHI — Herfindahl–Hirschman index of the local chain firms' registered capital (0–10,000;
  above 2,500 = a few firms dominate). For the whole city, ``hhi_districts`` also measures how
  concentrated the chain's firms are across districts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

MIN_BASE_FIRMS = 1_000


@dataclass(frozen=True, slots=True)
class ClusterMeasure:
    placeable_nodes: int
    covered_nodes: int
    coverage: float
    firms: int
    leaders: int
    capital: float
    lq: float | None
    hhi: float | None
    details: dict = field(default_factory=dict)


def hhi(values: Iterable[float]) -> float | None:
    vals = [max(0.0, float(v)) for v in values]
    total = sum(vals)
    if total <= 0:
        return None
    return round(sum((v / total) ** 2 for v in vals) * 10_000, 1)


def location_quotient(chain_here: int, all_here: int, chain_base: int, all_base: int) -> float | None:
    if all_base < MIN_BASE_FIRMS or all_here <= 0 or chain_base <= 0 or chain_here <= 0:
        return None
    return round((chain_here / all_here) / (chain_base / all_base), 3)


def measure(
    *,
    placeable_nodes: Iterable[str],
    firm_nodes: Mapping[int, set[str]],
    firm_capital: Mapping[int, float],
    leader_nodes: Mapping[int, set[str]],
    all_firms_here: int,
    chain_firms_base: int,
    all_firms_base: int,
    firm_district: Mapping[int, str] | None = None,
) -> ClusterMeasure:
    """Measures of one chain in one place from the local firms placed on it.

    ``firm_nodes``: local firm id → the chain nodes it is placed on; ``leader_nodes``: leader
    profile id → nodes it sits on; ``firm_district`` (optional): firm → district, for the
    city-wide spatial concentration.
    """
    nodes = set(placeable_nodes)
    covered = set().union(*firm_nodes.values(), *leader_nodes.values()) & nodes if (firm_nodes or leader_nodes) \
        else set()
    firms = len(firm_nodes)
    capital = sum(float(firm_capital.get(f) or 0) for f in firm_nodes)
    details: dict = {}
    if firm_district:
        per: dict[str, int] = {}
        for f in firm_nodes:
            d = firm_district.get(f) or ""
            per[d] = per.get(d, 0) + 1
        details["firms_by_district"] = dict(sorted(per.items(), key=lambda kv: -kv[1]))
        details["hhi_districts"] = hhi(per.values())
    return ClusterMeasure(
        placeable_nodes=len(nodes),
        covered_nodes=len(covered),
        coverage=round(len(covered) / len(nodes), 4) if nodes else 0.0,
        firms=firms,
        leaders=len(leader_nodes),
        capital=round(capital, 4),
        lq=location_quotient(firms, all_firms_here, chain_firms_base, all_firms_base),
        hhi=hhi(float(firm_capital.get(f) or 0) for f in firm_nodes),
        details=details,
    )
