"""Chain jobs (huey): nightly target scoring, monthly cluster snapshots, and the heavy work the
pages queue (firm-universe imports, re-placing firms). In tests they run in-process.

huey runs with ``utc=True``: crontab hours below are UTC (Asia/Shanghai = UTC+8).
"""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task


@db_periodic_task(crontab(hour="19", minute="30"))  # 03:30 local time
def rescore_targets_nightly() -> int:
    """Every night: new signals, placements and corrections change the target lists."""
    from .services import targets_rescore

    return targets_rescore().targets


@db_task()
def rescore_targets() -> int:
    from .services import targets_rescore

    return targets_rescore().targets


@db_periodic_task(crontab(day="1", hour="18", minute="0"))  # 02:00 local time on the 1st
def cluster_snapshot_monthly() -> int:
    """Cluster measures at the start of every month, the points of the charts over time."""
    from django.utils import timezone

    from .services import cluster_snapshots_take

    return cluster_snapshots_take(taken_on=timezone.localdate())


@db_task()
def classify_firms() -> dict:
    """Re-place every firm after the chain map or the corrections changed, then rescore."""
    from .services import firms_classify, targets_rescore

    result = firms_classify()
    targets_rescore()
    return result


@db_task()
def run_firm_import(import_id: int) -> int:
    """An uploaded firm-universe file: import it, then rescore the targets."""
    from .models import FirmImport
    from .services import firm_import_run, targets_rescore

    record = firm_import_run(record=FirmImport.objects.get(pk=import_id))
    if record.status == "done":
        targets_rescore()
    return record.inserted + record.updated
