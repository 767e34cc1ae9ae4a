from __future__ import annotations

from datetime import date

from zhaoshang.accounts.models import User
from zhaoshang.demo import generator
from zhaoshang.demo.builder import build_demo
from zhaoshang.firms.models import Firm
from zhaoshang.leads.models import Lead
from zhaoshang.organizations.models import Unit
from zhaoshang.projects.models import FollowUp, Project

TODAY = date(2026, 11, 26)


def test_the_demo_holds_the_real_units_and_is_built_once(db):
    first = build_demo(today=TODAY)
    counts = (Unit.objects.count(), User.objects.count(), Firm.objects.count(), Project.objects.count(),
              FollowUp.objects.count(), Lead.objects.count())
    second = build_demo(today=TODAY)
    assert counts == (Unit.objects.count(), User.objects.count(), Firm.objects.count(), Project.objects.count(),
                      FollowUp.objects.count(), Lead.objects.count())
    assert (first.projects_created, second.projects_created, second.follow_ups_created) == (240, 0, 0)
    assert set(Unit.objects.filter(kind="district").values_list("name", flat=True)) == \
        {"海州区", "连云区", "赣榆区", "东海县", "灌云县", "灌南县"}
    assert set(Unit.objects.filter(kind="zone").values_list("short_name", flat=True)) == \
        {"市开发区", "徐圩新区", "高新区", "云台山景区"}
    assert Firm.objects.filter(is_chain_leader=True, name="江苏恒瑞医药股份有限公司").exists()


def test_synthetic_rows_are_labelled_and_dated_in_order(db):
    build_demo(today=TODAY)
    assert Project.objects.filter(is_demo=False).count() == 0
    assert Lead.objects.filter(is_demo=False).count() == 0
    for p in Project.objects.exclude(signed_on=None):
        assert p.negotiation_started_on <= p.signed_on <= TODAY
        if p.construction_started_on:
            assert p.signed_on <= p.registered_on <= p.construction_started_on <= TODAY


def test_the_generator_is_deterministic_per_seed():
    def rows(seed):
        return [(r.code, r.name, r.total_investment, r.stage) for r in
                generator.project_rows(scale="demo", seed=seed, unit_codes=["a", "b"], today=TODAY)]
    assert rows(7) == rows(7)
    assert rows(7) != rows(8)
    assert len(rows(7)) == 240


def test_city_scale_has_the_promised_volume():
    projects = list(generator.project_rows(scale="city", seed=1, unit_codes=["a"], today=TODAY))
    follow_ups = sum(len(generator.follow_up_rows(scale="city", seed=1, project=p, today=TODAY, place="x"))
                     for p in projects)
    assert len(projects) == 2000
    assert 18_000 <= follow_ups <= 22_000


def test_demo_projects_carry_their_stage_evidence_and_history(db):
    from zhaoshang.firms.credit_code import credit_code_is_valid
    from zhaoshang.projects.models import StageTransition

    build_demo(today=TODAY)
    signed = Project.objects.exclude(signed_on=None)
    assert signed.filter(contracted_amount=None).count() == 0
    for p in Project.objects.exclude(registered_on=None):
        assert credit_code_is_valid(p.local_credit_code) and p.local_company_name and p.site
    # one transition per stage reached, dated like the project's own dates
    for p in Project.objects.filter(stage="under_construction")[:20]:
        assert list(StageTransition.objects.filter(project=p).values_list("to_stage", "happened_on")) == [
            ("signed", p.signed_on), ("registered", p.registered_on),
            ("under_construction", p.construction_started_on)]
    assert Project.objects.filter(stage="dropped", drop_reason=None).count() == 0
