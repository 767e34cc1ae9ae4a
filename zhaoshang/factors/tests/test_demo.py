"""The demo's factor guarantees: requests in every state, escalations, 联审, sites — built once."""

from __future__ import annotations

from collections import Counter
from datetime import date

from zhaoshang.demo.builder import BuildReport, build_reference, build_synthetic
from zhaoshang.factors.demo import extend_demo
from zhaoshang.factors.enums import FactorKind, RequestStatus
from zhaoshang.factors.models import FactorRequest, JointReview, RoutingRule, Site

TODAY = date(2026, 11, 26)


def test_the_demo_has_requests_in_every_state_and_is_built_once(db):
    build_reference(BuildReport())
    build_synthetic(BuildReport(), scale="demo", seed=2026, today=TODAY)
    first = extend_demo(scale="demo", seed=2026, today=TODAY)
    statuses = Counter(FactorRequest.objects.values_list("status", flat=True))
    assert set(statuses) == set(RequestStatus.values)
    assert set(RoutingRule.objects.values_list("kind", flat=True)) == set(FactorKind.values)
    assert (first["routing_rules"], first["sites"], first["joint_reviews"]) == (8, 22, 2)
    assert first["requests"] == 40 and FactorRequest.objects.count() == 46  # 40 + 2 × 3 under 联审
    assert FactorRequest.objects.filter(escalated_at__isnull=False, status__in=["submitted", "accepted"]).exists()
    assert FactorRequest.objects.filter(escalated_at__isnull=False, status="resolved").exists()
    assert JointReview.objects.filter(departments__code="dept-ecology").count() == 2
    assert not FactorRequest.objects.filter(is_demo=False).exists() and not Site.objects.filter(is_demo=False).exists()
    for r in FactorRequest.objects.all():
        assert r.submitted_on <= TODAY and (r.closed_on is None or r.submitted_on <= r.closed_on <= TODAY)
    # built again: nothing new
    second = extend_demo(scale="demo", seed=2026, today=TODAY)
    assert sum(second.values()) == 0
    assert FactorRequest.objects.count() == 46
