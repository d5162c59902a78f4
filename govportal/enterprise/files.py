"""Enterprise application documents in the stored-file kernel (core/files): who may read them.
Never public: the bureau that approves the enterprise (and the office) only."""

from __future__ import annotations

from govportal.core.files.access import register_kind
from govportal.enterprise import access
from govportal.enterprise.models import Enterprise

FILE_KIND = "enterprise.document"


def staff_may_read(user, record) -> bool:
    return access.may_read_document(user, Enterprise.objects.filter(documents__stored=record))


def register() -> None:
    register_kind(FILE_KIND, staff_may_read=staff_may_read)
