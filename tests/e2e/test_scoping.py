"""A district officer never sees another district's projects: not in lists, detail pages or exports."""

from __future__ import annotations

from io import BytesIO

from openpyxl import load_workbook

from zhaoshang.projects.tests.factories import make_project


def test_a_district_officer_sees_only_own_projects_everywhere(world, live_server, login, page):
    # given one project in 连云区 and one confidential project in 徐圩新区
    own = make_project(user=world.user("lianyun"), name="连云区港口物流项目")
    other = make_project(user=world.user("xuwei"), name="徐圩新区保密烯烃项目", is_confidential=True)

    # when the 连云区 officer opens the project list
    login("lianyun")
    page.goto(f"{live_server.url}/projects/")
    table = page.get_by_test_id("project-table")

    # then only the own project is listed
    assert "连云区港口物流项目" in table.inner_text()
    assert "徐圩新区保密烯烃项目" not in page.content()
    assert page.get_by_test_id("count").inner_text() == "共 1 个项目"

    # and searching for the other project finds nothing
    page.get_by_test_id("search").fill("烯烃")
    page.get_by_test_id("search").press("Enter")
    page.wait_for_function("document.querySelector('[data-testid=count]').innerText.includes('共 0 个项目')")

    # and the other project's page, opened by URL, is not found
    response = page.goto(f"{live_server.url}/projects/{other.id}/")
    assert response.status == 404
    assert page.get_by_test_id("not-found").is_visible()
    assert "徐圩新区保密烯烃项目" not in page.content()
    assert page.goto(f"{live_server.url}/projects/{own.id}/").status == 200

    # and the Excel export holds the own project only
    page.goto(f"{live_server.url}/projects/")
    with page.expect_download() as download_info:
        page.get_by_test_id("export").click()
    workbook = load_workbook(BytesIO(open(download_info.value.path(), "rb").read()))
    names = [row[1] for row in workbook.active.iter_rows(min_row=3, values_only=True)
             if not str(row[0]).startswith("合计")]
    assert names == ["连云区港口物流项目"]


def test_the_city_admin_sees_both_districts(world, live_server, login, page):
    make_project(user=world.user("lianyun"), name="连云区港口物流项目")
    make_project(user=world.user("xuwei"), name="徐圩新区保密烯烃项目", is_confidential=True)
    login("city_admin")
    page.goto(f"{live_server.url}/projects/")
    text = page.get_by_test_id("project-table").inner_text()
    assert "连云区港口物流项目" in text and "徐圩新区保密烯烃项目" in text
