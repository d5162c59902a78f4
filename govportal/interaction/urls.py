"""Public pages of 互动交流, mounted at /hudong/ (govportal/config/urls.py)."""

app_name = "interaction"
urlpatterns: list = []
