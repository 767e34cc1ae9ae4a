"""领导招商: recording leaders' visits and receptions, and counting them per leader and unit (一把手招商)."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from zhaoshang.core.errors import BusinessError, NotVisible
from zhaoshang.organizations.services import unit_ensure
from zhaoshang.projects import selectors_leaders as la_selectors
from zhaoshang.projects.models import LeaderActivity
from zhaoshang.projects.services import leader_activity_create, leader_activity_update

from .factories import make_project

OUT, REC = "outbound_visit", "investor_reception"


def _record(user, unit, *, on: date, kind: str = OUT, name: str = "赵某某", title: str = "区委书记",
            projects=(), leader=None):
    return leader_activity_create(user=user, unit=unit, kind=kind, happened_on=on, leader=leader,
                                  leader_name=name if leader is None else "", leader_title=title, place="上海",
                                  counterparts="上海某新材料集团", summary="达成投资意向", projects=projects)


# ---- recording --------------------------------------------------------------------------------------------

def test_an_officer_records_a_named_unit_leaders_visit_linked_to_a_project(world, lianyun_officer):
    project = make_project(user=lianyun_officer, name="连云区碳纤维项目")
    activity = _record(lianyun_officer, world.unit("lianyun"), on=date(2026, 3, 5), projects=[project])
    assert (activity.leader, activity.leader_name, activity.leader_title, activity.unit.code, activity.kind,
            activity.created_by) == (None, "赵某某", "区委书记", "lianyun", OUT, lianyun_officer)
    assert list(activity.projects.all()) == [project]
    assert project.events.filter(kind="leader_activity").get().text == \
        "赵某某（区委书记）外出招商：上海某新材料集团（2026-03-05，上海）"
    assert activity.history.count() == 1


def test_a_leader_account_fills_in_its_own_name_and_title(world, city_admin):
    leader = world.user("leader")
    activity = leader_activity_create(user=city_admin, unit=world.unit("lyg"), kind=REC, happened_on=date(2026, 3, 5),
                                      leader=leader, leader_name="别的名字", place="连云港",
                                      counterparts="香港某投资集团")
    assert (activity.leader, activity.leader_name, activity.leader_title) == (leader, "李振华", "市领导")


def test_only_leader_accounts_can_be_chosen_as_leaders(world, city_admin):
    with pytest.raises(BusinessError, match="“周海涛”不是领导账号"):
        _record(city_admin, world.unit("lyg"), on=date(2026, 3, 5), leader=world.user("lianyun"))
    assert LeaderActivity.objects.count() == 0


@pytest.mark.parametrize("username, unit, message", [
    ("lianyun", "xuwei", "只能录入本单位或下级单位领导的招商活动"),
    ("leader", "lyg", "您的角色不能录入领导招商活动"),
    ("taskforce", "xuwei", "您的角色不能录入领导招商活动"),
    ("land_dept", "dept-land", "您的角色不能录入领导招商活动"),
])
def test_who_may_record(world, username, unit, message):
    with pytest.raises(BusinessError, match=message):
        _record(world.user(username), world.unit(unit), on=date(2026, 3, 5))
    assert LeaderActivity.objects.count() == 0


def test_values_are_checked(world, lianyun_officer, xuwei_officer):
    unit = world.unit("lianyun")
    with pytest.raises(BusinessError, match="活动日期不能晚于今天"):
        leader_activity_create(user=lianyun_officer, unit=unit, kind=OUT, happened_on=date(2026, 3, 6),
                               leader_name="赵某某", place="上海", counterparts="某集团", today=date(2026, 3, 5))
    with pytest.raises(BusinessError, match="请选择领导账号或填写领导姓名"):
        _record(lianyun_officer, unit, on=date(2026, 3, 5), name=" ")
    with pytest.raises(BusinessError, match="活动类型必须是外出招商或接待客商"):
        _record(lianyun_officer, unit, on=date(2026, 3, 5), kind="meeting")
    hidden = make_project(user=xuwei_officer, name="徐圩新区项目")
    with pytest.raises(BusinessError, match="只能关联您可见的项目"):
        _record(lianyun_officer, unit, on=date(2026, 3, 5), projects=[hidden])
    assert LeaderActivity.objects.count() == 0


def test_an_update_changes_fields_and_links(world, lianyun_officer):
    first = make_project(user=lianyun_officer, name="连云区港口项目")
    second = make_project(user=lianyun_officer, name="连云区氨纶项目")
    activity = _record(lianyun_officer, world.unit("lianyun"), on=date(2026, 3, 5), projects=[first])
    activity, changed = leader_activity_update(user=lianyun_officer, activity=activity,
                                               data={"kind": REC, "place": "连云港"}, projects=[first, second])
    activity.refresh_from_db()
    assert changed == ["kind", "place", "projects"]
    assert (activity.kind, activity.place, activity.leader_name) == (REC, "连云港", "赵某某")
    assert sorted(p.name for p in activity.projects.all()) == ["连云区氨纶项目", "连云区港口项目"]
    assert second.events.filter(kind="leader_activity").count() == 1
    assert activity.history.count() == 2


def test_an_update_cannot_move_an_activity_to_another_unit(world, lianyun_officer):
    activity = _record(lianyun_officer, world.unit("lianyun"), on=date(2026, 3, 5))
    with pytest.raises(BusinessError, match="只能录入本单位或下级单位领导的招商活动"):
        leader_activity_update(user=lianyun_officer, activity=activity, data={"unit": world.unit("xuwei")})
    assert LeaderActivity.objects.get().unit.code == "lianyun"


# ---- statistics --------------------------------------------------------------------------------------------

def test_period_bounds():
    today = date(2026, 5, 17)
    assert la_selectors.period_bounds(period="month", today=today) == (date(2026, 5, 1), today)
    assert la_selectors.period_bounds(period="year", today=today) == (date(2026, 1, 1), today)
    assert la_selectors.period_bounds(period="custom", today=today, date_from=date(2026, 2, 1),
                                      date_to=date(2026, 2, 28)) == (date(2026, 2, 1), date(2026, 2, 28))
    assert la_selectors.period_bounds(period="custom", today=today, date_from=date(2026, 3, 1),
                                      date_to=date(2026, 2, 1)) == (date(2026, 2, 1), date(2026, 3, 1))
    assert la_selectors.period_bounds(period="custom", today=today) == (date(2026, 1, 1), today)
    assert la_selectors.period_bounds(period="nonsense", today=today) == (date(2026, 1, 1), today)


@pytest.fixture
def activities(world, city_admin):
    """连云区: 赵某某 (区委书记) 2 visits + 1 reception in the period, 1 visit the day before and 1 the day after;
    钱某某 (区长) 1 reception on the last day. A 连云区 park's 主任 1 visit. 徐圩新区: 孙某某 1 visit. City: 李振华 1."""
    lianyun, xuwei = world.unit("lianyun"), world.unit("xuwei")
    park = unit_ensure(code="lianyun-park", name="连云区测试产业园", kind="park", parent=lianyun, short_name="测试园")
    p1 = make_project(user=city_admin, unit=lianyun, name="连云区项目一")
    p2 = make_project(user=city_admin, unit=lianyun, name="连云区项目二")
    p3 = make_project(user=city_admin, unit=xuwei, name="徐圩新区项目")
    rows = [
        (lianyun, date(2026, 2, 28), OUT, "赵某某", "区委书记", [p1]),  # the day before: out
        (lianyun, date(2026, 3, 1), OUT, "赵某某", "区委书记", [p1]),  # first day: in
        (lianyun, date(2026, 3, 15), OUT, "赵某某", "区委书记", [p1, p2]),
        (lianyun, date(2026, 3, 20), REC, "赵某某", "区委书记", []),
        (lianyun, date(2026, 3, 31), REC, "钱某某", "区长", [p2]),  # last day: in
        (lianyun, date(2026, 4, 1), OUT, "赵某某", "区委书记", [p2]),  # the day after: out
        (park, date(2026, 3, 10), OUT, "吴某某", "园区主任", [p1]),
        (xuwei, date(2026, 3, 10), OUT, "孙某某", "党工委书记", [p3]),
    ]
    for unit, on, kind, name, title, projects in rows:
        _record(city_admin, unit, on=on, kind=kind, name=name, title=title, projects=projects)
    leader_activity_create(user=city_admin, unit=world.unit("lyg"), kind=REC, happened_on=date(2026, 3, 3),
                           leader=world.user("leader"), place="连云港", counterparts="某央企")
    return {"park": park}


