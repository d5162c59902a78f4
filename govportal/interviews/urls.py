"""Public pages of 在线访谈, mounted at /fangtan/ (govportal/config/urls.py)."""

from django.urls import path

from govportal.interviews import views

app_name = "interviews"
urlpatterns = [
    path("", views.index, name="index"),
    path("<str:pk>/", views.detail, name="detail"),
    path("<str:pk>/tiwen/", views.ask, name="ask"),
    path("<str:pk>/live.json", views.live_json, name="live_json"),
]
