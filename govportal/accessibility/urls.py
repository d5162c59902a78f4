from django.urls import path

from govportal.accessibility import views

app_name = "display"
urlpatterns = [path("<slug:key>/<slug:value>/", views.switch, name="switch")]
