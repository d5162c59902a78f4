"""API of 政府信息公开 under /api/v1/ (added to the NinjaAPI in govportal/api/urls.py)."""

from ninja import Router

router = Router(tags=["政府信息公开"])
