"""Public pages of 便民服务, mounted at /bianmin/ (govportal/config/urls.py)."""

from django.urls import include, path

from govportal.convenience import views

app_name = "convenience"
urlpatterns = [
    path("", views.index, name="index"),  # minimal (helper "query"); the tourism helper's index replaces it
    path("chaxun/", include("govportal.convenience.urls_query")),  # 公共查询 — helper "query"
]