def test_counts_per_leader_and_unit_for_a_period_including_its_edge_days(world, city_admin, activities):
    stats = la_selectors.leader_activity_stats(user=city_admin, date_from=date(2026, 3, 1), date_to=date(2026, 3, 31))
    assert [(r.leader_name, r.leader_title, r.unit.code, r.outbound, r.reception, r.projects, r.is_account)
            for r in stats["by_leader"]] == [
        ("赵某某", "区委书记", "lianyun", 2, 1, 2, False),
        ("吴某某", "园区主任", "lianyun-park", 1, 0, 1, False),
        ("孙某某", "党工委书记", "xuwei", 1, 0, 1, False),
        ("李振华", "市领导", "lyg", 0, 1, 0, True),
        ("钱某某", "区长", "lianyun", 0, 1, 1, False),
    ]
    # the park rolls up into 连云区; projects count once per unit
    assert [(r.unit.code, r.outbound, r.reception, r.leader_count, r.projects) for r in stats["by_unit"]] == [
        ("lianyun", 3, 2, 3, 2), ("lyg", 0, 1, 1, 0), ("xuwei", 1, 0, 1, 1)]
    assert (stats["outbound"], stats["reception"], stats["projects"]) == (4, 3, 3)


def test_a_district_sees_its_own_leaders_and_its_parks_apart(world, activities):
    stats = la_selectors.leader_activity_stats(user=world.user("lianyun"), date_from=date(2026, 3, 1),
                                               date_to=date(2026, 3, 31))
    assert [r.leader_name for r in stats["by_leader"]] == ["赵某某", "吴某某", "钱某某"]
    assert [(r.unit.code, r.outbound, r.reception) for r in stats["by_unit"]] == \
        [("lianyun", 2, 2), ("lianyun-park", 1, 0)]


