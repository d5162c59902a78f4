"""Marks each request with its display modes and converts public HTML pages to
Traditional characters when the visitor chose 繁體."""

from __future__ import annotations

from django.utils.cache import patch_vary_headers

from govportal.accessibility import display

# Staff work in Simplified Chinese; the API and files are not pages.
_EXCLUDED_PREFIXES = ("/admin/", "/django-admin/", "/api/", "/documents/", "/media/", "/static/")


class DisplayModeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.elder_mode = display.elder_mode(request)
        request.traditional = display.traditional(request)
        response = self.get_response(request)
        if request.path.startswith(_EXCLUDED_PREFIXES):
            return response
        if response.get("Content-Type", "").startswith("text/html"):
            patch_vary_headers(response, ["Cookie"])
            if request.traditional and not response.streaming:
                charset = response.charset or "utf-8"
                html = response.content.decode(charset, errors="replace")
                response.content = display.html_to_traditional(html).encode(charset)
                if response.has_header("Content-Length"):
                    response["Content-Length"] = str(len(response.content))
        return response
