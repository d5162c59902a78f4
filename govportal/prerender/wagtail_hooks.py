"""Tell the prerender middleware which Wagtail page a response shows.

Pages behind a view restriction are never stored, without a query of our own: Wagtail's
own check answers a reader who has not passed it with a login redirect or a password form
(which uses the CSRF token, so `middleware.storable` refuses it), and a reader who has
passed it carries a session cookie.
"""

from __future__ import annotations

from wagtail import hooks


@hooks.register("before_serve_page", order=-100)
def remember_served_page(page, request, serve_args, serve_kwargs):
    request._prerender_page = page
