from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from zhaoshang.core.forms import style_form
from zhaoshang.organizations.models import Unit

from .enums import Role


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "用户名或密码错误。连续失败多次后账号将被临时锁定。",
        "inactive": "该账号已停用，请联系系统管理员。",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "用户名"
        self.fields["password"].label = "密码"
        self.fields["username"].widget.attrs.update({"class": "form-control", "autofocus": True})
        self.fields["password"].widget.attrs.update({"class": "form-control"})


class UserForm(forms.Form):
    username = forms.CharField(label="用户名", max_length=150)
    full_name = forms.CharField(label="姓名", max_length=50)
    role = forms.ChoiceField(label="角色", choices=Role.choices)
    unit = forms.ModelChoiceField(label="所属单位", queryset=Unit.objects.order_by("path"))
    title = forms.CharField(label="职务", max_length=50, required=False)
    phone = forms.CharField(label="手机", max_length=20, required=False)
    email = forms.EmailField(label="电子邮箱", required=False)
    password = forms.CharField(label="初始密码", widget=forms.PasswordInput, required=False,
                               help_text="新建用户时必填；编辑时留空表示不修改")
    is_active = forms.BooleanField(label="启用", required=False, initial=True)

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["username"].disabled = True
        style_form(self)
        for field in self.fields.values():
            if isinstance(field.widget, forms.Select):
                field.widget.attrs["data-search"] = "1"  # tom-select search box on the unit and role lists


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(label="当前密码", widget=forms.PasswordInput(attrs={"class": "form-control"}))
    new_password = forms.CharField(label="新密码", widget=forms.PasswordInput(attrs={"class": "form-control"}))
    new_password2 = forms.CharField(label="再次输入新密码",
                                    widget=forms.PasswordInput(attrs={"class": "form-control"}))

    def clean(self):
        data = super().clean()
        if data.get("new_password") != data.get("new_password2"):
            raise forms.ValidationError("两次输入的新密码不一致")
        return data
