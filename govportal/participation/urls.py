"""Public pages of 调查征集, mounted at /canyu/ (govportal/config/urls.py).

Surveys and evaluations (helper "surveys") below; the drafts helper adds its routes in its
own block."""

from django.urls import path

from govportal.participation import views

app_name = "participation"
urlpatterns = [
    path("", views.index, name="index"),
    # --- surveys and evaluations (helper "surveys")
    path("diaocha/<int:pk>/", views.survey, name="survey"),
    path("diaocha/<int:pk>/jieguo.xlsx", views.survey_xlsx, name="survey_xlsx"),
    path("pingyi/<int:pk>/", views.evaluation, name="evaluation"),
    path("pingyi/<int:pk>/jieguo.xlsx", views.evaluation_xlsx, name="evaluation_xlsx"),
    # --- end of surveys and evaluations
]
