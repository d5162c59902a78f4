"""Staff screens of 公共查询 in the Wagtail admin: the agency's query systems with their data
(upload a table, the import log with row-level errors) and the query audit (counts of hits
and misses; never what was asked). Every system is fetched through
`selectors.query_system_for_staff`: another agency's system is a 404."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.admin import messages

from govportal.convenience import actions, querying, selectors
from govportal.convenience.models import QuerySource
from govportal.core.errors import NotFound


def _system(request, pk):
    try:
        return selectors.query_system_for_staff(request.user, pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def systems(request):
    return TemplateResponse(
        request,
        "convenience/admin/query_systems.html",
        {"systems": selectors.query_systems_admin(request.user).prefetch_related("fields")},
    )


def data(request, pk):
    system = _system(request, pk)
    status = 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("请选择要导入的 xlsx 或 CSV 文件"))
            status = 400
        elif system.source != QuerySource.UPLOAD:
            messages.error(request, _("该查询的数据来源不是“上传表格”，不能在此导入"))
            status = 400
        else:
            limit = querying.max_bytes()
            data_bytes = upload.read(limit + 1)
            result = actions.query_data_import(
                system=system, data=data_bytes, file_name=upload.name, source=QuerySource.UPLOAD, actor=request.user
            )
            if result.ok:
                messages.success(request, result.message)
                return redirect(reverse("convenience_query_admin:data", args=[system.pk]))
            messages.error(request, _("导入未完成，原有数据未改变。请修改文件后重新导入。"))
            status = 400
    since = timezone.now() - timedelta(days=30)
    audit = system.logs.filter(at__gte=since).aggregate(
        total=Count("pk"), hits=Count("pk", filter=Q(hit=True)), clients=Count("client_hash", distinct=True)
    )
    context = {
        "system": system,
        "problems": selectors.config_problems(system),
        "imports": system.imports.select_related("actor")[:20],
        "audit": audit,
        "recent": system.logs.all()[:30],
        "drop_name": f"{system.slug}.xlsx / {system.slug}.csv",
    }
    return TemplateResponse(request, "convenience/admin/query_data.html", context, status=status)


urlpatterns = [
    path("", systems, name="systems"),
    path("<int:pk>/", data, name="data"),
]
