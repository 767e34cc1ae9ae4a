from django.urls import path

from . import views

app_name = "organizations"
urlpatterns = [path("", views.unit_list, name="unit_list")]
