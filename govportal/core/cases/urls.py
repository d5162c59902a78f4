from django.urls import path

from govportal.core.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.case_lookup, name="lookup"),
    path("zhenggai/", views.rectifications_public, name="rectifications"),
]
