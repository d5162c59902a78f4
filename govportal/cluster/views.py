"""Error pages and the accessibility statement, rendered in the chrome of the site the
request is for (the page-less chrome falls back to the site's root page)."""

from __future__ import annotations

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def page_not_found(request, exception=None):
    return render(request, "404.html", {"page": None}, status=404)


def server_error(request):
    # No database work here: the error may be the database itself. The template gets no
    # request (so no context processors run) and `offline` keeps the chrome from looking
    # up the site.
    return HttpResponseServerError(loader.get_template("500.html").render({"offline": True}))


def accessibility_statement(request):
    """无障碍声明 — one statement for the whole cluster, shown in the asking site's chrome."""
    return render(request, "accessibility.html", {"page": None})


def urgent_notices_json(request):
    """紧急信息 as JSON for the banner every page loads (`static/js/site.js`): never stored
    as a file, cheap (a cached list), so a notice shows on every pre-rendered page at once."""
    from django.http import JsonResponse

    from govportal.cluster.selectors import active_urgent_notices

    response = JsonResponse({"notices": active_urgent_notices()}, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "no-cache, max-age=0"
    return response
