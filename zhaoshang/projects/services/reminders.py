"""Reminders of overdue next steps (下一步逾期提醒): the daily job's one service.

Each open next step whose due date has passed is reminded once — to the follow-up's owner and to
the lead of the project's active task force — in-app, and by e-mail when SMTP is configured
(``accounts.services.notification_send`` decides). A FollowUpReminder row per (follow-up, due date)
makes running the job twice, or on two workers, send nothing twice.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse

from zhaoshang.accounts.services import notification_send

from ..models import FollowUp, FollowUpReminder, TaskForce
from ..selectors_task_forces import open_next_steps


def overdue_next_steps_unreminded(*, today: date) -> QuerySet[FollowUp]:
    """Open next steps due before ``today`` with no reminder yet for that due date."""
    already = FollowUpReminder.objects.filter(follow_up=OuterRef("pk"), due_on=OuterRef("next_step_due"))
    return (open_next_steps(FollowUp.objects.filter(next_step_due__lt=today))
            .filter(~Exists(already))
            .order_by("next_step_due", "id"))


def follow_up_reminders_send(*, today: date, batch_size: int = 500) -> int:
    """Remind every overdue, still open, not yet reminded next step; returns how many were reminded.

    The candidates are found once (the expensive part), then reminded ``batch_size`` at a time, each
    batch in its own transaction so a failure keeps what was already sent recorded.
    """
    ids = list(overdue_next_steps_unreminded(today=today).values_list("id", flat=True))
    sent = 0
    for start in range(0, len(ids), batch_size):
        batch = list(FollowUp.objects.filter(id__in=ids[start:start + batch_size]).select_related("project", "owner")
                     .order_by("next_step_due", "id"))
        sent += _remind(batch, today=today)
    return sent


@transaction.atomic
def _remind(follow_ups: list[FollowUp], *, today: date) -> int:
    task_forces = (TaskForce.objects.filter(project_id__in={f.project_id for f in follow_ups}, is_active=True)
                   .select_related("lead"))
    lead_of = {tf.project_id: tf.lead for tf in task_forces}
    rows = []
    for f in follow_ups:
        due = f.next_step_due
        assert due is not None  # only dated next steps are overdue
        days = (today - due).days
        notification_send(
            recipients=[f.owner, lead_of.get(f.project_id)], kind="projects.next_step_overdue",
            text=f"跟踪服务下一步已逾期 {days} 天：{f.project.name}——{f.next_step}（期限 {due:%Y-%m-%d}）",
            url=reverse("projects:detail", args=[f.project_id]))
        rows.append(FollowUpReminder(follow_up=f, due_on=due, sent_on=today))
    FollowUpReminder.objects.bulk_create(rows)
    return len(rows)
