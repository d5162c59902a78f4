"""Document attachments in the stored-file kernel (core/files): who may read them."""

from __future__ import annotations

from govportal.core.files.access import register_kind
from govportal.office import access
from govportal.office.actions import FILE_KIND
from govportal.office.models import OfficeDocument


def staff_may_read(user, record) -> bool:
    """Whoever may see the document (`access.documents_visible`, the area's one rule)."""
    return access.documents_visible(user, OfficeDocument.objects.filter(attachments__stored=record)).exists()


def register() -> None:
    register_kind(FILE_KIND, staff_may_read=staff_may_read, citizen_may_read=False)
