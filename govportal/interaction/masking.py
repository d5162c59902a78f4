"""Masking of personal data in letters shown publicly (STANDARDS §4: published letters and
replies never show ID numbers, phone numbers or addresses).

`mask_text` replaces 18-digit (and old 15-digit) ID numbers, mobile and landline numbers,
e-mail addresses, and street addresses down to the house number; `mask_name` keeps the
family name only. The stored letter is never changed: masking happens on the way out.
"""

from __future__ import annotations

import re

# 18 digits (the last may be X) or the old 15 digits, not inside a longer number.
_ID18 = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
_ID15 = re.compile(r"(?<![0-9A-Za-z])\d{15}(?![0-9A-Za-z])")
# Mobile: 1[3-9]x, optionally +86 / 86, with spaces or hyphens in the usual 3-4-4 places.
_MOBILE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?!\d)")
# Landline: area code 0xx(x) with optional brackets, then 7–8 digits, optional extension.
_LANDLINE = re.compile(r"(?<!\d)(?:[（(]?0\d{2,3}[)）]?[- ]?)(\d{3,4})[- ]?(\d{4})(?:[-转](\d{1,5}))?(?!\d)")
# Bare 7–8 digit local numbers after a phone word.
_LOCAL = re.compile(r"((?:电话|手机|联系方式|座机|热线)[:：]?\s*)(\d{3,4})[- ]?(\d{4})(?!\d)")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# A house address: 路/街/道/巷/弄/村/小区 … 号 (楼/栋/单元/室 …).
_ADDRESS = re.compile(
    r"([\u4e00-\u9fff]{1,12}(?:路|街|大道|巷|弄|胡同|小区|花园|公寓|村|社区))"
    r"[0-9０-９一二三四五六七八九十百\-－之]+(?:号|弄|栋|幢|单元|室|楼|组)"
    r"(?:[0-9０-９A-Za-z一二三四五六七八九十\-－]+(?:号|栋|幢|单元|室|楼|层))*"
)

MASK = "***"


def _stars(m: re.Match) -> str:
    return re.sub(r"[0-9Xx]", "*", m.group(0))


def mask_text(text: str, *, keep: tuple[str, ...] = ()) -> str:
    """The text with personal data masked; safe to show on a public page. ``keep``: public
    numbers left as they are (the replying agency's own office phone in its reply)."""
    if not text:
        return text
    kept = {f"\u0000{i}\u0000": k for i, k in enumerate(k for k in keep if k)}
    for marker, value in kept.items():
        text = text.replace(value, marker)
    text = _mask(text)
    for marker, value in kept.items():
        text = text.replace(marker, value)
    return text


def _mask(text: str) -> str:
    text = _EMAIL.sub(lambda m: m.group(0)[0] + "***@" + m.group(0).split("@", 1)[1], text)
    text = _ID18.sub(_stars, text)
    text = _ID15.sub(_stars, text)
    text = _MOBILE.sub(lambda m: f"{m.group(1)}****{m.group(3)}", text)
    text = _LANDLINE.sub(_stars, text)
    text = _LOCAL.sub(lambda m: m.group(1) + re.sub(r"\d", "*", m.group(0)[len(m.group(1)) :]), text)
    text = _ADDRESS.sub(lambda m: m.group(1) + MASK, text)
    return text


def mask_name(name: str) -> str:
    """张三丰 → 张**: the family name only."""
    name = (name or "").strip()
    if not name:
        return ""
    return name[0] + "*" * max(1, len(name) - 1)


def mask_phone(phone: str) -> str:
    digits = re.sub(r"\D", "", phone or "")
    if len(digits) < 7:
        return "****"
    return digits[:3] + "****" + digits[-4:]
