"""The city admin's scoring and health rules, tiers and drop reasons (everyone else reads them)."""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from zhaoshang.core.errors import BusinessError

from ..enums import WarningSeverity
from ..models import DropReason, HealthRule, ScoreRule, TierThreshold
from ..services import rules as rule_services


def rules(request: HttpRequest) -> HttpResponse:
    if not request.user.sees_business_data:
        raise PermissionDenied
    ctx = {
        "score_rules": [(r, json.dumps(r.params, ensure_ascii=False)) for r in ScoreRule.objects.all()],
        "health_rules": [(r, json.dumps(r.params, ensure_ascii=False)) for r in HealthRule.objects.all()],
        "tiers": TierThreshold.objects.all(), "drop_reasons": DropReason.objects.all(),
        "severities": WarningSeverity.choices, "editable": request.user.is_city_admin,
    }
    return render(request, "projects/rules.html", ctx)


def _rows(request: HttpRequest, model, fields: list[str]) -> list[dict]:
    rows = []
    for obj in model.objects.all():
        row = {"id": obj.id, "is_active": request.POST.get(f"active_{obj.id}") == "on"}
        for f in fields:
            row[f] = request.POST.get(f"{f}_{obj.id}", "")
        rows.append(row)
    return rows


@require_POST
def rules_save(request: HttpRequest, section: str) -> HttpResponse:
    try:
        if section == "score":
            rows = _rows(request, ScoreRule, ["points", "params"])
            for row in rows:
                if not row["points"].isdigit():
                    raise BusinessError("分值必须是 0 到 100 的整数")
            n = rule_services.score_rules_update(user=request.user, rows=rows)
            messages.success(request, f"已保存评分规则（修改 {n} 条），全部项目的评分正在重新计算。")
        elif section == "health":
            n = rule_services.health_rules_update(user=request.user,
                                                  rows=_rows(request, HealthRule, ["severity", "params"]))
            messages.success(request, f"已保存体检规则（修改 {n} 条），下次体检时生效。")
        elif section == "tiers":
            labels, amounts = request.POST.getlist("tier_label"), request.POST.getlist("tier_amount")
            try:
                tiers = [(lab, Decimal(a)) for lab, a in zip(labels, amounts, strict=True) if lab.strip() or a.strip()]
            except InvalidOperation as exc:
                raise BusinessError("等级门槛必须是数字（万元）") from exc
            n = rule_services.tier_thresholds_set(user=request.user, tiers=tiers)
            messages.success(request, f"已保存 {n} 个重大项目等级。")
        elif section == "drop":
            reason = rule_services.drop_reason_add(user=request.user, name=request.POST.get("name", ""))
            messages.success(request, f"已添加终止原因“{reason.name}”。")
        else:
            raise BusinessError("未知的规则类型", status=404)
    except BusinessError as exc:
        if exc.status == 403:
            raise PermissionDenied from exc
        messages.error(request, exc.message)
    return redirect("projects:rules")
