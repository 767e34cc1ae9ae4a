"""Scheduled project jobs (huey). Run by `zhaoshang run_huey`; in tests they run in-process."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task


@db_periodic_task(crontab(hour="2", minute="0"))
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
