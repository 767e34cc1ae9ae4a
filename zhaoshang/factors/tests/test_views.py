"""Pages: the list (filters, query count, export), raising through the form, acting, routing, sites, 联审."""

from __future__ import annotations

from datetime import date, timedelta
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from zhaoshang.accounts.models import Notification
from zhaoshang.factors.models import CalendarDay, FactorRequest, JointReview, RoutingRule, Site

from .factories import make_request, pdf


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_list_page_takes_the_same_queries_for_1_or_12_requests(client, routed, lianyun_officer,
                                                                   lianyun_project, city_admin):
    make_request(user=lianyun_officer, project=lianyun_project)
    client.force_login(city_admin)
    one = _queries(client, reverse("factors:list"))
    for kind in ["land", "approval", "finance", "energy", "labour", "other"] * 2:
        make_request(user=lianyun_officer, project=lianyun_project, kind=kind)
    assert _queries(client, reverse("factors:list")) == one
    assert _queries(client, reverse("factors:escalations")) <= one


def test_the_list_filters_by_status_kind_and_overdue(client, routed, lianyun_officer, lianyun_project, land_dept):
    make_request(user=lianyun_officer, project=lianyun_project, kind="land", title="用地一")
    make_request(user=lianyun_officer, project=lianyun_project, kind="approval", title="审批一")
    fresh = make_request(user=lianyun_officer, project=lianyun_project, kind="approval", title="审批二",
                         on=timezone.localdate(), needed_by=timezone.localdate() + timedelta(days=60))
    client.force_login(lianyun_officer)

    def titles(**params):
        response = client.get(reverse("factors:list"), params, HTTP_HX_REQUEST="true")
        return {r.title for r in response.context["page_obj"]}
    assert titles() == {"用地一", "审批一", "审批二"}
    assert titles(kind="approval") == {"审批一", "审批二"}
    assert titles(overdue="true") == {"用地一", "审批一"}
    assert titles(status="open", q="审批二") == {fresh.title}
    assert titles(project=str(lianyun_project.id), kind="land") == {"用地一"}


def test_the_export_is_a_scoped_ledger_with_chinese_headers(client, routed, lianyun_officer, lianyun_project,
                                                            xuwei_officer, xuwei_project):
    make_request(user=lianyun_officer, project=lianyun_project, title="连云区用地")
    make_request(user=xuwei_officer, project=xuwei_project, title="徐圩用地")
    client.force_login(lianyun_officer)
    ws = load_workbook(BytesIO(client.get(reverse("factors:export")).content)).active
    assert [c.value for c in ws[2]][:9] == ["编号", "项目", "项目所属单位", "要素类型", "需求事项", "需求量", "紧急程度",
                                           "责任部门", "状态"]
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    assert [(r[1], r[4], r[5], r[7], r[13]) for r in rows] == \
        [("连云区碳纤维复合材料项目", "连云区用地", "120 亩", "市自然资源和规划局", "是")]


def test_a_request_is_raised_through_the_form_with_a_file(client, routed, lianyun_officer, lianyun_project,
                                                          land_dept):
    client.force_login(lianyun_officer)
    form = client.get(reverse("factors:create"), {"project": lianyun_project.id}).content.decode()
    assert 'data-search' in form and f'value="{lianyun_project.id}" selected' in form
    needed = timezone.localdate() + timedelta(days=40)
    response = client.post(reverse("factors:create"), {
        "project": lianyun_project.id, "kind": "land", "title": "二期新增工业用地", "urgency": "urgent",
        "needed_by": needed.isoformat(), "site_kind": "land", "land_mu": "85", "place": "板桥工业园",
        "finance_kind": "", "files": [pdf("用地红线图.pdf")]})
    request = FactorRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("factors:detail", args=[request.id])
    assert (request.land_mu, request.urgency, request.attachments.get().original_name) == \
        (85, "urgent", "用地红线图.pdf")


def test_a_refused_form_says_why_in_chinese_and_saves_nothing(client, routed, lianyun_officer, lianyun_project):
    client.force_login(lianyun_officer)
    response = client.post(reverse("factors:create"), {
        "project": lianyun_project.id, "kind": "land", "title": "用地", "urgency": "normal",
        "needed_by": (timezone.localdate() + timedelta(days=5)).isoformat(), "site_kind": "land", "place": "板桥"})
    assert response.status_code == 400
    assert "用地需求须填写用地面积（亩），且大于 0" in response.content.decode()
    assert FactorRequest.objects.count() == 0


