"""The OpenAPI document and the self-hosted documentation page."""

from __future__ import annotations

import json

import pytest

PATHS = {
    "/api/v1/sites",
    "/api/v1/sites/{site_id}",
    "/api/v1/sites/{site_id}/columns",
    "/api/v1/articles",
    "/api/v1/articles/{article_id}",
}


@pytest.fixture
def schema(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return json.loads(response.content)


def test_openapi_document_lists_every_endpoint(schema):
    assert schema["openapi"].startswith("3.")
    assert PATHS <= set(schema["paths"])
    assert all(set(schema["paths"][p]) == {"get"} for p in PATHS)


def test_every_operation_has_a_chinese_summary_description_and_error_responses(schema):
    for path in PATHS:
        operation = schema["paths"][path]["get"]
        assert any("\u4e00" <= ch <= "\u9fff" for ch in operation["summary"]), path
        assert any("\u4e00" <= ch <= "\u9fff" for ch in operation["description"]), path
        assert "422" in operation["responses"], path


def test_query_parameters_are_documented_with_limits_and_examples(schema):
    params = {p["name"]: p for p in schema["paths"]["/api/v1/articles"]["get"]["parameters"]}

    assert set(params) == {"site", "column", "page", "page_size"}
    assert params["page_size"]["schema"]["maximum"] == 100
    assert params["page"]["schema"]["minimum"] == 1
    assert params["page"]["description"] == "页码，从 1 开始"


def test_response_schemas_carry_chinese_descriptions_and_examples(schema):
    article = schema["components"]["schemas"]["ArticleSummaryOut"]["properties"]

    assert article["published_at"]["examples"] == ["2026-08-28T09:30:00+08:00"]
    assert "规范地址" in article["url"]["description"]


def test_docs_page_is_served_without_any_cdn(client, db):
    response = client.get("/api/v1/docs")

    html = response.content.decode()
    assert response.status_code == 200
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    assert "/api/v1/openapi.json" in html


def _properties(schema):
    for name, component in schema["components"]["schemas"].items():
        for prop_name, prop in (component.get("properties") or {}).items():
            yield f"{name}.{prop_name}", prop


def test_the_document_is_valid_openapi_under_openapi_spec_validator(schema):
    # Issue 19: ninja wrote parameter `examples` as a list (16 errors); the document now
    # validates as OpenAPI 3.1 with the validator a client's tooling would use.
    from openapi_spec_validator import OpenAPIV31SpecValidator

    assert schema["openapi"].startswith("3.1")
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in OpenAPIV31SpecValidator(schema).iter_errors()]
    assert errors == []


def test_every_property_of_every_schema_has_a_description_and_an_example(schema):
    missing = [
        name
        for name, prop in _properties(schema)
        if not prop.get("description") or not ("example" in prop or prop.get("examples"))
    ]
    assert missing == []
    for operation in (op for ops in schema["paths"].values() for op in ops.values()):
        for parameter in operation.get("parameters", []):
            assert parameter.get("description"), (operation["summary"], parameter["name"])
            assert parameter["schema"].get("examples"), (operation["summary"], parameter["name"])


def test_fixed_values_are_enums(schema):
    schemas = schema["components"]["schemas"]

    def enum_of(component, prop):
        found = schemas[component]["properties"][prop]
        if "$ref" in found:
            found = schemas[found["$ref"].rsplit("/", 1)[1]]
        return set(found.get("enum", []))

    assert {"secretary", "mayor", "agency"} <= enum_of("MailboxOut", "kind")
    assert {"text", "choice", "file"} <= enum_of("FieldOut", "kind")
    assert enum_of("ChallengeOut", "kind") == {"image", "sms"}
    assert {"person", "business"} <= enum_of("RequestIn", "applicant_type")
    assert {"online", "post"} <= enum_of("RequestIn", "delivery_channel")


def test_the_description_says_what_the_api_does_and_where_each_code_comes_from(schema):
    description = schema["info"]["description"]
    assert "只读" not in description
    for path in ("/api/v1/disclosure/agencies", "/api/v1/mailboxes", "/api/v1/services"):
        assert path in description and path in schema["paths"]


def test_a_client_finds_every_code_a_submission_needs(client, cluster):
    # 政府信息公开: the agencies that take requests, with the code RequestIn.agency_code wants.
    agencies = client.get("/api/v1/disclosure/agencies").json()
    codes = {a["code"] for a in agencies}
    assert cluster["agencies"]["edu"].code in codes and cluster["agencies"]["city"].code in codes
    assert cluster["agencies"]["village"].code not in codes  # 村务公开 is no request channel
    assert all(a["name"] for a in agencies)
