"""Public pages of 意见征集 and 网上听证, included into `participation.urls` (namespace
``participation``, mounted at /canyu/)."""

from django.urls import path

from govportal.participation import views_drafts as views

urlpatterns = [
    path("zhengji/", views.solicitation_list, name="solicitations"),
    path("zhengji/<str:pk>/", views.solicitation_detail, name="solicitation"),
    path("zhengji/<str:pk>/yijian/", views.solicitation_comment, name="solicitation_comment"),
    path("tingzheng/", views.hearing_list, name="hearings"),
    path("tingzheng/<str:pk>/", views.hearing_detail, name="hearing"),
    path("tingzheng/<str:pk>/baoming/", views.hearing_register, name="hearing_register"),
]
