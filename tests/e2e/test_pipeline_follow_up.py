"""From entry to 签约 to a task-force follow-up: a district officer records and advances a project,
puts a colleague on its task force, the colleague logs a follow-up, and the city admin sees both."""

from __future__ import annotations

from django.utils import timezone
from playwright.sync_api import Page, expect

from zhaoshang.projects.models import FollowUp, Project, TaskForce

PROJECT = "徐圩新区高性能聚碳酸酯一体化项目"


def _pick(page: Page, field_id: str, text: str) -> None:
    """Choose an option of a tom-select (data-search) select by typing, as a person would."""
    page.locator(f"#{field_id} + .ts-wrapper .ts-control").click()
    search = page.locator(f"#{field_id}-ts-control")  # tom-select's own search box, open now
    expect(search).to_be_focused()
    search.fill(text)
    option = page.locator(f"#{field_id}-ts-dropdown .option", has_text=text).first
    expect(option).to_be_visible()
    option.click()
    page.keyboard.press("Escape")


def _switch_to(page: Page, login, username: str) -> None:
    page.context.clear_cookies()
    login(username)


def test_officer_signs_a_project_a_task_force_member_follows_up_the_city_sees_both(world, live_server, login,
                                                                                   page: Page):
    today = timezone.localdate().isoformat()
    # The first request loads every app's URLs (chains imports scikit-learn): allow it time once.
    page.goto(f"{live_server.url}/healthz", timeout=120_000)

    # 1. the 徐圩新区 officer records a project
    login("xuwei")
    page.goto(f"{live_server.url}/projects/new/")
    page.fill("#id_name", PROJECT)
    page.fill("#id_investor_name", "上海华瑞新材料股份有限公司")
    page.select_option("#id_chain", "石化")
    page.fill("#id_total_investment", "850000")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(f"{live_server.url}/projects/*/")
    project = Project.objects.get(name=PROJECT)
    expect(page.get_by_test_id("stage")).to_have_text("洽谈")

    # 2. … and advances it to 签约 with its evidence
    form = page.get_by_test_id("advance-form")
    form.locator("[name=signed_on]").fill(today)
    form.locator("[name=agreement_kind]").select_option("formal")
    form.locator("[name=contracted_amount]").fill("800000")
    form.get_by_role("button", name="确认推进").click()
    expect(page.get_by_test_id("stage")).to_have_text("签约")

    # 3. … forms its task force through the 招商专班 pages, with 林峰 and the land department on it
    page.get_by_role("link", name="招商专班").first.click()
    page.get_by_test_id("new-task-force").click()
    page.select_option("#id_kind", "project")
    _pick(page, "id_project", PROJECT)
    _pick(page, "id_members", "林峰")
    _pick(page, "id_members", "高雪")
    page.get_by_test_id("save").click()
    expect(page.get_by_test_id("members")).to_contain_text("林峰")
    expect(page.get_by_test_id("members")).to_contain_text("市自然资源和规划局")
    task_force = TaskForce.objects.get(project=project)
    assert sorted(task_force.members.values_list("username", flat=True)) == ["land_dept", "taskforce", "xuwei"]

    # 4. the task-force member finds the project through his task force and logs a follow-up
    _switch_to(page, login, "taskforce")
    page.goto(f"{live_server.url}/projects/task-forces/?mine=1")
    page.get_by_role("link", name=f"{PROJECT}专班").click()
    page.get_by_test_id("project-link").click()
    form = page.get_by_test_id("follow-up-form")
    form.locator("[name=happened_on]").fill(today)
    form.locator("[name=kind]").select_option("site_inspection")
    form.locator("[name=participants]").fill("林峰、马骏、投资方项目总监")
    form.locator("[name=content]").fill("陪同投资方踏勘石化基地二期地块，确认管廊接入方案")
    form.locator("[name=next_step]").fill("提交用地预审申请")
    form.get_by_test_id("add-follow-up").click()
    expect(page.get_by_test_id("follow-ups")).to_contain_text("陪同投资方踏勘石化基地二期地块")
    assert FollowUp.objects.get(project=project).owner.username == "taskforce"

    # 5. the city admin sees the 签约 stage and the member's follow-up
    _switch_to(page, login, "city_admin")
    page.goto(f"{live_server.url}/projects/?q=聚碳酸酯")
    page.get_by_role("link", name=PROJECT).click()
    expect(page.get_by_test_id("stage")).to_have_text("签约")
    follow_ups = page.get_by_test_id("follow-ups")
    expect(follow_ups).to_contain_text("陪同投资方踏勘石化基地二期地块，确认管廊接入方案")
    expect(follow_ups).to_contain_text("林峰")
    expect(follow_ups).to_contain_text("提交用地预审申请")
