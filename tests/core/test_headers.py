"""Security headers (issue 16, point 3): a Content-Security-Policy on every page — public
pages without inline script, the admin, the API docs — beside Django's other headers, and
public pages that need no inline script to work."""

from __future__ import annotations

import re

from django.test import Client

import pytest

from govportal.core import headers

pytestmark = pytest.mark.django_db


def directives(policy: str) -> dict[str, list[str]]:
    out = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


def test_public_pages_forbid_inline_script_and_framing_by_others(cluster):
    for host, path in [
        ("localhost", "/"),
        ("jyj.localhost", "/"),
        ("localhost", "/banshi/"),
        ("localhost", "/search/"),
    ]:
        response = Client().get(path, HTTP_HOST=host)
        assert response.status_code == 200, path
        csp = directives(response["Content-Security-Policy"])
        assert csp["script-src"] == ["'self'"], path
        assert "'unsafe-inline'" not in csp["style-src"] and "'unsafe-eval'" not in csp["script-src"]
        assert csp["frame-ancestors"] == ["'self'"] and csp["object-src"] == ["'none'"]
        assert response["X-Frame-Options"] == "SAMEORIGIN"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"


PAGES = ["/", "/banshi/", "/search/?q=教育", "/hudong/", "/zwgk/", "/cases/", "/banshi/denglu/", "/nonexistent/"]


@pytest.mark.parametrize("path", PAGES)
def test_public_pages_carry_no_inline_script_or_script_urls(cluster, path):
    """What the policy would block must not be there: every <script> loads a file (or is
    data, not code), and no link or handler runs script."""
    body = Client().get(path, HTTP_HOST="localhost").content.decode()
    for tag, content in re.findall(r"(<script\b[^>]*>)(.*?)</script>", body, flags=re.S):
        if "application/json" in tag or "application/ld+json" in tag:
            continue
        assert "src=" in tag and not content.strip(), f"{path}: inline script {tag}{content[:80]}"
    assert "javascript:" not in body, path
    assert not re.search(r"\son[a-z]+\s*=", body), path


def test_the_admin_and_the_api_docs_have_their_own_policy(client, cluster):
    admin = client.get("/admin/login/")
    assert admin.status_code == 200
    csp = directives(admin["Content-Security-Policy"])
    assert csp["frame-ancestors"] == ["'self'"] and csp["object-src"] == ["'none'"]
    assert admin["X-Frame-Options"] == "SAMEORIGIN"
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    csp = directives(docs["Content-Security-Policy"])
    assert csp["script-src"] == ["'self'"] and csp["frame-ancestors"] == ["'self'"]
    scripts = re.findall(r"<script\b[^>]*>", docs.content.decode())
    assert scripts and all("src=" in tag or "application/json" in tag for tag in scripts)


def test_nginx_gets_the_headers_of_a_public_page_from_the_settings(settings, cluster):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = Client().get("/", HTTP_HOST="localhost")
    lines = headers.nginx_directives()["SECURITY_HEADERS"]
    for name in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy"):
        assert f'add_header {name} "{response[name]}";' in lines
    assert headers.nginx_directives()["HSTS"] == '"max-age=31536000; includeSubDomains"'
    settings.SECURE_HSTS_SECONDS = 0
    assert headers.nginx_directives()["HSTS"] == '""'
