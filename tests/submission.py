"""Helpers for tests that submit under the anonymous-submission policy (core/antiabuse):
read a form's one-time token and CAPTCHA from its page, get an API CAPTCHA. The image
CAPTCHA's answer is read from django-simple-captcha's store, as a test may."""

from __future__ import annotations

import re

from captcha.models import CaptchaStore


def guard_fields(html: str) -> dict:
    token = re.search(r'name="form_token" value="([^"]+)"', html).group(1)
    key = re.search(r'name="captcha_key" value="([^"]*)"', html).group(1)
    kind = re.search(r'name="captcha_kind" value="([^"]*)"', html).group(1)
    answer = CaptchaStore.objects.get(hashkey=key).response if key and kind == "image" else ""
    return {"form_token": token, "captcha_key": key, "captcha_kind": kind, "captcha_answer": answer}


def captcha_headers(client) -> dict:
    """Headers for one anonymous API submission: a fresh image challenge, solved."""
    key = client.post("/api/v1/captcha").json()["key"]
    return {"HTTP_X_CAPTCHA_KEY": key, "HTTP_X_CAPTCHA_ANSWER": CaptchaStore.objects.get(hashkey=key).response}
