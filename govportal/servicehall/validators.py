"""Checks of citizen input: 18-digit ID numbers (GB 11643 check digit), mobile numbers, and
uploads (by content and size, through the shared `core.uploads` check)."""

from __future__ import annotations

import re

from govportal.core import uploads
from govportal.core.errors import InvalidInput

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_SHAPE = re.compile(r"^\d{17}[\dX]$")
_PHONE = re.compile(r"^1[3-9]\d{9}$")


def id_check_digit(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def is_valid_id_number(value: str) -> bool:
    value = (value or "").strip().upper()
    if not _ID_SHAPE.match(value):
        return False
    month, day = int(value[10:12]), int(value[12:14])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return False
    return id_check_digit(value[:17]) == value[17]


def normalize_id_number(value: str, *, label: str = "身份证号", field: str | None = None) -> str:
    value = (value or "").strip().upper()
    if not is_valid_id_number(value):
        raise InvalidInput(f"{label}不正确，请核对18位身份证号（含校验位）", field=field)
    return value


def normalize_phone(value: str, *, label: str = "手机号码", field: str | None = None) -> str:
    value = re.sub(r"[\s-]", "", value or "")
    if not _PHONE.match(value):
        raise InvalidInput(f"{label}应为11位手机号码", field=field)
    return value


def check_upload(upload, *, allowed: list[str], max_bytes: int, label: str, field: str | None = None) -> str:
    """Return the extension the content really is; refuse other types and oversize files
    (the shared check, `core.uploads`)."""
    return uploads.check_upload(upload, allowed=allowed, max_bytes=max_bytes, label=label, field=field)[0]
