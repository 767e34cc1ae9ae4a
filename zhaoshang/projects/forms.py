from __future__ import annotations

from django import forms

from zhaoshang.organizations.models import Unit

from .enums import ChainName, FollowUpKind, ProjectKind


def _style(form: forms.Form) -> None:
    for field in form.fields.values():
        w = field.widget
        if isinstance(w, forms.CheckboxInput):
            w.attrs.setdefault("class", "form-check-input")
        elif isinstance(w, forms.Select):
            w.attrs.setdefault("class", "form-select")
        else:
            w.attrs.setdefault("class", "form-control")


class ProjectForm(forms.Form):
    name = forms.CharField(label="项目名称", max_length=200)
    investor_name = forms.CharField(label="投资方", max_length=200, required=False)
    kind = forms.ChoiceField(label="项目类型", choices=ProjectKind.choices)
    unit = forms.ModelChoiceField(label="所属单位", queryset=Unit.objects.none())
    chain = forms.ChoiceField(label="产业链", choices=[("", "—")] + list(ChainName.choices), required=False)
    industry = forms.CharField(label="行业", max_length=60, required=False)
    total_investment = forms.DecimalField(label="总投资（万元）", max_digits=16, decimal_places=4, min_value=0)
    description = forms.CharField(label="项目简介", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    contact_name = forms.CharField(label="项目联系人", max_length=50, required=False)
    contact_phone = forms.CharField(label="联系电话", max_length=30, required=False)
    is_confidential = forms.BooleanField(label="保密项目（仅本单位及市级可见）", required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
        _style(self)


class FollowUpForm(forms.Form):
    happened_on = forms.DateField(label="日期", widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label="方式", choices=FollowUpKind.choices)
    participants = forms.CharField(label="参与人员", max_length=200, required=False)
    content = forms.CharField(label="内容", widget=forms.Textarea(attrs={"rows": 3}))
    next_step = forms.CharField(label="下一步", max_length=300, required=False)
    next_step_due = forms.DateField(label="下一步期限", required=False,
                                    widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)
