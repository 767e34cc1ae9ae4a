"""Background work of firms (huey): the search for firm rows that may be one firm."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from zhaoshang.projects.tasks import _utc_hour  # local hour → the UTC hour huey runs on


@db_periodic_task(crontab(minute="20", hour=str(_utc_hour(3))))
def firm_candidates_nightly() -> dict:
    """Every night: look for firm rows that may be one firm, for the review page."""
    from zhaoshang.firms.services import firm_candidates_refresh

    return firm_candidates_refresh()


@db_task()
def firm_candidates_task(user_id: int | None = None) -> dict:
    from zhaoshang.accounts.models import User
    from zhaoshang.firms.services import firm_candidates_refresh

    return firm_candidates_refresh(user=User.objects.filter(pk=user_id).first() if user_id else None)
