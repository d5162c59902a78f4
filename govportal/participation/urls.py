"""Public pages of 调查征集, mounted at /canyu/ (govportal/config/urls.py)."""

from django.urls import include, path

from govportal.participation import views

app_name = "participation"
urlpatterns = [
    path("", views.index, name="index"),
    path("", include("govportal.participation.urls_drafts")),  # 意见征集, 网上听证 (helper "drafts")
]