def test_one_day_periods_and_a_unit_filter(world, city_admin, activities):
    day = la_selectors.leader_activity_stats(user=city_admin, date_from=date(2026, 2, 28), date_to=date(2026, 2, 28))
    assert [(r.leader_name, r.outbound) for r in day["by_leader"]] == [("赵某某", 1)]
    park = la_selectors.leader_activity_stats(user=city_admin, date_from=date(2026, 1, 1), date_to=date(2026, 12, 31),
                                              unit=activities["park"])
    assert [(r.unit.code, r.total) for r in park["by_unit"]] == [("lianyun-park", 1)]


# ---- pages ---------------------------------------------------------------------------------------------------

def test_the_list_filters_and_is_scoped(world, city_admin, activities):
    names = lambda user, **f: [a.happened_on.isoformat() + a.leader_name  # noqa: E731
                               for a in la_selectors.leader_activity_list(user=user, filters=f)]
    assert names(city_admin, leader="赵某某", date_from="2026-03-01", date_to="2026-03-31") == \
        ["2026-03-20赵某某", "2026-03-15赵某某", "2026-03-01赵某某"]
    assert names(city_admin, kind=REC, unit=str(world.unit("lianyun").id)) == ["2026-03-31钱某某", "2026-03-20赵某某"]
    assert names(world.user("xuwei")) == ["2026-03-10孙某某"]
    assert names(city_admin, date_from="not a date", kind=OUT)[:1] == ["2026-04-01赵某某"]  # a bad date is ignored
    assert names(city_admin, unit="x") == []  # an unknown unit finds nothing, never more
    with pytest.raises(NotVisible):
        la_selectors.leader_activity_get(user=world.user("xuwei"), id=LeaderActivity.objects.get(
            leader_name="钱某某").id)


