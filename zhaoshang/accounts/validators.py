"""Password complexity required by 等保 2.0: several character classes, not just length."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError


class ComplexityValidator:
    classes = (
        (re.compile(r"[a-z]"), "小写字母"),
        (re.compile(r"[A-Z]"), "大写字母"),
        (re.compile(r"\d"), "数字"),
        (re.compile(r"[^A-Za-z0-9]"), "特殊字符"),
    )

    def __init__(self, min_classes: int = 3) -> None:
        self.min_classes = min_classes

    def validate(self, password: str, user=None) -> None:
        present = sum(1 for rx, _ in self.classes if rx.search(password))
        if present < self.min_classes:
            raise ValidationError(
                f"密码须至少包含大写字母、小写字母、数字、特殊字符中的 {self.min_classes} 类。",
                code="password_too_simple",
            )

    def get_help_text(self) -> str:
        return f"密码须至少包含大写字母、小写字母、数字、特殊字符中的 {self.min_classes} 类。"


class MinimumLengthValidator:
    """Django's own, with its message in Chinese (Django 5.2's zh_Hans catalog lags its new msgid)."""

    def __init__(self, min_length: int = 10) -> None:
        self.min_length = min_length

    def validate(self, password: str, user=None) -> None:
        if len(password) < self.min_length:
            raise ValidationError(f"密码长度太短，至少需要 {self.min_length} 个字符。", code="password_too_short")

    def get_help_text(self) -> str:
        return f"密码至少需要 {self.min_length} 个字符。"
