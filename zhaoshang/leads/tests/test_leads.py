"""Leads: entry, 研判, conversion, rejection, feedback, response deadlines and overdue reminders."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from zhaoshang.accounts.models import Notification
from zhaoshang.core.errors import BusinessError
from zhaoshang.leads.enums import AssessmentDimension, LeadStatus
from zhaoshang.leads.models import Lead, LeadAssessment, LeadDeadlineReminder, ResponseDeadline
from zhaoshang.leads.selectors import lead_list
from zhaoshang.leads.services import (
    lead_acknowledge,
    lead_assess,
    lead_attach_project,
    lead_bulk_create,
    lead_convert,
    lead_feedback,
    lead_overdue_remind,
    lead_reject,
    lead_update,
    response_deadline_set,
)
from zhaoshang.projects.models import ProjectEvent
from zhaoshang.projects.tests.factories import make_project

from .factories import make_channel, make_contact, make_lead

ALL_GOOD = {d.value: (4, "") for d in AssessmentDimension}


def test_entering_a_lead_resolves_its_firm_sets_deadlines_and_writes_the_timeline(lianyun_officer):
    # given a channel of 连云区 with a contact
    channel = make_channel(user=lianyun_officer)
    contact = make_contact(user=lianyun_officer, channel=channel)

    # when the officer enters a lead received on 3 March
    lead = make_lead(user=lianyun_officer, channel=channel, contact=contact, received_on=date(2026, 3, 3))

    # then the firm is one identity, the channel kind follows the channel, deadlines are 1/3/7 days
    assert lead.firm.name == "上海恒远新材料科技有限公司"
    assert lead.firm.name_key == "恒远新材料科技"
    assert lead.channel_kind == "business_association"
    assert (lead.acknowledge_due_on, lead.assess_due_on, lead.feedback_due_on) == (
        date(2026, 3, 4), date(2026, 3, 6), date(2026, 3, 10))
    assert lead.code.startswith(f"XS-{timezone.localdate().year}-")
    assert [e.kind for e in lead.events.all()] == ["created"]
    assert lead.events.get().text == "周海涛 录入线索（来源：上海连云港商会·王会长）"
    assert lead.history.count() == 1


def test_a_short_form_of_an_existing_firm_resolves_to_it(lianyun_officer):
    first = make_lead(user=lianyun_officer, firm_name="江苏恒瑞医药股份有限公司")
    second = make_lead(user=lianyun_officer, firm_name="恒瑞医药")
    assert second.firm_id == first.firm_id


def test_news_and_targeting_leads_have_no_feedback_deadline(lianyun_officer):
    lead = make_lead(user=lianyun_officer, channel_kind="news", received_on=date(2026, 3, 3))
    assert lead.feedback_due_on is None


def test_a_lead_cannot_be_entered_for_another_district_nothing_is_saved(lianyun_officer, world):
    with pytest.raises(BusinessError, match="只能处理本单位或下级单位的线索"):
        make_lead(user=lianyun_officer, unit=world.unit("xuwei"))
    assert Lead.objects.count() == 0


def test_a_contact_of_another_channel_is_refused(lianyun_officer):
    channel = make_channel(user=lianyun_officer)
    other = make_channel(user=lianyun_officer, name="深圳连云港商会", region="深圳")
    contact = make_contact(user=lianyun_officer, channel=other)
    with pytest.raises(BusinessError, match="推荐人必须是所选渠道的联系人"):
        make_lead(user=lianyun_officer, channel=channel, contact=contact)
    assert Lead.objects.count() == 0


def test_assessment_needs_every_dimension_and_then_qualifies(lianyun_officer):
    lead = make_lead(user=lianyun_officer)
    partial = {k: v for k, v in ALL_GOOD.items() if k != "energy"}
    with pytest.raises(BusinessError, match="请对以下维度作出评价：能耗水平"):
        lead_assess(user=lianyun_officer, lead=lead, ratings=partial, conclusion="有效")
    assert LeadAssessment.objects.count() == 0
    lead.refresh_from_db()
    assert lead.status == LeadStatus.NEW and lead.assessed_at is None

    ratings = {**ALL_GOOD, "environment": (2, "需环评前置")}
    lead = lead_assess(user=lianyun_officer, lead=lead, ratings=ratings, conclusion="契合新材料产业链，值得跟进")
    assert lead.status == LeadStatus.QUALIFIED
    assert lead.acknowledged_at is not None and lead.assessed_by == lianyun_officer
    rows = {a.dimension: (a.rating, a.comment) for a in lead.assessments.all()}
    assert rows == {**{d: (4, "") for d in ALL_GOOD}, "environment": (2, "需环评前置")}
    assert lead.events.first().kind == "qualified"


def test_conversion_creates_a_project_that_keeps_the_link(lianyun_officer):
    # given a qualified lead
    lead = make_lead(user=lianyun_officer)
    lead_assess(user=lianyun_officer, lead=lead, ratings=ALL_GOOD, conclusion="有效")

    # when it is converted
    lead = lead_convert(user=lianyun_officer, lead=lead, name="恒远碳纤维复合材料项目",
                        total_investment=Decimal("80000"))

    # then the project exists in the same unit, with the firm as investor, and both sides link
    project = lead.project
    assert lead.status == LeadStatus.CONVERTED
    assert (project.unit, project.investor_id, project.investor_name) == (lead.unit, lead.firm_id, lead.firm_name)
    assert project.source_lead == lead
    event = ProjectEvent.objects.get(project=project, kind="from_lead")
    assert event.text == f"由线索转化：{lead.code}（来源：展会推介会）"
    assert event.data == {"lead": lead.pk}
    assert lead.events.first().kind == "converted"


def test_a_lead_not_yet_assessed_cannot_be_converted_and_nothing_is_created(lianyun_officer):
    from zhaoshang.projects.models import Project

    lead = make_lead(user=lianyun_officer)
    with pytest.raises(BusinessError, match="线索须先完成研判"):
        lead_convert(user=lianyun_officer, lead=lead, name="项目", total_investment=Decimal("1"))
    assert Project.objects.count() == 0
    lead.refresh_from_db()
    assert lead.status == LeadStatus.NEW and lead.project is None


def test_attaching_an_existing_project(lianyun_officer):
    lead = make_lead(user=lianyun_officer)
    project = make_project(user=lianyun_officer, name="已录入的项目")
    lead = lead_attach_project(user=lianyun_officer, lead=lead, project=project)
    assert lead.project == project and lead.status == LeadStatus.CONVERTED
    assert ProjectEvent.objects.filter(project=project, kind="from_lead").count() == 1


def test_rejection_needs_a_reason_and_closes_the_lead(lianyun_officer):
    lead = make_lead(user=lianyun_officer)
    with pytest.raises(BusinessError, match="请填写否决原因"):
        lead_reject(user=lianyun_officer, lead=lead, reason="  ")
    lead = lead_reject(user=lianyun_officer, lead=lead, reason="企业已在外地落户")
    assert (lead.status, lead.rejection_reason) == (LeadStatus.REJECTED, "企业已在外地落户")
    with pytest.raises(BusinessError, match="线索已否决，不能再修改"):
        lead_update(user=lianyun_officer, lead=lead, data={"industry": "化工"})


def test_feedback_to_the_referrer_is_recorded_once_with_every_note(lianyun_officer):
    lead = make_lead(user=lianyun_officer)
    lead = lead_feedback(user=lianyun_officer, lead=lead, note="电话告知已受理")
    first = lead.feedback_at
    lead = lead_feedback(user=lianyun_officer, lead=lead, note="告知已研判")
    assert lead.feedback_at == first
    assert lead.events.filter(kind="feedback").count() == 2


def test_overdue_leads_are_flagged_by_the_selector(lianyun_officer):
    today = timezone.localdate()
    late = make_lead(user=lianyun_officer, firm_name="甲公司", received_on=today - timedelta(days=5))
    fresh = make_lead(user=lianyun_officer, firm_name="乙公司", received_on=today)
    lead_acknowledge(user=lianyun_officer, lead=fresh)
    rows = {lead.code: lead.overdue for lead in lead_list(user=lianyun_officer)}
    assert rows == {late.code: True, fresh.code: False}
    assert [lead.code for lead in lead_list(user=lianyun_officer, filters={"overdue": "1"})] == [late.code]


def test_the_daily_job_reminds_each_overdue_step_once(lianyun_officer, world):
    today = timezone.localdate()
    make_lead(user=lianyun_officer, received_on=today - timedelta(days=10))
    assert lead_overdue_remind(today=today) == 3  # 受理, 研判, 反馈
    notes = Notification.objects.filter(kind="leads.overdue")
    assert set(notes.values_list("recipient__username", flat=True)) == {"lianyun"}
    assert "受理、研判、向推荐方反馈" in notes.get().text
    assert lead_overdue_remind(today=today) == 0
    assert LeadDeadlineReminder.objects.count() == 3 and notes.count() == 1


def test_the_city_admin_changes_deadlines_and_open_leads_follow(lianyun_officer, city_admin):
    lead = make_lead(user=lianyun_officer, received_on=date(2026, 3, 3))
    with pytest.raises(BusinessError, match="只有市级招商管理员"):
        response_deadline_set(user=lianyun_officer, days={"assess": 5})
    assert response_deadline_set(user=city_admin, days={"assess": 5, "feedback": 10}) == 1
    lead.refresh_from_db()
    assert (lead.assess_due_on, lead.feedback_due_on) == (date(2026, 3, 8), date(2026, 3, 13))
    assert dict(ResponseDeadline.objects.values_list("kind", "days")) == {"acknowledge": 1, "assess": 5, "feedback": 10}


def test_bulk_created_leads_get_firms_deadlines_and_history(lianyun_officer, django_capture_on_commit_callbacks):
    leads = [Lead(code=f"XS-B-{i}", firm_name=name, unit=lianyun_officer.unit, channel_kind="news", summary="新闻",
                  received_on=date(2026, 3, 3)) for i, name in enumerate(["南京源江石化有限公司", "源江石化"])]
    with django_capture_on_commit_callbacks(execute=True):
        assert lead_bulk_create(user=lianyun_officer, leads=leads) == 2
    rows = list(Lead.objects.order_by("code"))
    assert rows[0].firm_id == rows[1].firm_id is not None
    assert rows[0].assess_due_on == date(2026, 3, 6) and rows[0].feedback_due_on is None
    assert Lead.history.count() == 2
