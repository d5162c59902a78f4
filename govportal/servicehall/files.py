"""Application materials in the stored-file kernel (core/files): who may read them."""

from __future__ import annotations

from govportal.core.files.access import register_kind
from govportal.servicehall import access
from govportal.servicehall.models import Application

FILE_KIND = "servicehall.material"


def staff_may_read(user, record) -> bool:
    """Staff who may see the application (the lead agency or a parallel-approval department —
    `access.applications_visible`, the area's one rule; drafts are nobody's)."""
    qs = Application.objects.filter(case__isnull=False, files__stored=record)
    return access.applications_visible(user, qs).exists()


def register() -> None:
    register_kind(FILE_KIND, staff_may_read=staff_may_read)
