"""Objects the permission matrix needs: a scheme with a score run, and a queued briefing (through the services)."""

from __future__ import annotations

from django.utils import timezone

from zhaoshang.assessment import services


def matrix_objects(*, world, project) -> dict[str, int]:
    admin = world.user("city_admin")
    today = timezone.localdate()
    services.policy_ensure_defaults(year=today.year)
    scheme = services.scheme_create(user=admin, year=today.year)
    run = services.score_run_create(user=admin, scheme=scheme, today=today)
    briefing = services.briefing_request(user=admin, kind="monthly", year=today.year, number=today.month, today=today)
    return {"assessment_unit": project.unit_id, "scheme": scheme.pk, "score_run": run.pk, "briefing": briefing.pk}
