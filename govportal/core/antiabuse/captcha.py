"""CAPTCHA for anonymous submissions (STANDARDS §5: zoom ≥ 2× and a non-visual
alternative), two kinds sharing django-simple-captcha's one-time `CaptchaStore`:

- ``image`` (the default): distorted letters rendered by django-simple-captcha, shown at
  twice its base size with a link to the 2× image;
- ``sms``: a six-digit code sent through the outbox to the phone the citizen gives on the
  form, and valid only for a submission with that phone. The accessible alternative: a
  screen reader reads the text message, and a script cannot read the answer off the page
  (the text question it replaces was solved by a three-line regex). Sending is rate-limited
  per client and per phone (`limits.reserve_sms`).

An image challenge can be tried once (the row is deleted on every attempt); an SMS code
three times (typing six digits from a phone is error-prone, and each new code is an SMS).
A challenge solved by a form whose submission is then replayed (a double click) is
accepted again for that same form token only, for ten minutes.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from captcha.models import CaptchaStore

from govportal.core.antiabuse import limits
from govportal.core.outbox.actions import outbox_put

KINDS = ("image", "sms")
SMS_PREFIX = "sms:"
SMS_CODE_MINUTES = 10
SMS_TRIES = 3
SOLVED_SECONDS = 600


def _phone_tag(phone: str) -> str:
    return SMS_PREFIX + hashlib.sha256(phone.encode()).hexdigest()[:24]


def new_image_challenge() -> str:
    return CaptchaStore.generate_key()


def send_sms_code(*, phone: str, client: str) -> str:
    """Send a code to ``phone`` (already normalised and checked by the caller); return the
    challenge key. 429 beyond the SMS limits."""
    taken = limits.reserve_sms(client=client, phone=phone)
    try:
        with transaction.atomic():
            code = f"{secrets.randbelow(10**6):06d}"
            store = CaptchaStore.objects.create(
                hashkey=secrets.token_hex(20),  # its own default mixes in `random` and the code
                challenge=_phone_tag(phone),
                response=code,
                expiration=timezone.now() + timedelta(minutes=SMS_CODE_MINUTES),
            )
            outbox_put(
                key=f"captcha:{store.hashkey}",
                channel="sms",
                recipient=phone,
                body=_("验证码 %(code)s，%(minutes)s分钟内有效，用于在政府网站提交申请或来信。如非本人操作，请忽略。")
                % {"code": code, "minutes": SMS_CODE_MINUTES},
            )
    except Exception:
        limits.release(taken)
        raise
    return store.hashkey


def _solved_key(key: str) -> str:
    return f"abuse:captcha-solved:{key}"


def verify(*, key: str, answer: str, phone: str = "", token: str = "") -> bool:
    """True when ``answer`` solves challenge ``key`` (for an SMS code: sent to ``phone``).
    ``token`` is the form token or idempotency key of the submission it is for."""
    key, answer = (key or "").strip()[:40], (answer or "").strip().lower()
    store = CaptchaStore.objects.filter(hashkey=key, expiration__gt=timezone.now()).first() if key else None
    if store is None:
        solved = cache.get(_solved_key(key)) if key and token else None
        return bool(solved) and constant_time_compare(solved, hashlib.sha256(token.encode()).hexdigest())
    is_sms = store.challenge.startswith(SMS_PREFIX)
    ok = bool(answer) and constant_time_compare(store.response, answer)
    if is_sms and not constant_time_compare(store.challenge, _phone_tag(phone)):
        ok = False
    if ok or not is_sms or _tries(key) >= SMS_TRIES:
        CaptchaStore.objects.filter(pk=store.pk).delete()
    if ok and token:
        cache.set(_solved_key(key), hashlib.sha256(token.encode()).hexdigest(), SOLVED_SECONDS)
    return ok


def _tries(key: str) -> int:
    tries_key = f"abuse:captcha-tries:{key}"
    if cache.add(tries_key, 1, SMS_CODE_MINUTES * 60):
        return 1
    try:
        return cache.incr(tries_key)
    except ValueError:
        return SMS_TRIES
