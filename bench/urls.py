"""The project's URLs plus the bench-only create endpoint (ahead of Wagtail's catch-all)."""

from django.urls import path

from bench.api import api
from govportal.config import urls as project_urls

urlpatterns = [path("bench-api/", api.urls), *project_urls.urlpatterns]

handler404 = project_urls.handler404
handler500 = project_urls.handler500
