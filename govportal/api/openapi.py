"""The OpenAPI document, finished so that it validates and shows an example everywhere.

django-ninja writes a parameter's ``examples=[...]`` on the parameter object itself, where
OpenAPI 3.1 wants a map of named examples (openapi-spec-validator: 16 errors, issue 19);
here they move into the parameter's JSON schema, where a list is right. A property that is
another schema (``site: SiteRefOut``, ``history: list[EventOut]``) gets an example built
from that schema's own examples, so every property of every schema shows one without
repeating it by hand. `tests/api/test_openapi.py` validates the document and checks that
every property has a description and an example.
"""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI

_REF = "#/components/schemas/"

# Parameters that several areas share, documented once: used where an operation gives none.
PARAMETERS = {
    "tracking_number": ("办件编号（提交时得到）", "XJ20261204000045"),
    "query_code": (
        "查询码（不推荐放在网址中：请用请求头 X-Query-Code，或用 POST 放在请求体中）",
        "7K3M9Q2X",
    ),
    "q": ("搜索词", "社保"),
    "mailbox": ("信箱代码（GET /api/v1/mailboxes 的 slug）；不填为全部信箱", "szxx"),
    "page": ("页码，从 1 开始", 1),
    "theme": ("主题或人生事件的代码；不填为全部", "jiaoyu"),
    "audience": ("服务对象：citizen 个人、enterprise 法人、both 个人和法人；不填为全部", "citizen"),
    "agency": ("单位 ID", 2),
    "item_id": ("事项 ID（GET /api/v1/services 的 id）", 7),
}


class GovPortalAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        finish(schema)
        return schema


def finish(document: dict) -> dict:
    for operations in document.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                examples = parameter.get("examples")
                if isinstance(examples, list):
                    del parameter["examples"]
                    parameter.setdefault("schema", {}).setdefault("examples", examples)
                description, example = PARAMETERS.get(parameter["name"], (None, None))
                if description and not parameter.get("description"):
                    parameter["description"] = description
                schema = parameter.setdefault("schema", {})
                if example is not None and "examples" not in schema and "example" not in parameter:
                    schema["examples"] = [example]
    components = document.get("components", {}).get("schemas", {})
    for component in components.values():
        for prop in (component.get("properties") or {}).values():
            if not _has_example(prop):
                example = _example(prop, components, depth=0)
                if example is not _NONE:
                    prop["examples"] = [example]
    return document


_NONE = object()


def _has_example(prop: dict) -> bool:
    return "example" in prop or "examples" in prop


def _example(prop: dict, components: dict, depth: int) -> Any:
    if depth > 4:
        return _NONE
    if "examples" in prop and prop["examples"]:
        return prop["examples"][0]
    if "example" in prop:
        return prop["example"]
    if "$ref" in prop:
        return _object_example(components.get(prop["$ref"].removeprefix(_REF), {}), components, depth)
    if prop.get("type") == "array" and isinstance(prop.get("items"), dict):
        item = _example(prop["items"], components, depth + 1)
        return _NONE if item is _NONE else [item]
    for key in ("anyOf", "oneOf", "allOf"):
        for option in prop.get(key, []):
            if option.get("type") == "null":
                continue
            found = _example(option, components, depth + 1)
            if found is not _NONE:
                return found
    if "enum" in prop and prop["enum"]:
        return prop["enum"][0]
    if "default" in prop:
        return prop["default"]
    return _NONE


def _object_example(component: dict, components: dict, depth: int) -> Any:
    if "enum" in component and component["enum"]:
        return component["enum"][0]
    properties = component.get("properties")
    if not properties:
        return _NONE
    example = {}
    for name, prop in properties.items():
        value = _example(prop, components, depth + 1)
        if value is _NONE:
            return _NONE
        example[name] = value
    return example
