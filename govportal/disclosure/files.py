"""Reply files of 依申请公开 in the stored-file kernel (core/files): who may read them."""

from __future__ import annotations

from govportal.core.files.access import register_kind
from govportal.disclosure import access
from govportal.disclosure.models import DisclosureRequest

FILE_KIND = "disclosure.reply"


def staff_may_read(user, record) -> bool:
    """Staff who may see the request (`access.requests_visible`, the area's one rule)."""
    return access.requests_visible(user, DisclosureRequest.objects.filter(attachments__stored=record)).exists()


def register() -> None:
    register_kind(FILE_KIND, staff_may_read=staff_may_read)
