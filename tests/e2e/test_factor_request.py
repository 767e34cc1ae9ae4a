"""One land request's whole life in the browser: raised by a district officer, questioned by the land
department, answered, resolved — and counted on time in the department record."""

from __future__ import annotations

import re
from datetime import timedelta

from django.utils import timezone

from zhaoshang.factors.models import FactorRequest
from zhaoshang.factors.tests.factories import PDF, ensure_routing
from zhaoshang.projects.tests.factories import make_project


def _switch_user(page, login, username):
    page.context.clear_cookies()
    return login(username)


def test_a_land_request_from_raising_to_the_department_record(world, live_server, login, page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    page.set_default_timeout(60_000)  # a long flow with uploads: generous on a busy CI machine
    ensure_routing(world.user("city_admin"))
    project = make_project(user=world.user("lianyun"), name="连云区碳纤维复合材料项目")
    needed_by = timezone.localdate() + timedelta(days=60)

    # a 连云区 officer raises a land request from the factor list, picking the project in the search box
    login("lianyun")
    page.goto(f"{live_server.url}/factors/requests/")
    page.get_by_test_id("raise").click()
    page.locator(".ts-control").first.click()
    page.keyboard.type("碳纤维")
    page.locator(".ts-dropdown .option", has_text="连云区碳纤维复合材料项目").click()
    page.select_option("#id_kind", "land")
    page.fill("#id_title", "二期新增工业用地")
    page.select_option("#id_site_kind", "land")
    page.fill("#id_land_mu", "120")
    page.fill("#id_place", "板桥工业园纬一路以北")
    page.fill("#id_needed_by", needed_by.isoformat())
    page.get_by_test_id("submit").click()
    page.wait_for_url(re.compile(r"/factors/requests/\d+/$"))
    request = FactorRequest.objects.get()
    assert (request.project, request.department.code, request.land_mu) == (project, "dept-land", 120)
    assert "待受理" in page.get_by_test_id("status").inner_text()
    assert page.get_by_test_id("due-on").inner_text() == f"{request.due_on:%Y-%m-%d}"

    # the land department officer sees it on the bell and asks for the feasibility study
    _switch_user(page, login, "land_dept")
    assert page.get_by_test_id("unread-count").inner_text() == "1"
    page.goto(f"{live_server.url}/factors/requests/")
    page.get_by_role("link", name="二期新增工业用地").click()
    page.get_by_test_id("tab-ask_info").click()
    page.fill("#id_ask_info_text", "请补充项目可行性研究报告和总平面布置图")
    page.get_by_test_id("do-ask_info").click()
    page.wait_for_selector("[data-testid=flash]")
    assert "待补充材料" in page.get_by_test_id("status").inner_text()

    # the district officer answers with the report attached
    _switch_user(page, login, "lianyun")
    page.goto(f"{live_server.url}/factors/requests/{request.id}/")
    page.get_by_test_id("tab-answer").click()
    page.fill("#id_answer_text", "已补充可研报告和总平面布置图")
    page.set_input_files("#id_answer_files", files=[{"name": "可研报告.pdf", "mimeType": "application/pdf",
                                                     "buffer": PDF}])
    page.get_by_test_id("do-answer").click()
    page.wait_for_selector("[data-testid=flash]")
    assert "待受理" in page.get_by_test_id("status").inner_text()
    assert page.get_by_test_id("attachment").inner_text() == "可研报告.pdf"

    # the land department resolves it
    _switch_user(page, login, "land_dept")
    page.goto(f"{live_server.url}/factors/requests/{request.id}/")
    page.get_by_test_id("tab-resolve").click()
    page.fill("#id_resolve_text", "已纳入年度供地计划，完成用地预审，拟于下月挂牌出让")
    page.get_by_test_id("do-resolve").click()
    page.wait_for_selector("[data-testid=flash]")
    assert "已办结" in page.get_by_test_id("status").inner_text()
    timeline = page.get_by_test_id("timeline").inner_text()
    for step in ["提出需求", "要求补充材料", "补充材料", "办结"]:
        assert step in timeline

    # and the department record counts it, resolved on time
    page.goto(f"{live_server.url}/factors/record/")
    row = page.get_by_test_id("record-table").locator("tr", has_text="市自然资源和规划局")
    cells = [c.strip() for c in row.locator("td").all_inner_texts()]
    assert cells == ["1", "市自然资源和规划局", "1", "1", "100.0%", cells[5], "0", "0", "0"]
    assert page.locator("#record-chart canvas").count() == 1
