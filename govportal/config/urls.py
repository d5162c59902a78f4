from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from govportal.api.urls import api
from govportal.cluster import views as cluster_views
from govportal.cluster.feeds import SiteSitemap, robots_txt

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", api.urls),
    path("cases/", include("govportal.core.cases.urls")),  # citizen case lookup (case kernel)
    path("files/", include("govportal.core.files.urls")),  # citizen and case files, checked (core/files)
    path("yanzheng/", include("govportal.core.antiabuse.urls")),  # CAPTCHA images, 找回查询码
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": SiteSitemap}}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("display/", include("govportal.accessibility.urls")),  # 关怀版 / 简繁 switches
    path("accessibility/", cluster_views.accessibility_statement, name="accessibility"),
    path("jinji.json", cluster_views.urgent_notices_json, name="urgent_notices"),
    path("search/", include("govportal.search.urls")),  # 站内搜索 (govportal/search)
    path("zwgk/", include("govportal.disclosure.urls")),  # 政府信息公开 (govportal/disclosure)
    path("hudong/", include("govportal.interaction.urls")),  # 互动交流 (govportal/interaction)
    path("banshi/", include("govportal.servicehall.urls")),  # 网上办事大厅 (govportal/servicehall)
    path("qiye/", include("govportal.enterprise.urls")),  # 企业风采、招商引资 (govportal/enterprise)
    path("fangtan/", include("govportal.interviews.urls")),  # 在线访谈 (govportal/interviews)
    path("canyu/", include("govportal.participation.urls")),  # 调查征集 (govportal/participation)
    path("bianmin/", include("govportal.convenience.urls")),  # 便民服务 (govportal/convenience)
    path("nianbao/", include("govportal.monitor.yearly.urls")),  # 网站年度报表 (govportal/monitor/yearly)
]

if settings.GOVPORTAL_SERVE_MEDIA:
    # Embedded mode: Django serves published media. In production nginx serves them. Neither
    # serves Wagtail's document files or original images directly (core/files/views.py).
    from django.urls import re_path

    from govportal.core.files.views import public_media

    urlpatterns += [re_path(r"^media/(?P<path>.*)$", public_media)]

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "govportal.cluster.views.page_not_found"
handler500 = "govportal.cluster.views.server_error"
