"""Base model and the money field shared by every domain app."""

from __future__ import annotations

from django.db import models


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        abstract = True


class WanYuanField(models.DecimalField):
    """An amount in 万元 CNY, exact to the yuan (4 decimal places); never a float."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_digits", 16)
        kwargs.setdefault("decimal_places", 4)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("max_digits") == 16:
            kwargs.pop("max_digits")
        if kwargs.get("decimal_places") == 4:
            kwargs.pop("decimal_places")
        return name, path, args, kwargs
