"""Public pages of 调查征集, mounted at /canyu/ (govportal/config/urls.py): the index, surveys
and evaluations here; 意见征集 and 网上听证 in `urls_drafts.py`."""

from django.urls import include, path

from govportal.participation import views

app_name = "participation"
urlpatterns = [
    path("", views.index, name="index"),
    # --- surveys and evaluations
    path("diaocha/<int:pk>/", views.survey, name="survey"),
    path("diaocha/<int:pk>/jieguo.xlsx", views.survey_xlsx, name="survey_xlsx"),
    path("pingyi/<int:pk>/", views.evaluation, name="evaluation"),
    path("pingyi/<int:pk>/jieguo.xlsx", views.evaluation_xlsx, name="evaluation_xlsx"),
    # --- 意见征集, 网上听证
    path("", include("govportal.participation.urls_drafts")),
]
