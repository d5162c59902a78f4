"""Public pages of 企业风采 and 招商引资, mounted at /qiye/ (govportal/config/urls.py)."""

from django.urls import path

from govportal.enterprise import views

app_name = "enterprise"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("shenbao/", views.apply, name="apply"),
    path("chanpin/", views.products, name="products"),
    path("zhaoshang/", views.investment, name="investment"),
    path("zhaoshang/<int:pk>/", views.project, name="project"),
    path("zhaoshang/zixun/", views.enquire, name="enquire"),
]
