"""Forms of task forces (招商专班), their members, next-step filters, and leaders' activities."""

from __future__ import annotations

from django import forms

from zhaoshang.accounts.models import User
from zhaoshang.core.forms import style_form
from zhaoshang.organizations.models import Unit

from .enums import ChainName, LeaderActivityKind, TaskForceKind
from .models import Project

PROJECT_OPTIONS = 500  # options rendered in a project select; the field still accepts any allowed project


def grouped_user_choices(users) -> list:
    """Users as <optgroup> per unit (tom-select searches names, titles and units alike)."""
    groups: dict[str, list] = {}
    for u in users:
        unit = u.unit.display_name if u.unit_id else "—"
        label = f"{u.full_name or u.username}（{u.title or u.get_role_display()}）"
        groups.setdefault(unit, []).append((u.pk, label))
    return list(groups.items())


class _UserField(forms.TypedChoiceField):
    def __init__(self, **kwargs):
        super().__init__(coerce=int, **kwargs)
        self.widget.attrs["data-search"] = "1"


class _UsersField(forms.TypedMultipleChoiceField):
    def __init__(self, **kwargs):
        super().__init__(coerce=int, **kwargs)
        self.widget.attrs["data-search"] = "1"


def _limited_project_field(field: forms.ModelChoiceField, projects, selected=()) -> None:
    """Validate against every allowed project but render only the largest few hundred (plus the chosen)."""
    field.queryset = projects
    shown = list(projects.order_by("-total_investment", "id")[:PROJECT_OPTIONS])
    shown += [p for p in selected if p not in shown]
    field.widget.choices = ([("", "—")] if not isinstance(field, forms.ModelMultipleChoiceField) else []) + \
        [(p.pk, f"{p.name}（{p.unit.display_name}）") for p in shown]
    field.widget.attrs["data-search"] = "1"


class TaskForceForm(forms.Form):
    kind = forms.ChoiceField(label="专班类型", choices=TaskForceKind.choices)
    project = forms.ModelChoiceField(label="服务项目", queryset=Project.objects.none(), required=False,
                                     help_text="项目专班必选；一个项目只能有一个专班")
    chain = forms.ChoiceField(label="产业链", choices=[("", "—")] + list(ChainName.choices), required=False,
                              help_text="产业链专班必选")
    name = forms.CharField(label="专班名称", max_length=100, required=False, help_text="留空时按项目或产业链自动命名")
    unit = forms.ModelChoiceField(label="牵头单位", queryset=Unit.objects.none())
    lead = _UserField(label="专班负责人")
    members = _UsersField(label="成员", required=False, help_text="可跨单位选择，按单位分组；负责人自动成为成员")

    def __init__(self, *args, units, projects, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.users = {u.pk: u for u in users}
        choices = grouped_user_choices(self.users.values())
        self.fields["unit"].queryset = units
        self.fields["lead"].choices = [("", "—")] + choices
        self.fields["members"].choices = choices
        selected = [p for p in [self.initial.get("project")] if isinstance(p, Project)]
        _limited_project_field(self.fields["project"], projects, selected)
        style_form(self)

    def clean(self):
        data = super().clean()
        data["lead"] = self.users.get(data.get("lead"))
        data["members"] = [(self.users[i], "") for i in data.get("members") or [] if i in self.users]
        return data


class TaskForceEditForm(forms.Form):
    name = forms.CharField(label="专班名称", max_length=100)
    lead = _UserField(label="专班负责人")

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.users = {u.pk: u for u in users}
        self.fields["lead"].choices = [("", "—")] + grouped_user_choices(self.users.values())
        style_form(self)

    def clean(self):
        data = super().clean()
        data["lead"] = self.users.get(data.get("lead"))
        return data


class TaskForceMemberForm(forms.Form):
    member = _UserField(label="成员")
    duty = forms.CharField(label="分工", max_length=100, required=False)

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.users = {u.pk: u for u in users}
        self.fields["member"].choices = [("", "—")] + grouped_user_choices(self.users.values())
        style_form(self)

    def clean(self):
        data = super().clean()
        data["member"] = self.users.get(data.get("member"))
        return data


class CloseForm(forms.Form):
    reason = forms.CharField(label="撤销原因", max_length=300, required=False)


# ---- leaders' activities -------------------------------------------------------------------------

class LeaderActivityForm(forms.Form):
    kind = forms.ChoiceField(label="类型", choices=LeaderActivityKind.choices)
    happened_on = forms.DateField(label="日期", widget=forms.DateInput(attrs={"type": "date"}))
    unit = forms.ModelChoiceField(label="所属单位", queryset=Unit.objects.none(),
                                  help_text="计入哪个单位的一把手招商")
    leader = forms.ModelChoiceField(label="领导账号", queryset=User.objects.none(), required=False,
                                    help_text="市领导等已开户的领导；未开户的县区一把手请填写下面的姓名和职务")
    leader_name = forms.CharField(label="领导姓名", max_length=50, required=False)
    leader_title = forms.CharField(label="职务", max_length=60, required=False, help_text="如 区委书记、县长、管委会主任")
    place = forms.CharField(label="地点", max_length=100)
    counterparts = forms.CharField(label="对接企业/机构", max_length=300)
    summary = forms.CharField(label="成果", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    projects = forms.ModelMultipleChoiceField(label="相关项目", queryset=Project.objects.none(), required=False)

    def __init__(self, *args, units, leaders, projects, selected_projects=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["leader"].queryset = leaders
        _limited_project_field(self.fields["projects"], projects, list(selected_projects))
        style_form(self)
