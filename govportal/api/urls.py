"""The HTTP API under /api/v1/ (django-ninja; OpenAPI at /api/v1/openapi.json)."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="GovPortal API",
    version="1.0.0",
    description="示例市政府网站群开放接口：网站、栏目、文章。",
    urls_namespace="api-v1",
)
