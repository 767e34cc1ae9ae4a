from django.urls import path

from .views import imports, pool, projects, rules

app_name = "projects"
urlpatterns = [
    path("", projects.project_list, name="list"),
    path("export.xlsx", projects.project_export, name="export"),
    path("import/", imports.project_import, name="import"),
    path("import/template.xlsx", imports.project_import_template, name="import_template"),
    path("new/", projects.project_create, name="create"),
    path("pool/", pool.pool, name="pool"),
    path("warnings/", pool.warnings, name="warnings"),
    path("rules/", rules.rules, name="rules"),
    path("rules/<str:section>/", rules.rules_save, name="rules_save"),
    path("<int:id>/", projects.project_detail, name="detail"),
    path("<int:id>/follow-ups/", projects.follow_up_create, name="follow_up_create"),
    path("<int:id>/edit/", projects.project_edit, name="edit"),
    path("<int:id>/advance/", projects.project_advance, name="advance"),
    path("<int:id>/move-back/", projects.project_move_back, name="move_back"),
    path("<int:id>/hold/", projects.project_hold, name="hold"),
    path("<int:id>/resume/", projects.project_resume, name="resume"),
    path("<int:id>/drop/", projects.project_drop, name="drop"),
    path("<int:id>/capital/", projects.capital_add, name="capital_add"),
    path("<int:id>/milestones/plan/", projects.milestone_plan, name="milestone_plan"),
    path("<int:id>/milestones/<int:milestone_id>/done/", projects.milestone_done, name="milestone_done"),
    path("<int:id>/actuals/", projects.actual_add, name="actual_add"),
]
