"""Hand-over between units (项目流转); channels, contacts and the logged reveal of personal data."""

from __future__ import annotations

import pytest

from zhaoshang.accounts.models import Notification
from zhaoshang.core.errors import BusinessError
from zhaoshang.leads.enums import TransferStatus
from zhaoshang.leads.models import ContactReveal, Transfer
from zhaoshang.leads.selectors import channel_list, channel_queryset, transfer_list
from zhaoshang.leads.services import (
    channel_create,
    contact_reveal,
    transfer_accept,
    transfer_cancel,
    transfer_decline,
    transfer_request,
)
from zhaoshang.projects.models import Project, ProjectEvent
from zhaoshang.projects.tests.factories import make_project

from .factories import make_channel, make_contact, make_lead

# --- hand-over ---------------------------------------------------------------------------------------


def test_a_lead_handed_over_and_accepted_moves_with_its_history(world):
    lianyun, ganyu = world.user("lianyun"), world.user("ganyu")
    lead = make_lead(user=lianyun)
    transfer = transfer_request(user=lianyun, lead=lead, to_unit=world.unit("ganyu"), reason="企业选址在赣榆")
    assert Notification.objects.get(recipient=ganyu).text == \
        "项目流转：连云区将线索“上海恒远新材料科技有限公司”移交贵单位，请接收或退回。"
    assert [t.pk for t in transfer_list(user=ganyu, box="incoming")] == [transfer.pk]
    assert list(transfer_list(user=lianyun, box="incoming")) == []

    # 连云区 cannot accept its own offer; 赣榆区 can
    with pytest.raises(BusinessError, match="只有接收单位可以处理"):
        transfer_accept(user=lianyun, transfer=transfer)
    transfer = transfer_accept(user=ganyu, transfer=transfer, note="同意接收")

    lead.refresh_from_db()
    assert (transfer.status, lead.unit.code) == (TransferStatus.ACCEPTED, "ganyu")
    assert lead.history.first().history_user == ganyu
    assert [e.kind for e in lead.events.order_by("id")] == ["created", "transfer_requested", "transferred"]
    assert Notification.objects.get(recipient=lianyun).text == "项目流转：赣榆区已接收线索“上海恒远新材料科技有限公司”。"


def test_a_declined_transfer_leaves_the_lead_where_it_was(world):
    lianyun, ganyu = world.user("lianyun"), world.user("ganyu")
    lead = make_lead(user=lianyun)
    transfer = transfer_request(user=lianyun, lead=lead, to_unit=world.unit("ganyu"), reason="属地不符")
    with pytest.raises(BusinessError, match="请填写退回理由"):
        transfer_decline(user=ganyu, transfer=transfer, note="")
    transfer = transfer_decline(user=ganyu, transfer=transfer, note="企业实际选址在连云")
    lead.refresh_from_db()
    assert (transfer.status, lead.unit.code) == (TransferStatus.DECLINED, "lianyun")
    # and a new offer can be made once nothing is pending; a second pending one is refused
    again = transfer_request(user=lianyun, lead=lead, to_unit=world.unit("haizhou"), reason="再试")
    with pytest.raises(BusinessError, match="已有一个待接收的流转"):
        transfer_request(user=lianyun, lead=lead, to_unit=world.unit("ganyu"), reason="重复")
    assert transfer_cancel(user=lianyun, transfer=again).status == TransferStatus.CANCELLED


def test_a_project_handed_over_changes_unit_with_audit_and_timeline(world):
    lianyun, ganyu = world.user("lianyun"), world.user("ganyu")
    project = make_project(user=lianyun, name="港口物流项目")
    version = project.version
    transfer = transfer_request(user=lianyun, project=project, to_unit=world.unit("ganyu"), reason="选址变更")
    transfer_accept(user=ganyu, transfer=transfer)
    project = Project.objects.get(pk=project.pk)
    assert project.unit.code == "ganyu" and project.version == version + 1
    assert project.history.first().history_user == ganyu
    assert ProjectEvent.objects.filter(project=project, kind="transferred").get().text == \
        "项目由连云区流转至赣榆区：选址变更"


def test_one_cannot_hand_over_another_units_record(world):
    lead = make_lead(user=world.user("xuwei"))
    with pytest.raises(BusinessError):
        transfer_request(user=world.user("lianyun"), lead=lead, to_unit=world.unit("ganyu"), reason="x")
    assert Transfer.objects.count() == 0


# --- channels and contacts ---------------------------------------------------------------------------

def test_units_see_their_own_and_city_wide_channels(world, city_admin):
    make_channel(user=world.user("lianyun"), name="连云区在沪企业家联谊会", kind="native_entrepreneur")
    make_channel(user=world.user("xuwei"), name="徐圩新区驻上海招商中心", kind="outpost")
    channel_create(user=city_admin, kind="investment_institution", name="国投创新", unit=None, origin="domestic")
    assert sorted(c.name for c in channel_queryset(user=world.user("lianyun"))) == ["国投创新", "连云区在沪企业家联谊会"]
    assert channel_queryset(user=city_admin).count() == 3
    assert channel_list(user=world.user("lianyun"), filters={"owner": "city"}).get().name == "国投创新"


def test_only_the_city_admin_keeps_city_wide_channels_and_institutions_say_where_from(world, city_admin):
    with pytest.raises(BusinessError, match="全市共享渠道由市级招商管理员维护"):
        channel_create(user=world.user("lianyun"), kind="business_association", name="江苏省商会", unit=None)
    with pytest.raises(BusinessError, match="投资机构请选择境内或境外"):
        channel_create(user=city_admin, kind="investment_institution", name="高瓴资本", unit=None)
    with pytest.raises(BusinessError, match="已有同名渠道"):
        make_channel(user=world.user("lianyun"))
        make_channel(user=world.user("lianyun"))


def test_every_reveal_of_a_contacts_personal_data_is_logged(world):
    lianyun = world.user("lianyun")
    contact = make_contact(user=lianyun, channel=make_channel(user=lianyun))
    assert contact_reveal(user=lianyun, contact=contact, field="phone") == "13912345678"
    assert contact_reveal(user=lianyun, contact=contact, field="email") == "wang@example.com"
    log = list(ContactReveal.objects.order_by("id").values_list("user__username", "field", "contact_id"))
    assert log == [("lianyun", "phone", contact.pk), ("lianyun", "email", contact.pk)]


def test_roles_without_need_cannot_reveal_and_nothing_is_logged(world, leader):
    lianyun = world.user("lianyun")
    contact = make_contact(user=lianyun, channel=make_channel(user=lianyun))
    with pytest.raises(BusinessError, match="不能查看联系人的联系方式"):
        contact_reveal(user=leader, contact=contact, field="phone")
    with pytest.raises(BusinessError, match="记录不存在"):
        contact_reveal(user=world.user("xuwei"), contact=contact, field="phone")  # another unit's channel
    assert ContactReveal.objects.count() == 0
