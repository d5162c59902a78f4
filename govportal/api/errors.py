"""How the API turns errors into responses: always JSON ``{"detail": "<中文说明>"}``, never
a Django HTML page, and never a 500 for a request that was merely wrong.

`GovPortalError` (the application's one error hierarchy) maps to its own status code and
message; parameter validation errors to 422 with a Chinese summary and per-field details.
"""

from __future__ import annotations

import logging
import re

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from govportal.core.errors import GovPortalError

logger = logging.getLogger(__name__)

# Names of query/path parameters as a reader knows them.
PARAM_LABELS = {
    "page": "页码 page",
    "page_size": "每页条数 page_size",
    "site": "网站 site",
    "column": "栏目 column",
    "kind": "网站类型 kind",
    "site_id": "网站 ID",
    "article_id": "文章 ID",
    # Citizen input (letters, disclosure requests).
    "title": "标题",
    "content": "内容",
    "name": "姓名",
    "contact_person": "联系人",
    "phone": "联系电话",
    "email": "电子邮箱",
    "id_number": "证件号码",
    "address": "通信地址",
    "postcode": "邮政编码",
    "description": "所需政府信息的描述",
    "purpose": "用途",
    "agency_code": "受理机关",
    "mailbox": "信箱",
    "category": "来信类别",
}


def _error_message(error: dict) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "citizen_input":  # govportal.core.citizen_input: a whole Chinese sentence
        return error.get("msg", "") or _("取值无效")
    if kind == "string_too_long":
        return _("不能超过 %(limit)s 个字符") % {"limit": ctx.get("max_length")}
    if kind == "string_too_short":
        return _("至少 %(limit)s 个字符") % {"limit": ctx.get("min_length")}
    if kind in {"string_type", "json_invalid", "model_attributes_type", "dict_type"}:
        return _("格式不正确")
    if kind == "missing":
        return _("为必填项")
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return _("必须是整数")
    if kind in {"greater_than_equal", "greater_than"}:
        return _("不能小于 %(limit)s") % {"limit": ctx.get("ge", ctx.get("gt"))}
    if kind in {"less_than_equal", "less_than"}:
        return _("不能大于 %(limit)s") % {"limit": ctx.get("le", ctx.get("lt"))}
    if kind in {"enum", "literal_error"}:
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return _("取值无效，可选值：%(expected)s") % {"expected": "、".join(choices)}
    return _("取值无效")


def _field_label(loc) -> str:
    name = str(loc[-1]) if loc else ""
    return PARAM_LABELS.get(name, name)


def validation_error(request: HttpRequest, exc: ValidationError, api: NinjaAPI) -> HttpResponse:
    errors = []
    for error in exc.errors:
        loc = [str(part) for part in error.get("loc", ())]
        errors.append({"loc": loc, "type": error.get("type", ""), "msg": _error_message(error)})
    summary = "；".join(
        e["msg"] if e["type"] == "citizen_input" else f"{_field_label(e['loc'])} {e['msg']}" for e in errors
    )
    detail = _("请求参数有误：%(summary)s。") % {"summary": summary}
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


def application_error(request: HttpRequest, exc: GovPortalError, api: NinjaAPI) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message}, status=exc.status_code)


def not_found(request: HttpRequest, exc: Http404, api: NinjaAPI) -> HttpResponse:
    return api.create_response(request, {"detail": _("请求的资源不存在。")}, status=404)


def http_error(request: HttpRequest, exc: HttpError, api: NinjaAPI) -> HttpResponse:
    # Ninja's own errors carry English text; keep the status, say it in Chinese.
    messages = {401: _("需要登录。"), 403: _("没有权限。"), 429: _("请求过于频繁，请稍后再试。")}
    return api.create_response(
        request, {"detail": messages.get(exc.status_code, _("请求无法处理。"))}, status=exc.status_code
    )


def unexpected_error(request: HttpRequest, exc: Exception, api: NinjaAPI) -> HttpResponse:
    logger.exception("API error on %s", request.path, exc_info=exc)
    return api.create_response(request, {"detail": _("服务器内部错误，请稍后再试。")}, status=500)


def install(api: NinjaAPI) -> None:
    from functools import partial

    api.add_exception_handler(ValidationError, partial(validation_error, api=api))
    api.add_exception_handler(GovPortalError, partial(application_error, api=api))
    api.add_exception_handler(Http404, partial(not_found, api=api))
    api.add_exception_handler(HttpError, partial(http_error, api=api))
    api.add_exception_handler(Exception, partial(unexpected_error, api=api))
