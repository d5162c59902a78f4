"""What an area calls, from its ``<area>/publishing.py``, so that a change refreshes the
pre-rendered files that show it.

`govportal.prerender` imports no area: each area declares here which files show its pages
and rows, and its AppConfig.ready imports its ``publishing`` module.

- Wagtail pages need nothing: any page type gets `generic_rule` (its URL, its parent's list
  pages, its site's home). A precise rule: ``register_rule(MyPage, fn)`` with
  ``fn(page, sites) -> Snapshot`` (groups of a value and the entries that show it).
- Rows that are part of a page's public state: ``follow(Model, page_id=lambda row: …)``.
- Anything else rendered at a URL (plain Django views): call ``urls_changed([...])`` from a
  signal receiver or ``pages_changed(pages=…, urls=…)`` from an action; both wait for the
  commit. ``enabled()`` is False in the embedded default (no stored files): receivers
  return at once, at no query cost.
- The area owning sites (the cluster) declares the site home of a page (`register_home`).
"""

from __future__ import annotations

from govportal.prerender import pages_changed, urls_changed
from govportal.prerender.rules import (
    Listing,
    Sites,
    Snapshot,
    entries_of,
    generic_rule,
    nearest_home,
    page_value,
    register_home,
    register_rule,
)
from govportal.prerender.signals import follow
from govportal.prerender.store import Entry, enabled

__all__ = [
    "Entry",
    "Listing",
    "Sites",
    "Snapshot",
    "enabled",
    "entries_of",
    "follow",
    "generic_rule",
    "nearest_home",
    "page_value",
    "pages_changed",
    "register_home",
    "register_rule",
    "urls_changed",
]
