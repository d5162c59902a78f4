"""API of 网上办事大厅 under /api/v1/ (added to the NinjaAPI in govportal/api/urls.py)."""

from ninja import Router

router = Router(tags=["网上办事大厅"])
