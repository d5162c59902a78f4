"""Render purged pages again in the background, so the next reader gets a file."""

from __future__ import annotations

import logging

from django.conf import settings
from django.test import Client

from django_tasks import task

logger = logging.getLogger(__name__)
MAX_RERENDER = 60  # per refresh; the rest are rendered on their first anonymous request


def rerender_targets(entries) -> list[list[str]]:
    """[host, url] to render again: single files first (the page, list pages, feeds), then
    the roots of purged subtrees, at most `MAX_RERENDER`."""
    exact = sorted({(e.host, e.url()) for e in entries if e.name not in ("*", "index*") and e.url()})
    roots = sorted({(e.host, e.url()) for e in entries if e.name in ("*", "index*") and e.url()})
    seen, targets = set(), []
    for item in exact + roots:
        if item not in seen:
            seen.add(item)
            targets.append([item[0], item[1]])
    return targets[:MAX_RERENDER]


def render_anonymously(host: str, url: str) -> int:
    """Request the URL as an anonymous reader through the whole Django stack; the prerender
    middleware stores the response. Returns the status code."""
    client = Client(HTTP_HOST=host)
    secure = getattr(settings, "SECURE_SSL_REDIRECT", False)
    return client.get(url, secure=secure).status_code


@task()
def rerender(targets: list[list[str]]) -> None:
    for host, url in targets:
        try:
            render_anonymously(host, url)
        except Exception:  # noqa: BLE001 — one bad page must not stop the others
            logger.exception("prerender: rendering %s%s failed", host, url)
