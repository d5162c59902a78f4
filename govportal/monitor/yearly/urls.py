"""Public pages of the yearly reports, mounted at /nianbao/ (govportal/config/urls.py)."""

from django.urls import path

from govportal.monitor.yearly import views

app_name = "monitor_public"
urlpatterns = [
    path("<int:site_id>/", views.site_reports, name="site_reports"),
    path("<int:site_id>/<int:year>/", views.report_detail, name="report"),
    path("<int:site_id>/<int:year>/xlsx/", views.report_xlsx, name="report_xlsx"),
]
