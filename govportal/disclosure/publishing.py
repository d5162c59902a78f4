"""What 政府信息公开 publishes into search and pre-rendering (read by `DisclosureConfig.ready`).

- search: the disclosure column of each site (type 信息公开栏目, found by 信息公开目录 and
  the like) and disclosure documents (type 信息公开), page-based, so Wagtail's publishing signals
  re-index them; superseded ones are flagged ``is_repealed`` so the search marks them.
- pre-rendering: the column (`DisclosureIndexPage`) answers several URLs from one page: the
  catalogue (its own URL), 指南 ``zn/``, 制度 ``zd/`` (the catalogue of rules) and 年报 ``nb/``
  (the annual reports). A document is listed in the catalogue and, for rules, in ``zd/``; it
  links to the policy it interprets and to the document that replaced it, which link back.
  The column's own fields (its title, the guide) show on all of those and in the chrome of
  every document under it. A published annual report refreshes its sites' 年报 lists
  (`report_changed`, called by the action).
- the cluster's navigation (`cluster.areas`): every site's 政府信息公开 entry is its own
  column (``xxgk``), which its home shows as its own box (guide, catalogue, rules, reports,
  request form, its latest items); the portal home shows the latest 政策解读 with the
  document each interprets.
- publishing a document gives it its index number, however it goes live (admin, workflow
  approval, scheduled publishing, the demo seed): Wagtail's ``page_published`` fires for all.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.signals import page_published

from govportal.cluster import areas, supervision
from govportal.cluster.models import SiteHomePage, SiteKind
from govportal.cluster.publishing import page_context
from govportal.disclosure.choices import SUPERSEDED, Category
from govportal.disclosure.models import DisclosureDocumentPage, DisclosureIndexPage
from govportal.prerender import registry as prerender
from govportal.prerender.registry import Entry, Sites, Snapshot, entries_of, nearest_home, page_value
from govportal.search import registry as search
from govportal.search.registry import Document, html_to_text, page_is_public, published_at

# --- search ------------------------------------------------------------------------------


def document(page) -> Document | None:
    if not page_is_public(page):
        return None
    number = page.index_number
    body = " ".join(p for p in [number, page.document_number, page.summary, html_to_text(page.body)] if p)
    return Document(
        object_id=page.pk,
        title=page.title,
        body=body,
        url=page.get_url() or page.url_path,
        published_at=published_at(page),
        is_repealed=page.validity in SUPERSEDED,
        keywords=[k for k in [page.document_number, number] if k],
        **page_context(page),
    )


def column_document(page) -> Document | None:
    """The disclosure column itself (指南, 目录, 年报, 依申请公开): found as 信息公开栏目."""
    if not page_is_public(page):
        return None
    body = " ".join(
        p for p in [page.intro, html_to_text(page.guide_classification), html_to_text(page.guide_obtaining)] if p
    )
    return Document(
        object_id=page.pk,
        title=page.title,
        body=body,
        url=page.get_url() or page.url_path,
        published_at=published_at(page),
        # What citizens look for here, by name.
        aliases=["信息公开目录", "政府信息公开目录", "信息公开指南", "依申请公开"],
        **page_context(page),
    )


search.register(
    search.SearchSource(
        key="disclosure_column",
        label=_("信息公开栏目"),
        order=25,
        items=lambda: DisclosureIndexPage.objects.live().public().order_by("pk"),
        document=column_document,
        page_model=DisclosureIndexPage,
    )
)
search.register(
    search.SearchSource(
        key="disclosure",
        label=_("信息公开"),
        order=20,
        items=lambda: DisclosureDocumentPage.objects.live().public().order_by("pk"),
        document=document,
        page_model=DisclosureDocumentPage,
    )
)


# --- pre-rendering -----------------------------------------------------------------------

SUB_LISTS = ("zd/", "nb/")  # the sub-routes that list documents or reports


def _sub_lists(index, sites: Sites) -> list[Entry]:
    base = sites.entry(index, "index*")
    return [Entry(base.host, base.path + sub, "index*") for sub in SUB_LISTS] if base else []


def index_rule(index, sites: Sites) -> Snapshot:
    home = nearest_home(index)
    entries = entries_of(sites.entry(index, "*"), sites.entry(home) if home is not None else None)
    return Snapshot(groups={"page": (page_value(index), entries)})


def document_rule(doc, sites: Sites) -> Snapshot:
    index = doc.get_parent()
    home = nearest_home(doc)
    linked = [p for p in (doc.interprets, doc.replaced_by) if p is not None]
    linked += list(DisclosureDocumentPage.objects.filter(interprets=doc)) + list(doc.replaces.all())
    if doc.category == Category.INTERPRETATION:
        # The portal home lists the latest 政策解读 of every site (`_interpretations`).
        linked += list(SiteHomePage.objects.filter(kind=SiteKind.PORTAL))
    entries = entries_of(
        sites.entry(doc, "index*"),
        sites.entry(index, "index*"),
        *_sub_lists(index, sites),
        sites.entry(home) if home is not None else None,
        *(sites.entry(p, "index*") for p in linked),
    )
    return Snapshot(groups={"page": (page_value(doc), entries)})


prerender.register_rule(DisclosureIndexPage, index_rule)
prerender.register_rule(DisclosureDocumentPage, document_rule)


def report_changed(agency) -> None:
    """An annual report of ``agency`` was published: its sites' 年报 lists show it."""
    urls = []
    for home in SiteHomePage.objects.filter(agency=agency):
        for index in DisclosureIndexPage.objects.child_of(home).live():
            if index.full_url:
                urls.append(index.full_url + "nb/")
    if urls:
        prerender.pages_changed(urls=urls)


