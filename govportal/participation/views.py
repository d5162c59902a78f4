"""Public pages of 调查征集 under /canyu/.

The area's index here is a minimal one (意见征集 and 网上听证 open now); the surveys'
branch owns the full index listing every kind."""

from __future__ import annotations

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from govportal.participation import selectors


def index(request):
    context = {
        "drafts": selectors.open_drafts_now(),
        "hearings": selectors.open_hearings_now(),
        "page_title": _("调查征集"),
    }
    return TemplateResponse(request, "participation/index.html", context)
