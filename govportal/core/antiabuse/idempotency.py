"""Idempotent submissions: the same key (an API caller's ``Idempotency-Key`` header, an HTML
form's one-time token) and the same request give the first answer again; the same key
with a different request gives 422.

Cost on the submission path (docs/performance.md): one read by a unique key before the
work and one ``INSERT … ON CONFLICT DO NOTHING`` in the submission's own transaction. The
insert is what makes parallel duplicates safe: on PostgreSQL the second insert of a key
waits for the first transaction and then finds the row (so its transaction — its case,
events and SMS — is rolled back and the first answer returned); on SQLite the writers are
serialised anyway.

The stored answer is encrypted (Fernet) with a key derived from the server's secret, the
caller's key and the request's fingerprint: it holds the query code, which the case table
keeps only as a hash, and only a caller presenting the key and the same request can read it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from cryptography.fernet import Fernet, InvalidToken

from govportal.core import rows
from govportal.core.antiabuse.models import IdempotencyRecord
from govportal.core.errors import InvalidInput, Unprocessable

KEY_PATTERN = re.compile(r"^[\x21-\x7e]{8,200}$")  # printable ASCII, no spaces: a UUID fits
SKIPPED_FIELDS = frozenset({"csrfmiddlewaretoken", "form_token", "captcha_key", "captcha_answer", "captcha_kind"})


@dataclass(frozen=True)
class Stored:
    status_code: int
    body: dict


def check_key(raw: str) -> str:
    key = (raw or "").strip()
    if not KEY_PATTERN.match(key):
        raise InvalidInput(_("Idempotency-Key 须为 8–200 个可见 ASCII 字符（建议使用 UUID）"), field="Idempotency-Key")
    return key


def fingerprint(request) -> str:
    """A digest of what was submitted, independent of how it was encoded: JSON by its
    canonical form, forms and multipart by their sorted fields and the files' contents (a
    client's retry re-encodes multipart with a new boundary)."""
    h = hashlib.sha256(request.method.encode() + b" " + request.path.encode() + b"\n")
    if request.content_type == "application/json":
        try:
            h.update(json.dumps(json.loads(request.body or b"null"), sort_keys=True, ensure_ascii=False).encode())
        except ValueError:
            h.update(request.body)
        return h.hexdigest()
    for name in sorted(request.POST):
        if name not in SKIPPED_FIELDS:
            h.update(json.dumps([name, request.POST.getlist(name)], ensure_ascii=False).encode())
    for name in sorted(request.FILES):
        for f in request.FILES.getlist(name):
            fh = hashlib.sha256()
            for chunk in f.chunks():
                fh.update(chunk)
            f.seek(0)
            h.update(json.dumps([name, f.name, fh.hexdigest()]).encode())
    return h.hexdigest()


def _row_key(scope: str, key: str) -> str:
    return salted_hmac("govportal.idempotency.key", f"{scope}\n{key}", algorithm="sha256").hexdigest()


def _cipher(key: str, fp: str) -> Fernet:
    raw = salted_hmac("govportal.idempotency.answer", f"{key}\n{fp}", algorithm="sha256").digest()
    return Fernet(base64.urlsafe_b64encode(raw))


def lookup(*, scope: str, key: str, fp: str) -> Stored | None:
    """The first answer for this key, or None if there is none yet; 422 when the key was
    used for a different request."""
    # Expired rows still answer until the daily prune removes them: the key is still taken.
    record = IdempotencyRecord.objects.filter(key=_row_key(scope, key)).first()
    if record is None:
        return None
    if record.fingerprint != fp:
        raise Unprocessable(
            _("该幂等键（或表单）已用于另一份不同内容的提交；如需再次提交，请使用新的幂等键或重新打开表单")
        )
    try:
        body = json.loads(_cipher(key, fp).decrypt(record.response.encode()))
    except InvalidToken:  # the server's SECRET_KEY changed since: the answer cannot be read
        raise Unprocessable(_("该提交已受理，但原应答已无法读取；可通过“找回查询码”重新获取查询码")) from None
    return Stored(record.status_code, body)


def store(*, scope: str, key: str, fp: str, client: str, status_code: int, body: dict) -> bool:
    """Record the answer inside the submission's transaction. False when another request
    with this key got there first (the caller then rolls back and answers with `lookup`)."""
    now = timezone.now()
    record = IdempotencyRecord(
        key=_row_key(scope, key),
        fingerprint=fp,
        client=client[:64],
        status_code=status_code,
        response=_cipher(key, fp).encrypt(json.dumps(body, ensure_ascii=False, default=str).encode()).decode(),
        created_at=now,
        expires_at=now + timedelta(hours=settings.GOVPORTAL_IDEMPOTENCY_HOURS),
    )
    return rows.insert(record, on_conflict="key")


def prune(*, now=None) -> int:
    return IdempotencyRecord.objects.filter(expires_at__lte=now or timezone.now()).delete()[0]
