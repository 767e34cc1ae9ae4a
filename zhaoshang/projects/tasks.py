"""Scheduled project jobs (huey). Run by `zhaoshang run_huey`; in tests they run in-process."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task


def _utc_hour(local_hour: int) -> int:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from django.conf import settings

    local = datetime(2026, 1, 15, local_hour, tzinfo=ZoneInfo(settings.TIME_ZONE))
    return local.astimezone(ZoneInfo("UTC")).hour


@db_periodic_task(crontab(hour=str(_utc_hour(2)), minute="0"))  # 02:00 Beijing time
def nightly_project_checks() -> dict:
    """项目体检 and score refresh every night: health findings and follow-up recency change daily."""
    from .services.health import health_run
    from .services.scoring import projects_refresh_all

    result = health_run()
    result["rescored"] = projects_refresh_all()
    return result


@db_task()
def refresh_project(project_id: int) -> None:
    """Re-examine one project right after a change, so its page and list row are current."""
    from .services.health import health_run

    health_run(project_ids=[project_id])


# ---- reminders of overdue next steps (招商专班 / 跟踪服务) -----------------------------------------
# huey runs with utc=True: the local 07:00 is turned into its UTC hour (Asia/Shanghai → 23).

@db_periodic_task(crontab(minute="0", hour=str(_utc_hour(7))))
def follow_up_reminders_daily() -> int:
    """Every morning at 07:00 local time: remind owners and task-force leads of overdue next steps."""
    from django.utils import timezone

    from .services.reminders import follow_up_reminders_send

    return follow_up_reminders_send(today=timezone.localdate())
