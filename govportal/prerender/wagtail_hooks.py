"""Tell the prerender middleware which Wagtail page a response shows."""

from __future__ import annotations

from wagtail import hooks


@hooks.register("before_serve_page", order=-100)
def remember_served_page(page, request, serve_args, serve_kwargs):
    request._prerender_page = page
    # Pages behind a view restriction (password, login, groups) are never stored.
    request._prerender_restricted = bool(page.get_view_restrictions())
