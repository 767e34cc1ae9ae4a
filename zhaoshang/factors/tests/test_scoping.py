"""Who sees which request: the raising side by project, a department its own requests only, the city all."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from zhaoshang.core.errors import NotVisible
from zhaoshang.factors import selectors

from .factories import make_request

TODAY = date(2026, 11, 26)


@pytest.fixture
def requests(routed, lianyun_officer, xuwei_officer, lianyun_project, xuwei_project):
    return {
        "lianyun_land": make_request(user=lianyun_officer, project=lianyun_project, kind="land", title="连云区用地"),
        "lianyun_approval": make_request(user=lianyun_officer, project=lianyun_project, kind="approval",
                                         title="连云区审批"),
        "xuwei_land": make_request(user=xuwei_officer, project=xuwei_project, kind="land", title="徐圩用地"),
    }


def _titles(user) -> set[str]:
    return {r.title for r in selectors.factor_request_list(user=user, today=TODAY)}


@pytest.mark.parametrize(("username", "titles"), [
    ("city_admin", {"连云区用地", "连云区审批", "徐圩用地"}),
    ("leader", {"连云区用地", "连云区审批", "徐圩用地"}),
    ("lianyun", {"连云区用地", "连云区审批"}),
    ("xuwei", {"徐圩用地"}),
    ("taskforce", {"徐圩用地"}),
    ("haizhou", set()),
    ("land_dept", {"连云区用地", "徐圩用地"}),
    ("approval_dept", {"连云区审批"}),
    ("sysadmin", set()),
    ("auditor", set()),
])
def test_each_persona_lists_exactly_its_requests(requests, world, username, titles):
    assert _titles(world.user(username)) == titles


def test_a_filter_never_widens_the_scope(requests, world, land_dept):
    assert _titles_with(land_dept, {"department": str(world.unit("dept-approval").id)}) == set()
    assert _titles_with(world.user("lianyun"), {"unit": str(world.unit("xuwei").id)}) == set()


def _titles_with(user, filters) -> set[str]:
    return {r.title for r in selectors.factor_request_list(user=user, filters=filters, today=TODAY)}


def test_a_request_of_another_department_is_not_found(requests, approval_dept):
    with pytest.raises(NotVisible):
        selectors.factor_request_get(user=approval_dept, id=requests["lianyun_land"].id)


def test_the_department_sees_the_project_it_needs_but_no_link_to_the_project_page(client, requests, land_dept):
    client.force_login(land_dept)
    page = client.get(reverse("factors:detail", args=[requests["xuwei_land"].id])).content.decode()
    assert "徐圩新区高端聚烯烃项目" in page
    assert reverse("projects:detail", args=[requests["xuwei_land"].project_id]) not in page
    # and the project page itself stays closed to the department
    assert client.get(reverse("projects:detail", args=[requests["xuwei_land"].project_id])).status_code == 404


def test_the_raising_unit_sees_the_link_to_its_project(client, requests, lianyun_officer):
    client.force_login(lianyun_officer)
    page = client.get(reverse("factors:detail", args=[requests["lianyun_land"].id])).content.decode()
    assert reverse("projects:detail", args=[requests["lianyun_land"].project_id]) in page


@pytest.mark.parametrize(("username", "status"), [("xuwei", 404), ("approval_dept", 404), ("land_dept", 200),
                                                  ("leader", 200), ("auditor", 403)])
def test_detail_pages_follow_the_scope(client, requests, world, username, status):
    client.force_login(world.user(username))
    assert client.get(reverse("factors:detail", args=[requests["lianyun_land"].id])).status_code == status


@pytest.mark.parametrize(("username", "actions"), [
    ("land_dept", ["accept", "ask_info", "resolve", "decline", "comment"]),
    ("lianyun", ["withdraw", "comment"]),
    ("city_admin", ["withdraw", "reassign", "comment"]),  # the city raises requests on any project too
    ("leader", ["comment"]),
])
def test_each_side_is_offered_only_its_own_actions(requests, world, username, actions):
    assert selectors.request_actions(user=world.user(username), request=requests["lianyun_land"]) == actions


def test_actions_posted_from_outside_the_scope_are_refused_and_change_nothing(client, requests, world):
    request = requests["lianyun_land"]
    client.force_login(world.user("approval_dept"))
    assert client.post(reverse("factors:act", args=[request.id, "resolve"]), {"text": "越权办结"}).status_code == 404
    client.force_login(world.user("lianyun"))
    assert client.post(reverse("factors:act", args=[request.id, "resolve"]), {"text": "自己办结"}).status_code == 403
    request.refresh_from_db()
    assert (request.status, request.steps.count()) == ("submitted", 1)