# --- publishing → index number -----------------------------------------------------------


def on_published(sender, instance, **kwargs):
    # Not at the top: actions imports this module (report_changed); the rule itself is there.
    from govportal.disclosure.actions import document_assign_index_number

    if isinstance(instance, DisclosureDocumentPage):
        document_assign_index_number(page=instance)


page_published.connect(on_published, dispatch_uid="disclosure_index_number")


# --- the cluster's navigation and homes (cluster.areas) ----------------------------------


def _own_columns(homes) -> dict:
    by_path = {h.path: h.pk for h in homes}
    steplen = DisclosureIndexPage.steplen
    return {
        by_path[path[:-steplen]]: areas.Link(url_path, page=True)
        for path, url_path in DisclosureIndexPage.objects.live().values_list("path", "url_path")
        if path[:-steplen] in by_path
    }


HOME_DOCUMENTS = 6


def _column_box(columns) -> dict:
    """A site home's 政府信息公开 box: the site's own entries and its latest items."""
    found = {}
    for column in columns:
        docs = (
            DisclosureDocumentPage.objects.live()
            .public()
            .child_of(column)
            .order_by("-first_published_at", "-pk")
            .only("title", "url_path", "path", "depth", "first_published_at")[:HOME_DOCUMENTS]
        )
        found[column.pk] = {"documents": list(docs)}
    return found


def _interpretations(request) -> dict | None:
    """政策解读 on the portal home, each with the document it interprets."""
    items = list(
        DisclosureDocumentPage.objects.live()
        .public()
        .filter(category=Category.INTERPRETATION)
        .select_related("interprets")
        .order_by("-first_published_at", "-pk")[:6]
    )
    return {"interpretations": items} if items else None


areas.register_area(
    areas.Area(
        key="xxgk",
        label=_("政府信息公开"),
        intro=_("指南、目录、法定主动公开内容、依申请公开"),
        order=10,
        city_link=lambda: areas.Link(reverse("disclosure:home")),
        own_links=_own_columns,
        column_slug="xxgk",
        watch=(DisclosureIndexPage,),
    )
)
areas.register_column_block(
    DisclosureIndexPage, areas.ColumnBlock(template="disclosure/includes/home_box.html", context=_column_box)
)
areas.register_portal_block(
    areas.PortalBlock(
        key="interpretations",
        order=30,
        template="disclosure/includes/portal_block.html",
        context=_interpretations,
    )
)


def _documents_about(keyword: str, limit: int) -> list:
    """What a 专题's keyword finds here: documents and interpretations with it in the title."""
    docs = (
        DisclosureDocumentPage.objects.live()
        .public()
        .filter(title__icontains=keyword)
        .order_by("-first_published_at", "-pk")
        .only("title", "url_path", "first_published_at", "category")[:limit]
    )
    return [
        areas.TopicHit(
            d.title,
            areas.Link(d.url_path, page=True),
            date=d.first_published_at,
            note=str(d.get_category_display()) if d.category == Category.INTERPRETATION else "",
            page_id=d.pk,
        )
        for d in docs
    ]


areas.register_topic_source(
    areas.TopicSource(key="documents", label=_("政策文件和解读"), order=20, find=_documents_about)
)


# --- 监管: 规范性文件 without an interpretation (govportal/cluster/supervision.py) ---------------


def uninterpreted_normative_documents(agency_ids: list[int], now) -> list[supervision.Finding]:
    """Each in-force 行政规范性文件 published by ``now`` on a site of one of the agencies, with
    ``until`` the publication of its first live 解读 (None while it has none by ``now``). The
    monitor applies its thresholds (`monitor/links/indicators.py`)."""
    from django.db.models import Min, Q

    from govportal.disclosure.choices import DocKind, Validity

    findings = []
    for home in SiteHomePage.objects.filter(agency_id__in=agency_ids).order_by("path"):
        docs = (
            DisclosureDocumentPage.objects.live()
            .descendant_of(home)
            .filter(doc_kind=DocKind.NORMATIVE, validity=Validity.IN_FORCE, first_published_at__lte=now)
            .annotate(
                interpreted_at=Min(
                    "interpretations__first_published_at",
                    filter=Q(interpretations__live=True, interpretations__first_published_at__lte=now),
                )
            )
            .order_by("first_published_at", "pk")
        )
        for nested in SiteHomePage.objects.descendant_of(home).values_list("path", flat=True):
            docs = docs.exclude(path__startswith=nested)  # a sub-site's documents are its own
        for doc in docs:
            findings.append(
                supervision.Finding(
                    agency_id=home.agency_id,
                    title=doc.title,
                    url=reverse("wagtailadmin_pages:edit", args=[doc.pk]),
                    since=doc.first_published_at,
                    until=doc.interpreted_at,
                    detail=doc.document_number,
                )
            )
    return findings


supervision.register_site_check(
    supervision.SiteCheck(
        key="disclosure.interpretations",
        label=_("规范性文件政策解读"),
        measure=uninterpreted_normative_documents,
    )
)
# The figures of the 政府网站工作年度报表 this area declares for the 监管 area.
from govportal.disclosure import yearly  # noqa: E402, F401
