"""Pre-rendered public pages (issue 9): anonymous readers get files from nginx.

The one function other areas call::

    from govportal.prerender import pages_changed

    pages_changed(pages=[guide_page])                     # Wagtail pages of any type
    pages_changed(urls=["http://localhost/zwgk/guide/"])  # anything else rendered at a URL

It purges the stored files of those pages (their own URL, every list page of their parent,
their site's home — or the given URLs with all their list pages) and renders them again in
the background. Call it from your action, after the write; it waits for the commit.

Wagtail pages need no call at all: publishing, unpublishing, moving or deleting any page
is followed by `signals.py` (with precise rules for articles, columns and site homes, and a
generic rule for every other page type; `rules.register_rule` adds one). See
docs/performance.md.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.db import transaction


def pages_changed(*, pages=(), urls=()) -> None:
    from govportal.prerender import rules, signals, store

    if not store.enabled():
        return
    pages, urls = list(pages), list(urls)

    def run():
        sites = rules.Sites()
        entries = set()
        for page in pages:
            entries |= rules.generic_rule(page.specific, sites).all_entries()
        for url in urls:
            parts = urlsplit(url)
            path = parts.path if parts.path.endswith("/") else parts.path + "/"
            if parts.hostname:
                entries.add(store.Entry(parts.hostname.lower(), path, "index*"))
            else:
                entries |= {store.Entry(host, path, "index*") for host in sites.hosts()}
        signals.refresh(entries)

    transaction.on_commit(run)
