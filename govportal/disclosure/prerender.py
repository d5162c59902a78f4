"""Which pre-rendered files show a 政府信息公开 page (see `govportal.prerender.rules`).

The column (`DisclosureIndexPage`) answers several URLs from one page: the catalogue
(its own URL), 指南 ``zn/``, 制度 ``zd/`` (the catalogue of rules) and 年报 ``nb/`` (the
annual reports). A document is listed in the catalogue and, for rules, in ``zd/``; it links
to the policy it interprets and to the document that replaced it, which link back. The
column's own fields (its title, the guide) show on all of those and in the chrome of every
document under it.
"""

from __future__ import annotations

from govportal.prerender.rules import Sites, Snapshot, entries_of, nearest_home, page_value, register_rule
from govportal.prerender.store import Entry

SUB_LISTS = ("zd/", "nb/")  # the sub-routes that list documents or reports


def _sub_lists(index, sites: Sites) -> list[Entry]:
    base = sites.entry(index, "index*")
    return [Entry(base.host, base.path + sub, "index*") for sub in SUB_LISTS] if base else []


def index_rule(index, sites: Sites) -> Snapshot:
    home = nearest_home(index)
    entries = entries_of(sites.entry(index, "*"), sites.entry(home) if home is not None else None)
    return Snapshot(groups={"page": (page_value(index), entries)})


def document_rule(doc, sites: Sites) -> Snapshot:
    from govportal.disclosure.models import DisclosureDocumentPage

    index = doc.get_parent()
    home = nearest_home(doc)
    linked = [p for p in (doc.interprets, doc.replaced_by) if p is not None]
    linked += list(DisclosureDocumentPage.objects.filter(interprets=doc)) + list(doc.replaces.all())
    entries = entries_of(
        sites.entry(doc, "index*"),
        sites.entry(index, "index*"),
        *_sub_lists(index, sites),
        sites.entry(home) if home is not None else None,
        *(sites.entry(p, "index*") for p in linked),
    )
    return Snapshot(groups={"page": (page_value(doc), entries)})


def register_rules() -> None:
    from govportal.disclosure.models import DisclosureDocumentPage, DisclosureIndexPage

    register_rule(DisclosureIndexPage, index_rule)
    register_rule(DisclosureDocumentPage, document_rule)


def report_changed(agency) -> None:
    """An annual report of ``agency`` was published: its sites' 年报 lists show it."""
    from govportal.cluster.models import SiteHomePage
    from govportal.disclosure.models import DisclosureIndexPage
    from govportal.prerender import pages_changed

    urls = []
    for home in SiteHomePage.objects.filter(agency=agency):
        for index in DisclosureIndexPage.objects.child_of(home).live():
            if index.full_url:
                urls.append(index.full_url + "nb/")
    if urls:
        pages_changed(urls=urls)
