from __future__ import annotations

import pytest

from zhaoshang.projects.tests.factories import make_project

from .factories import ensure_routing


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploaded files go to a throwaway folder, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def routed(world, city_admin):
    ensure_routing(city_admin)


@pytest.fixture
def land_dept(world):
    return world.user("land_dept")


@pytest.fixture
def approval_dept(world):
    return world.user("approval_dept")


@pytest.fixture
def lianyun_project(world, lianyun_officer):
    return make_project(user=lianyun_officer, name="连云区碳纤维复合材料项目", investor_name="江苏测试碳纤维有限公司")


@pytest.fixture
def xuwei_project(world, xuwei_officer):
    return make_project(user=xuwei_officer, name="徐圩新区高端聚烯烃项目", is_confidential=True)
