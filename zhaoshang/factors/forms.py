from __future__ import annotations

from django import forms

from zhaoshang.core.forms import style_form
from zhaoshang.organizations.models import Unit
from zhaoshang.projects.models import Project

from .attachments import ALLOWED, ALLOWED_TEXT, MAX_ATTACHMENT_BYTES
from .enums import FactorKind, FinanceKind, SiteKind, SiteStatus, Urgency
from .models import FactorRequest

DATE = {"type": "date"}


def _date_input() -> forms.DateInput:
    """ISO dates: what <input type=date> and the date picker read, whatever the locale's format."""
    return forms.DateInput(attrs=DATE, format="%Y-%m-%d")




class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; the service checks type, content and size of each."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ",".join(ALLOWED)}))
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", "附件")
        kwargs.setdefault("help_text", f"可多选；{ALLOWED_TEXT}，单个不超过 "
                                       f"{MAX_ATTACHMENT_BYTES // 1024 // 1024} MB")
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if not data:
            return []
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


def _optional_choices(choices) -> list:
    return [("", "—")] + list(choices)


class FactorRequestForm(forms.Form):
    project = forms.ModelChoiceField(label="项目", queryset=Project.objects.none(),
                                     widget=forms.Select(attrs={"data-search": "1", "data-testid": "project"}))
    kind = forms.ChoiceField(label="要素类型", choices=FactorKind.choices,
                             widget=forms.Select(attrs={"data-kind-switch": "1"}))
    title = forms.CharField(label="需求事项", max_length=200,
                            widget=forms.TextInput(attrs={"placeholder": "一句话说明要解决什么，如：二期项目新增工业用地"}))
    urgency = forms.ChoiceField(label="紧急程度", choices=Urgency.choices)
    needed_by = forms.DateField(label="需求日期", widget=_date_input(),
                                help_text="项目最迟需要在哪天得到保障")
    description = forms.CharField(label="需求说明", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                  help_text="背景、已做的工作、卡在哪里")
    site_kind = forms.ChoiceField(label="载体类型", choices=SiteKind.choices, required=False)
    land_mu = forms.DecimalField(label="用地面积（亩）", max_digits=10, decimal_places=2, required=False)
    floor_area_sqm = forms.DecimalField(label="建筑面积（㎡）", max_digits=12, decimal_places=2, required=False,
                                        help_text="标准厂房或楼宇的需求面积")
    place = forms.CharField(label="意向位置", max_length=200, required=False)
    finance_amount = forms.DecimalField(label="融资金额（万元）", max_digits=16, decimal_places=4, required=False)
    finance_kind = forms.ChoiceField(label="融资方式", choices=_optional_choices(FinanceKind.choices), required=False)
    approval_items = forms.CharField(label="审批事项", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                     help_text="每行一项，如：建设工程规划许可证")
    energy_tce = forms.DecimalField(label="年综合能耗（吨标准煤）", max_digits=12, decimal_places=2, required=False)
    workers = forms.IntegerField(label="用工需求（人）", min_value=1, required=False)
    files = MultipleFileField()

    # Which fields belong to which kind: the page shows only the current kind's (see the template).
    KIND_FIELDS = {"site_kind": "land", "land_mu": "land", "floor_area_sqm": "land", "place": "land",
                   "finance_amount": "finance", "finance_kind": "finance", "approval_items": "approval",
                   "energy_tce": "energy", "workers": "labour"}

    def __init__(self, *args, projects=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects if projects is not None else Project.objects.none()
        self.fields["project"].label_from_instance = lambda p: f"{p.code} {p.name}（{p.unit}）"
        for name, kind in self.KIND_FIELDS.items():
            self.fields[name].widget.attrs["data-kind"] = kind
        style_form(self)


ACTION_LABELS = {
    # action: (button, text label, text required)
    "accept": ("受理", "受理意见", False),
    "ask_info": ("要求补充材料", "需要补充的材料", True),
    "answer": ("提交补充材料", "补充说明", True),
    "resolve": ("办结", "办理结果", True),
    "decline": ("退回", "退回原因", True),
    "withdraw": ("撤回需求", "撤回原因", True),
    "comment": ("留言", "留言内容", True),
    "reassign": ("改派", "改派理由", True),  # its own form (ReassignForm): a department and the reason
}


class StepForm(forms.Form):
    """The words (and files) of one action on a request."""

    text = forms.CharField(label="意见", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    files = MultipleFileField()

    def __init__(self, *args, action: str = "comment", **kwargs):
        super().__init__(*args, **kwargs)
        _, label, required = ACTION_LABELS[action]
        self.fields["text"].label = label
        self.fields["text"].required = required
        if action == "withdraw":
            del self.fields["files"]
        style_form(self)


class ReassignForm(forms.Form):
    department = forms.ModelChoiceField(label="改派至", queryset=Unit.objects.none())
    text = forms.CharField(label="改派理由", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, departments=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments if departments is not None else Unit.objects.none()
        style_form(self)


class CalendarDayForm(forms.Form):
    day = forms.DateField(label="日期", widget=_date_input())
    is_working_day = forms.TypedChoiceField(label="调整", choices=[("0", "放假（工作日休息）"), ("1", "调休上班（周末上班）")],
                                            coerce=lambda v: v == "1")
    note = forms.CharField(label="说明", max_length=50, required=False,
                           widget=forms.TextInput(attrs={"placeholder": "如：春节"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self)


class RoutingForm(forms.Form):
    """One row per kind: department and deadline (working days)."""

    def __init__(self, *args, rows=(), departments=None, **kwargs):
        super().__init__(*args, **kwargs)
        for row in rows:
            self.fields[f"department_{row.kind}"] = forms.ModelChoiceField(
                label=f"{row.label}责任部门", queryset=departments, initial=row.rule.department_id if row.rule else None)
            self.fields[f"days_{row.kind}"] = forms.IntegerField(
                label=f"{row.label}办理时限（工作日）", min_value=1, max_value=120,
                initial=row.rule.deadline_days if row.rule else None)
            self.fields[f"note_{row.kind}"] = forms.CharField(
                label=f"{row.label}说明", max_length=200, required=False, initial=row.rule.note if row.rule else "")
        style_form(self)

    def rows(self, kinds) -> list[dict]:
        return [{"kind": k, "department": self.cleaned_data[f"department_{k}"],
                 "deadline_days": self.cleaned_data[f"days_{k}"], "note": self.cleaned_data[f"note_{k}"]}
                for k in kinds]


class SiteForm(forms.Form):
    name = forms.CharField(label="载体名称", max_length=100)
    kind = forms.ChoiceField(label="载体类型", choices=SiteKind.choices)
    unit = forms.ModelChoiceField(label="所在单位", queryset=Unit.objects.none())
    address = forms.CharField(label="位置", max_length=200)
    area = forms.DecimalField(label="面积（土地：亩；厂房、楼宇：㎡）", max_digits=12, decimal_places=2, min_value=0)
    price = forms.DecimalField(label="价格（土地：万元/亩；厂房、楼宇：元/㎡·月）", max_digits=12, decimal_places=2,
                               required=False, min_value=0)
    suitable_industries = forms.CharField(label="适宜产业", max_length=200, required=False,
                                          help_text="用顿号分隔，如：石化、新材料")
    status = forms.ChoiceField(label="状态", choices=SiteStatus.choices)
    available_from = forms.DateField(label="可交付日期", required=False, widget=_date_input())
    project = forms.ModelChoiceField(label="对接/落地项目", queryset=Project.objects.none(), required=False,
                                     widget=forms.Select(attrs={"data-search": "1"}))
    note = forms.CharField(label="备注", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, units=None, projects=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
        self.fields["project"].queryset = projects if projects is not None else Project.objects.none()
        style_form(self)


class JointReviewForm(forms.Form):
    title = forms.CharField(label="会议名称", max_length=200)
    held_on = forms.DateField(label="联审日期", widget=_date_input())
    place = forms.CharField(label="地点", max_length=100, required=False)
    departments = forms.ModelMultipleChoiceField(label="参加部门", queryset=Unit.objects.none(),
                                                 widget=forms.SelectMultiple(attrs={"data-search": "1"}))
    requests = forms.ModelMultipleChoiceField(label="审议需求", queryset=FactorRequest.objects.none(),
                                              widget=forms.SelectMultiple(attrs={"data-search": "1"}))
    decisions = forms.CharField(label="会议决定", widget=forms.Textarea(attrs={"rows": 4}),
                                help_text="逐条写明各部门的分工和完成时限")

    def __init__(self, *args, departments=None, requests=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departments"].queryset = departments if departments is not None else Unit.objects.none()
        self.fields["requests"].queryset = requests if requests is not None else FactorRequest.objects.none()
        self.fields["requests"].label_from_instance = lambda r: f"{r.code} {r.title}（{r.department}）"
        style_form(self)
