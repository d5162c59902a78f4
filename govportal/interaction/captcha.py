"""The letter form's CAPTCHA (STANDARDS §5: zoom ≥ 2× and a non-visual alternative).

Two kinds of challenge share django-simple-captcha's one-time `CaptchaStore`:
- ``image``: distorted letters rendered by django-simple-captcha, shown at twice its base
  size with a link to the 2× image;
- ``text``: an arithmetic question in Chinese words (三加五等于几？), plain text that a
  screen reader reads out — the non-visual alternative.
The text question can also be heard (`speech.question_wav`, served by
`views.captcha_speech`). A challenge can be tried once: the row is deleted on every
attempt, right or wrong.
"""

from __future__ import annotations

import secrets

from django.utils import timezone

from captcha.models import CaptchaStore

DIGITS = "零一二三四五六七八九十"


def new_challenge(kind: str = "image") -> dict:
    if kind == "text":
        a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
        store = CaptchaStore.objects.create(challenge=f"{DIGITS[a]}加{DIGITS[b]}等于几？", response=str(a + b))
        return {"key": store.hashkey, "kind": "text", "question": store.challenge}
    return {"key": CaptchaStore.generate_key(), "kind": "image", "question": ""}


def verify(key: str, answer: str) -> bool:
    answer = (answer or "").strip().lower()
    store = CaptchaStore.objects.filter(hashkey=key or "", expiration__gt=timezone.now()).first()
    if store is None:
        return False
    store.delete()
    return bool(answer) and secrets.compare_digest(store.response, answer)


def spoken_question(key: str) -> str:
    """The text question of a live challenge, for the spoken CAPTCHA; NotFound otherwise.
    Listening does not use the challenge up."""
    from govportal.core.errors import NotFound

    store = CaptchaStore.objects.filter(hashkey=key or "", expiration__gt=timezone.now()).first()
    if store is None or not store.challenge.endswith("等于几？"):
        raise NotFound("语音验证码不存在或已过期")
    return store.challenge
