"""Public pages of 政府信息公开, mounted at /zwgk/ (govportal/config/urls.py)."""

from django.urls import path

from govportal.disclosure import views

app_name = "disclosure"
urlpatterns = [
    path("", views.home, name="home"),
    path("apply/", views.apply, name="apply"),
    path("query/", views.query, name="query"),
    path("query/letter.pdf", views.letter, name="letter"),
    path("query/notice.pdf", views.notice, name="notice"),
    path("nianbao/city/<int:year>/", views.city_report, name="city_report"),
    path("nianbao/city/<int:year>.xlsx", views.city_report_xlsx, name="city_report_xlsx"),
    path("nianbao/<str:agency_code>/<int:year>/", views.report_page, name="report"),
    path("nianbao/<str:agency_code>/<int:year>.xlsx", views.report_xlsx, name="report_xlsx"),
]
