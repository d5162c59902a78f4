"""Deprecated: the hall validates citizen input through `core.citizen_input` (name, phone,
ID number with its check digit, e-mail, free text) and uploads through `core.uploads`
directly. Only old importers (the demo's ID-number maker) still use these aliases; remove
the module when they have moved."""

from __future__ import annotations

from govportal.core import citizen_input, uploads

id_check_digit = citizen_input.id_check_digit


def is_valid_id_number(value: str) -> bool:
    return citizen_input.is_valid_id_number(value)


def normalize_id_number(value: str, *, label: str = "身份证号", field: str | None = None) -> str:
    return citizen_input.clean_id_number(value, label=label, field=field)


def normalize_phone(value: str, *, label: str = "手机号码", field: str | None = None) -> str:
    return citizen_input.clean_phone(value, label=label, mobile_only=True, field=field)


def check_upload(upload, *, allowed: list[str], max_bytes: int, label: str, field: str | None = None) -> str:
    """Return the extension the content really is; refuse other types and oversize files
    (the shared check, `core.uploads`)."""
    return uploads.check_upload(upload, allowed=allowed, max_bytes=max_bytes, label=label, field=field)[0]
