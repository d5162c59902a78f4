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
This package imports no area: each area registers its rules with `register_rule(Model, fn)`
from its ``publishing.py`` (see `govportal.prerender.registry`); the cluster's articles,
columns and site homes in ``cluster/publishing.py``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from urllib.parse import unquote

from django.conf import settings

from govportal.prerender.store import Entry

# How many items a list shows on the home page block and in its feed (the cluster's
# selectors.HOME_ARTICLES_PER_COLUMN and feeds.FEED_ITEMS; tests check they agree).
HOME_BLOCK_ITEMS = 8
FEED_ITEMS = 30


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


# The home page of the site a page belongs to (its home shows its title in lists and
# blocks): declared by the area owning sites (the cluster) with `register_home`.
_home_of = None


def register_home(fn) -> None:
    """``fn(page)`` → the nearest site home above ``page`` (not the page itself), or None."""
    global _home_of
    _home_of = fn


def nearest_home(page):
    return _home_of(page) if _home_of is not None else None


def generic_rule(page, sites: Sites) -> Snapshot:
    parent = page.get_parent()
    home = nearest_home(page)
    entries = entries_of(
        sites.entry(page, "index*"),
        sites.entry(parent, "index*") if parent is not None and parent.depth > 1 else None,
        sites.entry(home) if home is not None else None,
    )
    return Snapshot(groups={"page": (page_value(page), entries)})


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
