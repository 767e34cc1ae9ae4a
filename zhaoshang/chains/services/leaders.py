"""Chain leaders' needs (链主企业优先采购产品和提供原材料): what each leader buys and supplies."""

from __future__ import annotations

from django.db import transaction

from zhaoshang.core.errors import BusinessError
from zhaoshang.organizations.selectors import visible_unit_ids

from ..enums import NeedDirection
from ..models import ChainLeaderProfile, ChainNode, LeaderNeed


def _require_leader_writer(user, profile: ChainLeaderProfile) -> None:
    """The city admin for any leader; an officer for leaders in their own unit or below."""
    if not user.writes_business_data or (not user.is_city_admin and profile.unit_id not in visible_unit_ids(user=user)):
        raise BusinessError("只有市级管理员或链主企业所在单位的人员可以登记其供需", status=403)


@transaction.atomic
def leader_need_save(*, user, profile: ChainLeaderProfile, node: ChainNode, direction: str, products: str = "",
                     quantity: str = "", note: str = "") -> LeaderNeed:
    """Register (or update) that a leader buys or supplies a node's products."""
    _require_leader_writer(user, profile)
    if direction not in NeedDirection.values:
        raise BusinessError("方向必须是“优先采购”或“提供原材料/产品”", field="direction")
    if not node.is_active or node.alias_of_id:
        raise BusinessError(f"节点 {node.code} 已停用或是关联节点，请选择它代表的节点", field="node")
    need = LeaderNeed.objects.filter(profile=profile, node=node, direction=direction).first() \
        or LeaderNeed(profile=profile, node=node, direction=direction,
                      sort_order=profile.needs.filter(direction=direction).count())
    need.products, need.quantity, need.note = products.strip(), quantity.strip(), note.strip()
    need.full_clean()
    need._history_user = user
    need.save()
    return need


@transaction.atomic
def leader_need_delete(*, user, need: LeaderNeed) -> None:
    _require_leader_writer(user, need.profile)
    need._history_user = user
    need.delete()
