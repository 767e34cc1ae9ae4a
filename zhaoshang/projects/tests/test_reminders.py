"""Overdue next steps: listed for their owners and units, reminded once, mailed only when SMTP is set."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from zhaoshang.accounts.models import Notification
from zhaoshang.accounts.services import user_update
from zhaoshang.projects import selectors_task_forces as tf_selectors
from zhaoshang.projects.models import FollowUpReminder
from zhaoshang.projects.services import (
    follow_up_create,
    follow_up_reminders_send,
    project_drop,
    task_force_create,
)

from .factories import make_project

TODAY = date(2026, 5, 10)


@pytest.fixture
def project(world, xuwei_officer):
    return make_project(user=xuwei_officer, name="徐圩新区乙烷裂解项目", negotiation_started_on=date(2026, 1, 5))


def _follow_up(user, project, *, on: date, due: date | None, step: str = "报送可研报告", content: str = "洽谈"):
    return follow_up_create(user=user, project=project, happened_on=on, kind="meeting", content=content,
                            next_step=step, next_step_due=due)


def _texts(username: str) -> list[str]:
    return list(Notification.objects.filter(recipient__username=username, kind="projects.next_step_overdue")
                .order_by("id").values_list("text", flat=True))


def test_an_overdue_next_step_is_reminded_once_to_owner_and_task_force_lead(world, xuwei_officer, project):
    # given a task force led by the city admin, and the officer's follow-up due two days ago
    task_force_create(user=xuwei_officer, kind="project", unit=world.unit("xuwei"),
                      lead=world.user("city_admin"), project=project)
    follow_up = _follow_up(xuwei_officer, project, on=date(2026, 4, 20), due=date(2026, 5, 8))
    # when the daily job runs
    assert follow_up_reminders_send(today=TODAY) == 1
    # then both are reminded, with a link to the project
    expected = "跟踪服务下一步已逾期 2 天：徐圩新区乙烷裂解项目——报送可研报告（期限 2026-05-08）"
    assert _texts("xuwei") == [expected] and _texts("city_admin") == [expected]
    assert Notification.objects.filter(kind="projects.next_step_overdue").first().url == \
        reverse("projects:detail", args=[project.id])
    assert list(FollowUpReminder.objects.values_list("follow_up_id", "due_on", "sent_on")) == \
        [(follow_up.id, date(2026, 5, 8), TODAY)]
    # and running again, the same day or the next, sends nothing more
    assert follow_up_reminders_send(today=TODAY) == 0
    assert follow_up_reminders_send(today=date(2026, 5, 11)) == 0
    assert Notification.objects.filter(kind="projects.next_step_overdue").count() == 2


def test_due_today_is_not_overdue_yet(world, xuwei_officer, project):
    _follow_up(xuwei_officer, project, on=date(2026, 4, 20), due=TODAY)
    assert follow_up_reminders_send(today=TODAY) == 0
    assert follow_up_reminders_send(today=date(2026, 5, 11)) == 1
    assert _texts("xuwei") == ["跟踪服务下一步已逾期 1 天：徐圩新区乙烷裂解项目——报送可研报告（期限 2026-05-10）"]


def test_a_newer_follow_up_handles_the_next_step(world, xuwei_officer, project):
    _follow_up(xuwei_officer, project, on=date(2026, 4, 1), due=date(2026, 4, 15), step="报送可研报告")
    latest = _follow_up(xuwei_officer, project, on=date(2026, 4, 16), due=date(2026, 6, 1), step="组织专家评审")
    assert follow_up_reminders_send(today=TODAY) == 0  # the first was handled by the second; the second is not due
    assert [f.id for f in tf_selectors.next_step_list(user=xuwei_officer, who="mine")] == [latest.id]


def test_next_steps_without_a_date_or_text_are_never_reminded(world, xuwei_officer, project):
    _follow_up(xuwei_officer, project, on=date(2026, 4, 1), due=None, step="保持联系")
    assert follow_up_reminders_send(today=TODAY) == 0
    assert [f.next_step for f in tf_selectors.next_step_list(user=xuwei_officer)] == ["保持联系"]


def test_a_dropped_project_has_no_open_next_steps(world, xuwei_officer, project):
    from zhaoshang.projects.models import DropReason

    _follow_up(xuwei_officer, project, on=date(2026, 4, 1), due=date(2026, 4, 15))
    project_drop(user=xuwei_officer, project=project, reason=DropReason.objects.first())
    assert follow_up_reminders_send(today=TODAY) == 0
    assert list(tf_selectors.next_step_list(user=xuwei_officer)) == []


def test_e_mail_goes_out_only_when_smtp_is_configured(world, xuwei_officer, project, settings,
                                                    django_capture_on_commit_callbacks):
    user_update(user=xuwei_officer, full_name=xuwei_officer.full_name, role=xuwei_officer.role,
                unit=xuwei_officer.unit, title=xuwei_officer.title, email="xuwei@example.gov.cn")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    _follow_up(xuwei_officer, project, on=date(2026, 4, 1), due=date(2026, 4, 15), step="提交用地申请")
    other = make_project(user=xuwei_officer, name="徐圩新区碳纤维项目", negotiation_started_on=date(2026, 1, 5))
    _follow_up(xuwei_officer, other, on=date(2026, 4, 1), due=date(2026, 4, 15), step="补充环评材料")

    settings.EMAIL_ENABLED = False
    with django_capture_on_commit_callbacks(execute=True):
        assert follow_up_reminders_send(today=date(2026, 4, 20), batch_size=1) == 2
    assert mail.outbox == []

    FollowUpReminder.objects.all().delete()  # as if never reminded, now with SMTP
    settings.EMAIL_ENABLED = True
    with django_capture_on_commit_callbacks(execute=True):
        assert follow_up_reminders_send(today=date(2026, 4, 20)) == 2
    assert [m.to for m in mail.outbox] == [["xuwei@example.gov.cn"], ["xuwei@example.gov.cn"]]
    assert all(m.subject.startswith("【招商引资服务平台】跟踪服务下一步已逾期 5 天：") for m in mail.outbox)
    assert sorted("提交用地申请" in m.body for m in mail.outbox) == [False, True]


def test_the_daily_job_runs_the_service(world, xuwei_officer, project):
    from zhaoshang.projects.tasks import _utc_hour, follow_up_reminders_daily

    _follow_up(xuwei_officer, project, on=date(2026, 4, 1), due=date(2026, 4, 15))
    assert follow_up_reminders_daily.call_local() == 1  # today (the real clock) is long after 2026-04-15
    assert _utc_hour(7) == 23  # 07:00 in Asia/Shanghai is 23:00 UTC, huey's clock


# ---- the next-steps page ----------------------------------------------------------------------------

def test_mine_and_my_units_next_steps(world, xuwei_officer, project, city_admin):
    mine = _follow_up(xuwei_officer, project, on=date(2026, 4, 1), due=date(2026, 4, 30), step="约见董事长")
    other = make_project(user=city_admin, unit=world.unit("xuwei"), name="徐圩新区氢能项目",
                         negotiation_started_on=date(2026, 1, 5))
    theirs = _follow_up(city_admin, other, on=date(2026, 4, 2), due=date(2026, 5, 20), step="市领导会见")
    assert [f.id for f in tf_selectors.next_step_list(user=xuwei_officer, who="mine")] == [mine.id]
    assert [f.id for f in tf_selectors.next_step_list(user=xuwei_officer, who="unit")] == [mine.id, theirs.id]
    assert [f.id for f in tf_selectors.next_step_list(user=xuwei_officer, who="unit", overdue_only=True,
                                                      today=TODAY)] == [mine.id]
    assert list(tf_selectors.next_step_list(user=world.user("lianyun"), who="unit")) == []


def test_the_page_highlights_overdue_steps(world, client, xuwei_officer, project):
    _follow_up(xuwei_officer, project, on=date(2026, 4, 1), due=date(2026, 4, 15), step="约见董事长")
    client.force_login(xuwei_officer)
    html = client.get(reverse("projects:next_step_list")).content.decode()
    assert 'data-overdue="1"' in html and "约见董事长" in html and "共 1 项" in html
    html = client.get(reverse("projects:next_step_list"), {"overdue": "1", "who": "unit"}).content.decode()
    assert "共 1 项" in html
    client.force_login(world.user("lianyun"))
    assert "共 0 项" in client.get(reverse("projects:next_step_list"), {"who": "unit"}).content.decode()
