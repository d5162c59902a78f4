"""Masking of personal data in public text — the one owner (STANDARDS §4: published letters
and replies never show ID numbers, phone numbers or addresses).

Every public text made from citizen input goes through `mask_text`: published letters
(title, content, reply), FAQ entries promoted from letters, and anything else an area
publishes from what a citizen typed. The stored text is never changed: masking happens on
the way out (or when a clerk promotes a letter into new public text).

What is masked (in both widths: ``１３９``, ``＠`` are read as ``139``, ``@``):

- mobile numbers in every common notation: ``13912345678``, ``139 1234 5678``,
  ``139-1234-5678``, ``139.1234.5678``, ``+86 139…``, ``0086…`` — any single space, hyphen,
  dot or middle dot between the digits → ``139****5678``;
- landlines with an area code (``0731-84567890``, ``(0731)84567890``, ``0731 8456 7890``,
  ``…转123``) and bare 7–8 digit numbers after a phone word (电话、手机、座机 …);
- 18-digit ID numbers (also written with spaces) and old 15-digit ones;
- e-mail addresses → the first character and the domain (``z***@example.com``);
- licence plates (``湘A·12345`` → ``湘A·*****``);
- addresses below the street: the house number, building, unit and room after a road,
  street, lane, village or compound name (``五一大道123号4栋502室`` → ``五一大道***``);
- names: the names given in ``names`` (the writer's, the contact person's — the names
  entered in name fields), wherever they appear, and a name after 我叫/本人/姓名: →
  the family name and stars (``张三丰`` → ``张**``).

``keep``: numbers that are public and must stay visible (the 12345 hotline, the replying
agency's office phone from the directory). A kept number is kept only as a whole number —
``12345`` inside ``13912345678`` does not protect the mobile number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from govportal.core.citizen_input import to_half_width

MASK = "***"
# Separators people put between the digits of a number.
_S = r"[ \-.·\u00b7]"
_D = r"(?<![0-9])"  # not preceded by a digit
_E = r"(?![0-9])"  # not followed by a digit

_ID18 = re.compile(_D + r"[1-9](?:" + _S + r"?\d){16}" + _S + r"?[\dXx]" + _E)
_ID15 = re.compile(_D + r"[1-9]\d{14}" + _E)
_MOBILE = re.compile(r"(?<![0-9])(?:(?:\+|00)?86" + _S + r"?)?(1[3-9](?:" + _S + r"?\d){9})" + _E)
_LANDLINE = re.compile(
    _D + r"(?:[(（]0\d{2,3}[)）]|0\d{2,3})" + _S + r"?[2-9](?:" + _S + r"?\d){6,7}(?:(?:-|转|ext\.?|#)\d{1,6})?" + _E
)
_LOCAL = re.compile(r"((?:电话|手机|联系方式|座机|热线|号码)[:：是为]?\s*)(\d(?:" + _S + r"?\d){6,7})" + _E)
_EMAIL = re.compile(r"([A-Za-z0-9._%+\-]+)@([A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,})")
_PLATE = re.compile(
    r"([京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z])([·\u00b7 \-]?)([A-Z0-9]{5,6})(?![A-Za-z0-9])"
)
_ADDRESS = re.compile(
    r"([\u4e00-\u9fff]{1,12}(?:路|街|大道|巷|弄|胡同|小区|花园|公寓|村|社区|大厦|苑))"
    r"[0-9一二三四五六七八九十百\-之]+(?:号|弄|栋|幢|单元|室|楼|组|座)"
    r"(?:[0-9A-Za-z一二三四五六七八九十\-]+(?:号|栋|幢|单元|室|楼|层|座))*"
)
_NAMED = re.compile(r"((?:我叫|本人|姓名[:：]?|联系人[:：]?)\s*)([\u4e00-\u9fff]{2,4})(?=[，。,.；;、\s]|$)")


def _digits(text: str) -> str:
    return re.sub(r"\D", "", to_half_width(text))


def mask_name(name: str) -> str:
    """张三丰 → 张**: the family name only."""
    name = (name or "").strip()
    if not name:
        return ""
    return name[0] + "*" * max(1, len(name) - 1)


def mask_phone(phone: str) -> str:
    digits = _digits(phone or "")
    if len(digits) < 7:
        return "****"
    return digits[:3] + "****" + digits[-4:]


def mask_text(text: str, *, keep: Iterable[str] = ("12345",), names: Iterable[str] = ()) -> str:
    """The text with personal data masked; safe to show on a public page."""
    if not text:
        return text or ""
    kept = {_digits(k) for k in keep if k and _digits(k)}
    # Matching runs on a half-width copy (one character for one, so positions agree); each
    # match is blanked out of the copy so that later patterns do not match inside it, and
    # the replacements are applied to the original text at the end.
    norm = to_half_width(text)
    edits: list[tuple[int, int, str]] = []

    def replace(start: int, end: int, value: str) -> None:
        nonlocal norm
        edits.append((start, end, value))
        norm = norm[:start] + "\x01" * (end - start) + norm[end:]

    def star_digits(start: int, end: int) -> None:
        replace(start, end, re.sub(r"[0-9Xx]", "*", norm[start:end]))

    for m in list(_EMAIL.finditer(norm)):
        replace(m.start(), m.end(), text[m.start()] + "***@" + text[m.start(2) : m.end(2)])
    for pattern in (_ID18, _ID15):
        for m in list(pattern.finditer(norm)):
            star_digits(m.start(), m.end())
    for m in list(_MOBILE.finditer(norm)):
        if _digits(m.group(0)) in kept or _digits(m.group(1)) in kept:
            continue
        digits = _digits(m.group(1))
        replace(m.start(), m.end(), digits[:3] + "****" + digits[-4:])  # 139****5678, any notation
    for m in list(_LANDLINE.finditer(norm)):
        if _digits(m.group(0)) not in kept:
            star_digits(m.start(), m.end())
    for m in list(_LOCAL.finditer(norm)):
        if _digits(m.group(2)) not in kept:
            star_digits(m.start(2), m.end(2))
    for m in list(_PLATE.finditer(norm)):
        replace(m.start(3), m.end(3), "*" * (m.end(3) - m.start(3)))
    for m in list(_ADDRESS.finditer(norm)):
        replace(m.end(1), m.end(), MASK)
    for m in list(_NAMED.finditer(norm)):
        replace(m.start(2), m.end(2), mask_name(m.group(2)))
    out = []
    pos = 0
    for start, end, value in sorted(edits):
        out.append(text[pos:start])
        out.append(value)
        pos = end
    out.append(text[pos:])
    result = "".join(out)
    for name in sorted({(n or "").strip() for n in names if n and len((n or "").strip()) >= 2}, key=len, reverse=True):
        result = result.replace(name, mask_name(name))
    return result
