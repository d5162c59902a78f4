"""公共查询 pages, included by the area's urls.py under chaxun/ (docs/convenience.md)."""

from django.urls import path

from govportal.convenience import views_query

app_name = "chaxun"
urlpatterns = [
    path("", views_query.index, name="index"),
    path("<slug:slug>/", views_query.query, name="query"),
]
