"""Routing: each kind goes to its department, due in the rule's working days; only the city admin edits."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from zhaoshang.accounts.models import Notification
from zhaoshang.core.errors import BusinessError, NotVisible
from zhaoshang.factors.models import FactorRequest, RoutingRule
from zhaoshang.factors.services import calendar_day_set, factor_request_submit, routing_rule_set
from zhaoshang.factors.workdays import at
from zhaoshang.projects.models import ProjectEvent

from .factories import make_request


@pytest.mark.parametrize(("kind", "department", "due_on"), [
    ("land", "市自然资源和规划局", date(2026, 3, 23)),  # 15 working days
    ("approval", "市行政审批局", date(2026, 3, 9)),  # 5 working days
    ("finance", "市金融监管局", date(2026, 3, 16)),  # 10 working days
    ("energy", "市发改委", date(2026, 3, 23)),
    ("environment", "市生态环境局", date(2026, 3, 23)),
    ("labour", "市人社局", date(2026, 3, 16)),
    ("utilities", "市工信局", date(2026, 3, 16)),
    ("other", "市商务局", date(2026, 3, 16)),
])
def test_each_kind_is_routed_to_its_department_with_its_deadline(routed, lianyun_officer, lianyun_project, kind,
                                                                 department, due_on):
    # when the 连云区 officer raises the request on Monday 2026-03-02
    request = make_request(user=lianyun_officer, project=lianyun_project, kind=kind, on=date(2026, 3, 2))
    # then it sits with the department, waiting to be accepted, due on the computed day
    assert (str(request.department), request.status, request.submitted_on, request.due_on) == \
        (department, "submitted", date(2026, 3, 2), due_on)
    assert request.code == "YS-2026-00001"
    assert [s.action for s in request.steps.all()] == ["submitted"]


def test_a_holiday_in_the_window_pushes_the_deadline(routed, city_admin, lianyun_officer, lianyun_project):
    # given 2026-04-06 (Monday) is 清明节
    calendar_day_set(user=city_admin, day=date(2026, 4, 6), is_working_day=False, note="清明节")
    # when an approval request (5 working days) is raised on Thursday 2026-04-02
    request = make_request(user=lianyun_officer, project=lianyun_project, kind="approval", on=date(2026, 4, 2))
    # then 04-03, 04-07, 04-08, 04-09, 04-10: due Friday 2026-04-10
    assert request.due_on == date(2026, 4, 10)


def test_the_department_is_told_and_the_project_timeline_notes_it(routed, lianyun_officer, lianyun_project, land_dept):
    request = make_request(user=lianyun_officer, project=lianyun_project, kind="land", title="二期新增工业用地")
    assert list(Notification.objects.filter(recipient=land_dept).values_list("text", "url")) == [
        ("新的用地需求：连云区碳纤维复合材料项目·二期新增工业用地，请于 2026-03-23 前办理",
         f"/factors/requests/{request.id}/")]
    event = ProjectEvent.objects.get(project=lianyun_project, kind="factor_request")
    assert event.text == "周海涛 提出用地要素需求“二期新增工业用地”，由市自然资源和规划局办理，期限 2026-03-23"


def test_a_kind_without_a_rule_is_refused_and_nothing_is_written(world, lianyun_officer, lianyun_project):
    with pytest.raises(BusinessError, match="“用地”类需求尚未设置责任部门"):
        make_request(user=lianyun_officer, project=lianyun_project, kind="land")
    assert FactorRequest.objects.count() == 0


@pytest.mark.parametrize(("kind", "details", "message"), [
    ("land", {"land_mu": None}, "用地需求须填写用地面积（亩）"),
    ("land", {"site_kind": "standard_factory", "floor_area_sqm": None}, "厂房或楼宇需求须填写建筑面积"),
    ("land", {"place": " "}, "用地需求须填写意向位置"),
    ("finance", {"finance_amount": Decimal("0")}, "金融需求须填写融资金额"),
    ("finance", {"finance_kind": ""}, "金融需求须选择融资方式"),
    ("approval", {"approval_items": "\n  \n"}, "审批需求须列出审批事项"),
    ("energy", {"energy_tce": None}, "能耗需求须填写年综合能耗"),
    ("labour", {"workers": None}, "用工需求须填写用工人数"),
])
def test_details_by_kind_are_required(routed, lianyun_officer, lianyun_project, kind, details, message):
    with pytest.raises(BusinessError, match=message):
        make_request(user=lianyun_officer, project=lianyun_project, kind=kind, **details)
    assert FactorRequest.objects.count() == 0


def test_details_of_other_kinds_are_dropped(routed, lianyun_officer, lianyun_project):
    request = make_request(user=lianyun_officer, project=lianyun_project, kind="finance", land_mu=Decimal("50"),
                           approval_items="施工许可证")
    assert (request.finance_amount, request.finance_kind, request.land_mu, request.approval_items) == \
        (Decimal("30000"), "loan", None, "")


def test_a_need_date_in_the_past_is_refused(routed, lianyun_officer, lianyun_project):
    with pytest.raises(BusinessError, match="需求日期不能早于今天"):
        make_request(user=lianyun_officer, project=lianyun_project, on=date(2026, 3, 2), needed_by=date(2026, 3, 1))


@pytest.mark.parametrize("username", ["xuwei", "land_dept", "leader", "auditor"])
def test_only_those_who_serve_the_project_raise_requests_on_it(routed, world, lianyun_project, username):
    user = world.user(username)
    with pytest.raises(BusinessError):
        factor_request_submit(user=user, project=lianyun_project, kind="approval", title="越权", needed_by=date(2026, 6, 1),
                              approval_items="施工许可证", now=at(date(2026, 3, 2)))
    assert FactorRequest.objects.count() == 0


def test_another_units_project_is_not_found(routed, xuwei_officer, lianyun_project):
    with pytest.raises(NotVisible):
        make_request(user=xuwei_officer, project=lianyun_project)


def test_the_routing_table_is_the_city_admins(routed, world, city_admin):
    hr = world.unit("dept-hr")
    with pytest.raises(BusinessError, match="只有市级招商管理员"):
        routing_rule_set(user=world.user("land_dept"), kind="labour", department=hr, deadline_days=3)
    with pytest.raises(BusinessError, match="不是启用中的部门"):
        routing_rule_set(user=city_admin, kind="labour", department=world.unit("lianyun"), deadline_days=3)
    assert RoutingRule.objects.get(kind="labour").deadline_days == 10


def test_a_changed_rule_applies_to_requests_raised_afterwards(routed, world, city_admin, lianyun_officer,
                                                             lianyun_project):
    before = make_request(user=lianyun_officer, project=lianyun_project, kind="approval", on=date(2026, 3, 2))
    routing_rule_set(user=city_admin, kind="approval", department=world.unit("dept-ndrc"), deadline_days=3)
    after = make_request(user=lianyun_officer, project=lianyun_project, kind="approval", on=date(2026, 3, 2))
    before.refresh_from_db()
    assert (str(before.department), before.due_on) == ("市行政审批局", date(2026, 3, 9))
    assert (str(after.department), after.due_on, after.deadline_days) == ("市发改委", date(2026, 3, 5), 3)
    assert RoutingRule.history.filter(kind="approval").count() == 2


def test_calendar_adjustments_must_change_something(routed, city_admin):
    with pytest.raises(BusinessError, match="是周末，本来就不计入工作日"):
        calendar_day_set(user=city_admin, day=date(2026, 3, 7), is_working_day=False)
    with pytest.raises(BusinessError, match="是工作日，无需设为调休上班"):
        calendar_day_set(user=city_admin, day=date(2026, 3, 9), is_working_day=True)
