from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "zhaoshang.core"
    verbose_name = "基础"
