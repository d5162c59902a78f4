"""Which addresses the published pages of the cluster link, read from the pages' stored content.

Every live page without a view restriction under a site home (articles, columns, home pages,
disclosure documents, 专题 …) is read through its specific model: each rich-text field
(``a href``, Wagtail's page and document links, image embeds, a stray ``img src``), each
``URLField`` (a column's external link) and the ``url`` of inline child rows (a 专题's links).
The chrome (navigation, footers) is built from the page tree and cannot point at a missing page,
so rendering every page would only repeat the same chrome links thousands of times
(docs/adr/0023-link-checker.md).

A reference is normalised into the key the checker stores: ``page:<id>``, ``document:<id>``,
``image:<id>`` for Wagtail's own references; ``http(s)://host/path?query`` for written
addresses (a relative one made absolute against the page's own address). An address is
internal when its host is one of the cluster's sites (or the page's own, for a relative one).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit, urlunsplit

from django.db import models

from wagtail.fields import RichTextField
from wagtail.models import Page, PageViewRestriction, Site

from govportal.cluster.models import SiteHomePage

SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "#", "sms:")


@dataclass(frozen=True)
class Reference:
    page_id: int
    site_id: int
    agency_id: int
    tag: str  # "a" or "img"
    key: str  # the normalised address (see the module's docstring)
    internal: bool
    written: str


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("a", "img", "embed"):
            self.found.append((tag, {k: v or "" for k, v in attrs}))

    handle_startendtag = handle_starttag


def tags_of(html: str) -> list[tuple[str, dict[str, str]]]:
    parser = _Tags()
    parser.feed(html or "")
    parser.close()
    return parser.found


def cluster_hosts() -> set[str]:
    return {h.lower() for h in Site.objects.values_list("hostname", flat=True) if h}


def normalise(href: str, base: str, hosts: set[str]) -> tuple[str, bool] | None:
    """(key, internal) for a written address, None for what is not checked (mailto:, #top …)."""
    href = (href or "").strip()
    if not href or href.lower().startswith(SKIPPED_SCHEMES):
        return None
    absolute = urljoin(base, href)
    parts = urlsplit(absolute)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    key = urlunsplit((parts.scheme, parts.netloc.lower(), parts.path or "/", parts.query, ""))
    return key, parts.hostname.lower() in hosts


def _references_in_html(html: str, base: str, hosts: set[str]) -> Iterator[tuple[str, str, bool, str]]:
    """(tag, key, internal, written) of one rich-text value."""
    for tag, attrs in tags_of(html):
        if tag == "embed":
            if attrs.get("embedtype") == "image" and attrs.get("id", "").isdigit():
                yield "img", f"image:{attrs['id']}", True, f"图片 #{attrs['id']}"
            continue
        if tag == "a" and attrs.get("linktype") in ("page", "document") and attrs.get("id", "").isdigit():
            yield "a", f"{attrs['linktype']}:{attrs['id']}", True, attrs.get("href", "") or attrs["linktype"]
            continue
        written = attrs.get("href" if tag == "a" else "src", "")
        normal = normalise(written, base, hosts)
        if normal is not None:
            yield tag, normal[0], normal[1], written[:500]


_CHILD_URL = re.compile(r"^(url|link|link_url)$")


def _values(page: Page) -> Iterator[tuple[str, str]]:
    """("html", value) for rich text, ("url", value) for written addresses, of one page."""
    for field in page._meta.concrete_fields:
        if field.model is Page or field.name in ("url_path", "seo_title", "search_description"):
            continue
        value = getattr(page, field.attname, None)
        if not value or not isinstance(value, str):
            continue
        if isinstance(field, RichTextField):
            yield "html", value
        elif isinstance(field, models.URLField):
            yield "url", value
    for relation in page._meta.related_objects:
        child = relation.related_model
        if not getattr(relation, "one_to_many", False) or not hasattr(child, "sort_order"):
            continue  # inline rows of the page (Orderable), not every table that points at pages
        names = [f.name for f in child._meta.concrete_fields if _CHILD_URL.match(f.name)]
        if not names:
            continue
        for row in getattr(page, relation.get_accessor_name()).all():
            for name in names:
                if getattr(row, name, ""):
                    yield "url", getattr(row, name)


def published_pages() -> Iterator[tuple[Page, SiteHomePage]]:
    """Every live, unrestricted page under a site home, with its nearest site home."""
    homes = sorted(SiteHomePage.objects.select_related("agency"), key=lambda h: -h.depth)
    restricted = list(PageViewRestriction.objects.values_list("page__path", flat=True))
    for page in Page.objects.live().order_by("path").specific(defer=False).iterator(chunk_size=200):
        if any(page.path.startswith(path) for path in restricted):
            continue
        home = next((h for h in homes if page.path.startswith(h.path)), None)
        if home is not None:
            yield page, home


def references(pages=None) -> Iterator[Reference]:
    hosts = cluster_hosts()
    for page, home in pages if pages is not None else published_pages():
        base = page.get_full_url() or ""
        for kind, value in _values(page):
            if kind == "html":
                found = _references_in_html(value, base, hosts)
            else:
                normal = normalise(value, base, hosts)
                found = iter([("a", normal[0], normal[1], value[:500])] if normal else [])
            for tag, key, internal, written in found:
                yield Reference(
                    page_id=page.pk,
                    site_id=home.pk,
                    agency_id=home.agency_id,
                    tag=tag,
                    key=key,
                    internal=internal,
                    written=written,
                )
