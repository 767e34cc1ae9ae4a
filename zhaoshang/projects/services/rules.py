"""The city admin's settings for projects: scoring rules, health rules, tiers and drop reasons."""

from __future__ import annotations

import json
from decimal import Decimal

from django.db import transaction

from zhaoshang.core.errors import BusinessError

from ..enums import WarningSeverity
from ..health import CHECKS
from ..models import DropReason, HealthRule, ScoreRule, TierThreshold
from ..scoring import COMPONENTS


def _require_city_admin(user) -> None:
    if not user.is_city_admin:
        raise BusinessError("只有市级招商管理员可以修改规则", status=403)


def _params(text: str, label: str) -> dict:
    try:
        value = json.loads(text or "{}")
    except json.JSONDecodeError as exc:
        raise BusinessError(f"“{label}”的参数不是有效的 JSON：{exc.msg}（第 {exc.colno} 列）") from exc
    if not isinstance(value, dict):
        raise BusinessError(f"“{label}”的参数必须是 JSON 对象（{{…}}）")
    return value


@transaction.atomic
def score_rules_update(*, user, rows: list[dict]) -> int:
    """rows: {"id", "points", "params" (JSON text), "is_active"}; all or nothing."""
    _require_city_admin(user)
    changed = 0
    for row in rows:
        rule = ScoreRule.objects.select_for_update().get(id=row["id"])
        if rule.code not in COMPONENTS:
            raise BusinessError(f"未知的评分规则“{rule.code}”")
        points = int(row["points"])
        if not 0 <= points <= 100:
            raise BusinessError(f"“{rule.label}”的分值必须在 0 到 100 之间")
        params = _params(row["params"], rule.label)
        new = (points, params, bool(row["is_active"]))
        if new != (rule.points, rule.params, rule.is_active):
            rule.points, rule.params, rule.is_active = new
            rule._history_user = user
            rule.save(update_fields=["points", "params", "is_active"])
            changed += 1
    if changed:
        from .scoring import projects_refresh_all

        transaction.on_commit(lambda: projects_refresh_all())
    return changed


@transaction.atomic
def health_rules_update(*, user, rows: list[dict]) -> int:
    _require_city_admin(user)
    changed = 0
    for row in rows:
        rule = HealthRule.objects.select_for_update().get(id=row["id"])
        if rule.code not in CHECKS:
            raise BusinessError(f"未知的体检规则“{rule.code}”")
        if row["severity"] not in WarningSeverity.values:
            raise BusinessError(f"“{rule.label}”的级别不正确")
        new = (row["severity"], _params(row["params"], rule.label), bool(row["is_active"]))
        if new != (rule.severity, rule.params, rule.is_active):
            rule.severity, rule.params, rule.is_active = new
            rule._history_user = user
            rule.save(update_fields=["severity", "params", "is_active"])
            changed += 1
    return changed


@transaction.atomic
def tier_thresholds_set(*, user, tiers: list[tuple[str, Decimal]]) -> int:
    """Replace the tier list (labels and minimum investments in 万元, strictly increasing)."""
    _require_city_admin(user)
    amounts = [a for _, a in tiers]
    if any(a <= 0 for a in amounts) or amounts != sorted(set(amounts)):
        raise BusinessError("等级门槛必须大于 0 且从小到大各不相同")
    if len({label for label, _ in tiers}) != len(tiers) or any(not label.strip() for label, _ in tiers):
        raise BusinessError("等级名称不能为空且不能重复")
    for old in TierThreshold.objects.all():
        old._history_user = user
        old.delete()
    for label, amount in tiers:
        t = TierThreshold(label=label.strip(), min_investment=amount)
        t._history_user = user
        t.save()
    from .scoring import projects_refresh_all

    transaction.on_commit(lambda: projects_refresh_all())
    return len(tiers)


@transaction.atomic
def drop_reason_add(*, user, name: str) -> DropReason:
    _require_city_admin(user)
    name = name.strip()
    if not name:
        raise BusinessError("原因不能为空")
    if DropReason.objects.filter(name=name).exists():
        raise BusinessError(f"原因“{name}”已存在")
    reason = DropReason(name=name, sort_order=DropReason.objects.count())
    reason._history_user = user
    reason.full_clean()
    reason.save()
    return reason
