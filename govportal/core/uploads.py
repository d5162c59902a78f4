"""One check for every upload a citizen or a clerk sends: the size first, then the type by
what the content is (never by the name or the browser's word for it)."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable

import filetype

from govportal.core.errors import InvalidInput

# Names a form may allow that `filetype` reports under another name: a JPEG is "jpg", and
# an OFD (版式文件) is a zip container.
_SAME_CONTENT = {"jpeg": "jpg", "ofd": "zip"}
_HEAD_BYTES = 8192  # enough for filetype to look inside zip-based Office files


def check_upload(
    upload, *, allowed: Iterable[str], max_bytes: int, label: str, field: str | None = None
) -> tuple[str, str]:
    """Return (the allowed name the content matched, its MIME type), e.g. ("png",
    "image/png"); refuse a file over `max_bytes` or of any other content with a Chinese
    message naming it by `label`."""
    allowed = list(allowed)
    if upload.size > max_bytes:
        raise InvalidInput(f"{label}超过大小上限 {max_bytes // (1024 * 1024)} MB", field=field)
    head = upload.read(_HEAD_BYTES)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is not None:
        for name in allowed:
            if _SAME_CONTENT.get(name, name) != kind.extension:
                continue
            if name == "ofd":
                # Any zip looks like an OFD to the signature check: an OFD (GB/T 33190) has
                # its entry file OFD.xml at the root of the container.
                if not _is_ofd(upload):
                    continue
                return "ofd", "application/ofd"
            return ("jpg" if name == "jpeg" else name), kind.mime
    names = "、".join(dict.fromkeys(a.upper() for a in allowed))
    raise InvalidInput(f"{label}的文件内容不是允许的类型（{names}）", field=field)


def _is_ofd(upload) -> bool:
    try:
        with zipfile.ZipFile(upload) as archive:
            return "OFD.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)
