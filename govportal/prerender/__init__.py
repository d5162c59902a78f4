"""Pre-rendered public pages (issue 9): anonymous readers get files from nginx.

The one function other areas call::

    from govportal.prerender import pages_changed

    pages_changed(pages=[guide_page])                     # Wagtail pages of any type
    pages_changed(urls=["http://localhost/zwgk/guide/"])  # anything else rendered at a URL
    urls_changed(["/banshi/"])  # the same, collected: one refresh per transaction (signals)

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
    # Not at the top: this package loads with every submodule, also before Django is set up
    # (nginx.py), and signals needs Wagtail's models.
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


def urls_changed(urls) -> None:
    """`pages_changed(urls=…)` for signal receivers that may fire many times in one
    transaction (an inline form saving each row): the URLs are collected and refreshed once,
    on commit; a rollback drops them."""
    from django.db import connection

    from govportal.prerender import signals, store  # see pages_changed

    if not store.enabled():
        return
    marker = connection.atomic_blocks[0] if connection.in_atomic_block else None
    state = getattr(connection, "_prerender_urls", None)
    fresh = state is None or state["marker"] is not marker or not signals.on_commit_registered(state["run"])
    if fresh:
        state = {"marker": marker, "urls": set(), "run": None}
        connection._prerender_urls = state
    state["urls"].update(urls)
    if fresh:

        def run(state=state):
            if getattr(connection, "_prerender_urls", None) is state:
                connection._prerender_urls = None
            pages_changed(urls=sorted(state["urls"]))

        state["run"] = run
        transaction.on_commit(run)
