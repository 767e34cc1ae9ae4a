"""Duplicate pursuit (重复招商) and duplicate signing (重复签约): detection, notices, scoping, decisions."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from zhaoshang.accounts.models import Notification
from zhaoshang.core.errors import BusinessError
from zhaoshang.leads.enums import ConflictKind, ConflictStatus
from zhaoshang.leads.models import ConflictParty, ProjectPursuitScan, PursuitConflict
from zhaoshang.leads.selectors import conflict_parties, conflict_queryset, project_attribution
from zhaoshang.leads.services import (
    conflict_decide,
    new_projects_scan,
    project_entered,
    signing_check,
    signing_scan,
)
from zhaoshang.projects.tests.factories import make_project

from .factories import make_lead

FIRM = "上海恒远新材料科技有限公司"


def _notices(kind: str = "leads.pursuit") -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for n in Notification.objects.filter(kind=kind).select_related("recipient").order_by("id"):
        out.setdefault(n.recipient.username, []).append(n.text)
    return out


def test_a_second_district_entering_the_same_firm_makes_a_conflict_and_tells_everyone(world):
    # given 连云区 pursues the firm
    lianyun, xuwei = world.user("lianyun"), world.user("xuwei")
    first = make_lead(user=lianyun, firm_name=FIRM)
    assert PursuitConflict.objects.count() == 0 and Notification.objects.count() == 0

    # when 徐圩新区 enters the same firm written differently
    second = make_lead(user=xuwei, firm_name="恒远新材料科技（上海）有限公司")

    # then one open conflict links both units and both leads
    conflict = PursuitConflict.objects.get()
    assert (conflict.kind, conflict.status, conflict.firm_id) == (ConflictKind.DUPLICATE_PURSUIT,
                                                                  ConflictStatus.OPEN, first.firm_id)
    assert second.firm_id == first.firm_id
    assert sorted(conflict.parties.values_list("unit__code", flat=True)) == ["lianyun", "xuwei"]
    assert sorted(conflict.records.values_list("lead__code", flat=True)) == sorted([first.code, second.code])
    # and both units' officers and the city admin are told at once
    notices = _notices()
    assert notices == {
        "lianyun": [f"重复招商提醒：您单位录入的“{FIRM}”，徐圩新区也在跟进。市级招商管理员将裁定归属，裁定前请勿作出排他性承诺。"],
        "xuwei": [f"重复招商提醒：您单位录入的“{FIRM}”，连云区也在跟进。市级招商管理员将裁定归属，裁定前请勿作出排他性承诺。"],
        "city_admin": [f"发现重复招商：“{FIRM}”同时由连云区、徐圩新区跟进，请裁定归属。"],
    }


def test_the_same_unit_entering_a_firm_twice_is_no_conflict(world):
    lianyun = world.user("lianyun")
    make_lead(user=lianyun, firm_name=FIRM)
    make_lead(user=lianyun, firm_name=FIRM, summary="第二条线索")
    assert PursuitConflict.objects.count() == 0 and Notification.objects.count() == 0


def test_a_rejected_lead_is_no_longer_pursuit(world):
    from zhaoshang.leads.services import lead_reject

    lianyun = world.user("lianyun")
    lead_reject(user=lianyun, lead=make_lead(user=lianyun, firm_name=FIRM), reason="不符合产业定位")
    make_lead(user=world.user("xuwei"), firm_name=FIRM)
    assert PursuitConflict.objects.count() == 0


def test_a_unit_sees_only_the_firm_and_the_other_units_name_of_a_confidential_lead(world):
    # given 徐圩新区 pursues the firm with a confidential lead, whose summary is sensitive
    xuwei, lianyun = world.user("xuwei"), world.user("lianyun")
    secret = make_lead(user=xuwei, firm_name=FIRM, is_confidential=True, summary="绝密：拟投资120亿元乙烯下游项目",
                       planned_investment="1200000")

    # when 连云区 enters the same firm
    make_lead(user=lianyun, firm_name=FIRM)

    # then 连云区's notice names the firm and 徐圩新区, nothing of the confidential lead
    text = Notification.objects.get(recipient=lianyun, kind="leads.pursuit").text
    assert FIRM in text and "徐圩新区" in text
    for leak in (secret.code, "绝密", "乙烯", "120亿", "1200000"):
        assert leak not in text
    # and on the conflict, 连云区 sees 徐圩新区 as a party without its records
    conflict = conflict_queryset(user=lianyun).get()
    parties = {p["unit"].code: p for p in conflict_parties(user=lianyun, conflict=conflict)}
    assert parties["xuwei"]["hidden"] is True and parties["xuwei"]["records"] == []
    assert [r.lead.firm_name for r in parties["lianyun"]["records"]] == [FIRM]
    # while the city admin sees every record
    full = {p["unit"].code: p for p in conflict_parties(user=world.user("city_admin"), conflict=conflict)}
    assert [r.lead.code for r in full["xuwei"]["records"]] == [secret.code]


def test_a_third_unit_joins_the_open_conflict(world):
    make_lead(user=world.user("lianyun"), firm_name=FIRM)
    make_lead(user=world.user("xuwei"), firm_name=FIRM)
    Notification.objects.all().delete()
    make_lead(user=world.user("haizhou"), firm_name=FIRM)
    conflict = PursuitConflict.objects.get()
    assert sorted(conflict.parties.values_list("unit__code", flat=True)) == ["haizhou", "lianyun", "xuwei"]
    notices = _notices()
    assert notices["haizhou"] == [f"重复招商提醒：您单位录入的“{FIRM}”，连云区、徐圩新区也在跟进。"
                                  "市级招商管理员将裁定归属，裁定前请勿作出排他性承诺。"]
    assert notices["lianyun"] == [f"重复招商提醒：您单位跟进的“{FIRM}”，海州区也录入了该企业。市级招商管理员将裁定归属。"]


def test_one_owner_decision_writes_shares_and_tells_the_units(world, city_admin):
    lianyun, xuwei = world.user("lianyun"), world.user("xuwei")
    make_lead(user=lianyun, firm_name=FIRM)
    project = _planned(xuwei, "恒远碳纤维项目", FIRM)
    conflict = project_entered_now(project)
    assert conflict is not None
    Notification.objects.all().delete()

    conflict = conflict_decide(user=city_admin, conflict=conflict, decision="one_owner", reason="企业意向落户徐圩",
                               owner_unit_id=world.unit("xuwei").pk)

    assert (conflict.status, conflict.decision, conflict.counted_project) == ("decided", "one_owner", project)
    shares = dict(ConflictParty.objects.values_list("unit__code", "share"))
    assert shares == {"lianyun": Decimal("0.00"), "xuwei": Decimal("100.00")}
    assert project_attribution(project_ids=[project.pk]) == {project.pk: [(world.unit("xuwei").pk, Decimal("100.00"))]}
    assert project.attributions.count() == 0  # 100 % to its own district: the assessment default
    text = f"重复招商裁定：“{FIRM}”由徐圩新区负责跟进，考核全部计入徐圩新区。"
    assert {u: t for u, t in _notices("leads.decided").items()} == {"lianyun": [text], "xuwei": [text],
                                                                    "city_admin": [text]}


def project_entered_now(project):
    from zhaoshang.leads.services import pursuit_check

    return pursuit_check(project=project)


def test_joint_decision_needs_shares_that_add_up_and_nothing_changes_otherwise(world, city_admin):
    make_lead(user=world.user("lianyun"), firm_name=FIRM)
    make_lead(user=world.user("xuwei"), firm_name=FIRM)
    conflict = PursuitConflict.objects.get()
    lianyun_id, xuwei_id = world.unit("lianyun").pk, world.unit("xuwei").pk

    with pytest.raises(BusinessError, match="合计应为 100%，现为 90%"):
        conflict_decide(user=city_admin, conflict=conflict, decision="joint", reason="共同引进",
                        shares={lianyun_id: Decimal("60"), xuwei_id: Decimal("30")})
    with pytest.raises(BusinessError, match="只有市级招商管理员"):
        conflict_decide(user=world.user("lianyun"), conflict=conflict, decision="joint", reason="x",
                        shares={lianyun_id: Decimal("60"), xuwei_id: Decimal("40")})
    conflict.refresh_from_db()
    assert conflict.status == "open" and set(conflict.parties.values_list("share", flat=True)) == {None}

    conflict = conflict_decide(user=city_admin, conflict=conflict, decision="joint", reason="共同引进",
                               shares={lianyun_id: Decimal("60"), xuwei_id: Decimal("40")})
    assert dict(conflict.parties.values_list("unit__code", "share")) == {"lianyun": Decimal("60.00"),
                                                                          "xuwei": Decimal("40.00")}
    assert "联合招商，考核按 连云区 60%、徐圩新区 40% 计算" in Notification.objects.filter(kind="leads.decided").first().text
    with pytest.raises(BusinessError, match="已裁定"):
        conflict_decide(user=city_admin, conflict=conflict, decision="one_owner", reason="x", owner_unit_id=lianyun_id)


def test_a_new_record_of_the_same_units_joins_the_decision_silently(world, city_admin):
    make_lead(user=world.user("lianyun"), firm_name=FIRM)
    make_lead(user=world.user("xuwei"), firm_name=FIRM)
    conflict = conflict_decide(user=city_admin, conflict=PursuitConflict.objects.get(), decision="one_owner",
                               reason="归连云区", owner_unit_id=world.unit("lianyun").pk)
    Notification.objects.all().delete()
    make_lead(user=world.user("xuwei"), firm_name=FIRM, summary="又一条")
    assert PursuitConflict.objects.count() == 1 and conflict.records.count() == 3
    assert Notification.objects.count() == 0


def test_new_projects_are_scanned_by_the_periodic_job(world):
    make_lead(user=world.user("lianyun"), firm_name=FIRM)
    project = make_project(user=world.user("xuwei"), name="恒远项目", investor_name="恒远新材料科技")
    assert not ProjectPursuitScan.objects.filter(project=project).exists()
    assert new_projects_scan() == 1
    project.refresh_from_db()
    assert project.investor.name == FIRM
    assert PursuitConflict.objects.get().records.filter(project=project).exists()
    assert new_projects_scan() == 0  # scanned once


def test_the_project_hook_runs_after_commit(world, django_capture_on_commit_callbacks):
    make_lead(user=world.user("lianyun"), firm_name=FIRM)
    with django_capture_on_commit_callbacks(execute=True):
        project = make_project(user=world.user("xuwei"), name="恒远项目", investor_name=FIRM)
        project_entered(project=project)
    assert PursuitConflict.objects.get().records.filter(project=project).exists()


def test_entering_a_project_tells_the_other_unit_at_once(world, django_capture_on_commit_callbacks):
    # the project service itself calls the hook: no periodic scan needed for the notice
    make_lead(user=world.user("lianyun"), firm_name=FIRM)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        project = make_project(user=world.user("xuwei"), name="恒远项目", investor_name=FIRM)
    assert callbacks, "project_create must schedule the duplicate-pursuit check"
    assert PursuitConflict.objects.get().records.filter(project=project).exists()
    assert set(_notices()) == {"lianyun", "xuwei", "city_admin"}


def test_signing_schedules_the_duplicate_signing_check(world, django_capture_on_commit_callbacks):
    xuwei = world.user("xuwei")
    with django_capture_on_commit_callbacks(execute=True):  # each request commits on its own
        first = _sign(_planned(xuwei, "年产5万吨碳纤维项目", FIRM), on=timezone.localdate() - timedelta(days=30),
                      amount="100000")
    with django_capture_on_commit_callbacks(execute=True):
        second = _planned(xuwei, "5万吨碳纤维项目", "恒远新材料")
    assert not PursuitConflict.objects.exists()  # one unit, not yet signed twice
    with django_capture_on_commit_callbacks(execute=True):
        _sign(second, on=timezone.localdate(), amount="102000")
    conflict = PursuitConflict.objects.get(kind=ConflictKind.DUPLICATE_SIGNING)
    assert set(conflict.records.values_list("project_id", flat=True)) == {first.pk, second.pk}


def _planned(user, name: str, investor: str):
    return make_project(user=user, name=name, investor_name=investor, negotiation_started_on=date(2025, 12, 1))


def _sign(project, *, on: date, amount: str):
    from zhaoshang.projects.services import project_advance_stage

    return project_advance_stage(user=project.created_by, project=project, evidence={
        "signed_on": on, "agreement_kind": "framework", "contracted_amount": Decimal(amount)})


def test_a_signing_repeated_at_a_second_event_is_caught(world, city_admin):
    xuwei = world.user("xuwei")
    today = timezone.localdate()
    first = _sign(_planned(xuwei, "年产5万吨碳纤维项目", FIRM),
                  on=today - timedelta(days=60), amount="100000")
    assert signing_check(project=first) is None
    other = _sign(_planned(xuwei, "年产5万吨碳纤维项目二期", FIRM),
                  on=today, amount="300000")
    assert signing_check(project=other) is None  # amount 3× apart: a second phase, not a repeat
    second = _sign(_planned(xuwei, "5万吨碳纤维项目", "恒远新材料"),
                   on=today, amount="105000")
    conflict = signing_check(project=second)
    assert conflict is not None and conflict.kind == ConflictKind.DUPLICATE_SIGNING
    assert set(conflict.records.values_list("project_id", flat=True)) == {first.pk, second.pk}
    assert "签约金额相差 4.8%" in conflict.detected_reason
    assert not conflict.records.filter(project=other).exists()
    # counted once after the decision
    conflict = conflict_decide(user=city_admin, conflict=conflict, decision="one_owner", reason="同一项目两次签约",
                               owner_unit_id=world.unit("xuwei").pk, counted_project_id=first.pk)
    assert project_attribution(project_ids=[first.pk, second.pk]) == {
        first.pk: [(world.unit("xuwei").pk, Decimal("100.00"))], second.pk: [(world.unit("xuwei").pk, Decimal(0))]}
    assert signing_scan() == 0
    flag = second.recognition_flags.get()  # the assessment app counts the signing once
    assert (flag.category.code, flag.duplicate_of) == ("duplicate", first)


def test_the_counted_project_must_be_chosen_among_several(world, city_admin):
    xuwei = world.user("xuwei")
    _sign(_planned(xuwei, "年产5万吨碳纤维项目", FIRM), on=date(2026, 1, 5),
          amount="100000")
    b = _sign(_planned(xuwei, "年产5万吨碳纤维项目", FIRM), on=date(2026, 2, 5),
              amount="100000")
    conflict = signing_check(project=b)
    assert conflict is not None
    with pytest.raises(BusinessError, match="请选择计入考核的项目"):
        conflict_decide(user=city_admin, conflict=conflict, decision="one_owner", reason="重复",
                        owner_unit_id=world.unit("xuwei").pk)


def test_a_joint_decision_attributes_the_counted_project_by_share(world, city_admin):
    make_lead(user=world.user("lianyun"), firm_name=FIRM)
    project = _planned(world.user("xuwei"), "恒远碳纤维项目", FIRM)
    conflict = project_entered_now(project)
    lianyun_id, xuwei_id = world.unit("lianyun").pk, world.unit("xuwei").pk
    conflict_decide(user=city_admin, conflict=conflict, decision="joint", reason="连云区引荐、徐圩新区落地",
                    shares={lianyun_id: Decimal("30"), xuwei_id: Decimal("70")})
    rows = sorted(project.attributions.values_list("unit__code", "share"))
    assert rows == [("lianyun", Decimal("0.3000")), ("xuwei", Decimal("0.7000"))]