def test_the_department_acts_from_the_page_and_errors_come_back(client, routed, lianyun_officer, lianyun_project,
                                                                land_dept):
    request = make_request(user=lianyun_officer, project=lianyun_project)
    client.force_login(land_dept)
    page = client.get(reverse("factors:detail", args=[request.id])).content.decode()
    assert 'data-testid="do-accept"' in page and 'data-testid="do-answer"' not in page
    response = client.post(reverse("factors:act", args=[request.id, "decline"]), {"text": ""})
    assert response.status_code == 400 and "这个字段是必填项。" in response.content.decode()
    response = client.post(reverse("factors:act", args=[request.id, "accept"]), {"text": "已受理"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "accepted"
    assert client.post(reverse("factors:act", args=[request.id, "explode"])).status_code == 404


def test_the_city_admin_edits_the_routing_table_and_officers_only_read_it(client, routed, world, city_admin):
    data = {}
    for rule in RoutingRule.objects.all():
        data |= {f"department_{rule.kind}": rule.department_id, f"days_{rule.kind}": rule.deadline_days,
                 f"note_{rule.kind}": rule.note}
    data["days_approval"] = 3
    client.force_login(world.user("lianyun"))
    assert client.post(reverse("factors:routing"), data).status_code == 403
    assert "市行政审批局" in client.get(reverse("factors:routing")).content.decode()
    client.force_login(city_admin)
    assert client.post(reverse("factors:routing"), data).status_code == 302
    assert RoutingRule.objects.get(kind="approval").deadline_days == 3
    assert client.post(reverse("factors:calendar_day"), {"day": "2026-10-01", "is_working_day": "0",
                                                         "note": "国庆节"}).status_code == 302
    assert list(CalendarDay.objects.values_list("day", "is_working_day", "note")) == \
        [(date(2026, 10, 1), False, "国庆节")]


def test_sites_are_published_listed_and_matched(client, routed, world, lianyun_officer, lianyun_project):
    client.force_login(lianyun_officer)
    response = client.post(reverse("factors:site_create"), {
        "name": "碳纤维产业园 02 地块", "kind": "land", "unit": world.unit("lianyun").id, "address": "板桥工业园纬一路",
        "area": "150", "price": "24", "suitable_industries": "新材料", "status": "available"})
    assert response.status_code == 302
    site = Site.objects.get()
    assert "碳纤维产业园 02 地块" in client.get(reverse("factors:sites")).content.decode()
    request = make_request(user=lianyun_officer, project=lianyun_project)
    page = client.get(reverse("factors:site_match"), {"request": request.id}).content.decode()
    assert "碳纤维产业园 02 地块" in page and "位于项目所在的连云区" in page
    client.force_login(world.user("xuwei"))
    assert client.get(reverse("factors:site_edit", args=[site.id])).status_code == 403


def test_a_joint_review_is_recorded_on_each_request(client, routed, world, city_admin, lianyun_officer,
                                                    lianyun_project):
    land = make_request(user=lianyun_officer, project=lianyun_project, kind="land")
    energy = make_request(user=lianyun_officer, project=lianyun_project, kind="energy")
    client.force_login(city_admin)
    response = client.post(reverse("factors:joint_review_create"), {
        "title": "碳纤维项目要素联审会", "held_on": timezone.localdate().isoformat(), "place": "市政府 3 楼",
        "departments": [world.unit("dept-land").id, world.unit("dept-ndrc").id], "requests": [land.id, energy.id],
        "decisions": "1. 市自然资源和规划局 12 月底前完成供地；2. 市发改委统筹能耗指标。"})
    review = JointReview.objects.get()
    assert response.status_code == 302
    assert [s.action for s in land.steps.all()] == ["submitted", "joint_review"]
    assert Notification.objects.filter(kind="factors.joint_review", recipient__username="land_dept").count() == 1
    client.force_login(world.user("approval_dept"))
    assert client.get(reverse("factors:joint_review_detail", args=[review.id])).status_code == 404
    client.force_login(world.user("land_dept"))
    page = client.get(reverse("factors:joint_review_detail", args=[review.id])).content.decode()
    assert land.title in page and "市发改委统筹能耗指标" in page


@pytest.mark.parametrize("departments", [1, 0])
def test_a_joint_review_needs_two_departments(client, routed, world, city_admin, lianyun_officer, lianyun_project,
                                              departments):
    land = make_request(user=lianyun_officer, project=lianyun_project, kind="land")
    client.force_login(city_admin)
    response = client.post(reverse("factors:joint_review_create"), {
        "title": "联审", "held_on": timezone.localdate().isoformat(), "requests": [land.id], "decisions": "x",
        "departments": [world.unit("dept-land").id][:departments]})
    assert response.status_code == 200 and JointReview.objects.count() == 0


def test_the_bell_counts_unread_notifications_and_reading_follows_the_link(client, routed, lianyun_officer,
                                                                           lianyun_project, land_dept):
    request = make_request(user=lianyun_officer, project=lianyun_project)
    client.force_login(land_dept)
    page = client.get(reverse("factors:list")).content.decode()
    assert 'data-testid="unread-count">1<' in page
    notification = Notification.objects.get(recipient=land_dept)
    response = client.post(reverse("accounts:notifications_read"), {"id": notification.id})
    assert response["Location"] == reverse("factors:detail", args=[request.id])
    assert 'data-testid="unread-count"' not in client.get(reverse("accounts:notifications")).content.decode()
    # another user's notification cannot be read or followed
    client.force_login(lianyun_officer)
    assert client.post(reverse("accounts:notifications_read"), {"id": notification.id}).status_code == 404
