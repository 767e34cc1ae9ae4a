"""p50/p95 of the project list (filtered, searched, sorted) and the project page, in-process.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/zs_bench .venv/bin/python bench/projects_pages.py

Runs against an existing database built by `bench/demo_load.py --scale province` (migrated to the
current schema first). Requests go through Django's full stack (middleware, scoping, templates) via the
test client, so the figure is server time without the network.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhaoshang.conf.settings")
sys.argv = sys.argv[:1]


def client_user(username: str):
    from zhaoshang.accounts.models import User

    return User.objects.select_related("unit").get(username=username)


def main() -> None:
    import logging

    import django

    django.setup()
    logging.getLogger("django.request").setLevel(logging.ERROR)
    from django.core.management import call_command
    from django.test import Client

    from zhaoshang.accounts.models import User
    from zhaoshang.projects.models import Project

    call_command("migrate", verbosity=0)
    rng = random.Random(7)
    ids = list(Project.objects.values_list("id", flat=True).order_by("?")[:500])
    cases = {
        "list, default order": "/projects/",
        "list, stage + chain filter": "/projects/?stage=signed&chain=石化",
        "list, search by name": "/projects/?q=碳纤维",
        "list, sorted by investment, page 40": "/projects/?sort=-total_investment&page=40",
        "list, stalled + tier": "/projects/?stalled=true&tier=10亿元以上",
        "project page": None,
    }
    print(f"projects: {Project.objects.count():,}")
    for username in ("city_admin", "xuwei"):
        client = Client()
        client.force_login(User.objects.get(username=username))
        visible = set(Project.objects.filter(unit__path__startswith=client_user(username).unit.path, id__in=ids)
                      .values_list("id", flat=True))
        own = sorted(visible) or ids
        for name, url in cases.items():
            times = []
            for _ in range(40):
                target = url or f"/projects/{rng.choice(own)}/"
                started = time.perf_counter()
                response = client.get(target)
                times.append((time.perf_counter() - started) * 1000)
                assert response.status_code in (200, 404), (target, response.status_code)
            times.sort()
            p95 = times[int(len(times) * 0.95) - 1]
            print(f"{username:<10} {name:<38} p50 {statistics.median(times):6.1f} ms   p95 {p95:6.1f} ms")


if __name__ == "__main__":
    main()
