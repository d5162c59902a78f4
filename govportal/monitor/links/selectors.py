"""Reads of the link checker: the broken links a user may see, per site, with the pages they
appear on (scoped by `monitor.access`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from wagtail.models import Page

from govportal.cluster.models import SiteHomePage
from govportal.core.errors import NotFound
from govportal.monitor import access
from govportal.monitor.links.models import LinkOccurrence, LinkTarget


@dataclass
class BrokenLink:
    target: LinkTarget
    site: SiteHomePage
    pages: list[Page] = field(default_factory=list)


def sites(user) -> QuerySet:
    return access.sites_visible(user, SiteHomePage.objects.order_by("path"))


def broken_links(user, *, site_id: int | None = None) -> list[BrokenLink]:
    """One row per (site, broken address), with the pages of that site that link it."""
    occurrences = access.sites_visible(
        user, LinkOccurrence.objects.filter(target__broken=True).select_related("target", "site", "page")
    ).order_by("site__path", "target__url", "page__title")
    if site_id is not None:
        occurrences = occurrences.filter(site_id=site_id)
    rows: dict[tuple[int, int], BrokenLink] = {}
    for occ in occurrences:
        row = rows.setdefault((occ.site_id, occ.target_id), BrokenLink(target=occ.target, site=occ.site))
        if occ.page not in row.pages:
            row.pages.append(occ.page)
    return list(rows.values())


def target_for(user, pk: int) -> LinkTarget:
    """An address linked from a page of a site the user may see, else 404."""
    visible = access.sites_visible(user, LinkOccurrence.objects.filter(target_id=pk))
    target = LinkTarget.objects.filter(pk=pk, pk__in=visible.values("target_id")).first()
    if target is None:
        raise NotFound(_("没有这个链接。"))
    return target


def broken_count(site: SiteHomePage) -> int:
    """Broken addresses linked from the pages of ``site`` (each address once)."""
    return LinkOccurrence.objects.filter(site=site, target__broken=True).values("target_id").distinct().count()
