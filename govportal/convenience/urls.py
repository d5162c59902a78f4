"""Public pages of 便民服务, mounted at /bianmin/ (govportal/config/urls.py). Each part of the
area adds its paths in its own block."""

from django.urls import include, path

from govportal.convenience import views

app_name = "convenience"
urlpatterns = [
    path("", views.index, name="index"),
    # --- 便民服务目录 (the `tourism` part) ---
    path("minglu/", views.directory, name="directory"),
    path("minglu/ditu/", views.directory_map, name="map"),
    path("minglu/<int:pk>/", views.entry, name="entry"),
    path("minglu/<int:pk>/jiucuo/", views.correct, name="correct"),
    # --- end 便民服务目录 ---
    path("chaxun/", include("govportal.convenience.urls_query")),  # 公共查询
]
