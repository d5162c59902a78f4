"""Per-client and per-phone limits on writing letters, counted in the shared cache
(Redis in production, so every worker sees the same counts)."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache

from govportal.core.errors import GovPortalError

HOUR, DAY = 3600, 86400


class TooManyLetters(GovPortalError):
    status_code = 429


def _keys(client: str, phone: str) -> list[tuple[str, int, int]]:
    digest = hashlib.sha256(phone.encode()).hexdigest()[:24]  # no phone numbers in the cache
    return [
        (f"letters:ip:{client}", settings.GOVPORTAL_LETTER_MAX_PER_IP_PER_HOUR, HOUR),
        (f"letters:phone:{digest}", settings.GOVPORTAL_LETTER_MAX_PER_PHONE_PER_DAY, DAY),
    ]


def check(*, client: str, phone: str) -> None:
    for key, limit, _window in _keys(client, phone):
        if (cache.get(key) or 0) >= limit:
            raise TooManyLetters("提交过于频繁，请稍后再试（同一网络每小时、同一电话每天的来信数有限制）")


def count(*, client: str, phone: str) -> None:
    for key, _limit, window in _keys(client, phone):
        if not cache.add(key, 1, window):
            try:
                cache.incr(key)
            except ValueError:
                cache.add(key, 1, window)
