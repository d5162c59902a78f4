"""Moving files that areas stored in the public media root into the private store — used by
the areas' data migrations (interaction 0003, disclosure 0003, servicehall 0002), so they
take only plain values and historical models.

The bytes are copied into the private store under a random name with the detected
extension, a StoredFile row records them, and the public copy is deleted only once the
migration's transaction has committed: a failed migration leaves every old file where it
was. A row whose file is missing on disk keeps its display name and an empty file (the view
answers 404 for it) and is reported, so nothing is dropped silently.
"""

from __future__ import annotations

import hashlib
import logging
import mimetypes
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

import filetype

from govportal.core.files.storage import new_storage_name, private_storage

log = logging.getLogger(__name__)

# filetype says "jpg" for JPEG; every other name it reports is already the extension we use.
_OCTET = ("bin", "application/octet-stream")


def _detect(data: bytes) -> tuple[str, str]:
    kind = filetype.guess(data[:8192])
    return (kind.extension, kind.mime) if kind is not None else _OCTET


def move_to_private(apps, *, old_name: str, kind: str, case_id: int | None, display_name: str):
    """Return a new historical StoredFile for the file at `old_name` in the public storage."""
    StoredFile = apps.get_model("core", "StoredFile")
    display = (display_name or old_name.rsplit("/", 1)[-1] or "file")[:200]
    record = StoredFile(key=uuid.uuid4(), kind=kind, case_id=case_id, name=display)
    if not old_name or not default_storage.exists(old_name):
        log.warning("stored file %r of kind %s is missing on disk; recorded without bytes", old_name, kind)
        record.file = ""
        record.extension, record.content_type = _OCTET
        record.size, record.sha256 = 0, ""
        record.save()
        return record
    with default_storage.open(old_name, "rb") as handle:
        data = handle.read()
    record.extension, record.content_type = _detect(data)
    record.size, record.sha256 = len(data), hashlib.sha256(data).hexdigest()
    record.file = private_storage.save(new_storage_name(record.extension), ContentFile(data))
    record.save()
    transaction.on_commit(lambda: default_storage.delete(old_name))
    return record


def restore_to_public(record, *, folder: str) -> str:
    """Reverse of `move_to_private` (rolling a migration back): a copy in the public storage
    under a random name — never the citizen's — whose name the old FileField gets back."""
    if not record.file:
        return ""
    with private_storage.open(record.file.name, "rb") as handle:
        data = handle.read()
    ext = record.extension or (mimetypes.guess_extension(record.content_type) or ".bin").lstrip(".")
    return default_storage.save(f"{folder}/{uuid.uuid4().hex}.{ext}", ContentFile(data))


def settle_constraints(schema_editor) -> None:
    """PostgreSQL checks the new foreign keys at commit; check them now, so the same migration
    may alter the table after writing its rows ("pending trigger events")."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
