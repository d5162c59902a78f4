"""Readable article URLs (issue 19): a new article whose slug would be Chinese (Wagtail fills
the slug from the title, and a Chinese slug reads as %E5%85%B3… in the address bar and in
shared links) gets the title's pinyin instead — ``guan-yu-2026-nian-zhao-sheng-de-tong-zhi`` —
or, when the title gives no pinyin at all, its date: ``20261205``. Wagtail then makes it
unique among the column's articles (``-2``, ``-3`` …). Pages that already have a slug keep it:
their addresses are out in the world."""

from __future__ import annotations

import re
from datetime import date

from django.utils.text import slugify

from pypinyin import Style, lazy_pinyin

MAX_LENGTH = 60


def readable_slug(title: str, today: date) -> str:
    words = lazy_pinyin(title or "", style=Style.NORMAL, errors="default")
    slug = slugify(" ".join(words), allow_unicode=False)
    slug = re.sub(r"-{2,}", "-", slug).strip("-")
    if len(slug) > MAX_LENGTH:
        slug = slug[:MAX_LENGTH].rsplit("-", 1)[0]
    return slug or f"{today:%Y%m%d}"


def needs_readable_slug(slug: str) -> bool:
    return not slug or not slug.isascii()
