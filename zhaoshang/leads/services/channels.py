"""Writes to channels and their contacts, and the logged reveal of a contact's personal data."""

from __future__ import annotations

from django.db import transaction

from zhaoshang.core.errors import BusinessError
from zhaoshang.core.services import model_update
from zhaoshang.organizations.models import Unit
from zhaoshang.organizations.selectors import visible_unit_ids

from ..enums import ChannelKind, ContactField
from ..models import Channel, Contact, ContactReveal


def _require_channel_writer(user, unit: Unit | None) -> None:
    if not user.writes_business_data:
        raise BusinessError("您的角色不能维护招商渠道", status=403)
    if unit is None:
        if not user.is_city_admin:
            raise BusinessError("全市共享渠道由市级招商管理员维护；请选择本单位", field="unit", status=403)
    elif unit.pk not in visible_unit_ids(user=user):
        raise BusinessError("只能维护本单位或下级单位的渠道", field="unit", status=403)


def _check_origin(kind: str, origin: str) -> str:
    if kind == ChannelKind.INVESTMENT_INSTITUTION:
        if not origin:
            raise BusinessError("投资机构请选择境内或境外", field="origin")
        return origin
    return ""


def _check_name(name: str, unit: Unit | None, exclude: int | None = None) -> str:
    name = name.strip()
    if not name:
        raise BusinessError("请填写渠道名称", field="name")
    clash = Channel.objects.filter(name=name, unit=unit).exclude(pk=exclude)
    if clash.exists():
        owner = unit.display_name if unit else "全市共享渠道"
        raise BusinessError(f"{owner}中已有同名渠道“{name}”", field="name")
    return name


@transaction.atomic
def channel_create(*, user, kind: str, name: str, unit: Unit | None, region: str = "", origin: str = "",
                   notes: str = "", is_demo: bool = False) -> Channel:
    _require_channel_writer(user, unit)
    channel = Channel(kind=kind, name=_check_name(name, unit), unit=unit, region=region.strip(),
                      origin=_check_origin(kind, origin), notes=notes.strip(), is_demo=is_demo, created_by=user)
    channel.full_clean()
    channel._history_user = user
    channel.save()
    return channel


CHANNEL_FIELDS = ["kind", "name", "region", "origin", "notes", "is_active"]


@transaction.atomic
def channel_update(*, user, channel: Channel, data: dict) -> tuple[Channel, list[str]]:
    channel = Channel.objects.select_for_update().get(pk=channel.pk)
    _require_channel_writer(user, channel.unit)
    unknown = set(data) - set(CHANNEL_FIELDS)
    if unknown:
        raise BusinessError(f"这些字段不能在此修改：{'、'.join(sorted(unknown))}")
    if "name" in data:
        data["name"] = _check_name(data["name"], channel.unit, exclude=channel.pk)
    kind = data.get("kind", channel.kind)
    data["origin"] = _check_origin(kind, data.get("origin", channel.origin))
    channel._history_user = user
    return model_update(instance=channel, fields=list(data), data=data)


def _require_contact_writer(user, channel: Channel) -> None:
    from ..selectors import channel_queryset

    if not channel_queryset(user=user).filter(pk=channel.pk).exists():
        raise BusinessError("渠道不存在或无权查看", status=404)
    if not user.writes_business_data or not user.sees_personal_data:
        raise BusinessError("您的角色不能维护联系人", status=403)
    if channel.unit_id is None and not user.is_city_admin:
        raise BusinessError("全市共享渠道的联系人由市级招商管理员维护", status=403)


def _clean_contact(name: str, phone: str, email: str, wechat: str) -> dict:
    name = name.strip()
    if not name:
        raise BusinessError("请填写联系人姓名", field="name")
    if "*" in phone:
        raise BusinessError("手机号码是脱敏显示的号码，请填写完整号码", field="phone")
    return {"name": name, "phone": "".join(phone.split()), "email": email.strip(), "wechat": wechat.strip()}


@transaction.atomic
def contact_create(*, user, channel: Channel, name: str, title: str = "", phone: str = "", email: str = "",
                   wechat: str = "", notes: str = "", is_demo: bool = False) -> Contact:
    _require_contact_writer(user, channel)
    values = _clean_contact(name, phone, email, wechat)
    if Contact.objects.filter(channel=channel, name=values["name"]).exists():
        raise BusinessError(f"该渠道已有联系人“{values['name']}”", field="name")
    contact = Contact(channel=channel, title=title.strip(), notes=notes.strip(), is_demo=is_demo, **values)
    contact.full_clean()
    contact._history_user = user
    contact.save()
    return contact


CONTACT_FIELDS = ["name", "title", "phone", "email", "wechat", "notes", "is_active"]


@transaction.atomic
def contact_update(*, user, contact: Contact, data: dict) -> tuple[Contact, list[str]]:
    contact = Contact.objects.select_for_update().select_related("channel").get(pk=contact.pk)
    _require_contact_writer(user, contact.channel)
    unknown = set(data) - set(CONTACT_FIELDS)
    if unknown:
        raise BusinessError(f"这些字段不能在此修改：{'、'.join(sorted(unknown))}")
    merged = {"name": contact.name, "phone": contact.phone, "email": contact.email, "wechat": contact.wechat}
    merged.update({k: v for k, v in data.items() if k in merged})
    data.update({k: v for k, v in _clean_contact(**merged).items() if k in data})
    if "name" in data and Contact.objects.filter(channel=contact.channel, name=data["name"]) \
            .exclude(pk=contact.pk).exists():
        raise BusinessError(f"该渠道已有联系人“{data['name']}”", field="name")
    contact._history_user = user
    return model_update(instance=contact, fields=list(data), data=data)


@transaction.atomic
def contact_reveal(*, user, contact: Contact, field: str) -> str:
    """Show one personal field of a contact to a role that needs it, and log who saw what, when."""
    from ..selectors import channel_queryset

    if field not in ContactField.values:
        raise BusinessError("未知的联系方式", status=400)
    if not user.sees_personal_data:
        raise BusinessError("您的角色不能查看联系人的联系方式", status=403)
    if not channel_queryset(user=user).filter(pk=contact.channel_id).exists():
        raise BusinessError("记录不存在或无权查看", status=404)
    ContactReveal.objects.create(contact=contact, field=field, user=user)
    return getattr(contact, field)
