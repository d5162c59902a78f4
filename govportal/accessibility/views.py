"""The no-JavaScript switches: a plain link sets the cookie and goes back where it came from."""

from __future__ import annotations

from django.http import Http404, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache

from govportal.accessibility import display

_SETTINGS = {
    "elder": (display.ELDER_COOKIE, {"on": "1", "off": None}),
    "script": (display.SCRIPT_COOKIE, {"hant": display.HANT, "hans": None}),
}


def safe_next(request) -> str:
    """Only a path on this same site; anything else (other hosts, schemes, //evil) goes home."""
    target = request.GET.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


@never_cache
def switch(request, key: str, value: str):
    try:
        cookie, values = _SETTINGS[key]
        stored = values[value]
    except KeyError:
        raise Http404 from None
    response = HttpResponseRedirect(safe_next(request))
    if stored is None:
        response.delete_cookie(cookie, samesite="Lax")
    else:
        response.set_cookie(
            cookie, stored, max_age=display.COOKIE_MAX_AGE, samesite="Lax", secure=request.is_secure(), httponly=True
        )
    response["X-Robots-Tag"] = "noindex"
    return response
