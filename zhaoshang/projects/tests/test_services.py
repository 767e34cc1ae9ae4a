from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from zhaoshang.core.errors import BusinessError
from zhaoshang.projects.models import FollowUp, Project
from zhaoshang.projects.services import follow_up_create, project_create

from .factories import make_project


def test_a_project_starts_in_negotiation_with_a_timeline_event(world, lianyun_officer):
    project = make_project(user=lianyun_officer, name="港口物流项目", total_investment="123456.78",
                           negotiation_started_on=date(2026, 3, 1))
    assert (project.stage, project.unit.code, project.total_investment) == \
        ("negotiating", "lianyun", Decimal("123456.78"))
    assert project.code.startswith("LYG-") and project.code.endswith("-00001")
    assert [e.kind for e in project.events.all()] == ["created"]


def test_project_codes_count_up_within_a_year(world, lianyun_officer):
    first = make_project(user=lianyun_officer)
    second = make_project(user=lianyun_officer)
    assert int(second.code[-5:]) == int(first.code[-5:]) + 1


def test_an_officer_cannot_create_a_project_for_another_unit(world, lianyun_officer):
    with pytest.raises(BusinessError, match="只能为本单位或下级单位录入项目"):
        make_project(user=lianyun_officer, unit=world.unit("xuwei"))
    assert Project.objects.count() == 0


@pytest.mark.parametrize("username", ["leader", "sysadmin", "auditor"])
def test_read_only_and_admin_roles_cannot_create_projects(world, username):
    user = world.user(username)
    with pytest.raises(BusinessError, match="不能修改项目数据"):
        project_create(user=user, name="x", unit=world.unit("lyg"), total_investment=Decimal(1))
    assert Project.objects.count() == 0


def test_total_investment_must_be_positive(world, lianyun_officer):
    with pytest.raises(BusinessError, match="总投资必须大于 0"):
        make_project(user=lianyun_officer, total_investment="0")


def test_a_follow_up_updates_the_last_follow_up_date(world, lianyun_officer):
    project = make_project(user=lianyun_officer, negotiation_started_on=date(2026, 1, 2))
    follow_up_create(user=lianyun_officer, project=project, happened_on=date(2026, 2, 1), kind="visit",
                     content="走访企业总部", next_step="提交可研", next_step_due=date(2026, 2, 20))
    follow_up_create(user=lianyun_officer, project=project, happened_on=date(2026, 1, 15), kind="call",
                     content="电话沟通")
    project.refresh_from_db()
    assert project.last_follow_up_on == date(2026, 2, 1)
    assert project.follow_ups.count() == 2


def test_a_follow_up_due_before_it_happened_is_refused(world, lianyun_officer):
    project = make_project(user=lianyun_officer)
    with pytest.raises(BusinessError, match="下一步期限不能早于跟踪日期"):
        follow_up_create(user=lianyun_officer, project=project, happened_on=date(2026, 2, 1), kind="visit",
                         content="x", next_step_due=date(2026, 1, 1))
    assert FollowUp.objects.count() == 0


def test_the_create_form_reports_errors_and_writes_nothing(client, world, lianyun_officer):
    client.force_login(lianyun_officer)
    response = client.post("/projects/new/", {"name": "", "kind": "new", "unit": lianyun_officer.unit_id,
                                              "total_investment": "abc"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "这个字段是必填项" in html and "输入一个数字" in html
    assert Project.objects.count() == 0


def test_the_create_form_confirms_what_it_did(client, world, lianyun_officer):
    client.force_login(lianyun_officer)
    response = client.post("/projects/new/", {"name": "新项目", "kind": "new", "unit": lianyun_officer.unit_id,
                                              "total_investment": "20000"}, follow=True)
    assert "已录入项目“新项目”" in response.content.decode()
    assert Project.objects.get().created_by == lianyun_officer
