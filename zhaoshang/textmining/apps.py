from django.apps import AppConfig


class TextminingConfig(AppConfig):
    name = "zhaoshang.textmining"
    verbose_name = "信息挖掘"
