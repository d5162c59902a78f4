"""Public pages of 便民服务. Minimal index (helper "query"): the tourism helper's index page
replaces it at merge and links 公共查询 the same way (`selectors.query_systems()`)."""

from __future__ import annotations

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from govportal.convenience import selectors


def index(request):
    return TemplateResponse(
        request,
        "convenience/index.html",
        {"query_systems": selectors.query_systems(), "page_title": _("便民服务")},
    )
