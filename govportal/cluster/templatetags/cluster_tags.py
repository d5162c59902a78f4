"""Template tags of the public site chrome.

`page_chrome` resolves which site and column a page belongs to (once per request, through
`selectors.page_chrome`); the filters only format what is already loaded.
"""

from __future__ import annotations

import re

from django import template
from django.conf import settings
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from govportal.cluster import selectors

register = template.Library()

# What the chrome shows when the database must not be touched (the 500 page).
_OFFLINE_CHROME = {
    "home": None,
    "registry": None,
    "portal": None,
    "nav_columns": [],
    "nav_own_columns": [],
    "area_links": [],
    "footer_links": [],
    "column": None,
    "top_column": None,
    "domain": "",
    "cluster_nav": None,
}


@register.simple_tag(takes_context=True)
def page_chrome(context) -> dict:
    if context.get("offline"):
        return _OFFLINE_CHROME
    page = context.get("page")
    return selectors.page_chrome(page, context.get("request"))


def _plain(html: str, limit: int = 120) -> str:
    return Truncator(" ".join(strip_tags(html or "").split())).chars(limit)


@register.simple_tag(takes_context=True)
def page_description(context) -> str:
    """The meta description of a page that sets none itself (issue 19: every page has one):
    the editor's search description, else the page's summary or introduction, else a
    sentence naming the page and its site. Views that are not pages override the
    ``description`` block of base.html with their own sentence."""
    chrome = context.get("chrome") or {}
    home = chrome.get("home")
    site = home.title if home is not None else settings.WAGTAIL_SITE_NAME
    page = context.get("page")
    if page is None or not hasattr(page, "search_description"):
        return _("%(site)s：政务公开、政务服务、互动交流。") % {"site": site}
    texts = (
        page.search_description,
        getattr(page, "summary", ""),
        getattr(page, "intro", ""),
        getattr(page, "body", ""),
    )
    for text in texts:
        plain = _plain(str(text or ""))
        if len(plain) >= 10:
            return plain
    if home is not None and page.pk == home.pk:
        return _("%(site)s网站：政务公开、政务服务、互动交流。") % {"site": site}
    return _("%(site)s“%(title)s”：%(site)s发布的%(title)s信息。") % {"site": site, "title": page.title}


@register.simple_tag
def site_title_fallback() -> str:
    return settings.WAGTAIL_SITE_NAME


@register.filter
def record_digits(value: str) -> str:
    """The digits of a 公安机关备案号 (`湘公网安备 43010002000001号` → `43010002000001`), which
    the national registration page takes as its record code."""
    return "".join(re.findall(r"\d", value or ""))


@register.filter
def elided_pages(page_obj):
    """Page numbers for a paginator page, with `…` gaps (Django's elided range)."""
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)


@register.filter
def synced_into(article, column) -> bool:
    """Whether the article is listed in this column by synchronised publishing (it lives in
    another site's tree)."""
    return not article.path.startswith(column.path)


@register.simple_tag(takes_context=True)
def portal_entries(context, home):
    return selectors.portal_entries(home, context.get("request"))


@register.simple_tag(takes_context=True)
def portal_blocks(context):
    from govportal.cluster import areas

    return areas.portal_blocks(context.get("request"))


@register.simple_tag(takes_context=True)
def cluster_directory(context):
    return selectors.cluster_directory(context.get("request"))


@register.simple_tag(takes_context=True)
def cluster_directory_block(context):
    return mark_safe(selectors.cluster_directory_html(context.get("request")))  # noqa: S308 — our own template


@register.simple_tag(takes_context=True)
def breadcrumb_pages(context, page):
    return selectors.breadcrumb_pages(page, context.get("request"))


@register.simple_tag
def column_menu(column, subcolumns):
    """The side menu of a column page: its sub-columns, or for a sub-column its siblings."""
    if subcolumns:
        return subcolumns
    parent = column.get_parent().specific
    if isinstance(parent, type(column)):
        return selectors.child_columns(parent)
    return []


@register.simple_tag(takes_context=True)
def page_backlinks(context, page) -> list[dict]:
    """The items of other areas that point at this page (an interview on a policy document, the
    feedback of a draft on its final document): [{"label", "title", "url", "date"}]."""
    from govportal.cluster import areas

    if page is None or page.pk is None:
        return []
    return areas.page_backlinks([page.pk], request=context.get("request")).get(page.pk, [])
