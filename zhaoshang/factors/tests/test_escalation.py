"""Escalation: an overdue request is escalated once to the responsible leader, the city admins and the department."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from zhaoshang.accounts.models import Notification
from zhaoshang.factors import services
from zhaoshang.factors.models import FactorRequest
from zhaoshang.factors.tasks import factor_escalation_task
from zhaoshang.factors.workdays import at
from zhaoshang.projects.models import Project, ProjectEvent

from .factories import make_request


@pytest.fixture
def led_project(lianyun_project, leader):
    # Test set-up only: the projects app assigns leaders through its own pages.
    Project.objects.filter(pk=lianyun_project.pk).update(responsible_leader=leader)
    lianyun_project.refresh_from_db()
    return lianyun_project


@pytest.fixture
def approval_request(routed, lianyun_officer, led_project):
    # raised Monday 2026-03-02, 5 working days: due Monday 2026-03-09
    return make_request(user=lianyun_officer, project=led_project, kind="approval", title="施工许可并联审批",
                        on=date(2026, 3, 2))


def _escalation_notices():
    return sorted(Notification.objects.filter(kind="factors.escalated").values_list("recipient__username",
                                                                                   flat=True))


def test_an_overdue_request_escalates_once(approval_request):
    # when the hourly check runs on the due day, nothing happens
    assert services.factor_request_escalate_overdue(now=at(date(2026, 3, 9), 23)) == 0
    # and the next morning the request is escalated
    assert services.factor_request_escalate_overdue(now=at(date(2026, 3, 10), 8)) == 1
    r = FactorRequest.objects.get()
    assert r.escalated_at == at(date(2026, 3, 10), 8)
    assert _escalation_notices() == ["approval_dept", "city_admin", "leader"]
    assert Notification.objects.get(recipient__username="leader").text == (
        "【超期督办】市行政审批局办理的审批需求“施工许可并联审批”（连云区碳纤维复合材料项目）已超期 1 个工作日"
        "（期限 2026-03-09），提请督办")
    assert [s.action for s in r.steps.all()] == ["submitted", "escalated"]
    assert ProjectEvent.objects.filter(project=r.project, kind="factor_request").count() == 2
    # and an hour later it is not escalated again
    assert services.factor_request_escalate_overdue(now=at(date(2026, 3, 10), 9)) == 0
    assert len(_escalation_notices()) == 3


def test_a_request_waiting_for_information_does_not_escalate(approval_request, approval_dept):
    services.factor_request_ask_info(user=approval_dept, request=approval_request, text="请补充施工图审查合格书",
                                     now=at(date(2026, 3, 3)))
    assert services.factor_request_escalate_overdue(now=at(date(2026, 4, 1))) == 0
    assert FactorRequest.objects.get().escalated_at is None


@pytest.mark.parametrize("close", ["resolve", "decline", "withdraw"])
def test_a_closed_request_does_not_escalate(approval_request, approval_dept, lianyun_officer, close):
    if close == "resolve":
        services.factor_request_resolve(user=approval_dept, request=approval_request, outcome="已核发",
                                        now=at(date(2026, 3, 6)))
    elif close == "decline":
        services.factor_request_decline(user=approval_dept, request=approval_request, reason="不属本部门",
                                        now=at(date(2026, 3, 6)))
    else:
        services.factor_request_withdraw(user=lianyun_officer, request=approval_request, text="暂缓",
                                         now=at(date(2026, 3, 6)))
    assert services.factor_request_escalate_overdue(now=at(date(2026, 4, 1))) == 0
    assert _escalation_notices() == []


def test_without_a_responsible_leader_the_city_admins_and_department_are_told(routed, lianyun_officer,
                                                                              lianyun_project):
    make_request(user=lianyun_officer, project=lianyun_project, kind="approval", on=date(2026, 3, 2))
    assert services.factor_request_escalate_overdue(now=at(date(2026, 3, 10))) == 1
    assert _escalation_notices() == ["approval_dept", "city_admin"]


def test_the_hourly_task_escalates_what_is_overdue_now(approval_request):
    # the request was due 2026-03-09; the task runs on the real clock, long after
    assert timezone.localdate() > date(2026, 3, 9)
    assert factor_escalation_task.call_local() == 1
    assert FactorRequest.objects.get().escalated_at is not None


def test_the_escalation_list_shows_it_to_the_leader_and_not_to_another_district(client, approval_request, world):
    services.factor_request_escalate_overdue(now=at(date(2026, 3, 10)))
    client.force_login(world.user("leader"))
    page = client.get(reverse("factors:escalations")).content.decode()
    assert "施工许可并联审批" in page and "共 1 项" in page
    client.force_login(world.user("xuwei"))
    page = client.get(reverse("factors:escalations")).content.decode()
    assert "施工许可并联审批" not in page and "共 0 项" in page
