from django.urls import path

from . import views

app_name = "assessment"
urlpatterns = [
    path("", views.progress, name="progress"),
    path("refresh/", views.refresh, name="refresh"),
    path("units/<int:id>/", views.unit_progress, name="unit"),
    path("projects/<int:id>/", views.project_recognition, name="project"),
    path("projects/<int:id>/flag/", views.flag_set, name="flag_set"),
    path("projects/<int:id>/share/", views.share_set, name="share_set"),
    path("projects/<int:id>/attribution/", views.attribution_save, name="attribution_save"),
    path("flags/", views.flag_list, name="flags"),
    path("flags/<int:id>/clear/", views.flag_clear, name="flag_clear"),
    path("rules/", views.rules, name="rules"),
    path("rules/save/", views.rules_save, name="rules_save"),
    path("rules/categories/", views.category_add, name="category_add"),
    path("rules/indicators/", views.custom_indicator_add, name="custom_indicator_add"),
    path("targets/", views.targets, name="targets"),
    path("targets/save/", views.targets_save, name="targets_save"),
    path("targets/export.xlsx", views.target_export, name="target_export"),
    path("targets/import/", views.target_import, name="target_import"),
    path("targets/import/template.xlsx", views.target_import_template, name="target_import_template"),
    path("schemes/", views.schemes, name="schemes"),
    path("schemes/new/", views.scheme_create, name="scheme_create"),
    path("schemes/<int:id>/", views.scheme_detail, name="scheme"),
    path("schemes/<int:id>/rules/", views.scheme_rules_save, name="scheme_rules_save"),
    path("schemes/<int:id>/run/", views.score_run, name="score_run"),
    path("scores/<int:run_id>/units/<int:unit_id>/", views.score_unit, name="score_unit"),
    path("red-black/", views.red_black, name="red_black"),
    path("briefings/", views.briefings, name="briefings"),
    path("briefings/new/", views.briefing_create, name="briefing_create"),
    path("briefings/<int:id>/status/", views.briefing_status, name="briefing_status"),
    path("briefings/<int:id>/<str:fmt>/", views.briefing_download, name="briefing_download"),
]
