from django.urls import path

from govportal.search import views

urlpatterns = [
    path("", views.search_page, name="search"),
    path("go/<int:entry_id>/", views.open_result, name="search_open"),
]
