"""Public pages of 政府信息公开, mounted at /zwgk/ (govportal/config/urls.py)."""

app_name = "disclosure"
urlpatterns: list = []
