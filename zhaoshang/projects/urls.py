from django.urls import path

from .views import projects

app_name = "projects"
urlpatterns = [
    path("", projects.project_list, name="list"),
    path("export.xlsx", projects.project_export, name="export"),
    path("new/", projects.project_create, name="create"),
    path("<int:id>/", projects.project_detail, name="detail"),
    path("<int:id>/follow-ups/", projects.follow_up_create, name="follow_up_create"),
]
