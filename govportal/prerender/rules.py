"""What a page's public state is, and which pre-rendered files show it.

`snapshot(page)` describes a page as the public sees it right now, in groups: each group
has a value (the fields readers see) and the files that show those fields; a column list
also records the page's position in it. `changes(before, after)` compares two snapshots
(taken before and after a transaction, see `signals.py`) and returns the files to refresh:
the entries of every group whose value changed, and for every list the page entered, left
or moved in, the list pages from its position to the last (their items shift), its feed if
it is among the newest, and the home page block if it is among the first.

Rules are chosen by page class (most specific first); any Wagtail page type without a rule
of its own gets `generic_rule` (its own URL, its parent's list pages, its site's home).
Another area registers its own with `register_rule(Model, fn)`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from urllib.parse import unquote

from django.conf import settings
from django.db.models import Q

from govportal.prerender.store import Entry

HOME_BLOCK_ITEMS = 8  # cluster.selectors.HOME_ARTICLES_PER_COLUMN
FEED_ITEMS = 30  # cluster.feeds.FEED_ITEMS


@dataclass(frozen=True)
class Listing:
    """A page's place in one list page sequence (a column's article list)."""

    position: int | None  # 0-based; None when the page is not in the list
    count: int
    feed_position: int | None
    pages: tuple[Entry, ...]  # page 1, 2, … of the list: Entry per list page slot base
    feed: Entry | None
    home: Entry | None


@dataclass
class Snapshot:
    groups: dict[str, tuple[object, frozenset[Entry]]] = field(default_factory=dict)
    listings: dict[tuple[str, str], Listing] = field(default_factory=dict)

    def all_entries(self) -> set[Entry]:
        entries: set[Entry] = set()
        for _value, group_entries in self.groups.values():
            entries |= group_entries
        for key, listing in self.listings.items():
            entries.add(Entry(key[0], key[1], "index*"))
            if listing.feed:
                entries.add(listing.feed)
            if listing.home:
                entries.add(listing.home)
        return entries


EMPTY = Snapshot()

_rules: list[tuple[type, object]] = []


def register_rule(model: type, fn) -> None:
    """``fn(page, sites) -> Snapshot`` for pages of ``model`` (and subclasses without a rule
    of their own). ``sites`` resolves pages to `Entry`s (see `Sites`)."""
    _rules.append((model, fn))


class Sites:
    """Resolves pages to (hostname, path) once per computation."""

    def __init__(self) -> None:
        from wagtail.models import Site

        self._hosts = {s.pk: s.hostname.lower() for s in Site.objects.all()}

    def entry(self, page, name: str = "index.html", exclude: tuple[str, ...] = ()) -> Entry | None:
        parts = page.get_url_parts()
        if not parts or parts[0] not in self._hosts:
            return None
        site_id, _root, path = parts
        # Stored under the decoded path, as nginx's $uri and Django's request.path see it.
        return Entry(self._hosts[site_id], unquote(path), name, exclude)

    def hosts(self) -> list[str]:
        return sorted(set(self._hosts.values()))


def page_value(page, *extra):
    return (page.url_path, page.last_published_at, *extra) if page.live else None


def entries_of(*entries) -> frozenset[Entry]:
    return frozenset(e for e in entries if e is not None)


def nearest_home(page):
    from govportal.cluster.models import SiteHomePage

    return SiteHomePage.objects.ancestor_of(page, inclusive=False).order_by("-depth").first()


def generic_rule(page, sites: Sites) -> Snapshot:
    parent = page.get_parent()
    home = nearest_home(page)
    entries = entries_of(
        sites.entry(page, "index*"),
        sites.entry(parent, "index*") if parent is not None and parent.depth > 1 else None,
        sites.entry(home) if home is not None else None,
    )
    return Snapshot(groups={"page": (page_value(page), entries)})


def _site_exclusions(home) -> tuple[str, ...]:
    from govportal.cluster.models import SiteHomePage

    base = home.url_path
    return tuple(
        "/" + child.url_path[len(base) :].strip("/") + "/"
        for child in SiteHomePage.objects.child_of(home).only("url_path")
    )


def _column_listing(column, article, sites: Sites) -> Listing | None:
    from govportal.cluster import selectors
    from govportal.cluster.models import ColumnLayout, SiteHomePage

    if column.layout != ColumnLayout.LIST or not column.live:
        return None
    base = sites.entry(column)
    if base is None:
        return None
    articles = selectors.column_articles(column)
    count = articles.count()
    position = feed_position = None
    if article.live and articles.filter(pk=article.pk).exists():
        fpa = article.first_published_at
        if fpa is None:
            position = feed_position = 0
        else:
            pinned = article.is_pinned
            ahead = (
                Q(is_pinned__gt=pinned)
                | Q(is_pinned=pinned, first_published_at__gt=fpa)
                | Q(is_pinned=pinned, first_published_at=fpa, pk__gt=article.pk)
            )
            position = articles.filter(ahead).count()
            feed_position = articles.filter(
                Q(first_published_at__gt=fpa) | Q(first_published_at=fpa, pk__gt=article.pk)
            ).count()
    parent = column.get_parent().specific
    home = None
    if isinstance(parent, SiteHomePage) and column.show_on_home:
        home = sites.entry(parent)
    return Listing(
        position=position,
        count=count,
        feed_position=feed_position,
        pages=(base,),
        feed=Entry(base.host, base.path + "rss/", "index.xml"),
        home=home,
    )


def article_rule(article, sites: Sites) -> Snapshot:
    from govportal.cluster.models import ColumnPage, SiteHomePage, SyncStatus

    home = nearest_home(article)
    snap = Snapshot()
    snap.groups["page"] = (page_value(article), entries_of(sites.entry(article), sites.entry(home) if home else None))
    headline = article.live and article.is_headline and article.cover_image_id is not None
    headline_homes = []
    columns = []
    parent = article.get_parent().specific
    if isinstance(parent, ColumnPage):
        columns.append(parent)
    synced = ColumnPage.objects.filter(sync_offers__article=article, sync_offers__status=SyncStatus.ACCEPTED).distinct()
    columns += list(synced)
    if headline:
        headline_homes = list(SiteHomePage.objects.ancestor_of(article))
        for column in synced:
            headline_homes += list(SiteHomePage.objects.ancestor_of(column))
    snap.groups["headline"] = (
        (article.last_published_at, article.cover_image_id) if headline else None,
        entries_of(*(sites.entry(h) for h in headline_homes)),
    )
    for column in columns:
        listing = _column_listing(column, article, sites)
        if listing is not None:
            snap.listings[(listing.pages[0].host, listing.pages[0].path)] = listing
    return snap


def column_rule(column, sites: Sites) -> Snapshot:
    from govportal.cluster.models import SiteHomePage

    parent = column.get_parent().specific
    home = parent if isinstance(parent, SiteHomePage) else nearest_home(column)
    snap = Snapshot()
    snap.groups["page"] = (
        page_value(column),
        entries_of(
            sites.entry(column, "*"),
            sites.entry(parent, "index*"),
            sites.entry(home) if home is not None else None,
        ),
    )
    if isinstance(parent, SiteHomePage):
        # A top-level column is in the navigation bar of every page of its site.
        snap.groups["nav"] = (
            (column.url_path, column.title, column.show_on_home) if column.live else None,
            entries_of(sites.entry(parent, "*", _site_exclusions(parent))),
        )
    return snap


def site_home_rule(home, sites: Sites) -> Snapshot:
    from govportal.cluster.models import ClusterNavPage, SiteKind

    parent_home = nearest_home(home)
    nav = ClusterNavPage.objects.live().first()
    snap = Snapshot()
    # Registry data (footer) and the site's name are on every page of it and its sub-sites.
    snap.groups["page"] = (
        page_value(home),
        entries_of(
            sites.entry(home, "*"),
            sites.entry(parent_home) if parent_home is not None else None,
            sites.entry(nav) if nav is not None else None,
        ),
    )
    if home.kind == SiteKind.PORTAL:
        # Every page of every site links back to the portal by its name.
        snap.groups["portal"] = (
            (home.url_path, home.title) if home.live else None,
            frozenset(Entry(host, "/", "*") for host in sites.hosts()),
        )
    return snap


def register_builtin_rules() -> None:
    from govportal.cluster.models import ArticlePage, ColumnPage, SiteHomePage

    if any(model is ArticlePage for model, _fn in _rules):
        return  # areas register theirs in their own ready(), before or after this
    register_rule(ArticlePage, article_rule)
    register_rule(ColumnPage, column_rule)
    register_rule(SiteHomePage, site_home_rule)


def rule_for(page):
    best = None
    for model, fn in _rules:
        if isinstance(page, model) and (best is None or issubclass(model, best[0])):
            best = (model, fn)
    return best[1] if best else generic_rule


def snapshot(page, sites: Sites | None = None) -> Snapshot:
    """The public state of ``page`` (a specific page instance, as stored now)."""
    return rule_for(page)(page, sites or Sites())


def _list_pages(count: int) -> int:
    return max(1, math.ceil(count / settings.GOVPORTAL_ARTICLES_PER_PAGE))


def _page_entry(base: Entry, number: int) -> Entry:
    return Entry(base.host, base.path, "index.html" if number == 1 else f"index-p{number}.html")


def changes(before: Snapshot, after: Snapshot) -> set[Entry]:
    entries: set[Entry] = set()
    changed_groups = set()
    for name in set(before.groups) | set(after.groups):
        b_value, b_entries = before.groups.get(name, (None, frozenset()))
        a_value, a_entries = after.groups.get(name, (None, frozenset()))
        if b_value != a_value:
            changed_groups.add(name)
            entries |= b_entries | a_entries
    content_changed = "page" in changed_groups
    per_page = settings.GOVPORTAL_ARTICLES_PER_PAGE
    none = Listing(None, 0, None, (), None, None)
    for key in set(before.listings) | set(after.listings):
        b = before.listings.get(key, none)
        a = after.listings.get(key, none)
        base = (a.pages or b.pages)[0]
        positions = [p for p in (b.position, a.position) if p is not None]
        if not positions:
            continue
        same_place = b.position == a.position and b.count == a.count
        if same_place and not content_changed and b.feed_position == a.feed_position:
            continue
        if same_place:
            numbers = {a.position // per_page + 1}
        else:
            start = min(positions) // per_page + 1
            numbers = set(range(start, max(_list_pages(b.count), _list_pages(a.count)) + 1))
        entries |= {_page_entry(base, n) for n in numbers}
        feeds = [p for p in (b.feed_position, a.feed_position) if p is not None]
        if feeds and min(feeds) < FEED_ITEMS:
            entries |= {f for f in (b.feed, a.feed) if f}
        if min(positions) < HOME_BLOCK_ITEMS:
            entries |= {h for h in (b.home, a.home) if h}
    return entries
