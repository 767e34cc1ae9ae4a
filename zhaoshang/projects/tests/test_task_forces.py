"""招商专班: forming, members, closing — and what membership lets a member of another unit see and do."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from zhaoshang.accounts.models import Notification
from zhaoshang.core.errors import BusinessError, NotVisible
from zhaoshang.projects import selectors
from zhaoshang.projects import selectors_task_forces as tf_selectors
from zhaoshang.projects.models import FollowUp, ProjectEvent, TaskForce, TaskForceMember
from zhaoshang.projects.services import (
    follow_up_create,
    task_force_add_member,
    task_force_close,
    task_force_create,
    task_force_remove_member,
    task_force_update,
)

from .factories import make_project


@pytest.fixture
def lianyun_project(world, lianyun_officer):
    return make_project(user=lianyun_officer, name="连云区碳纤维复材项目", negotiation_started_on=date(2026, 3, 1))


@pytest.fixture
def xuwei_project(world, xuwei_officer):
    return make_project(user=xuwei_officer, name="徐圩新区高端聚烯烃项目", negotiation_started_on=date(2026, 3, 1))


def _members(task_force) -> list[tuple[str, str, str]]:
    return sorted((m.user.username, m.user.unit.code, m.duty) for m in task_force.memberships.select_related(
        "user__unit"))


# ---- forming a task force -----------------------------------------------------------------------

def test_a_unit_officer_forms_a_cross_unit_task_force_for_an_own_project(world, xuwei_officer, xuwei_project):
    # when the 徐圩新区 officer forms a task force with members from the city, a department and 连云区
    tf = task_force_create(user=xuwei_officer, kind="project", unit=world.unit("xuwei"), lead=xuwei_officer,
                           project=xuwei_project, members=[(world.user("land_dept"), "用地保障"),
                                                           (world.user("lianyun"), "配套协调"),
                                                           (world.user("city_admin"), "")])
    # then the lead is a member too, each with their duty
    assert (tf.name, tf.kind, tf.project, tf.lead, tf.is_active) == \
        ("徐圩新区高端聚烯烃项目专班", "project", xuwei_project, xuwei_officer, True)
    assert _members(tf) == [("city_admin", "lyg", ""), ("land_dept", "dept-land", "用地保障"),
                            ("lianyun", "lianyun", "配套协调"), ("xuwei", "xuwei", "专班负责人")]
    # and the project's timeline says so, and every member but the actor is notified
    assert xuwei_project.events.filter(kind="task_force").get().text == \
        "马骏 成立招商专班“徐圩新区高端聚烯烃项目专班”，负责人 马骏，成员 4 人"
    notified = sorted(Notification.objects.filter(kind="projects.task_force_joined")
                      .values_list("recipient__username", flat=True))
    assert notified == ["city_admin", "land_dept", "lianyun"]
    assert Notification.objects.get(recipient__username="lianyun").url == \
        reverse("projects:task_force_detail", args=[tf.id])


def test_a_project_has_at_most_one_task_force(world, xuwei_officer, xuwei_project, city_admin):
    first = task_force_create(user=xuwei_officer, kind="project", unit=world.unit("xuwei"), lead=xuwei_officer,
                              project=xuwei_project)
    task_force_close(user=xuwei_officer, task_force=first)
    with pytest.raises(BusinessError, match="该项目已有招商专班“徐圩新区高端聚烯烃项目专班”（已撤销），一个项目只能有一个专班"):
        task_force_create(user=city_admin, kind="project", unit=world.unit("lyg"), lead=city_admin,
                          project=xuwei_project, name="第二个专班")
    assert TaskForce.objects.count() == 1


def test_an_officer_cannot_form_a_task_force_for_another_units_project(world, lianyun_officer, xuwei_project):
    with pytest.raises(BusinessError, match="只能由本单位或下级单位牵头组建招商专班"):
        task_force_create(user=lianyun_officer, kind="project", unit=world.unit("xuwei"), lead=lianyun_officer,
                          project=xuwei_project)
    assert TaskForce.objects.count() == 0 and TaskForceMember.objects.count() == 0


@pytest.mark.parametrize("username", ["leader", "taskforce", "land_dept", "sysadmin"])
def test_only_the_city_admin_and_unit_officers_form_task_forces(world, username, xuwei_project):
    user = world.user(username)
    with pytest.raises(BusinessError, match="您的角色不能组建或调整招商专班"):
        task_force_create(user=user, kind="chain", chain="石化", unit=world.unit("xuwei"),
                          lead=world.user("xuwei"))
    assert TaskForce.objects.count() == 0


def test_the_lead_unit_of_a_project_task_force_is_the_projects_unit_or_above(world, city_admin, xuwei_project):
    with pytest.raises(BusinessError, match="项目专班的牵头单位必须是项目所属单位或其上级单位"):
        task_force_create(user=city_admin, kind="project", unit=world.unit("lianyun"), lead=city_admin,
                          project=xuwei_project)
    tf = task_force_create(user=city_admin, kind="project", unit=world.unit("lyg"), lead=city_admin,
                           project=xuwei_project)
    assert tf.unit.code == "lyg"


def test_kind_rules(world, city_admin, xuwei_project):
    with pytest.raises(BusinessError, match="项目专班必须选择服务的项目"):
        task_force_create(user=city_admin, kind="project", unit=world.unit("lyg"), lead=city_admin)
    with pytest.raises(BusinessError, match="产业链专班必须选择产业链"):
        task_force_create(user=city_admin, kind="chain", unit=world.unit("lyg"), lead=city_admin)
    with pytest.raises(BusinessError, match="产业链专班不绑定单个项目"):
        task_force_create(user=city_admin, kind="chain", chain="石化", unit=world.unit("lyg"), lead=city_admin,
                          project=xuwei_project)
    with pytest.raises(BusinessError, match="必须指定专班负责人"):
        task_force_create(user=city_admin, kind="chain", chain="石化", unit=world.unit("lyg"), lead=None)
    assert TaskForce.objects.count() == 0
    tf = task_force_create(user=city_admin, kind="chain", chain="生物医药", unit=world.unit("lyg"), lead=city_admin)
    assert (tf.name, tf.project, tf.chain) == ("生物医药产业链招商专班", None, "生物医药")
    assert ProjectEvent.objects.filter(kind="task_force").count() == 0  # a chain task force has no timeline


@pytest.mark.parametrize("username", ["sysadmin", "auditor"])
def test_administrators_cannot_be_members(world, city_admin, username):
    with pytest.raises(BusinessError, match="只能选择在用的业务账号"):
        task_force_create(user=city_admin, kind="chain", chain="石化", unit=world.unit("lyg"), lead=city_admin,
                          members=[(world.user(username), "")])
    assert TaskForce.objects.count() == 0


def test_a_member_listed_twice_is_refused(world, city_admin):
    land = world.user("land_dept")
    with pytest.raises(BusinessError, match="成员“高雪”重复"):
        task_force_create(user=city_admin, kind="chain", chain="石化", unit=world.unit("lyg"), lead=city_admin,
                          members=[(land, "用地"), (land, "审批")])
    assert TaskForce.objects.count() == 0


# ---- members, lead, closing ------------------------------------------------------------------------

@pytest.fixture
def xuwei_tf(world, xuwei_officer, xuwei_project):
    return task_force_create(user=xuwei_officer, kind="project", unit=world.unit("xuwei"), lead=xuwei_officer,
                             project=xuwei_project, members=[(world.user("land_dept"), "用地保障")])


def test_members_are_added_and_removed_with_timeline_lines(world, xuwei_officer, xuwei_tf, xuwei_project):
    row = task_force_add_member(user=xuwei_officer, task_force=xuwei_tf, member=world.user("taskforce"),
                                duty=" 石化产业链对接 ")
    assert row.duty == "石化产业链对接"
    task_force_remove_member(user=xuwei_officer, task_force=xuwei_tf, member=world.user("land_dept"))
    assert _members(xuwei_tf) == [("taskforce", "xuwei", "石化产业链对接"), ("xuwei", "xuwei", "专班负责人")]
    texts = list(xuwei_project.events.filter(kind="task_force").order_by("id").values_list("text", flat=True))
    assert texts[1:] == ["马骏 将 林峰（徐圩新区）加入招商专班“徐圩新区高端聚烯烃项目专班”，分工：石化产业链对接",
                         "马骏 将 高雪 移出招商专班“徐圩新区高端聚烯烃项目专班”"]


def test_member_changes_that_make_no_sense_are_refused(world, xuwei_officer, xuwei_tf):
    with pytest.raises(BusinessError, match="“高雪”已是专班成员"):
        task_force_add_member(user=xuwei_officer, task_force=xuwei_tf, member=world.user("land_dept"))
    with pytest.raises(BusinessError, match="不能移除专班负责人，请先更换负责人"):
        task_force_remove_member(user=xuwei_officer, task_force=xuwei_tf, member=xuwei_officer)
    with pytest.raises(BusinessError, match="“周海涛”不是专班成员"):
        task_force_remove_member(user=xuwei_officer, task_force=xuwei_tf, member=world.user("lianyun"))
    assert TaskForceMember.objects.filter(task_force=xuwei_tf).count() == 2


def test_another_units_officer_cannot_change_the_task_force(world, lianyun_officer, xuwei_tf):
    with pytest.raises(BusinessError, match="只能由本单位或下级单位牵头组建招商专班"):
        task_force_add_member(user=lianyun_officer, task_force=xuwei_tf, member=lianyun_officer)
    assert TaskForceMember.objects.filter(task_force=xuwei_tf).count() == 2


def test_a_new_lead_becomes_a_member(world, xuwei_officer, xuwei_tf):
    task_force_update(user=xuwei_officer, task_force=xuwei_tf, name="聚烯烃项目服务专班", lead=world.user("taskforce"))
    xuwei_tf.refresh_from_db()
    assert (xuwei_tf.name, xuwei_tf.lead.username) == ("聚烯烃项目服务专班", "taskforce")
    assert ("taskforce", "xuwei", "专班负责人") in _members(xuwei_tf)


def test_a_closed_task_force_cannot_be_changed(world, xuwei_officer, xuwei_tf):
    task_force_close(user=xuwei_officer, task_force=xuwei_tf, reason="项目已投产")
    assert TaskForce.objects.get(pk=xuwei_tf.pk).is_active is False
    with pytest.raises(BusinessError, match="已撤销，不能再调整"):
        task_force_add_member(user=xuwei_officer, task_force=xuwei_tf, member=world.user("taskforce"))
    with pytest.raises(BusinessError, match="已撤销，不能再调整"):
        task_force_close(user=xuwei_officer, task_force=xuwei_tf)
    assert TaskForceMember.objects.filter(task_force=xuwei_tf).count() == 2


# ---- cross-unit visibility --------------------------------------------------------------------------

@pytest.fixture
def lianyun_tf_with_taskforce(world, lianyun_officer, lianyun_project):
    """A 连云区 project whose task force includes the 徐圩新区 task-force member 林峰."""
    return task_force_create(user=lianyun_officer, kind="project", unit=world.unit("lianyun"), lead=lianyun_officer,
                             project=lianyun_project, members=[(world.user("taskforce"), "石化配套对接")])


def test_a_member_from_another_unit_sees_and_serves_the_project(world, lianyun_tf_with_taskforce, lianyun_project):
    member = world.user("taskforce")
    assert list(selectors.project_list(user=member)) == [lianyun_project]
    assert selectors.project_get(user=member, id=lianyun_project.id) == lianyun_project
    follow_up_create(user=member, project=lianyun_project, happened_on=date(2026, 4, 2), kind="site_inspection",
                     content="陪同投资方考察连云区选址", next_step="提交选址意见", next_step_due=date(2026, 4, 20))
    assert [(f.owner.username, f.content) for f in selectors.follow_up_list(user=member)] == \
        [("taskforce", "陪同投资方考察连云区选址")]


def test_only_members_see_it_another_units_officer_still_gets_a_404(world, lianyun_tf_with_taskforce,
                                                                     lianyun_project, xuwei_officer, client):
    # the 徐圩新区 officer is of the same unit as the member, but not a member
    assert list(selectors.project_list(user=xuwei_officer)) == []
    with pytest.raises(NotVisible):
        selectors.project_get(user=xuwei_officer, id=lianyun_project.id)
    with pytest.raises(BusinessError, match="记录不存在或无权查看"):
        follow_up_create(user=xuwei_officer, project=lianyun_project, happened_on=date(2026, 4, 2), kind="call",
                         content="越权记录")
    client.force_login(xuwei_officer)
    assert client.get(reverse("projects:detail", args=[lianyun_project.id])).status_code == 404
    response = client.post(reverse("projects:follow_up_create", args=[lianyun_project.id]),
                           {"happened_on": "2026-04-02", "kind": "call", "content": "越权记录"})
    assert response.status_code == 404
    assert FollowUp.objects.count() == 0


def test_a_member_logs_a_follow_up_through_the_project_page(world, client, lianyun_tf_with_taskforce, lianyun_project):
    client.force_login(world.user("taskforce"))
    assert client.get(reverse("projects:detail", args=[lianyun_project.id])).status_code == 200
    response = client.post(reverse("projects:follow_up_create", args=[lianyun_project.id]),
                           {"happened_on": "2026-04-02", "kind": "visit", "content": "走访投资方上海总部"})
    assert response.status_code == 302
    assert FollowUp.objects.get().owner.username == "taskforce"


def test_the_project_page_shows_the_task_force_and_offers_members_only_what_they_may_do(
        world, client, lianyun_officer, lianyun_tf_with_taskforce, lianyun_project):
    url = reverse("projects:detail", args=[lianyun_project.id])
    client.force_login(world.user("taskforce"))
    page = client.get(url).content.decode()
    # the member from 徐圩新区 sees the task force and the follow-up form, not the owning unit's edit forms
    assert reverse("projects:task_force_detail", args=[lianyun_tf_with_taskforce.id]) in page
    assert 'data-testid="follow-up-form"' in page
    assert reverse("projects:edit", args=[lianyun_project.id]) not in page
    assert 'data-testid="advance-form"' not in page
    client.force_login(lianyun_officer)
    page = client.get(url).content.decode()
    assert reverse("projects:edit", args=[lianyun_project.id]) in page and 'data-testid="advance-form"' in page
    assert f'{reverse("factors:create")}?project={lianyun_project.id}' in page


def test_a_project_without_a_task_force_offers_to_form_one(world, client, lianyun_officer, lianyun_project):
    client.force_login(lianyun_officer)
    page = client.get(reverse("projects:detail", args=[lianyun_project.id])).content.decode()
    assert "尚未组建专班" in page
    assert f'{reverse("projects:task_force_create")}?project={lianyun_project.id}' in page


def test_a_closed_task_force_no_longer_earns_maturity_points(world, lianyun_officer, lianyun_tf_with_taskforce,
                                                              lianyun_project):
    from zhaoshang.projects.models import Project
    from zhaoshang.projects.services.scoring import project_scores, projects_refresh_all

    def task_force_line():
        rules = project_scores(Project.objects.get(pk=lianyun_project.pk))["maturity"].rules
        return next(r for r in rules if r.label == "包挂领导与专班")

    with_tf = Project.objects.get(pk=lianyun_project.pk).maturity_score
    assert "有招商专班" in task_force_line().reason
    task_force_close(user=lianyun_officer, task_force=lianyun_tf_with_taskforce)
    assert "有招商专班" not in task_force_line().reason
    closed = Project.objects.get(pk=lianyun_project.pk).maturity_score
    assert closed < with_tf
    projects_refresh_all()  # the nightly job agrees with the page
    assert Project.objects.get(pk=lianyun_project.pk).maturity_score == closed


def test_membership_ends_with_removal_or_closing(world, lianyun_officer, lianyun_tf_with_taskforce, lianyun_project):
    member = world.user("taskforce")
    task_force_close(user=lianyun_officer, task_force=lianyun_tf_with_taskforce)
    assert list(selectors.project_list(user=member)) == []
    with pytest.raises(NotVisible):
        selectors.project_get(user=member, id=lianyun_project.id)


def test_a_removed_member_loses_the_project(world, lianyun_officer, lianyun_tf_with_taskforce, lianyun_project):
    member = world.user("taskforce")
    task_force_remove_member(user=lianyun_officer, task_force=lianyun_tf_with_taskforce, member=member)
    assert list(selectors.project_list(user=member)) == []


def test_a_chain_task_force_widens_nothing(world, city_admin, lianyun_project):
    lianyun_project_chain = lianyun_project
    task_force_create(user=city_admin, kind="chain", chain="新材料", unit=world.unit("lyg"), lead=city_admin,
                      members=[(world.user("taskforce"), "新材料对接")])
    assert list(selectors.project_list(user=world.user("taskforce"))) == []
    assert lianyun_project_chain.unit.code == "lianyun"


# ---- lists and pages ------------------------------------------------------------------------------------

def test_the_list_is_scoped_and_filtered(world, city_admin, xuwei_tf, lianyun_tf_with_taskforce):
    chain = task_force_create(user=city_admin, kind="chain", chain="石化", unit=world.unit("lyg"), lead=city_admin)
    names = lambda user, **f: sorted(tf.name for tf in tf_selectors.task_force_list(user=user, filters=f))  # noqa: E731
    lianyun_name, xuwei_name = "连云区碳纤维复材项目专班", "徐圩新区高端聚烯烃项目专班"
    assert names(city_admin) == sorted([lianyun_name, xuwei_name, "石化产业链招商专班"])
    assert names(world.user("lianyun")) == [lianyun_name]
    assert names(world.user("taskforce")) == sorted([lianyun_name, xuwei_name])  # member of one, unit of the other
    assert names(world.user("land_dept")) == [xuwei_name]  # member
    assert names(city_admin, kind="chain") == ["石化产业链招商专班"]
    assert names(city_admin, unit=str(world.unit("dept-land").id)) == [xuwei_name]  # a member's unit
    assert names(world.user("taskforce"), mine="1") == [lianyun_name]
    task_force_close(user=city_admin, task_force=chain)
    assert names(city_admin, active="0") == ["石化产业链招商专班"]
    # 徐圩新区 is involved in both project task forces: it leads one and 林峰 serves on the other
    assert names(city_admin, kind="project", unit=str(world.unit("xuwei").id)) == sorted([lianyun_name, xuwei_name])
    counts = {tf.name: (tf.member_count, tf.unit_count) for tf in tf_selectors.task_force_list(user=city_admin)}
    assert counts == {xuwei_name: (2, 2), lianyun_name: (2, 2), "石化产业链招商专班": (1, 1)}


def test_a_task_force_of_another_unit_is_a_404(world, client, xuwei_tf):
    client.force_login(world.user("lianyun"))
    assert client.get(reverse("projects:task_force_detail", args=[xuwei_tf.id])).status_code == 404
    assert client.post(reverse("projects:task_force_close", args=[xuwei_tf.id])).status_code == 404
    assert TaskForce.objects.get(pk=xuwei_tf.pk).is_active is True


def test_the_list_page_costs_the_same_queries_for_more_rows(world, client, city_admin, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(city_admin)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("projects:task_force_list")).status_code == 200
        return len(ctx)

    task_force_create(user=city_admin, kind="chain", chain="石化", unit=world.unit("lyg"), lead=city_admin)
    one = count()
    for chain in ("生物医药", "新材料"):
        task_force_create(user=city_admin, kind="chain", chain=chain, unit=world.unit("lyg"), lead=city_admin,
                          members=[(world.user("land_dept"), "")])
    assert count() == one


def test_forming_through_the_form(world, client, xuwei_officer, xuwei_project):
    client.force_login(xuwei_officer)
    url = reverse("projects:task_force_create")
    page = client.get(url, {"project": xuwei_project.id})
    assert page.status_code == 200 and "徐圩新区高端聚烯烃项目" in page.content.decode()
    response = client.post(f"{url}?project={xuwei_project.id}", {
        "kind": "project", "project": xuwei_project.id, "unit": world.unit("xuwei").id, "lead": xuwei_officer.id,
        "members": [world.user("taskforce").id, world.user("land_dept").id], "name": ""})
    tf = TaskForce.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("projects:task_force_detail", args=[tf.id])
    assert _members(tf) == [("land_dept", "dept-land", ""), ("taskforce", "xuwei", ""), ("xuwei", "xuwei", "专班负责人")]
    detail = client.get(response["Location"]).content.decode()
    assert "市自然资源和规划局" in detail and "林峰" in detail


def test_the_form_shows_the_reason_and_writes_nothing(world, client, xuwei_officer, xuwei_tf, xuwei_project):
    client.force_login(xuwei_officer)
    response = client.post(reverse("projects:task_force_create"), {
        "kind": "project", "project": xuwei_project.id, "unit": world.unit("xuwei").id, "lead": xuwei_officer.id})
    # the project already has one, so it is not among the choices any more
    assert response.status_code == 400
    assert "选择一个有效的选项" in response.content.decode()
    response = client.post(reverse("projects:task_force_member_add", args=[xuwei_tf.id]),
                           {"member": world.user("land_dept").id, "duty": ""})
    assert response.status_code == 400 and "“高雪”已是专班成员" in response.content.decode()
    assert TaskForce.objects.count() == 1 and TaskForceMember.objects.count() == 2


# ---- demo data ------------------------------------------------------------------------------------------

def test_the_demo_adds_task_forces_activities_and_overdue_steps_once(world):
    from zhaoshang.demo.builder import BuildReport, build_synthetic
    from zhaoshang.projects.demo import extend_demo
    from zhaoshang.projects.models import LeaderActivity

    today = date(2026, 11, 26)
    build_synthetic(BuildReport(), scale="demo", seed=2026, today=today)
    first = extend_demo(scale="demo", seed=2026, today=today, progress=None)
    again = extend_demo(scale="demo", seed=2026, today=today, progress=None)
    assert first == {"task_forces": 18, "leader_activities": 80, "follow_ups": 5}
    assert again == {"task_forces": 0, "leader_activities": 0, "follow_ups": 0}
    member = world.user("taskforce")
    served = TaskForce.objects.filter(memberships__user=member, kind="project")
    assert sorted(served.values_list("project__unit__code", flat=True)) == ["kaifaqu"] + ["xuwei"] * 4
    # 林峰 (徐圩新区) sees the 市开发区 project of his task force, and nothing else of 市开发区
    visible = selectors.project_list(user=member, filters={"unit": str(world.unit("kaifaqu").id)})
    assert [p.pk for p in visible] == [served.get(project__unit__code="kaifaqu").project_id]
    assert set(TaskForce.objects.filter(kind="chain").values_list("name", flat=True)) == \
        {"石化产业链招商专班", "生物医药产业链招商专班", "新材料产业链招商专班"}
    assert LeaderActivity.objects.filter(is_demo=True).count() == 80
    assert LeaderActivity.objects.filter(happened_on__gt=today).count() == 0
    assert tf_selectors.next_step_list(user=member, overdue_only=True, today=today).count() == 4
