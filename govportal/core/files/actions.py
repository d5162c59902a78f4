"""Writes of stored files: store a checked upload, delete one."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.core.files.base import File
from django.db import transaction

from govportal.core.files.models import StoredFile
from govportal.core.files.storage import new_storage_name, private_storage
from govportal.core.uploads import check_upload


def _sha256(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(65536), b""):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def stored_file_create(
    *,
    upload,
    kind: str,
    case=None,
    allowed: Iterable[str] = (),
    max_bytes: int = 0,
    label: str = "",
    field: str | None = None,
    name: str | None = None,
    checked: tuple[str, str] | None = None,
) -> StoredFile:
    """Check `upload` (size, then type by content) and store it under a random name whose
    extension is the detected type. `name` (default: the upload's name) is kept for display
    only. `checked` passes the result of an earlier `check_upload` of the same upload, so
    a form that checks every file before saving any need not read them twice."""
    extension, content_type = checked or check_upload(
        upload, allowed=allowed, max_bytes=max_bytes, label=label, field=field
    )
    display = (name if name is not None else getattr(upload, "name", "") or "").replace("\x00", "")
    display = display.replace("\\", "/").rsplit("/", 1)[-1].strip()[:200] or f"file.{extension}"
    record = StoredFile(
        kind=kind,
        case=case,
        name=display,
        extension=extension,
        content_type=content_type,
        size=upload.size,
        sha256=_sha256(upload),
    )
    upload.seek(0)
    # Written before the row: a rolled-back transaction leaves unreferenced bytes (harmless,
    # unreachable without a row), never a row without its bytes. The storage may add a
    # suffix on a (vanishingly unlikely) clash; the record keeps what it wrote.
    record.file.name = private_storage.save(new_storage_name(extension), File(upload))
    record.save()
    return record


@transaction.atomic
def stored_file_delete(record: StoredFile) -> None:
    """Delete the record and, once that is committed, its bytes."""
    name = record.file.name
    record.delete()
    transaction.on_commit(lambda: private_storage.delete(name))


def case_file_attach(
    model,
    *,
    upload,
    kind: str,
    case=None,
    checked: tuple[str, str] | None = None,
    allowed: Iterable[str] = (),
    max_bytes: int = 0,
    label: str = "",
    field: str | None = None,
    **fields,
):
    """The one upload path of every area's case file (a `models.CaseFile` subclass): check
    the upload (or take ``checked``), store it (`stored_file_create`) and make the area's
    row with ``fields`` and the copies the model declares."""
    stored = stored_file_create(
        upload=upload,
        kind=kind,
        case=case,
        checked=checked,
        allowed=allowed,
        max_bytes=max_bytes,
        label=label,
        field=field,
    )
    copies = {column: getattr(stored, attr) for column, attr in model.copied.items()}
    return model.objects.create(stored=stored, **copies, **fields)
