"""Background work of lead mining: analysing an upload of many documents."""

from __future__ import annotations

from huey.contrib.djhuey import db_task


@db_task()
def batch_process_task(batch_id: int) -> None:
    from .services import batch_process

    batch_process(batch_id=batch_id)
