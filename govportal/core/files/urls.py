from django.urls import path

from govportal.core.files import views

urlpatterns = [path("<uuid:key>/", views.serve, name="stored_file")]
