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
