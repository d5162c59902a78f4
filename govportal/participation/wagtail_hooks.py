"""调查征集 in the Wagtail admin."""

# 意见征集 and 网上听证 (helper "drafts"): viewsets, work screens, menu items, log actions.
from govportal.participation import admin_drafts  # noqa: F401
