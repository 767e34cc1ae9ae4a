from django.urls import path

from . import views

app_name = "projects"
urlpatterns = [
    path("", views.project_list, name="list"),
    path("export.xlsx", views.project_export, name="export"),
    path("new/", views.project_create, name="create"),
    path("<int:id>/", views.project_detail, name="detail"),
    path("<int:id>/follow-ups/", views.follow_up_create, name="follow_up_create"),
]
