"""Public pages of 互动交流, mounted at /hudong/ (govportal/config/urls.py)."""

from django.urls import path

from govportal.interaction import views

app_name = "interaction"
urlpatterns = [
    path("", views.index, name="index"),
    path("chaxun/", views.status, name="status"),
    path("tongji/", views.stats, name="stats"),
    path("rdjd/", views.faq_list, name="faq"),
    path("rdjd/<int:pk>/", views.faq_detail, name="faq_detail"),
    path("suggest/", views.suggest, name="suggest"),
    path("xin/<str:tracking_number>/", views.letter, name="letter"),
    path("<slug:slug>/", views.mailbox, name="mailbox"),
    path("<slug:slug>/xiexin/", views.write, name="write"),
]
