from django.apps import AppConfig


class DataioConfig(AppConfig):
    name = "zhaoshang.dataio"
    verbose_name = "导入导出"
