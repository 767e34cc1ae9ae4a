"""Form helpers shared by the apps: Tabler's classes on every widget, once."""

from __future__ import annotations

from django import forms


def style_form(form: forms.BaseForm) -> None:
    """Give each widget the Tabler class of its kind (check box, select, other input)."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        else:
            widget.attrs.setdefault("class", "form-control")
