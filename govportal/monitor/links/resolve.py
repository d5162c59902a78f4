"""Whether an internal address leads somewhere — answered from the database and the URL
configuration, without a request over the network.

- ``page:<id>``: a live page; ``document:<id>`` / ``image:<id>``: an existing document/image.
- ``http(s)://<cluster host>/path``: the path is resolved by Django's URL configuration. A
  path Wagtail serves is routed from the root page of the site of that host the way Wagtail
  serves it (``Page.route``: live pages only, and the routable pages' own sub-routes such as a
  disclosure column's ``zn/``), without rendering anything. A document's address needs the
  document; a media file needs the stored file; any other route of the project's URLs (the
  areas' own pages: ``/hudong/…``, ``/banshi/…``) exists when it resolves.
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import Http404
from django.test import RequestFactory
from django.urls import Resolver404, resolve

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from govportal.core.linkcheck import LinkResult

PAGE_GONE = "页面不存在或未发布"
DOCUMENT_GONE = "文件不存在"
IMAGE_GONE = "图片不存在"


def _site_for(host: str) -> Site | None:
    return Site.objects.filter(hostname__iexact=host).select_related("root_page").first() or (
        Site.objects.filter(is_default_site=True).select_related("root_page").first()
    )


def _route(host: str, path: str) -> bool:
    site = _site_for(host)
    if site is None:
        return False
    request = RequestFactory().get(path, HTTP_HOST=host if host in settings.ALLOWED_HOSTS else "localhost")
    components = [c for c in path.split("/") if c]
    try:
        site.root_page.specific.route(request, components)
    except Http404:
        return False
    return True


def resolve_internal(key: str) -> LinkResult:
    kind, _, rest = key.partition(":")
    if kind == "page" and rest.isdigit():
        ok = Page.objects.filter(pk=int(rest), live=True).exists()
        return LinkResult(ok=ok, error="" if ok else PAGE_GONE)
    if kind == "document" and rest.isdigit():
        ok = get_document_model().objects.filter(pk=int(rest)).exists()
        return LinkResult(ok=ok, error="" if ok else DOCUMENT_GONE)
    if kind == "image" and rest.isdigit():
        ok = get_image_model().objects.filter(pk=int(rest)).exists()
        return LinkResult(ok=ok, error="" if ok else IMAGE_GONE)
    parts = urlsplit(key)
    path = unquote(parts.path or "/")
    media = settings.MEDIA_URL if settings.MEDIA_URL.startswith("/") else "/" + settings.MEDIA_URL
    if path.startswith(media):
        ok = default_storage.exists(path[len(media) :])
        return LinkResult(ok=ok, error="" if ok else DOCUMENT_GONE)
    if path.startswith(settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/" + settings.STATIC_URL):
        return LinkResult(ok=True)
    try:
        match = resolve(path)
    except Resolver404:
        return LinkResult(ok=False, error=PAGE_GONE)
    if match.url_name == "wagtail_serve":
        ok = _route((parts.hostname or "").lower(), path)
        return LinkResult(ok=ok, error="" if ok else PAGE_GONE)
    if match.url_name == "wagtaildocs_serve":
        ok = get_document_model().objects.filter(pk=match.kwargs.get("document_id")).exists()
        return LinkResult(ok=ok, error="" if ok else DOCUMENT_GONE)
    return LinkResult(ok=True)
