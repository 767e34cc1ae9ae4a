"""Every transition rule of the lifecycle 洽谈 → 签约 → 注册落地 → 开工 → 投产, 暂缓 and 终止."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from zhaoshang.core.errors import BusinessError
from zhaoshang.firms.credit_code import credit_code_check_char
from zhaoshang.projects.models import DropReason, Project, StageTransition
from zhaoshang.projects.services import (
    project_advance_stage,
    project_drop,
    project_move_back,
    project_put_on_hold,
    project_resume,
)

from .factories import make_project

TODAY = date(2026, 11, 26)


def valid_code() -> str:
    first17 = "91320700MA1XYQ123"
    return first17 + credit_code_check_char(first17)


SIGN = {"signed_on": date(2026, 3, 1), "agreement_kind": "formal", "contracted_amount": Decimal("80000")}


@pytest.fixture
def project(world, lianyun_officer):
    return make_project(user=lianyun_officer, negotiation_started_on=date(2026, 1, 10), total_investment="100000")


def test_signing_needs_its_evidence_and_records_a_transition(project, lianyun_officer):
    p = project_advance_stage(user=lianyun_officer, project=project, evidence=SIGN, today=TODAY)
    assert (p.stage, p.signed_on, p.agreement_kind, p.contracted_amount) == \
        ("signed", date(2026, 3, 1), "formal", Decimal("80000"))
    t = StageTransition.objects.get(project=p)
    assert (t.from_stage, t.to_stage, t.happened_on, t.actor, t.is_backward) == \
        ("negotiating", "signed", date(2026, 3, 1), lianyun_officer, False)
    assert p.events.filter(kind="stage").count() == 1


@pytest.mark.parametrize("evidence, message", [
    ({}, "进入“签约”阶段需要填写：签约日期、协议类型、签约金额（万元）"),
    ({**SIGN, "contracted_amount": Decimal(0)}, "签约金额必须大于 0"),
    ({**SIGN, "agreement_kind": "oral"}, "协议类型必须是框架协议或正式合同"),
    ({**SIGN, "signed_on": date(2026, 12, 1)}, "签约日期不能晚于今天"),
    ({**SIGN, "signed_on": date(2026, 1, 1)}, "不能早于上一阶段的日期（2026-01-10）"),
])
def test_bad_signing_evidence_is_refused_and_nothing_changes(project, lianyun_officer, evidence, message):
    with pytest.raises(BusinessError, match=message.replace("(", r"\(").replace(")", r"\)")):
        project_advance_stage(user=lianyun_officer, project=project, evidence=evidence, today=TODAY)
    project.refresh_from_db()
    assert (project.stage, project.signed_on, project.version) == ("negotiating", None, 1)
    assert StageTransition.objects.count() == 0


def test_registration_checks_the_credit_code_check_character(project, lianyun_officer):
    project_advance_stage(user=lianyun_officer, project=project, evidence=SIGN, today=TODAY)
    good = valid_code()
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    evidence = {"registered_on": date(2026, 4, 1), "local_company_name": "连云港测试新材料有限公司",
                "local_credit_code": bad, "site": "连云区板桥工业园"}
    with pytest.raises(BusinessError, match="统一社会信用代码不正确"):
        project_advance_stage(user=lianyun_officer, project=project, evidence=evidence, today=TODAY)
    p = project_advance_stage(user=lianyun_officer, project=project,
                              evidence={**evidence, "local_credit_code": good.lower()}, today=TODAY)
    assert (p.stage, p.local_credit_code) == ("registered", good)


def test_a_project_moves_one_stage_at_a_time_to_production(project, lianyun_officer):
    project_advance_stage(user=lianyun_officer, project=project, evidence=SIGN, today=TODAY)
    project_advance_stage(user=lianyun_officer, project=project, today=TODAY, evidence={
        "registered_on": date(2026, 4, 1), "local_company_name": "连云港测试有限公司",
        "local_credit_code": valid_code(), "site": "板桥"})
    project_advance_stage(user=lianyun_officer, project=project, today=TODAY,
                          evidence={"construction_started_on": date(2026, 6, 1)})
    p = project_advance_stage(user=lianyun_officer, project=project, today=TODAY,
                              evidence={"production_started_on": date(2026, 11, 1)})
    assert p.stage == "in_production"
    assert list(StageTransition.objects.values_list("to_stage", flat=True)) == \
        ["signed", "registered", "under_construction", "in_production"]
    with pytest.raises(BusinessError, match="不能推进到下一阶段"):
        project_advance_stage(user=lianyun_officer, project=p, evidence={}, today=TODAY)


def test_moving_back_needs_the_city_admin_and_a_reason(project, lianyun_officer, city_admin):
    project_advance_stage(user=lianyun_officer, project=project, evidence=SIGN, today=TODAY)
    with pytest.raises(BusinessError, match="只有市级招商管理员可以回退项目阶段"):
        project_move_back(user=lianyun_officer, project=project, reason="协议作废", today=TODAY)
    with pytest.raises(BusinessError, match="回退阶段必须说明原因"):
        project_move_back(user=city_admin, project=project, reason="  ", today=TODAY)
    p = project_move_back(user=city_admin, project=project, reason="协议作废", today=TODAY)
    assert (p.stage, p.signed_on) == ("negotiating", None)
    back = StageTransition.objects.get(is_backward=True)
    assert (back.from_stage, back.to_stage, back.reason, back.actor) == ("signed", "negotiating", "协议作废", city_admin)


def test_on_hold_and_resume_returns_to_the_stage_it_was_in(project, lianyun_officer):
    project_advance_stage(user=lianyun_officer, project=project, evidence=SIGN, today=TODAY)
    with pytest.raises(BusinessError, match="暂缓必须说明原因"):
        project_put_on_hold(user=lianyun_officer, project=project, reason="", today=TODAY)
    p = project_put_on_hold(user=lianyun_officer, project=project, reason="企业资金安排调整", today=TODAY)
    assert (p.stage, p.hold_reason) == ("on_hold", "企业资金安排调整")
    with pytest.raises(BusinessError, match="不能推进到下一阶段"):
        project_advance_stage(user=lianyun_officer, project=p, evidence={}, today=TODAY)
    p = project_resume(user=lianyun_officer, project=p, today=TODAY)
    assert (p.stage, p.hold_reason, p.signed_on) == ("signed", "", date(2026, 3, 1))


def test_dropping_needs_a_reason_from_the_list(project, lianyun_officer):
    reason = DropReason.objects.get(name="被其他地区引走")
    p = project_drop(user=lianyun_officer, project=project, reason=reason, note="落户盐城", today=TODAY)
    assert (p.stage, p.drop_reason.name, p.drop_note) == ("dropped", "被其他地区引走", "落户盐城")
    with pytest.raises(BusinessError, match="不能终止"):
        project_drop(user=lianyun_officer, project=p, reason=reason, today=TODAY)


def test_another_units_officer_cannot_move_the_project(project, xuwei_officer):
    with pytest.raises(BusinessError, match="只能为本单位或下级单位"):
        project_advance_stage(user=xuwei_officer, project=project, evidence=SIGN, today=TODAY)
    assert Project.objects.get(pk=project.pk).stage == "negotiating"


def test_the_advance_form_on_the_project_page(client, project, lianyun_officer):
    client.force_login(lianyun_officer)
    page = client.get(f"/projects/{project.id}/").content.decode()
    assert 'data-testid="advance-form"' in page and "推进到“签约”" in page
    response = client.post(f"/projects/{project.id}/advance/", {"signed_on": "2026-03-01",
                                                               "agreement_kind": "framework",
                                                               "contracted_amount": "50000"}, follow=True)
    assert "项目已推进到“签约”阶段。" in response.content.decode()
    bad = client.post(f"/projects/{project.id}/advance/", {"registered_on": "2026-04-01"})
    assert bad.status_code == 400
    assert "这个字段是必填项" in bad.content.decode()
