"""Public pages of 公共查询 under /bianmin/chaxun/: the list of query systems and one form per
system. Thin: parse, select, act, render.

A personal system (水费、交通违法) is asked by POST, with a CAPTCHA each time (core.antiabuse),
every asked value exact, and its answer is never cached, stored or put in a URL. A system
without personal data (计划停电、燃气网点) is asked by GET from a list of its values.
Everything works without JavaScript."""

from __future__ import annotations

from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from govportal.convenience import actions, querying, selectors
from govportal.core.antiabuse import captcha
from govportal.core.antiabuse.guard import client_key
from govportal.core.errors import GovPortalError, InvalidInput


def index(request):
    systems = selectors.query_systems()
    return TemplateResponse(request, "convenience/query/index.html", {"systems": systems, "page_title": _("公共查询")})


def _no_store(response):
    response["Cache-Control"] = "max-age=0, no-cache, no-store, must-revalidate, private"
    response["X-Robots-Tag"] = "noindex"
    return response


def _values(system, data) -> tuple[list[str], dict[str, str], dict[str, str]]:
    """(the cleaned values in order, what was typed by param name, errors by param name)."""
    values, typed, errors = [], {}, {}
    for i, f in enumerate(system.asked_fields()):
        name = f"f{i}"
        raw = data.get(name, "")
        typed[name] = raw[: querying.MAX_VALUE]
        try:
            values.append(querying.clean_asked(f.display_label, raw))
        except InvalidInput as exc:
            errors[name] = exc.message
    return values, typed, errors


@require_http_methods(["GET", "POST"])
def query(request, slug):
    system = selectors.query_system_public(slug)
    fields = [(f"f{i}", f) for i, f in enumerate(system.asked_fields())]
    context = {
        "system": system,
        "fields": fields,
        "choices": selectors.choices(system),
        "page_title": system.name,
        "typed": {},
        "errors": {},
        "rows": None,
        "error": "",
    }
    status = 200
    asking = request.method == "POST" if system.is_personal else any(n in request.GET for n, _f in fields)
    if system.is_personal and request.method == "GET" and any(n in request.GET for n, _f in fields):
        context["error"] = _("为保护个人信息，请在下面的表单中填写查询条件并输入验证码后查询")
        status = 400
    if request.method == "POST" and not system.is_personal:
        asking = False
        context["error"] = _("请使用下面的表单查询")
        status = 405
    if asking:
        data = request.POST if system.is_personal else request.GET
        values, context["typed"], context["errors"] = _values(system, data)
        try:
            if context["errors"]:
                raise InvalidInput(_("请按提示修改查询条件"))
            if system.is_personal and not captcha.verify(
                key=data.get("captcha_key", ""), answer=data.get("captcha_answer", "")
            ):
                context["captcha_error"] = _("验证码不正确或已过期，请重新输入")
                raise InvalidInput(context["captcha_error"])
            context["rows"] = actions.query_answer(system=system, values=values, client=client_key(request))
        except GovPortalError as exc:
            context["error"] = exc.message
            status = exc.status_code
    if system.is_personal:
        context["captcha_key"] = captcha.new_image_challenge()
        context["captcha_image"] = reverse("antiabuse:captcha-image-2x", args=[context["captcha_key"]])
    options = context.pop("choices")
    context["inputs"] = [
        {
            "name": name,
            "label": f.display_label,
            "hint": f.hint,
            "options": options.get(f.column, []),
            "value": context["typed"].get(name, ""),
            "error": context["errors"].get(name, ""),
        }
        for name, f in fields
    ]
    response = TemplateResponse(request, "convenience/query/form.html", context, status=status)
    return _no_store(response) if system.is_personal else response
