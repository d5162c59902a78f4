"""Public pages of the anti-abuse policy, mounted at /yanzheng/ (govportal/config/urls.py):
the CAPTCHA images (django-simple-captcha's views) and 找回查询码."""

from django.urls import include, path

from govportal.core.antiabuse import views

app_name = "antiabuse"
urlpatterns = [
    path("zhaohui/", views.recover, name="recover"),
    path("captcha/", include("captcha.urls")),
]
