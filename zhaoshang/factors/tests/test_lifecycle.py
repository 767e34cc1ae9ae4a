"""A request's life: accept, ask for information (the clock stops), answer, resolve or decline, withdraw."""

from __future__ import annotations

from datetime import date

import pytest

from zhaoshang.accounts.models import Notification
from zhaoshang.core.errors import BusinessError, NotVisible
from zhaoshang.factors import services
from zhaoshang.factors.models import FactorRequest
from zhaoshang.factors.workdays import at

from .factories import make_request


@pytest.fixture
def land_request(routed, lianyun_officer, lianyun_project):
    # raised Monday 2026-03-02, 15 working days: due 2026-03-23
    return make_request(user=lianyun_officer, project=lianyun_project, kind="land", on=date(2026, 3, 2))


def test_information_time_does_not_count_against_the_department(land_request, land_dept, lianyun_officer):
    # given the land department accepts on 03-03 and asks for the feasibility study on 03-04
    r = services.factor_request_accept(user=land_dept, request=land_request, now=at(date(2026, 3, 3)))
    r = services.factor_request_ask_info(user=land_dept, request=r, text="请补充可研报告和总平面图",
                                         now=at(date(2026, 3, 4)))
    assert (r.status, r.paused_since) == ("info_requested", date(2026, 3, 4))
    assert r.is_overdue_on(date(2026, 12, 31)) is False  # waiting for the unit: never overdue
    # when the unit answers on Monday 03-09: 03-05, 03-06 and 03-09 were spent waiting
    r = services.factor_request_answer(user=lianyun_officer, request=r, text="已补充", now=at(date(2026, 3, 9)))
    # then the request is back with the department and the deadline moves 3 working days
    assert (r.status, r.paused_days, r.paused_since, r.due_on) == ("accepted", 3, None, date(2026, 3, 26))
    # and resolving on 03-26, three days after the original deadline, is on time
    r = services.factor_request_resolve(user=land_dept, request=r, outcome="已纳入供地计划", now=at(date(2026, 3, 26)))
    assert (r.status, r.closed_on, r.outcome, r.closed_on <= r.due_on) == \
        ("resolved", date(2026, 3, 26), "已纳入供地计划", True)
    assert [(s.action, s.actor.username) for s in r.steps.all()] == [
        ("submitted", "lianyun"), ("accepted", "land_dept"), ("info_requested", "land_dept"),
        ("info_provided", "lianyun"), ("resolved", "land_dept")]
    assert r.history.count() == 5  # created + four changes, each audited


def test_an_answer_before_acceptance_returns_the_request_to_be_accepted(land_request, land_dept, lianyun_officer):
    r = services.factor_request_ask_info(user=land_dept, request=land_request, text="请补充材料",
                                         now=at(date(2026, 3, 2)))
    r = services.factor_request_answer(user=lianyun_officer, request=r, text="已补充", now=at(date(2026, 3, 3)))
    assert (r.status, r.paused_days, r.due_on) == ("submitted", 1, date(2026, 3, 24))


def test_the_raising_side_is_told_of_each_answer(land_request, land_dept, lianyun_officer):
    services.factor_request_ask_info(user=land_dept, request=land_request, text="请补充可研报告",
                                     now=at(date(2026, 3, 4)))
    assert list(Notification.objects.filter(recipient=lianyun_officer).values_list("kind", flat=True)) == \
        ["factors.info_requested"]


def test_another_department_cannot_see_or_act(land_request, approval_dept):
    with pytest.raises(NotVisible):
        services.factor_request_accept(user=approval_dept, request=land_request, now=at(date(2026, 3, 3)))
    assert FactorRequest.objects.get().status == "submitted"


def test_the_raising_unit_cannot_act_for_the_department(land_request, lianyun_officer):
    with pytest.raises(BusinessError, match="只有责任部门（市自然资源和规划局）可以办理此需求"):
        services.factor_request_resolve(user=lianyun_officer, request=land_request, outcome="自己办结",
                                        now=at(date(2026, 3, 3)))
    assert FactorRequest.objects.get().status == "submitted"


def test_the_department_cannot_answer_for_the_unit(land_request, land_dept):
    r = services.factor_request_ask_info(user=land_dept, request=land_request, text="补充", now=at(date(2026, 3, 3)))
    with pytest.raises(BusinessError, match="只有提出需求的单位可以补充材料或撤回"):
        services.factor_request_answer(user=land_dept, request=r, text="代答", now=at(date(2026, 3, 4)))
    assert FactorRequest.objects.get().status == "info_requested"


def test_a_closed_request_takes_no_more_actions(land_request, land_dept):
    r = services.factor_request_decline(user=land_dept, request=land_request, reason="不符合国土空间规划",
                                        now=at(date(2026, 3, 3)))
    assert (r.status, r.decline_reason, r.closed_on) == ("declined", "不符合国土空间规划", date(2026, 3, 3))
    with pytest.raises(BusinessError, match="需求当前为“已退回”，不能办结"):
        services.factor_request_resolve(user=land_dept, request=r, outcome="再办结", now=at(date(2026, 3, 4)))
    assert FactorRequest.objects.get().status == "declined"


@pytest.mark.parametrize(("service", "kwargs", "message"), [
    (services.factor_request_decline, {"reason": " "}, "请填写退回原因"),
    (services.factor_request_resolve, {"outcome": ""}, "请填写办理结果"),
    (services.factor_request_ask_info, {"text": ""}, "请填写需要补充的材料"),
])
def test_declines_results_and_questions_need_words(land_request, land_dept, service, kwargs, message):
    with pytest.raises(BusinessError, match=message):
        service(user=land_dept, request=land_request, now=at(date(2026, 3, 3)), **kwargs)
    assert FactorRequest.objects.get().status == "submitted"


def test_the_unit_withdraws_and_the_department_is_told(land_request, lianyun_officer, land_dept):
    r = services.factor_request_withdraw(user=lianyun_officer, request=land_request, text="企业调整方案",
                                         now=at(date(2026, 3, 3)))
    assert (r.status, r.closed_on) == ("withdrawn", date(2026, 3, 3))
    assert Notification.objects.filter(recipient=land_dept, kind="factors.withdrawn").count() == 1


def test_the_city_admin_reassigns_a_misrouted_request(land_request, city_admin, world, land_dept, approval_dept):
    r = services.factor_request_reassign(user=city_admin, request=land_request,
                                         department=world.unit("dept-approval"), text="属审批事项",
                                         now=at(date(2026, 3, 3)))
    assert (str(r.department), r.status, r.due_on) == ("市行政审批局", "submitted", date(2026, 3, 23))
    assert services.factor_request_accept(user=approval_dept, request=r, now=at(date(2026, 3, 4))).status == \
        "accepted"
    with pytest.raises(NotVisible):
        services.factor_request_resolve(user=land_dept, request=r, outcome="x", now=at(date(2026, 3, 5)))


def test_a_leader_may_write_an_instruction_but_not_act(land_request, leader):
    step = services.factor_request_comment(user=leader, request=land_request, text="请市自然资源和规划局加快办理",
                                           now=at(date(2026, 3, 3)))
    assert (step.action, step.actor, step.actor_unit.code) == ("commented", leader, "lyg")
    with pytest.raises(BusinessError):
        services.factor_request_accept(user=leader, request=land_request, now=at(date(2026, 3, 3)))
