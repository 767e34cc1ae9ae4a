from django.urls import path

from . import views

app_name = "dataio"
urlpatterns = [
    path("imports/<int:id>/", views.import_detail, name="import_detail"),
    path("imports/<int:id>/apply/", views.import_apply, name="import_apply"),
    path("imports/<int:id>/cancel/", views.import_cancel, name="import_cancel"),
    path("imports/<int:id>/errors.xlsx", views.import_errors, name="import_errors"),
    path("exports/<int:id>/", views.export_detail, name="export_detail"),
    path("exports/<int:id>/download/", views.export_download, name="export_download"),
]
