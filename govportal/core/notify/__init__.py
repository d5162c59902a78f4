"""Transports for outbox messages. Each takes the message's idempotency key.

- email: Django's email backend; the key becomes the Message-ID, so a resend after a crash
  is recognised as the same message by mail clients.
- sms: a small adapter; the backend is ``settings.GOVPORTAL_SMS_BACKEND`` (dotted path),
  default ``LogSmsBackend``, which only logs. A gateway backend passes the key as the
  gateway's client reference (every major SMS gateway de-duplicates on it).
- handoff: a function registered by name with ``register_handoff``; it must be idempotent
  on the key.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class LogSmsBackend:
    """Embedded default: writes the SMS to the log instead of sending it."""

    def send(self, *, key: str, phone: str, text: str) -> None:
        logger.info("SMS key=%s to=%s: %s", key, phone, text)


def sms_backend():
    path = getattr(settings, "GOVPORTAL_SMS_BACKEND", "govportal.core.notify.LogSmsBackend")
    return import_string(path)()


def send_sms(*, key: str, phone: str, text: str) -> None:
    sms_backend().send(key=key, phone=phone, text=text)


def send_email(*, key: str, to: str, subject: str, body: str) -> None:
    domain = getattr(settings, "GOVPORTAL_EMAIL_DOMAIN", "govportal.local")
    message = EmailMessage(subject=subject, body=body, to=[to], headers={"Message-ID": f"<{key}@{domain}>"})
    message.send()


_HANDOFFS: dict[str, Callable[..., None]] = {}


def register_handoff(name: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    def register(fn: Callable[..., None]) -> Callable[..., None]:
        _HANDOFFS[name] = fn
        return fn

    return register


def handoff(*, key: str, name: str, payload: dict) -> None:
    _HANDOFFS[name](key=key, payload=payload)
