from django.urls import path

from . import views

app_name = "textmining"
urlpatterns = [
    path("", views.document_list, name="document_list"),
    path("new/", views.document_create, name="document_create"),
    path("batches/<int:id>/", views.batch_detail, name="batch_detail"),
    path("documents/<int:id>/", views.document_detail, name="document_detail"),
    path("documents/<int:id>/original/", views.document_original, name="document_original"),
    path("projects/<int:id>/accept/", views.project_accept, name="project_accept"),
    path("projects/<int:id>/dismiss/", views.project_dismiss, name="project_dismiss"),
    path("projects/<int:id>/matches/", views.project_matches, name="project_matches"),
]
