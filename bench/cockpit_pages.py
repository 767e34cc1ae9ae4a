"""p50/p95 of the leaders' cockpit and the progress pages, in-process, on an existing demo database.

    DATABASE_URL=sqlite:////tmp/city.sqlite3 .venv/bin/python bench/cockpit_pages.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/zs_city .venv/bin/python bench/cockpit_pages.py

Build the database first with `zhaoshang demo --load-only --scale city` (or bench/demo_load.py). Requests go
through Django's full stack (middleware, templates) via the test client, so the figures are server time
without the network. Three situations are timed:

* warm: the board of the day is stored and the records have not changed (the usual case);
* right after a change: a project was edited; the page shows the stored board (at most two minutes
  old) and queues the recount — the recount itself is timed on its own line (what the job does,
  and what a page waits for when the stored board is older than two minutes);
* cold: the day's first view with no stored board, forecasts included (what the nightly job absorbs).
"""

from __future__ import annotations

import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhaoshang.conf.test")  # finders serve static: no collectstatic
sys.argv = sys.argv[:1]


def timed(fn, n: int) -> list[float]:
    out = []
    for _ in range(n):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return sorted(out)


def show(name: str, times: list[float]) -> None:
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    print(f"{name:<44} n={len(times):<3} p50 {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms")


def main() -> None:
    import logging

    import django

    django.setup()
    logging.getLogger("django.request").setLevel(logging.ERROR)
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from zhaoshang.accounts.models import User
    from zhaoshang.assessment import services
    from zhaoshang.assessment.models import SnapshotRun
    from zhaoshang.organizations.models import Unit
    from zhaoshang.projects.models import Project

    call_command("migrate", verbosity=0)
    client = Client()
    client.force_login(User.objects.get(username="leader"))
    unit = Unit.objects.get(code="haizhou")
    print(f"database: {connection.vendor}; projects: {Project.objects.count():,}")

    def get(url):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    get("/healthz")
    SnapshotRun.objects.all().delete()
    show("cockpit, cold (no board stored: forecasts)", timed(lambda: (SnapshotRun.objects.all().delete(),
                                                                         get("/cockpit/")), 5))
    get("/cockpit/")
    show("cockpit, warm", timed(lambda: get("/cockpit/"), 40))
    victim = Project.objects.order_by("id").values_list("id", flat=True).first()

    services._refresh_later = lambda as_of: None  # the queued recount is timed on its own below

    def changed():
        Project.objects.filter(pk=victim).update(updated_at=timezone.now())
        get("/cockpit/")
    show("cockpit, right after a change (stored board)", timed(changed, 20))

    def recount():
        Project.objects.filter(pk=victim).update(updated_at=timezone.now())
        services.board_for()
    show("recount after a change (the queued job)", timed(recount, 20))
    show("progress overview, warm", timed(lambda: get("/assessment/?indicator=capital_in_place"), 20))
    show("unit page with its projects (live drill-down)", timed(lambda: get(f"/assessment/units/{unit.pk}/"), 20))


if __name__ == "__main__":
    main()
