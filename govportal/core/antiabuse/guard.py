"""The one policy for anonymous submissions: every channel a citizen submits through (a
letter, a disclosure request, an online application — and every future one) calls
`submit` from its API endpoint and `FormGuard` from its HTML view; none writes its own.

In order, for one submission:

1. **Idempotency.** With a key (the ``Idempotency-Key`` header of an API POST; the one-time
   ``form_token`` every HTML submission form carries) a request seen before gets its first
   answer again, a different request with the same key 422 (`idempotency`).
2. **CAPTCHA** unless the caller is a trusted API client (``Authorization: Bearer`` with one
   of ``SUBMISSION_API_TOKENS``) or a signed-in citizen: an image, or an SMS code sent to
   the phone given (`captcha`). API callers get a challenge from ``POST /api/v1/captcha``
   (or ``/captcha/sms``) and send ``X-Captcha-Key`` / ``X-Captcha-Answer``.
3. **Rate limits** unless trusted: per client and per phone across all channels (`limits`);
   given back if the submission is not written.
4. The area's action and the idempotency record in **one transaction**.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from govportal.core.antiabuse import captcha, idempotency, limits
from govportal.core.errors import GovPortalError, InvalidInput, Unprocessable

TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def client_key(request) -> str:
    """Who is asking, for rate limits: the connecting address — or, when that is one of our
    own proxies (`TRUSTED_PROXIES`, e.g. the nginx of `make serve`), the address the proxy
    saw (`X-Real-IP`, which nginx sets and a client cannot pass through it)."""
    remote = request.META.get("REMOTE_ADDR", "")
    if remote and remote in settings.GOVPORTAL_TRUSTED_PROXIES:
        real = request.META.get("HTTP_X_REAL_IP", "").strip()
        if real:
            return real
    return remote or "unknown"


def trusted_client(request) -> str:
    """The name of a trusted API client (its token's position, ``token1`` …), or ""."""
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return ""
    token = header.removeprefix("Bearer ").strip()
    for i, known in enumerate(settings.GOVPORTAL_SUBMISSION_API_TOKENS, 1):
        if known and constant_time_compare(token, known):
            return f"token{i}"
    return ""


def normalize_phone(phone: str) -> str:
    """Digits only, without a +86 / 0086 prefix: the form a limit and a code are bound to."""
    digits = re.sub(r"\D", "", phone or "")
    for prefix in ("0086", "86"):
        if digits.startswith(prefix) and len(digits) == len(prefix) + 11:
            return digits[len(prefix) :]
    return digits


def is_mobile(phone: str) -> bool:
    return bool(re.fullmatch(r"1[3-9]\d{9}", normalize_phone(phone)))


@dataclass(frozen=True)
class Outcome:
    status_code: int
    body: dict
    replayed: bool = False


def submit(
    request,
    *,
    run: Callable[[], tuple[int, dict]],
    phone: str,
    key: str | None,
    captcha_key: str = "",
    captcha_answer: str = "",
) -> Outcome:
    """Run one submission under the policy (module docstring). ``run`` calls the area's
    action and returns the status and the answer's body (JSON-able; it is what a retry
    gets again). GovPortalError on refusal: 400 CAPTCHA, 422 key reused, 429 limits."""
    trusted = trusted_client(request)
    client = client_key(request)
    fp = scope = ""
    if key is not None:
        key = idempotency.check_key(key)
        fp = idempotency.fingerprint(request)
        scope = f"{request.path}\n{trusted or 'anonymous'}"
        first = idempotency.lookup(scope=scope, key=key, fp=fp)
        if first is not None:
            return Outcome(first.status_code, first.body, replayed=True)
    phone = normalize_phone(phone)
    if not trusted and not request.user.is_authenticated:
        if not captcha.verify(key=captcha_key, answer=captcha_answer, phone=phone, token=key or ""):
            raise InvalidInput(_("验证码不正确或已过期，请重新输入"), field="captcha_answer")
    taken = [] if trusted else limits.reserve_submission(client=client, phone=phone)
    try:
        with transaction.atomic():
            status_code, body = run()
            if key is not None and not idempotency.store(
                scope=scope, key=key, fp=fp, client=trusted or client, status_code=status_code, body=body
            ):
                raise _AlreadyDone
    except _AlreadyDone:
        # A parallel request with this key committed first: ours is rolled back whole.
        limits.release(taken)
        first = idempotency.lookup(scope=scope, key=key, fp=fp)
        return Outcome(first.status_code, first.body, replayed=True)
    except BaseException:
        limits.release(taken)  # not written: not counted
        raise
    return Outcome(status_code, body)


class _AlreadyDone(Exception):
    pass


def api_idempotent(request, *, run: Callable[[], tuple[int, dict]]) -> Outcome:
    """Idempotency alone, for the API's other POSTs that change something (a CAPTCHA code
    sent, a query code reset): with an ``Idempotency-Key`` a retry gets the first answer and
    the SMS is not sent twice. Lookups by POST change nothing and need no record."""
    raw = request.headers.get("Idempotency-Key")
    if raw is None:
        return Outcome(*run())
    key = idempotency.check_key(raw)
    fp = idempotency.fingerprint(request)
    scope = f"{request.path}\n{trusted_client(request) or 'anonymous'}"
    first = idempotency.lookup(scope=scope, key=key, fp=fp)
    if first is not None:
        return Outcome(first.status_code, first.body, replayed=True)
    try:
        with transaction.atomic():
            status_code, body = run()
            if not idempotency.store(
                scope=scope, key=key, fp=fp, client=client_key(request), status_code=status_code, body=body
            ):
                raise _AlreadyDone
    except _AlreadyDone:
        first = idempotency.lookup(scope=scope, key=key, fp=fp)
        return Outcome(first.status_code, first.body, replayed=True)
    return Outcome(status_code, body)


def api_submit(request, *, run: Callable[[], tuple[int, dict]], phone: str) -> Outcome:
    """`submit` for an API endpoint: the key and the CAPTCHA from the headers."""
    raw = request.headers.get("Idempotency-Key")
    return submit(
        request,
        run=run,
        phone=phone,
        key=raw if raw is not None else None,
        captcha_key=request.headers.get("X-Captcha-Key", ""),
        captcha_answer=request.headers.get("X-Captcha-Answer", ""),
    )


class FormGuard:
    """The policy for one HTML submission form: its one-time token, its CAPTCHA (image by
    default, ``?captcha=sms`` for a code by SMS) and the submission itself.

    In the view::

        guard = FormGuard(request, phone_field="phone")
        if guard.wants_sms_code:            # the form's "send me a code" button
            guard.send_sms_code()           # re-render the form with guard.context()
        outcome = guard.submit(run=...)     # after the form is valid; GovPortalError
        ... render the result page from outcome.body (a replay renders the same page)

    and in the template ``{% include "core/antiabuse/guard_fields.html" %}`` inside the
    form, with ``guard`` from `context`."""

    def __init__(self, request, *, phone_field: str) -> None:
        self.request = request
        self.phone_field = phone_field
        data = request.POST if request.method == "POST" else request.GET
        self.kind = "sms" if data.get("captcha_kind", data.get("captcha")) == "sms" else "image"
        self.token = request.POST.get("form_token", "") if request.method == "POST" else ""
        if not TOKEN_PATTERN.match(self.token):
            self.token = ""
        self.captcha_key = request.POST.get("captcha_key", "")[:40] if request.method == "POST" else ""
        self.message = ""
        self.error = ""
        self.status_code = 200
        self.needs_captcha = not request.user.is_authenticated

    @property
    def wants_sms_code(self) -> bool:
        return self.request.method == "POST" and self.request.POST.get("captcha_action") == "send_sms"

    def send_sms_code(self) -> None:
        phone = self.request.POST.get(self.phone_field, "")
        self.kind = "sms"
        if not is_mobile(phone):
            self.error, self.status_code = _("请先在上面填写正确的手机号码，再获取短信验证码"), 400
            return
        try:
            self.captcha_key = captcha.send_sms_code(phone=normalize_phone(phone), client=client_key(self.request))
        except GovPortalError as exc:
            self.error, self.status_code = exc.message, exc.status_code
            return
        self.message = _("短信验证码已发送到您填写的手机号码，10分钟内有效。")

    def submit(self, *, run: Callable[[], tuple[int, dict]]) -> Outcome:
        if not self.token:
            raise InvalidInput(_("表单已失效，请核对内容后重新提交"), field="form_token")
        try:
            return submit(
                self.request,
                run=run,
                phone=self.request.POST.get(self.phone_field, ""),
                key=self.token,
                captcha_key=self.captcha_key,
                captcha_answer=self.request.POST.get("captcha_answer", ""),
            )
        except Unprocessable:
            self.token = ""  # it belongs to another submission: the form gets a new one
            raise

    def context(self) -> dict:
        """What ``guard_fields.html`` needs. A fresh image challenge and, for a form shown
        for the first time, a fresh token."""
        if self.kind == "image" and self.needs_captcha:
            self.captcha_key = captcha.new_image_challenge()
        return {
            "guard": {
                "token": self.token or secrets.token_urlsafe(24),
                "kind": self.kind,
                "needs_captcha": self.needs_captcha,
                "captcha_key": self.captcha_key,
                "image_url": reverse("antiabuse:captcha-image-2x", args=[self.captcha_key])
                if self.kind == "image" and self.captcha_key
                else "",
                "message": self.message,
                "error": self.error,
            }
        }
