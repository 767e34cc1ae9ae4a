"""Matching a project's space need (land in 亩, factory or office space in ㎡) to sites on offer.

Plain inputs, plain outputs: the selector turns rows into ``SiteCandidate`` and a request or a
project into ``SiteNeed``; the score and its reasons are computed here, so they are tested
without a database. The score (0–100) adds four parts, each explained in Chinese:
  面积 40 — the site is at least 95 % of the need; the closer the fit, the more points;
  位置 35 — inside the project's own unit, then the same district/zone, then elsewhere;
  产业 15 — the site names the project's chain among its suitable industries;
  时间 10 — the site can be handed over by the day the project needs it.
Sites smaller than 95 % of the need, or of another kind, are not proposed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

MIN_AREA_SHARE = Decimal("0.95")


@dataclass(frozen=True)
class SiteNeed:
    kind: str
    area: Decimal
    unit_path: str
    unit_name: str
    chain: str = ""
    needed_by: date | None = None


@dataclass(frozen=True)
class SiteCandidate:
    id: int
    name: str
    kind: str
    area: Decimal
    area_unit: str
    unit_path: str
    unit_name: str
    suitable_industries: str = ""
    available_from: date | None = None


@dataclass(frozen=True)
class SiteMatch:
    site_id: int
    score: int
    reasons: tuple[str, ...]


def top_level_path(path: str) -> str:
    """'/1/4/9/' → '/1/4/': the district or zone a unit belongs to (the city is the root)."""
    parts = [p for p in path.split("/") if p]
    return "/" + "/".join(parts[:2]) + "/"


def _fmt(value: Decimal) -> str:
    return f"{value.normalize():f}"


def score_site(need: SiteNeed, site: SiteCandidate) -> SiteMatch | None:
    if site.kind != need.kind or need.area <= 0 or site.area < need.area * MIN_AREA_SHARE:
        return None
    reasons: list[str] = []
    ratio = need.area / site.area
    if ratio >= Decimal("0.8"):
        area_points = 40
        reasons.append(f"面积 {_fmt(site.area)} {site.area_unit}，与需求 {_fmt(need.area)} {site.area_unit}基本相当")
    elif ratio >= Decimal("0.5"):
        area_points = 30
        reasons.append(f"面积 {_fmt(site.area)} {site.area_unit}，满足需求且略有富余")
    elif ratio >= Decimal("0.25"):
        area_points = 15
        reasons.append(f"面积 {_fmt(site.area)} {site.area_unit}，明显大于需求，需分割供应")
    else:
        area_points = 5
        reasons.append(f"面积 {_fmt(site.area)} {site.area_unit}，远大于需求")

    if site.unit_path.startswith(need.unit_path):
        location_points = 35
        reasons.append(f"位于项目所在的{need.unit_name}（{site.unit_name}）")
    elif top_level_path(site.unit_path) == top_level_path(need.unit_path):
        location_points = 25
        reasons.append(f"与项目同属一个县区/板块（{site.unit_name}）")
    else:
        location_points = 5
        reasons.append(f"位于{site.unit_name}，跨县区/板块，需市级统筹")

    industries = site.suitable_industries.strip()
    if need.chain and need.chain in industries:
        industry_points = 15
        reasons.append(f"适宜产业含{need.chain}")
    elif not industries:
        industry_points = 7
        reasons.append("未限定适宜产业")
    else:
        industry_points = 0
        reasons.append(f"适宜产业为{industries}" + (f"，与项目产业链（{need.chain}）不同" if need.chain else ""))

    if site.available_from is None or need.needed_by is None or site.available_from <= need.needed_by:
        time_points = 10
        reasons.append("可按期交付" if site.available_from else "现可交付")
    else:
        time_points = 0
        reasons.append(f"可交付日期 {site.available_from:%Y-%m-%d} 晚于需求日期 {need.needed_by:%Y-%m-%d}")
    return SiteMatch(site_id=site.id, score=area_points + location_points + industry_points + time_points,
                     reasons=tuple(reasons))


def rank_sites(need: SiteNeed, sites: list[SiteCandidate], *, limit: int = 10) -> list[SiteMatch]:
    """The best ``limit`` sites for the need, best first (ties: the tighter area fit, then the name)."""
    by_id = {s.id: s for s in sites}
    matches = [m for s in sites if (m := score_site(need, s)) is not None]
    matches.sort(key=lambda m: (-m.score, by_id[m.site_id].area, by_id[m.site_id].name))
    return matches[:limit]
