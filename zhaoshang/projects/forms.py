from __future__ import annotations

from django import forms

from zhaoshang.core.forms import style_form
from zhaoshang.organizations.models import Unit

from .enums import AgreementKind, ChainName, FollowUpKind, ProjectKind


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
        style_form(self)


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
        style_form(self)


class ProjectEditForm(ProjectForm):
    """The project form plus the version it was loaded with (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    fixed_asset_investment = forms.DecimalField(label="固定资产投资（万元）", max_digits=16, decimal_places=4,
                                                min_value=0, required=False)
    foreign_investment_usd = forms.DecimalField(label="外资（万美元）", max_digits=14, decimal_places=2, min_value=0,
                                                required=False)
    land_mu = forms.DecimalField(label="用地需求（亩）", max_digits=10, decimal_places=2, min_value=0, required=False)
    expected_annual_output = forms.DecimalField(label="预计年产值（万元）", max_digits=16, decimal_places=4,
                                                min_value=0, required=False)
    expected_annual_tax = forms.DecimalField(label="预计年税收（万元）", max_digits=16, decimal_places=4, min_value=0,
                                             required=False)
    expected_jobs = forms.IntegerField(label="预计用工（人）", min_value=0, required=False)
    responsible_leader = forms.ModelChoiceField(label="包挂领导", queryset=None, required=False)

    def __init__(self, *args, leaders=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("unit")
        self.fields["responsible_leader"].queryset = leaders
        style_form(self)


class AdvanceForm(forms.Form):
    """Evidence for the next stage; only the fields of that stage are shown and required."""

    signed_on = forms.DateField(label="签约日期", widget=forms.DateInput(attrs={"type": "date"}))
    agreement_kind = forms.ChoiceField(label="协议类型", choices=AgreementKind.choices)
    contracted_amount = forms.DecimalField(label="签约金额（万元）", max_digits=16, decimal_places=4, min_value=0)
    registered_on = forms.DateField(label="注册日期", widget=forms.DateInput(attrs={"type": "date"}))
    local_company_name = forms.CharField(label="落地公司名称", max_length=200)
    local_credit_code = forms.CharField(label="统一社会信用代码", max_length=18, min_length=18)
    site = forms.CharField(label="项目选址", max_length=200)
    construction_started_on = forms.DateField(label="开工日期", widget=forms.DateInput(attrs={"type": "date"}))
    production_started_on = forms.DateField(label="投产日期", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, target: str, **kwargs):
        from .services.lifecycle import STAGE_EVIDENCE_FIELDS

        super().__init__(*args, **kwargs)
        keep = STAGE_EVIDENCE_FIELDS.get(target, [])
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        style_form(self)


class ReasonForm(forms.Form):
    reason = forms.CharField(label="原因", max_length=300, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self)


class DropForm(forms.Form):
    reason = forms.ModelChoiceField(label="终止原因", queryset=None)
    note = forms.CharField(label="说明", max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        from .models import DropReason

        super().__init__(*args, **kwargs)
        self.fields["reason"].queryset = DropReason.objects.filter(is_active=True)
        style_form(self)


class CapitalEntryForm(forms.Form):
    entry_date = forms.DateField(label="到位日期", widget=forms.DateInput(attrs={"type": "date"}))
    amount = forms.DecimalField(label="到位金额（万元）", max_digits=16, decimal_places=4, min_value=0)
    foreign_amount_usd = forms.DecimalField(label="其中外资（万美元）", max_digits=14, decimal_places=2, min_value=0,
                                            required=False)
    note = forms.CharField(label="说明", max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self)


class MilestoneDoneForm(forms.Form):
    done_on = forms.DateField(label="完成日期", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self)


class AnnualActualForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    output = forms.DecimalField(label="产值（万元）", max_digits=16, decimal_places=4, min_value=0, required=False)
    tax = forms.DecimalField(label="税收（万元）", max_digits=16, decimal_places=4, min_value=0, required=False)
    jobs = forms.IntegerField(label="用工（人）", min_value=0, required=False)
    fixed_asset_investment = forms.DecimalField(label="固定资产投资（万元）", max_digits=16, decimal_places=4,
                                                min_value=0, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self)
