"""Security headers (docs/security.md "Security headers").

Django's SecurityMiddleware and XFrameOptionsMiddleware set nosniff, Referrer-Policy, HSTS
(production, HTTPS) and X-Frame-Options; this module adds the Content-Security-Policy, one per
area of the site:

- public pages: no inline script at all (``script-src 'self'``), styles from files, with only
  ``style-src-attr 'unsafe-inline'`` for the data-driven bar widths in statistics tables;
- the staff admin (``/admin/``, ``/django-admin/``): Wagtail's own templates carry inline
  scripts (inline panels, date pickers), so ``'unsafe-inline'`` there, and only there;
- the API docs (``/api/``): Swagger UI from bundled files, which sets inline styles.

`nginx_directives()` writes the same headers for the pre-rendered pages nginx serves itself
(`govportal.prerender.nginx`), so a reader gets the same protection from a file as from
Django.
"""

from __future__ import annotations

from django.conf import settings

_ADMIN_PREFIXES = ("/admin/", "/django-admin/")
_API_PREFIXES = ("/api/",)


def policy_for(path: str) -> str:
    if path.startswith(_ADMIN_PREFIXES):
        return settings.GOVPORTAL_CSP_ADMIN
    if path.startswith(_API_PREFIXES):
        return settings.GOVPORTAL_CSP_API_DOCS
    return settings.GOVPORTAL_CSP_PUBLIC


class ContentSecurityPolicyMiddleware:
    """Sets the policy of the path's area unless the view set one itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = policy_for(request.path_info)
        if policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy
        return response


def public_headers() -> list[tuple[str, str]]:
    """The headers Django's stack puts on a public page, HSTS aside (sent only over HTTPS):
    what nginx must add to a pre-rendered file of that page."""
    headers = [("Content-Security-Policy", settings.GOVPORTAL_CSP_PUBLIC)]
    if getattr(settings, "X_FRAME_OPTIONS", ""):
        headers.append(("X-Frame-Options", settings.X_FRAME_OPTIONS))
    if settings.SECURE_CONTENT_TYPE_NOSNIFF:
        headers.append(("X-Content-Type-Options", "nosniff"))
    if settings.SECURE_REFERRER_POLICY:
        value = settings.SECURE_REFERRER_POLICY
        headers.append(("Referrer-Policy", value if isinstance(value, str) else ",".join(value)))
    if settings.SECURE_CROSS_ORIGIN_OPENER_POLICY:
        headers.append(("Cross-Origin-Opener-Policy", settings.SECURE_CROSS_ORIGIN_OPENER_POLICY))
    return [(name, value) for name, value in headers if value]


def hsts_value() -> str:
    """Django's Strict-Transport-Security value, or "" when it sends none."""
    seconds = getattr(settings, "SECURE_HSTS_SECONDS", 0)
    if not seconds:
        return ""
    value = f"max-age={seconds}"
    if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
        value += "; includeSubDomains"
    if settings.SECURE_HSTS_PRELOAD:
        value += "; preload"
    return value


def _quoted(value: str) -> str:
    if '"' in value or "\n" in value or "\\" in value:
        raise ValueError(f"header value cannot go into nginx's config: {value!r}")
    return f'"{value}"'


def nginx_directives() -> dict[str, str]:
    """``{"SECURITY_HEADERS": …, "HSTS": …}`` for deploy/nginx/govportal.conf: the
    ``add_header`` lines of a pre-rendered page, and the HSTS value sent over HTTPS."""
    lines = [f"add_header {name} {_quoted(value)};" for name, value in public_headers()]
    lines.append("add_header Strict-Transport-Security $gp_hsts;")  # empty (not sent) over plain HTTP
    hsts = hsts_value()
    return {"SECURITY_HEADERS": "\n            ".join(lines), "HSTS": _quoted(hsts) if hsts else '""'}