def test_the_excel_export_has_chinese_headers_and_the_scoped_rows(world, client, activities):
    client.force_login(world.user("xuwei"))
    response = client.get(reverse("projects:leader_activity_export"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(BytesIO(response.content)).active
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert rows[0] == ("日期", "类型", "领导", "职务", "所属单位", "地点", "对接企业/机构", "成果", "相关项目", "录入人",
                       "演示数据")
    assert [r[1:5] + (r[8],) for r in rows[1:]] == [("外出招商", "孙某某", "党工委书记", "徐圩新区", "徐圩新区项目")]
    assert rows[1][0].date() == date(2026, 3, 10)


def test_the_statistics_page_draws_both_charts(world, client, activities):
    client.force_login(world.user("leader"))
    response = client.get(reverse("projects:leader_stats"), {"period": "custom", "date_from": "2026-03-01",
                                                              "date_to": "2026-03-31"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="total-outbound">4<' in html and 'data-testid="total-reception">3<' in html
    assert "vendor/echarts/echarts.min.js" in html and '"unit_outbound": [3, 0, 1]' in html


def test_recording_through_the_form(world, client, lianyun_officer):
    client.force_login(lianyun_officer)
    project = make_project(user=lianyun_officer, name="连云区港口项目")
    response = client.post(reverse("projects:leader_activity_create"), {
        "kind": REC, "happened_on": "2026-03-05", "unit": world.unit("lianyun").id, "leader": "",
        "leader_name": "赵某某", "leader_title": "区委书记", "place": "连云港", "counterparts": "深圳某电池企业",
        "summary": "", "projects": [project.id]})
    assert response.status_code == 302
    activity = LeaderActivity.objects.get()
    response = client.post(reverse("projects:leader_activity_edit", args=[activity.id]), {
        "kind": REC, "happened_on": "2026-03-06", "unit": world.unit("lianyun").id, "leader": "",
        "leader_name": "赵某某", "leader_title": "区委书记", "place": "连云港", "counterparts": "深圳某电池企业",
        "summary": "签订框架协议", "projects": []})
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.happened_on, activity.summary, activity.projects.count()) == (date(2026, 3, 6), "签订框架协议", 0)


def test_the_form_shows_the_reason_and_writes_nothing(world, client, lianyun_officer):
    client.force_login(lianyun_officer)
    response = client.post(reverse("projects:leader_activity_create"), {
        "kind": OUT, "happened_on": "2026-03-05", "unit": world.unit("lianyun").id, "leader": "",
        "leader_name": "", "place": "上海", "counterparts": "某集团"})
    assert response.status_code == 400
    assert "请选择领导账号或填写领导姓名" in response.content.decode()
    assert LeaderActivity.objects.count() == 0


def test_the_list_page_costs_the_same_queries_for_more_rows(world, client, city_admin):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(city_admin)
    project = make_project(user=city_admin, unit=world.unit("lianyun"), name="连云区项目")

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("projects:leader_activity_list")).status_code == 200
            assert client.get(reverse("projects:leader_activity_export")).status_code == 200
        return len(ctx)

    _record(city_admin, world.unit("lianyun"), on=date(2026, 3, 5), projects=[project])
    one = count()
    for day in (6, 7, 8):
        _record(city_admin, world.unit("xuwei"), on=date(2026, 3, day), name=f"孙某{day}", projects=[project])
    assert count() == one
