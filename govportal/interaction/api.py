"""API of 互动交流 under /api/v1/ (added to the NinjaAPI in govportal/api/urls.py)."""

from ninja import Router

router = Router(tags=["互动交流"])
