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


MESSAGE = "提交过于频繁，请稍后再试（同一网络每小时、同一电话每天的来信数有限制）"


def _increment(key: str, window: int) -> int:
    if cache.add(key, 1, window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.add(key, 1, window)
        return 1


def reserve(*, client: str, phone: str) -> list[str]:
    """Count this letter against the client's and the phone's limits before it is written,
    atomically (an increment, then the check): parallel posts cannot all pass a check made
    before any of them counted. Over a limit: the counts taken back, 429. Returns the keys
    to `release` if the letter is then not written."""
    taken: list[str] = []
    for key, limit, window in _keys(client, phone):
        taken.append(key)
        if _increment(key, window) > limit:
            release(taken)
            raise TooManyLetters(MESSAGE)
    return taken


def release(keys: list[str]) -> None:
    for key in keys:
        try:
            cache.decr(key)
        except ValueError:  # already expired: nothing to give back
            pass
