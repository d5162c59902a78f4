"""Store what Django renders for an anonymous reader, so that nginx serves it next time.

A response is stored only when nothing about it depends on who asked: a GET of a Wagtail
page (or a view marked with `cacheable`) without a query string other than ``?page=N``,
from a request with no session, CSRF, message or language cookie and no logged-in user,
answered 200 with HTML or RSS, setting no cookie, not marked private/no-store, and not
having used the CSRF token — and only for the hostname of a registered Wagtail Site (or the
portal's BASE_URL): any other name Django answers (ALLOWED_HOSTS may hold a wildcard such as
``.localhost``) falls back to the default site and is rendered live, never stored, so a
stranger cannot grow a new tree on the disk with every made-up name. nginx (deploy/nginx/govportal.conf) applies the same cookie and
query rules before it looks for a file, so the two agree on who gets a file.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit

from django.conf import settings

from govportal.prerender import store

logger = logging.getLogger(__name__)

# A request carrying any of these may see content of its own: always rendered live.
PERSONAL_COOKIES = ("sessionid", "csrftoken", "messages", "django_language")
_PAGE_QUERY = re.compile(r"^page=([1-9][0-9]{0,4})$")
_TYPES = {"text/html": "html", "application/rss+xml": "xml"}


def personal_cookies() -> tuple[str, ...]:
    return tuple(
        {
            settings.SESSION_COOKIE_NAME,
            settings.CSRF_COOKIE_NAME,
            getattr(settings, "LANGUAGE_COOKIE_NAME", "django_language"),
            *PERSONAL_COOKIES,
        }
    )


def cacheable(view):
    """Mark a non-Wagtail view's anonymous responses as storable (its area must call
    `govportal.prerender.pages_changed(urls=...)` when what it shows changes)."""

    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response._prerender_ok = True
        return response

    wrapped.__name__ = getattr(view, "__name__", "view")
    wrapped.__doc__ = view.__doc__
    return wrapped


def file_name(query: str, content_type: str) -> str | None:
    kind = _TYPES.get(content_type.split(";")[0].strip().lower())
    if kind == "xml":
        return "index.xml" if not query else None
    if kind != "html":
        return None
    if not query:
        return "index.html"
    match = _PAGE_QUERY.match(query)
    return f"index-p{match.group(1)}.html" if match else None


def registered_hosts() -> set[str]:
    """The hostnames whose pages may be stored: every Wagtail Site's, and the portal's
    BASE_URL. Wagtail keeps the site list in the cache and clears it when a Site changes."""
    from wagtail.models import Site

    hosts = {urlsplit(p.root_url).hostname for p in Site.get_site_root_paths()}
    hosts.add(urlsplit(getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").hostname)
    return {h.lower() for h in hosts if h}


def storable(request, response) -> bool:
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if any(name in request.COOKIES for name in personal_cookies()):
        return False
    if getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE) != settings.LANGUAGE_CODE:
        return False  # rendered for a browser's Accept-Language, not for every reader
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    page = getattr(request, "_prerender_page", None)
    if page is not None:
        return getattr(page, "prerender", True)
    return getattr(response, "_prerender_ok", False)


class PrerenderMiddleware:
    """Placed right after SecurityMiddleware, so it sees the final response (繁體 converted)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or not store.enabled():
            return self.get_response(request)  # only GET answers are stored: no file read
        since = store.generation()
        response = self.get_response(request)
        try:
            self._store(request, response, since)
        except OSError:  # a full or read-only disk must never break serving
            logger.exception("prerender: could not store %s", request.path)
        return response

    def _store(self, request, response, since: int) -> None:
        if not storable(request, response):
            return
        name = file_name(request.META.get("QUERY_STRING", ""), response.get("Content-Type", ""))
        if name is None:
            return
        variant = store.variant_of(
            elder=getattr(request, "elder_mode", False), traditional=getattr(request, "traditional", False)
        )
        host = request.get_host().rsplit(":", 1)[0] if not request.get_host().startswith("[") else ""
        if host and host.lower() not in registered_hosts():
            return
        if host and store.write(variant, host, request.path, name, response.content, since_generation=since):
            response["X-Prerender"] = "stored"
