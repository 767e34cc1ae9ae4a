"""Background work of the assessment app (huey): the nightly snapshot refresh and briefing generation."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task


@db_periodic_task(crontab(hour="19", minute="30"))  # 03:30 Asia/Shanghai (huey runs in UTC), after the health checks
def snapshots_nightly() -> dict:
    """Today's indicators with fresh forecasts (the slow part), so the first leader of the day waits for nothing."""
    from .services import snapshots_refresh

    return snapshots_refresh()


@db_task()
def briefing_generate_task(briefing_id: int) -> None:
    from .services import briefing_generate

    briefing_generate(briefing_id=briefing_id)


@db_task()
def snapshot_refresh_task(as_of: str | None = None, force: bool = True) -> None:
    """Recompute one date's board: on demand (the city admin's 重新计算, forecasts included), or after the
    cockpit showed a board older than the records (``force`` False: the day's forecasts are reused)."""
    from datetime import date

    from .services import board_for

    board_for(as_of=date.fromisoformat(as_of) if as_of else None, force=force)
