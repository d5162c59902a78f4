"""错敏词 reads: the page a user may check, the agency of a page, the sweep's findings."""

from __future__ import annotations

from django.db.models import QuerySet

from wagtail.models import Page

from govportal.cluster.models import SiteHomePage
from govportal.core.errors import NotFound
from govportal.monitor import access
from govportal.monitor.wording_models import WordingFinding


def page_agency_id(page) -> int | None:
    """The agency of the site the page is on (the nearest site home above it, or itself)."""
    return (
        SiteHomePage.objects.ancestor_of(page, inclusive=True)
        .order_by("-depth")
        .values_list("agency_id", flat=True)
        .first()
    )


def page_for_wording(user, page_id: int) -> tuple[Page, int | None]:
    """A page whose wording check the user may see, with its agency's id; else 404."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        raise NotFound("页面不存在。")
    agency_id = page_agency_id(page)
    if not access.may_see_page_wording(user, page, agency_id):
        raise NotFound("页面不存在。")
    return page.specific, agency_id


def findings_for(user, *, agency_id: int | None = None, kind: str = "") -> QuerySet[WordingFinding]:
    qs = access.findings_visible(user, WordingFinding.objects.all())
    if agency_id:
        qs = qs.filter(agency_id=agency_id)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.select_related("agency", "page").order_by("agency__name", "page__title", "field", "offset")


def agency_home_paths() -> dict[str, int]:
    """Tree path of every site home → its agency's id (the sweep maps pages with it)."""
    return dict(SiteHomePage.objects.values_list("path", "agency_id"))
