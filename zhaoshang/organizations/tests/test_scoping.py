"""The scoping rule: a unit sees itself and everything under it; the city sees all."""

from __future__ import annotations

import pytest

from zhaoshang.core.errors import BusinessError
from zhaoshang.organizations.models import Unit
from zhaoshang.organizations.selectors import scope_by_unit, visible_unit_ids
from zhaoshang.organizations.services import unit_create


def test_district_officer_sees_own_unit_and_its_parks_only(world, xuwei_officer):
    # given the 徐圩新区 officer; 徐圩新区 has two parks in the reference
    # when
    ids = set(visible_unit_ids(user=xuwei_officer))
    # then
    expected = {world.unit(c).id for c in ("xuwei", "xuwei-petrochem", "xuwei-sinochem")}
    assert ids == expected


def test_city_admin_and_leader_see_every_unit(world, city_admin, leader):
    all_ids = set(Unit.objects.values_list("id", flat=True))
    assert set(visible_unit_ids(user=city_admin)) == all_ids
    assert set(visible_unit_ids(user=leader)) == all_ids


@pytest.mark.parametrize("username", ["sysadmin", "secadmin", "auditor"])
def test_the_three_administrators_see_no_business_units(world, username):
    assert visible_unit_ids(user=world.user(username)) == []


def test_scope_by_unit_filters_a_queryset(world, lianyun_officer):
    qs = scope_by_unit(Unit.objects.all(), user=lianyun_officer, field="parent")
    # units whose parent is visible to 连云区: none (连云区 has no parks in the demo)
    assert list(qs) == []


def test_unit_path_is_materialised_from_the_parent(world):
    park = world.unit("xuwei-petrochem")
    assert park.path == f"/{world.unit('lyg').id}/{world.unit('xuwei').id}/{park.id}/"
    assert park.depth == 2
    assert park.is_within(world.unit("xuwei")) and not park.is_within(world.unit("lianyun"))


def test_a_park_cannot_sit_directly_under_the_city(world):
    before = Unit.objects.count()
    with pytest.raises(BusinessError, match="园区不能设在市之下"):
        unit_create(code="bad-park", name="错误园区", kind="park", parent=world.unit("lyg"))
    assert Unit.objects.count() == before


def test_unit_codes_are_unique(world):
    with pytest.raises(BusinessError, match="编码“xuwei”已被使用"):
        unit_create(code="xuwei", name="另一个徐圩", kind="zone", parent=world.unit("lyg"))
