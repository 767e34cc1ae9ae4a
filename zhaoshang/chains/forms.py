"""Forms of the chains pages: they parse and check input; services apply the business rules."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from zhaoshang.core.forms import style_form

from .enums import CorrectionAction, NeedDirection, NodeStage, OutcomeStatus, SignalKind


class StyledForm(forms.Form):
    """Tabler classes on every widget, so the shared form partial renders them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self)


def split_list(text: str) -> list[str]:
    """Officers type lists with any of ；;，,、 or new lines."""
    for sep in (";", "，", ",", "、", "\n", "\r"):
        text = text.replace(sep, "；")
    return [t.strip() for t in text.split("；") if t.strip()]


class UploadForm(StyledForm):
    file = forms.FileField(label="文件")


class NodeEditForm(StyledForm):
    name = forms.CharField(label="名称", max_length=80)
    stage = forms.ChoiceField(label="环节", choices=NodeStage.choices)
    keywords = forms.CharField(label="经营范围关键词", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                               help_text="用“；”分隔")
    industry_codes = forms.CharField(label="行业代码（GB/T 4754）", required=False, help_text="4位数字，用“；”分隔")
    description = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_keywords(self) -> list[str]:
        return split_list(self.cleaned_data["keywords"])

    def clean_industry_codes(self) -> list[str]:
        return split_list(self.cleaned_data["industry_codes"])


class NodeAddForm(StyledForm):
    code = forms.CharField(label="编码", max_length=24)
    name = forms.CharField(label="名称", max_length=80)
    keywords = forms.CharField(label="经营范围关键词", required=False, help_text="用“；”分隔")
    industry_codes = forms.CharField(label="行业代码", required=False)

    def clean_keywords(self) -> list[str]:
        return split_list(self.cleaned_data["keywords"])

    def clean_industry_codes(self) -> list[str]:
        return split_list(self.cleaned_data["industry_codes"])


class EdgeForm(StyledForm):
    source = forms.CharField(label="供应节点编码", max_length=24)
    target = forms.CharField(label="需求节点编码", max_length=24)
    material = forms.CharField(label="物料", max_length=100, required=False)
    note = forms.CharField(label="备注", max_length=300, required=False)


class CorrectionForm(StyledForm):
    action = forms.ChoiceField(label="操作", choices=CorrectionAction.choices)
    node = forms.CharField(label="节点", required=False)
    note = forms.CharField(label="说明", max_length=300, required=False)


class SignalForm(StyledForm):
    happened_on = forms.DateField(label="日期")
    kind = forms.ChoiceField(label="类型", choices=SignalKind.choices)
    text = forms.CharField(label="内容", max_length=300)
    place = forms.CharField(label="地点（城市）", max_length=40, required=False)
    amount = forms.DecimalField(label="金额（万元）", max_digits=16, decimal_places=4, required=False)
    source = forms.CharField(label="来源", max_length=200, required=False)


class OutcomeForm(StyledForm):
    status = forms.ChoiceField(label="进展", choices=[c for c in OutcomeStatus.choices if c[0] != OutcomeStatus.LEAD])
    happened_on = forms.DateField(label="日期", required=False)
    note = forms.CharField(label="备注", max_length=300, required=False)

    def clean_happened_on(self):
        return self.cleaned_data["happened_on"] or timezone.localdate()


class NeedForm(StyledForm):
    node = forms.CharField(label="节点")
    direction = forms.ChoiceField(label="方向", choices=NeedDirection.choices)
    products = forms.CharField(label="产品/原材料", max_length=200, required=False)
    quantity = forms.CharField(label="数量", max_length=100, required=False)
    note = forms.CharField(label="备注", max_length=300, required=False)
