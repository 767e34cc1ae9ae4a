"""Sites on offer (载体) and the matching of a space need to them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from zhaoshang.core.errors import BusinessError
from zhaoshang.factors import selectors, services
from zhaoshang.factors.matching import SiteCandidate, SiteNeed, rank_sites
from zhaoshang.factors.models import Site

from .factories import make_request

NEED = SiteNeed(kind="land", area=Decimal("100"), unit_path="/1/3/", unit_name="连云区", chain="新材料",
                needed_by=date(2026, 6, 30))


def _site(id, area, unit_path="/1/3/", kind="land", industries="新材料", available_from=None, unit_name="连云区"):
    return SiteCandidate(id=id, name=f"地块{id}", kind=kind, area=Decimal(area), area_unit="亩", unit_path=unit_path,
                         unit_name=unit_name, suitable_industries=industries, available_from=available_from)


def test_sites_are_ranked_by_fit_with_their_reasons():
    sites = [
        _site(1, "110"),                                             # same unit, right size, right chain
        _site(2, "300"),                                             # same unit, far too big
        _site(3, "105", unit_path="/1/3/15/", unit_name="板桥园区"),  # a park under the unit
        _site(4, "100", unit_path="/1/9/", unit_name="徐圩新区"),      # another zone
        _site(5, "90"),                                              # too small (< 95 %)
        _site(6, "100", kind="standard_factory"),                    # another kind
        _site(7, "100", industries="石化", available_from=date(2026, 9, 1)),  # wrong chain, too late
    ]
    ranked = rank_sites(NEED, sites)
    # ties go to the tighter fit: 3 (105 亩) before 1 (110 亩), 7 (100 亩) before 2 (300 亩)
    assert [(m.site_id, m.score) for m in ranked] == [(3, 100), (1, 100), (7, 75), (2, 75), (4, 70)]
    assert ranked[1].reasons == (
        "面积 110 亩，与需求 100 亩基本相当", "位于项目所在的连云区（连云区）", "适宜产业含新材料", "现可交付")
    assert ranked[2].reasons == ("面积 100 亩，与需求 100 亩基本相当", "位于项目所在的连云区（连云区）",
                                 "适宜产业为石化，与项目产业链（新材料）不同",
                                 "可交付日期 2026-09-01 晚于需求日期 2026-06-30")
    assert ranked[3].reasons[0] == "面积 300 亩，明显大于需求，需分割供应"
    assert ranked[4].reasons[1] == "位于徐圩新区，跨县区/板块，需市级统筹"


def test_a_land_request_is_matched_to_available_sites_only(routed, world, city_admin, lianyun_officer,
                                                           lianyun_project):
    lianyun = world.unit("lianyun")
    services.site_create(user=city_admin, name="碳纤维产业园 02 地块", kind="land", unit=lianyun, address="板桥",
                         area=Decimal("150"), suitable_industries="新材料")
    services.site_create(user=city_admin, name="已洽谈地块", kind="land", unit=lianyun, address="板桥",
                         area=Decimal("130"), status="negotiating")
    services.site_create(user=city_admin, name="标准厂房 1 号", kind="standard_factory", unit=lianyun,
                         address="板桥", area=Decimal("9000"))
    request = make_request(user=lianyun_officer, project=lianyun_project, land_mu=Decimal("120"))
    need = selectors.need_of_request(request)
    assert [m.site.name for m in selectors.site_matches(user=lianyun_officer, need=need)] == ["碳纤维产业园 02 地块"]
    factory = make_request(user=lianyun_officer, project=lianyun_project, site_kind="standard_factory",
                           floor_area_sqm=Decimal("8000"))
    assert [m.site.name for m in selectors.site_matches(user=lianyun_officer, need=selectors.need_of_request(factory))] \
        == ["标准厂房 1 号"]


def test_unit_officers_keep_their_own_sites_only(world, lianyun_officer):
    site = services.site_create(user=lianyun_officer, name="连云区标准厂房", kind="standard_factory",
                                unit=world.unit("lianyun"), address="板桥", area=Decimal("6000"), price=Decimal("10"))
    assert (site.area_unit, site.price_unit) == ("㎡", "元/㎡·月")
    with pytest.raises(BusinessError, match="只能维护本单位或下级单位的载体"):
        services.site_create(user=lianyun_officer, name="徐圩地块", kind="land", unit=world.unit("xuwei"),
                             address="x", area=Decimal("10"))
    with pytest.raises(BusinessError, match="您的角色不能维护载体"):
        services.site_create(user=world.user("land_dept"), name="x", kind="land", unit=world.unit("lianyun"),
                             address="x", area=Decimal("10"))
    assert list(Site.objects.values_list("name", flat=True)) == ["连云区标准厂房"]


def test_a_taken_site_names_its_project_and_names_are_unique_per_unit(world, city_admin, lianyun_project):
    lianyun = world.unit("lianyun")
    with pytest.raises(BusinessError, match="已落地的载体须注明落地项目"):
        services.site_create(user=city_admin, name="A 地块", kind="land", unit=lianyun, address="x",
                             area=Decimal("10"), status="taken")
    site = services.site_create(user=city_admin, name="A 地块", kind="land", unit=lianyun, address="x",
                                area=Decimal("10"))
    with pytest.raises(BusinessError, match="连云区已有名为“A 地块”的载体"):
        services.site_create(user=city_admin, name="A 地块", kind="land", unit=lianyun, address="y",
                             area=Decimal("20"))
    site = services.site_update(user=city_admin, site=site, data={"status": "taken", "project": lianyun_project})
    assert (site.status, site.project, site.history.count()) == ("taken", lianyun_project, 2)
