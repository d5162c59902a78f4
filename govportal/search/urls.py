from django.urls import path

from govportal.search import views

urlpatterns = [path("", views.search_page, name="search")]
