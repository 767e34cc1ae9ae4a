from django.apps import AppConfig


class FactorsConfig(AppConfig):
    name = "zhaoshang.factors"
    verbose_name = "要素保障"
