from django.urls import path

from . import views

app_name = "factors"
urlpatterns = [
    path("requests/", views.request_list, name="list"),
    path("requests/export.xlsx", views.request_export, name="export"),
    path("requests/new/", views.request_create, name="create"),
    path("requests/escalations/", views.escalation_list, name="escalations"),
    path("requests/<int:id>/", views.request_detail, name="detail"),
    path("requests/<int:id>/files/<int:attachment_id>/", views.attachment_download, name="attachment"),
    path("requests/<int:id>/<slug:action>/", views.request_act, name="act"),
    path("routing/", views.routing, name="routing"),
    path("routing/calendar/", views.calendar_day, name="calendar_day"),
    path("sites/", views.site_list, name="sites"),
    path("sites/new/", views.site_create, name="site_create"),
    path("sites/match/", views.site_match, name="site_match"),
    path("sites/<int:id>/edit/", views.site_edit, name="site_edit"),
    path("record/", views.record, name="record"),
    path("joint-reviews/", views.joint_review_list, name="joint_reviews"),
    path("joint-reviews/new/", views.joint_review_create, name="joint_review_create"),
    path("joint-reviews/<int:id>/", views.joint_review_detail, name="joint_review_detail"),
]
