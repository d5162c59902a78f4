"""Public pages of 网上办事大厅, mounted at /banshi/ (govportal/config/urls.py)."""

app_name = "servicehall"
urlpatterns: list = []
