"""链接检查 in the 网站监管 submenu: the broken links of the sites the user may see, with the
pages they appear on (edit links), their status and since when; "recheck now" for one address;
the .xlsx export. Staff see their own agency's sites (`monitor.access`); another agency's
address is a 404."""

from __future__ import annotations

from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem

from govportal.core import xlsx
from govportal.core.citizen_input import parse_int
from govportal.core.errors import NotFound
from govportal.monitor import access
from govportal.monitor.links import actions, selectors


def _require_menu(request) -> None:
    if not access.may_use_monitor(request.user):
        raise Http404


def _site_filter(request) -> int | None:
    raw = request.GET.get("site", "")
    if not raw:
        return None
    site_id = parse_int(raw)
    if site_id is None or not selectors.sites(request.user).filter(pk=site_id).exists():
        raise Http404(_("没有这个网站。"))
    return site_id


def index(request):
    _require_menu(request)
    site_id = _site_filter(request)
    return TemplateResponse(
        request,
        "monitor/links/index.html",
        {
            "rows": selectors.broken_links(request.user, site_id=site_id),
            "sites": selectors.sites(request.user),
            "site_id": site_id,
        },
    )


def recheck(request, pk: int):
    _require_menu(request)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        target = selectors.target_for(request.user, pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    target = actions.link_recheck(actor=request.user, target=target)
    if target is not None and target.ok:
        messages.success(request, _("链接已恢复可用：%(url)s") % {"url": target.url})
    elif target is not None:
        messages.warning(request, _("链接仍不可用（%(error)s）：%(url)s") % {"error": target.error, "url": target.url})
    return redirect(reverse("monitor_links:index"))


def _fmt(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def export(request):
    _require_menu(request)
    site_id = _site_filter(request)
    rows = (
        [
            row.site.title,
            row.target.url,
            row.target.get_kind_display(),
            row.target.error,
            row.target.failures,
            _fmt(row.target.first_failed_at),
            _fmt(row.target.checked_at),
            "；".join(page.title for page in row.pages),
        ]
        for row in selectors.broken_links(request.user, site_id=site_id)
    )
    data = xlsx.sheet_bytes(
        title="不可用链接",
        header=["网站", "链接地址", "类型", "错误", "连续失败次数", "首次失败时间", "最近检查时间", "所在页面"],
        rows=rows,
        widths=[20, 50, 10, 16, 12, 18, 18, 50],
    )
    response = HttpResponse(data, content_type=xlsx.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="broken-links-{timezone.localdate():%Y%m%d}.xlsx"'
    return response


urlpatterns = [
    path("", index, name="index"),
    path("export/", export, name="export"),
    path("<int:pk>/recheck/", recheck, name="recheck"),
]


@hooks.register("register_admin_urls")
def register_link_urls():
    return [path("monitor/links/", include((urlpatterns, "monitor_links"), namespace="monitor_links"))]


class LinksMenuItem(MenuItem):
    def is_shown(self, request):
        return access.may_use_monitor(request.user)


@hooks.register("register_monitor_menu_item")
def register_links_menu_item():
    return LinksMenuItem(gettext_lazy("链接检查"), reverse("monitor_links:index"), icon_name="link", order=300)
