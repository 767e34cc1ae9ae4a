"""Projects follow the unit tree in lists, detail pages, exports and search."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from zhaoshang.core.errors import NotVisible
from zhaoshang.projects import selectors

from .factories import make_project


@pytest.fixture
def two_projects(world, lianyun_officer, xuwei_officer):
    own = make_project(user=lianyun_officer, name="连云区碳纤维项目")
    other = make_project(user=xuwei_officer, name="徐圩新区保密烯烃项目", is_confidential=True)
    return own, other


def test_an_officer_lists_only_own_unit_projects(two_projects, lianyun_officer):
    own, other = two_projects
    assert list(selectors.project_list(user=lianyun_officer)) == [own]


def test_the_city_admin_and_leader_list_every_project_including_confidential(two_projects, city_admin, leader):
    own, other = two_projects
    assert set(selectors.project_list(user=city_admin)) == {own, other}
    assert set(selectors.project_list(user=leader)) == {own, other}


def test_another_units_project_is_not_found_by_id(two_projects, lianyun_officer):
    own, other = two_projects
    with pytest.raises(NotVisible):
        selectors.project_get(user=lianyun_officer, id=other.id)


def test_search_never_reaches_across_units(two_projects, lianyun_officer):
    assert list(selectors.project_list(user=lianyun_officer, filters={"q": "烯烃"})) == []
    assert [p.name for p in selectors.project_list(user=lianyun_officer, filters={"q": "碳纤维"})] == \
        ["连云区碳纤维项目"]


def test_the_unit_filter_cannot_widen_the_scope(two_projects, lianyun_officer, world):
    qs = selectors.project_list(user=lianyun_officer, filters={"unit": str(world.unit("xuwei").id)})
    assert list(qs) == []


@pytest.mark.parametrize("url_name", ["projects:detail"])
def test_detail_page_of_another_unit_is_a_404(client, two_projects, lianyun_officer, url_name):
    own, other = two_projects
    client.force_login(lianyun_officer)
    assert client.get(reverse(url_name, args=[own.id])).status_code == 200
    response = client.get(reverse(url_name, args=[other.id]))
    assert response.status_code == 404
    assert "徐圩新区保密烯烃项目" not in response.content.decode()


def test_follow_up_on_another_units_project_is_a_404_and_writes_nothing(client, two_projects, lianyun_officer):
    own, other = two_projects
    client.force_login(lianyun_officer)
    response = client.post(reverse("projects:follow_up_create", args=[other.id]),
                           {"happened_on": "2026-01-05", "kind": "call", "content": "越权"})
    assert response.status_code == 404
    assert other.follow_ups.count() == 0


def test_the_excel_export_holds_only_visible_projects(client, two_projects, lianyun_officer):
    client.force_login(lianyun_officer)
    response = client.get(reverse("projects:export"))
    wb = load_workbook(BytesIO(response.content))
    ws = wb.active
    names = [row[1] for row in ws.iter_rows(min_row=3, values_only=True) if not str(row[0]).startswith("合计")]
    assert names == ["连云区碳纤维项目"]
    headers = [c.value for c in ws[2]]
    assert ws.cell(row=3, column=headers.index("总投资（万元）") + 1).value == 50000


def test_list_page_shows_count_and_hides_other_units(client, two_projects, lianyun_officer):
    client.force_login(lianyun_officer)
    html = client.get(reverse("projects:list")).content.decode()
    assert "共 1 个项目" in html and "连云区碳纤维项目" in html and "徐圩新区保密烯烃项目" not in html


def test_the_list_page_query_count_does_not_grow_with_rows(client, world, lianyun_officer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("projects:list")).status_code == 200
        return len(ctx.captured_queries)

    client.force_login(lianyun_officer)
    make_project(user=lianyun_officer, name="项目0")
    client.get(reverse("projects:list"))  # warm the session
    one = queries()
    for i in range(1, 25):
        make_project(user=lianyun_officer, name=f"项目{i}")
    assert queries() == one <= 15
