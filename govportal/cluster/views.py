"""Error pages: rendered with the site chrome of the site the request is for."""

from __future__ import annotations

from django.shortcuts import render
from django.template import loader
from django.http import HttpResponseServerError
from wagtail.models import Site


def page_not_found(request, exception=None):
    return render(request, "404.html", {"site": Site.find_for_request(request)}, status=404)


def server_error(request):
    # No database work here: the error may be the database itself.
    return HttpResponseServerError(loader.get_template("500.html").render({}))
