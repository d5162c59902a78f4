"""Letter attachments in the stored-file kernel (core/files): who may read them."""

from __future__ import annotations

from govportal.core.files.access import register_kind
from govportal.interaction import access
from govportal.interaction.models import Letter

FILE_KIND = "interaction.letter"


def staff_may_read(user, record) -> bool:
    """Staff who may see the letter (its triaging, handling or countersigning agency —
    `access.letters_visible`, the area's one rule) may read its attachments."""
    return access.letters_visible(user, Letter.objects.filter(attachments__stored=record)).exists()


def register() -> None:
    register_kind(FILE_KIND, staff_may_read=staff_may_read)
