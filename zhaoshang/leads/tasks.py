"""Background work of leads (huey): duplicate pursuit checks after commit, the periodic scan of new
projects and signings and overdue reminders."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from zhaoshang.projects.tasks import _utc_hour  # local hour → the UTC hour huey runs on


@db_task()
def pursuit_check_project_task(project_id: int) -> None:
    """Right after a project is saved: duplicate pursuit, and duplicate signing when it is signed."""
    from zhaoshang.projects.models import Project

    from .services import pursuit_check, signing_check

    project = Project.objects.select_related("unit").filter(pk=project_id).first()
    if project is None:
        return
    pursuit_check(project=project)
    if project.signed_on:
        signing_check(project=project)


@db_task()
def pursuit_scan_leads_task(lead_ids: list[int]) -> int:
    from .services import pursuit_scan

    return pursuit_scan(lead_ids=lead_ids)


@db_task()
def pursuit_check_firm_task(firm_id: int) -> int:
    """After two firms were merged: the merged identity may be pursued by two units."""
    from .services import pursuit_scan_firms

    return pursuit_scan_firms(firm_ids=[firm_id])


@db_periodic_task(crontab(minute="*/5"))
def pursuit_scan_periodic() -> dict:
    """Every five minutes: projects nobody has checked yet (entered by any path) and new signings."""
    from .services import new_projects_scan, signing_scan

    return {"pursuit": new_projects_scan(), "signing": signing_scan()}


@db_periodic_task(crontab(minute="30", hour=str(_utc_hour(7))))
def lead_overdue_daily() -> int:
    """Every morning at 07:30 local time: remind units of leads past their response deadlines."""
    from .services import lead_overdue_remind

    return lead_overdue_remind()
