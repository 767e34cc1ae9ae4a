from django.urls import path

from .views import imports, leaders, pool, projects, rules, task_forces

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
    # 招商专班 and next steps
    path("task-forces/", task_forces.task_force_list, name="task_force_list"),
    path("task-forces/new/", task_forces.task_force_create, name="task_force_create"),
    path("task-forces/<int:id>/", task_forces.task_force_detail, name="task_force_detail"),
    path("task-forces/<int:id>/edit/", task_forces.task_force_edit, name="task_force_edit"),
    path("task-forces/<int:id>/members/", task_forces.task_force_member_add, name="task_force_member_add"),
    path("task-forces/<int:id>/members/<int:user_id>/remove/", task_forces.task_force_member_remove,
         name="task_force_member_remove"),
    path("task-forces/<int:id>/close/", task_forces.task_force_close, name="task_force_close"),
    path("next-steps/", task_forces.next_step_list, name="next_step_list"),
    # 领导招商
    path("leaders/", leaders.leader_activity_list, name="leader_activity_list"),
    path("leaders/export.xlsx", leaders.leader_activity_export, name="leader_activity_export"),
    path("leaders/new/", leaders.leader_activity_create, name="leader_activity_create"),
    path("leaders/<int:id>/edit/", leaders.leader_activity_edit, name="leader_activity_edit"),
    path("leaders/stats/", leaders.leader_stats, name="leader_stats"),
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
