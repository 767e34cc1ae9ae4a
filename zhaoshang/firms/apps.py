from django.apps import AppConfig


class FirmsConfig(AppConfig):
    name = "zhaoshang.firms"
    verbose_name = "企业"
