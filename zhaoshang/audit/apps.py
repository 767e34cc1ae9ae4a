from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "zhaoshang.audit"
    verbose_name = "审计"
