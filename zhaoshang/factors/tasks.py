"""Scheduled work of factor guarantees: the hourly overdue check (超期督办)."""

from __future__ import annotations

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .services import factor_request_escalate_overdue


@db_periodic_task(crontab(minute="7"))
def factor_escalation_task() -> int:
    """Every hour: escalate requests that passed their deadline (each once)."""
    return factor_request_escalate_overdue(now=timezone.now())
