"""Background work of dataio: large exports, and clearing old export files."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task


@db_task()
def export_job_task(job_id: int) -> None:
    from .services import export_job_run

    export_job_run(job_id=job_id)


@db_periodic_task(crontab(hour="3", minute="40"))
def export_files_purge() -> None:
    from .services import export_job_purge

    export_job_purge()
