from django.urls import path

from . import views

app_name = "firms"
urlpatterns = [
    path("", views.firm_list, name="list"),
    path("candidates/", views.candidate_list, name="candidates"),
    path("candidates/refresh/", views.candidate_refresh, name="candidate_refresh"),
    path("candidates/<int:id>/merge/", views.candidate_merge, name="candidate_merge"),
    path("candidates/<int:id>/dismiss/", views.candidate_dismiss, name="candidate_dismiss"),
    path("<int:id>/", views.firm_detail, name="detail"),
    path("<int:id>/aliases/", views.alias_add, name="alias_add"),
]
