"""Factories for leads: built through the services, like every other write."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from zhaoshang.leads.models import Channel, Contact, Lead
from zhaoshang.leads.services import (
    channel_create,
    contact_create,
    lead_create,
    transfer_request,
)


def make_channel(*, user, name: str = "上海连云港商会", kind: str = "business_association", unit="own",
                 region: str = "上海", origin: str = "") -> Channel:
    return channel_create(user=user, kind=kind, name=name, unit=user.unit if unit == "own" else unit, region=region,
                          origin=origin)


def make_contact(*, user, channel: Channel, name: str = "王会长", phone: str = "13912345678",
                 email: str = "wang@example.com") -> Contact:
    return contact_create(user=user, channel=channel, name=name, title="会长", phone=phone, email=email,
                          wechat="wang_sh")


def make_lead(*, user, firm_name: str = "上海恒远新材料科技有限公司", unit=None, channel: Channel | None = None,
              contact: Contact | None = None, channel_kind: str = "fair", summary: str = "拟投资碳纤维复合材料项目",
              received_on: date | None = None, planned_investment: str | None = "50000",
              is_confidential: bool = False, credit_code: str | None = None) -> Lead:
    return lead_create(user=user, unit=unit or user.unit, firm_name=firm_name, summary=summary, channel=channel,
                       contact=contact, channel_kind="" if channel else channel_kind, received_on=received_on,
                       planned_investment=Decimal(planned_investment) if planned_investment else None,
                       is_confidential=is_confidential, credit_code=credit_code)


def matrix_objects(*, world) -> dict[str, int]:
    """One of everything the leads and firms URLs need, owned by 连云区 (the matrix's owner), by name:
    a channel with a contact, a 重复招商 with 徐圩新区, a pending transfer to 赣榆区, a firm and a
    merge candidate (a typo of its 字号)."""
    from zhaoshang.firms.models import FirmMergeCandidate
    from zhaoshang.firms.services import firm_candidates_refresh

    owner, other = world.user("lianyun"), world.user("xuwei")
    channel = make_channel(user=owner)
    contact = make_contact(user=owner, channel=channel)
    lead = make_lead(user=owner, channel=channel, contact=contact, firm_name="鼎华天成药业集团股份有限公司")
    make_lead(user=other, firm_name="鼎华天成药业集团股份有限公司")
    typo = make_lead(user=owner, firm_name="鼎华天城药业集团股份有限公司")
    firm_candidates_refresh()
    a, b = sorted((lead.firm_id, typo.firm_id))
    conflict = lead.conflict_records.get().conflict
    transfer = transfer_request(user=owner, lead=lead, to_unit=world.unit("ganyu"), reason="企业选址在赣榆")
    return {"lead_channel": channel.id, "lead_contact": contact.id, "pursuit_conflict": conflict.id,
            "lead_transfer": transfer.id, "firm": lead.firm_id,
            "firm_candidate": FirmMergeCandidate.objects.get(firm_a_id=a, firm_b_id=b).id}
