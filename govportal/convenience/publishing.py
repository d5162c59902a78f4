"""What 便民服务 publishes into search and the cluster's navigation (read by
`ConvenienceConfig.ready`).

- search: 旅游文化 pages (type 旅游文化; Wagtail's publishing signals re-index them) and
  published directory entries (type 便民服务目录: a query naming one — a hotel's name —
  shows it as a direct answer with its phone; saves and deletes re-index, imports too).
- the cluster's navigation (`cluster.areas`): the 便民服务 entry of every site (/bianmin/)
  and the portal home's block (旅游文化 and the directory's categories).
- search, too: published query systems (type 公共查询) by their name, as a direct answer with
  their 查询 button — never their data.
- pre-rendering: Wagtail pages of any type are covered without code; the directory's
  pages are plain views, not pre-rendered.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from govportal.cluster import areas
from govportal.convenience import selectors
from govportal.convenience.models import PUBLIC_SERVICES, DirectoryEntry, QuerySystem, TourismPage
from govportal.prerender import registry as prerender
from govportal.search import registry as search
from govportal.search.registry import Document

# --- search ------------------------------------------------------------------------------


def tourism_document(page) -> Document | None:
    if not search.page_is_public(page):
        return None
    page = page.specific
    home = page.site_home
    return Document(
        object_id=page.pk,
        title=page.title,
        body=" ".join(x for x in (page.summary, search.html_to_text(page.body), page.address, page.opening_hours) if x),
        url=page.url or "",
        published_at=search.published_at(page),
        site_id=home.pk if home else None,
        site_name=home.title if home else "",
        agency_id=home.agency_id if home else None,
        keywords=[str(page.kind_label)],
    )


def entry_document(entry) -> Document | None:
    if not entry.is_published:
        return None
    return Document(
        object_id=entry.pk,
        title=entry.name,
        body=" ".join(x for x in (entry.address, entry.phone, entry.hours, entry.services) if x),
        url=reverse("convenience:entry", args=[entry.pk]),
        published_at=entry.updated_at,
        agency_id=entry.agency_id,
        site_name=entry.township.short_name or entry.township.name,
        keywords=[str(entry.get_category_display())],
        action_url=reverse("convenience:entry", args=[entry.pk]),
        action_label=str(_("查看电话和地址")),
    )


search.register(
    search.SearchSource(
        key="tourism",
        label=_("旅游文化"),
        order=45,
        items=lambda: TourismPage.objects.live().public().order_by("pk"),
        document=tourism_document,
        page_model=TourismPage,
    )
)
search.register(
    search.SearchSource(
        key="directory",
        label=_("便民服务目录"),
        order=46,
        items=lambda: DirectoryEntry.objects.select_related("township").order_by("pk"),
        document=entry_document,
        model=DirectoryEntry,
        direct_answer=True,
    )
)


# --- pre-rendering -------------------------------------------------------------------------
# 旅游文化 pages: `generic_rule` (the page, its parent's lists — the overview and the calendar
# — and its site's home, whose 便民服务 block lists them). Directory entries appear on the
# portal home's block (its categories): a change refreshes the portal home. The directory's
# own pages are plain views, never stored.


def _portal_home_id(entry) -> int | None:
    from govportal.cluster.models import SiteHomePage, SiteKind

    if not prerender.enabled():  # the embedded default: no stored files, no query
        return None
    return SiteHomePage.objects.filter(kind=SiteKind.PORTAL).values_list("pk", flat=True).first()


prerender.follow(DirectoryEntry, page_id=_portal_home_id, name="directory_entry")


# --- the cluster's navigation and the portal home (cluster.areas) -------------------------


def _portal_block(request) -> dict | None:
    """旅游文化 (its latest items) and the directory's categories, each one click away."""
    tourism = selectors.tourism_index()
    items = selectors.with_covers(selectors.tourism_items(tourism)[:4]) if tourism else []
    counts = [c for c in selectors.category_counts() if c[2]]
    if not items and not counts:
        return None
    return {
        "tourism": tourism,
        "tourism_items": items,
        "business": [c for c in counts if c[0] not in PUBLIC_SERVICES],
        "public_services": [c for c in counts if c[0] in PUBLIC_SERVICES],
    }


areas.register_area(
    areas.Area(
        key="bianmin",
        label=_("便民服务"),
        intro=_("旅游文化、便民服务目录、公共查询"),
        order=50,
        city_link=lambda: areas.Link(reverse("convenience:index")),
    )
)
areas.register_portal_block(
    areas.PortalBlock(key="bianmin", order=40, template="convenience/includes/portal_block.html", context=_portal_block)
)


# --- 公共查询 (public query systems) ------------------------------------------------------------


def _query_systems():
    return QuerySystem.objects.select_related("agency").order_by("pk")


def query_system_document(system) -> Document | None:
    """A published query system is found by its name (水费查询) as a direct answer with its
    查询 button; its data never is."""
    if not system.is_published or selectors.config_problems(system):
        return None
    url = reverse("convenience:chaxun:query", args=[system.slug])
    return Document(
        object_id=system.pk,
        title=system.name,
        body=f"{system.intro} {system.provider}".strip(),
        url=url,
        published_at=system.data_as_of,
        agency_id=system.agency_id,
        site_name=system.provider,
        keywords=[str(_("公共查询"))],
        action_url=url,
        action_label=str(_("查询")),
    )


search.register(
    search.SearchSource(
        key="query_system",
        label=_("公共查询"),
        order=60,
        items=_query_systems,
        document=query_system_document,
        model=QuerySystem,
        direct_answer=True,
    )
)
# --- end 公共查询 ------------------------------------------------------------------------------
