"""Forms of the leads pages: they validate input; the services decide the business rules."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from zhaoshang.core.forms import style_form
from zhaoshang.organizations.models import Unit
from zhaoshang.organizations.selectors import unit_list
from zhaoshang.projects.enums import ChainName

from .enums import AssessmentDimension, ChannelKind, ConflictDecision, DeadlineKind, InstitutionOrigin, Rating
from .models import Channel, Contact

DATE = forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d")




class StyledForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self)


def business_units(user):
    """Units a lead or channel may belong to: the user's own and those under it, departments excluded."""
    return unit_list(user=user).exclude(kind="department").filter(is_active=True)


class LeadForm(StyledForm):
    firm_name = forms.CharField(label="企业名称", max_length=200,
                                help_text="写企业全称最好；简称也可以，平台会识别为同一企业")
    credit_code = forms.CharField(label="统一社会信用代码", max_length=30, required=False,
                                  help_text="已知时填写：以信用代码识别企业最准确")
    unit = forms.ModelChoiceField(label="所属单位", queryset=Unit.objects.none())
    channel = forms.ModelChoiceField(label="来源渠道", queryset=Channel.objects.none(), required=False)
    contact = forms.ModelChoiceField(label="推荐人", queryset=Contact.objects.none(), required=False,
                                     help_text="所选渠道的联系人")
    channel_kind = forms.ChoiceField(label="渠道类型", choices=[("", "—（按所选渠道）")] + ChannelKind.choices,
                                     required=False, help_text="未登记具体渠道时选择渠道类型")
    summary = forms.CharField(label="投资意向", widget=forms.Textarea(attrs={"rows": 3}))
    industry = forms.CharField(label="行业", max_length=60, required=False)
    planned_investment = forms.DecimalField(label="拟投资额（万元）", max_digits=16, decimal_places=4, required=False,
                                            min_value=0)
    planned_timing = forms.CharField(label="计划投资时间", max_length=60, required=False,
                                     help_text="如 2026年下半年")
    land_mu = forms.DecimalField(label="用地需求（亩）", max_digits=10, decimal_places=2, required=False, min_value=0)
    energy_tce = forms.DecimalField(label="年综合能耗（吨标准煤）", max_digits=12, decimal_places=2, required=False,
                                    min_value=0)
    received_on = forms.DateField(label="收到日期", widget=DATE)
    is_confidential = forms.BooleanField(label="保密线索（其他单位在重复招商提醒中只能看到企业名称）", required=False)

    def __init__(self, *args, user, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        from .selectors import channel_queryset

        channels = channel_queryset(user=user).filter(is_active=True).order_by("kind", "name")
        self.fields["channel"].queryset = channels
        self.fields["contact"].queryset = Contact.objects.filter(channel__in=channels, is_active=True) \
            .select_related("channel")
        self.fields["contact"].label_from_instance = lambda c: f"{c.channel.name} · {c}"
        self.fields["unit"].queryset = business_units(user)
        if editing:
            for name in ("unit", "credit_code", "channel_kind"):
                del self.fields[name]

    def clean(self):
        data = super().clean()
        if "channel_kind" in self.fields and not data.get("channel") and not data.get("channel_kind"):
            self.add_error("channel", "请选择来源渠道，或选择渠道类型")
        return data


class AssessForm(StyledForm):
    """研判: one rating and one comment per dimension, then the conclusion."""

    conclusion = forms.CharField(label="研判结论", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ratings = [("", "请选择")] + [(str(v), label) for v, label in Rating.choices]
        for dimension in AssessmentDimension:
            self.fields[f"rating_{dimension.value}"] = forms.TypedChoiceField(
                label=dimension.label, choices=ratings, coerce=int, widget=forms.Select(attrs={"class": "form-select"}))
            self.fields[f"comment_{dimension.value}"] = forms.CharField(
                label=f"{dimension.label}说明", max_length=300, required=False,
                widget=forms.TextInput(attrs={"class": "form-control", "placeholder": "依据、风险或需核实的事项"}))
        self.order_fields([f for d in AssessmentDimension for f in (f"rating_{d.value}", f"comment_{d.value}")]
                          + ["conclusion"])

    def dimensions(self):
        return [(d.label, self[f"rating_{d.value}"], self[f"comment_{d.value}"]) for d in AssessmentDimension]

    def ratings(self) -> dict[str, tuple[int, str]]:
        return {d.value: (self.cleaned_data[f"rating_{d.value}"], self.cleaned_data.get(f"comment_{d.value}", ""))
                for d in AssessmentDimension}


class ReasonForm(StyledForm):
    reason = forms.CharField(label="原因", max_length=300, widget=forms.Textarea(attrs={"rows": 2}))


class FeedbackForm(StyledForm):
    note = forms.CharField(label="反馈内容", max_length=300, widget=forms.Textarea(attrs={"rows": 2}),
                           help_text="向推荐方（渠道联系人）反馈了什么、怎样反馈的")
    on = forms.DateField(label="反馈日期", widget=DATE, required=False)


class ConvertForm(StyledForm):
    name = forms.CharField(label="项目名称", max_length=200)
    total_investment = forms.DecimalField(label="总投资（万元）", max_digits=16, decimal_places=4, min_value=0)
    chain = forms.ChoiceField(label="产业链", choices=[("", "—")] + ChainName.choices, required=False)
    description = forms.CharField(label="项目简介", required=False, widget=forms.Textarea(attrs={"rows": 2}),
                                  help_text="留空时使用线索的投资意向")


class AttachProjectForm(StyledForm):
    code = forms.CharField(label="项目编号", max_length=32, help_text="已在项目库中录入的项目，如 LYG-2026-00012")


class TransferForm(StyledForm):
    to_unit = forms.ModelChoiceField(label="接收单位", queryset=Unit.objects.filter(
        kind__in=["district", "zone", "park"], is_active=True).order_by("path"))
    reason = forms.CharField(label="流转原因", max_length=300, widget=forms.Textarea(attrs={"rows": 2}),
                             help_text="如 企业选址在对方辖区、更适合对方产业定位")

    def __init__(self, *args, exclude_unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        if exclude_unit is not None:
            self.fields["to_unit"].queryset = self.fields["to_unit"].queryset.exclude(pk=exclude_unit.pk)


class ProjectTransferForm(TransferForm):
    project_code = forms.CharField(label="项目编号", max_length=32)
    field_order = ["project_code", "to_unit", "reason"]


class NoteForm(StyledForm):
    note = forms.CharField(label="意见", max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ChannelForm(StyledForm):
    kind = forms.ChoiceField(label="渠道类型", choices=ChannelKind.choices)
    name = forms.CharField(label="渠道名称", max_length=100)
    region = forms.CharField(label="所在地区", max_length=60, required=False, help_text="如 上海、深圳、京津冀、新加坡")
    origin = forms.ChoiceField(label="境内/境外", choices=[("", "—")] + InstitutionOrigin.choices, required=False,
                               help_text="投资机构必填")
    unit = forms.ModelChoiceField(label="所属单位", queryset=Unit.objects.none(), required=False,
                                  empty_label="全市共享（市级维护）")
    notes = forms.CharField(label="备注", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    is_active = forms.BooleanField(label="启用", required=False, initial=True)

    def __init__(self, *args, user, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = business_units(user)
        if not user.is_city_admin:
            self.fields["unit"].required = True
            self.fields["unit"].empty_label = None
        if editing:
            del self.fields["unit"]
        else:
            del self.fields["is_active"]


class ContactForm(StyledForm):
    name = forms.CharField(label="姓名", max_length=50)
    title = forms.CharField(label="职务", max_length=60, required=False)
    phone = forms.CharField(label="手机", max_length=30, required=False)
    email = forms.EmailField(label="电子邮箱", max_length=100, required=False)
    wechat = forms.CharField(label="微信", max_length=60, required=False)
    notes = forms.CharField(label="备注", max_length=300, required=False)
    is_active = forms.BooleanField(label="启用", required=False, initial=True)


class DeadlineForm(StyledForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in DeadlineKind:
            self.fields[kind.value] = forms.IntegerField(label=f"{kind.label}时限（天）", min_value=1, max_value=365)


class ConflictDecisionForm(StyledForm):
    decision = forms.ChoiceField(label="裁定方式", choices=ConflictDecision.choices, widget=forms.RadioSelect)
    owner_unit = forms.TypedChoiceField(label="归属单位", coerce=int, required=False)
    counted_project = forms.TypedChoiceField(label="计入考核的项目", coerce=int, required=False,
                                             help_text="同一投资录入了多个项目时，只计其中一个")
    reason = forms.CharField(label="裁定说明", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, parties, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].widget.attrs = {}
        self.parties = parties
        self.fields["owner_unit"].choices = [("", "—")] + [(p.unit_id, p.unit.display_name) for p in parties]
        self.fields["counted_project"].choices = [("", "—")] + [(p.pk, f"{p.code} {p.name}（{p.unit}）")
                                                                for p in projects]
        if not projects:
            del self.fields["counted_project"]
        for party in parties:
            self.fields[f"share_{party.unit_id}"] = forms.DecimalField(
                label=f"{party.unit.display_name}（%）", max_digits=5, decimal_places=2, min_value=0, max_value=100,
                required=False, widget=forms.NumberInput(attrs={"class": "form-control", "step": "0.01"}))

    def share_fields(self):
        return [self[f"share_{p.unit_id}"] for p in self.parties]

    def clean(self):
        data = super().clean()
        if data.get("decision") == ConflictDecision.ONE_OWNER and not data.get("owner_unit"):
            self.add_error("owner_unit", "请选择归属单位")
        return data

    def shares(self) -> dict[int, object]:
        return {p.unit_id: self.cleaned_data.get(f"share_{p.unit_id}") for p in self.parties}


def today():
    return timezone.localdate()
