from django.apps import AppConfig


class CockpitConfig(AppConfig):
    name = "zhaoshang.cockpit"
    verbose_name = "驾驶舱"
