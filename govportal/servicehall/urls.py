"""Public pages of 网上办事大厅, mounted at /banshi/ (govportal/config/urls.py)."""

from django.urls import path

from govportal.servicehall import views

app_name = "servicehall"
urlpatterns = [
    path("", views.index, name="index"),
    path("shixiang/<str:code>/", views.guide, name="guide"),
    path("shixiang/<str:code>/shenqing/", views.apply, name="apply"),
    path("caogao/<uuid:key>/", views.draft, name="draft"),
    path("jindu/", views.status, name="status"),
    path("jindu/<str:tracking_number>/jieguo.pdf", views.result_pdf, name="result"),
    path("jindu/<str:tracking_number>/pingjia/", views.rate, name="rate"),
    path("jindu/<str:tracking_number>/buzheng/", views.supplement, name="supplement"),
    path("jindu/<str:tracking_number>/chehui/", views.withdraw, name="withdraw"),
    path("wode/", views.mine, name="mine"),
    path("denglu/", views.signin, name="login"),
    path("zhuce/", views.signup, name="signup"),
    path("tuichu/", views.signout, name="logout"),
    path("tongji/", views.statistics, name="statistics"),
    path("tongji.xlsx", views.statistics_xlsx, name="statistics_xlsx"),
]
