"""Rate limits on what anonymous callers may do, counted in the shared cache (Redis in
production, so every worker sees the same counts). The limits are settings
(docs/settings.md, "Limits on anonymous submissions" in docs/security.md):

- submissions (letters, disclosure requests, online applications, and every future
  channel): per client address per hour and per phone number per day, **across all
  channels** — one budget, so a flood cannot move from one form to the next;
- SMS sent on a caller's request (CAPTCHA codes, query-code recovery): per client per hour
  and per phone per day — the SMS channel must not become a way to spam a number;
- failed case lookups: per client per 15 minutes. Never per case: counting per case let
  anyone lock a citizen out of their own case with 20 wrong codes.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from govportal.core.errors import TooManyRequests

HOUR, DAY = 3600, 86400
LOOKUP_WINDOW = 15 * 60


def _digest(phone: str) -> str:
    return hashlib.sha256(phone.encode()).hexdigest()[:24]  # no phone numbers in the cache


def _increment(key: str, window: int) -> int:
    if cache.add(key, 1, window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.add(key, 1, window)
        return 1


def _take(counters: list[tuple[str, int, int]], message: str) -> list[str]:
    """Count one use against every counter, atomically per counter (an increment, then the
    check): parallel requests cannot all pass a check made before any of them counted. Over
    a limit: the counts taken back, 429."""
    taken: list[str] = []
    for key, limit, window in counters:
        taken.append(key)
        if _increment(key, window) > limit:
            release(taken)
            raise TooManyRequests(message)
    return taken


def release(keys: list[str]) -> None:
    """Give back what `reserve_submission` or `reserve_sms` took, for a request that did not
    go through after all."""
    for key in keys:
        try:
            cache.decr(key)
        except ValueError:  # already expired: nothing to give back
            pass


def reserve_submission(*, client: str, phone: str) -> list[str]:
    counters = [(f"abuse:submit:client:{client}", settings.GOVPORTAL_SUBMISSION_MAX_PER_CLIENT_PER_HOUR, HOUR)]
    if phone:
        counters.append(
            (f"abuse:submit:phone:{_digest(phone)}", settings.GOVPORTAL_SUBMISSION_MAX_PER_PHONE_PER_DAY, DAY)
        )
    return _take(counters, _("提交过于频繁，请稍后再试（同一网络每小时、同一电话每天的提交次数有限制）"))


def reserve_sms(*, client: str, phone: str) -> list[str]:
    return _take(
        [
            (f"abuse:sms:client:{client}", settings.GOVPORTAL_SMS_CODE_MAX_PER_CLIENT_PER_HOUR, HOUR),
            (f"abuse:sms:phone:{_digest(phone)}", settings.GOVPORTAL_SMS_CODE_MAX_PER_PHONE_PER_DAY, DAY),
        ],
        _("短信发送过于频繁，请稍后再试"),
    )


def _lookup_key(client: str) -> str:
    return f"abuse:lookup:client:{client}"


def check_lookup(*, client: str) -> None:
    """Before a lookup: 429 while this client is over its failures."""
    if (cache.get(_lookup_key(client)) or 0) >= settings.GOVPORTAL_CASE_LOOKUP_MAX_FAILURES_PER_CLIENT:
        raise TooManyRequests(_("查询次数过多，请15分钟后再试"))


def lookup_failed(*, client: str) -> None:
    _increment(_lookup_key(client), LOOKUP_WINDOW)


def reserve_recovery(*, client: str) -> None:
    """找回查询码, before anything is looked up (so the count says nothing about a number)."""
    _take(
        [(f"abuse:recover:client:{client}", settings.GOVPORTAL_SMS_CODE_MAX_PER_CLIENT_PER_HOUR, HOUR)],
        _("操作过于频繁，请稍后再试"),
    )


def allow_sms_to(*, phone: str) -> bool:
    """Count one SMS against the phone's daily limit; False (and nothing counted) beyond it.
    For senders that must not tell the asker why nothing was sent."""
    try:
        _take(
            [(f"abuse:sms:phone:{_digest(phone)}", settings.GOVPORTAL_SMS_CODE_MAX_PER_PHONE_PER_DAY, DAY)],
            "",
        )
    except TooManyRequests:
        return False
    return True
