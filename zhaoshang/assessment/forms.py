"""Forms of the assessment pages: they check the shape of the input; the services check the rules."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils import timezone

from .enums import BriefingKind, SchemeRuleKind
from .models import ExclusionCategory


class FlagForm(forms.Form):
    category = forms.ModelChoiceField(ExclusionCategory.objects.all(), label="不计入类别", to_field_name="code")
    reason = forms.CharField(label="认定理由", max_length=300)
    duplicate_code = forms.CharField(label="重复的项目编号", max_length=32, required=False,
                                     help_text="重复统计项目：填写保留计数的项目编号")


class ClearFlagForm(forms.Form):
    reason = forms.CharField(label="撤销理由", max_length=300)


class ShareForm(forms.Form):
    outside_percent = forms.DecimalField(label="省外境内资金及外资占比（%）", min_value=Decimal(0), max_value=Decimal(100),
                                         decimal_places=2, required=False,
                                         help_text="留空：按口径默认占比")
    note = forms.CharField(label="说明", max_length=300, required=False)


class BriefingForm(forms.Form):
    kind = forms.ChoiceField(label="类型", choices=BriefingKind.choices)
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    number = forms.IntegerField(label="月份/季度", min_value=1, max_value=12,
                                help_text="月度通报和红黑榜填月份（1–12），季度通报填季度（1–4）")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["year"].initial = today.year
        self.fields["number"].initial = max(1, today.month - 1) if today.month > 1 else 1


class SchemeCreateForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    name = forms.CharField(label="名称", max_length=100, required=False)


class SchemeRuleAddForm(forms.Form):
    kind = forms.ChoiceField(label="类型", choices=SchemeRuleKind.choices)
    label = forms.CharField(label="规则", max_length=100)
    indicator = forms.CharField(label="指标编码", max_length=40, required=False)
    points = forms.DecimalField(label="分值", min_value=Decimal(0), max_digits=7, decimal_places=2)
    params = forms.JSONField(label="参数（JSON）", required=False, initial=dict)
