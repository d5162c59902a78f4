"""The idempotency table: one row per submission made with a key (an API caller's
``Idempotency-Key`` header or an HTML form's one-time token)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class IdempotencyRecord(models.Model):
    """幂等记录 — the first answer to a submission, kept so that a retry with the same key
    gets it again instead of creating a second case.

    ``key`` is a keyed hash of (scope, the caller's key), so the table holds no caller's key;
    the answer is encrypted with a key derived from the caller's key and the request's
    fingerprint (it holds the query code, which is nowhere else in clear): only a caller
    presenting both can read it. Written in the submission's own transaction: the row exists
    if and only if the submission does."""

    # Not in Wagtail's reference index: nothing links to it; every submission writes one.
    wagtail_reference_index_ignore = True

    key = models.CharField(_("键"), max_length=64)  # unique below: no LIKE index on PostgreSQL
    fingerprint = models.CharField(_("请求摘要"), max_length=64)
    client = models.CharField(_("来源"), max_length=64, blank=True)
    status_code = models.PositiveSmallIntegerField(_("状态码"))
    response = models.TextField(_("应答（加密）"))
    created_at = models.DateTimeField(_("创建时间"))
    # No index: the daily prune reads the whole (small, pruned) table once; an index would
    # be one more write on every submission.
    expires_at = models.DateTimeField(_("过期时间"))

    class Meta:
        verbose_name = _("幂等记录")
        verbose_name_plural = _("幂等记录")
        # The one index a submission writes here besides the primary key.
        constraints = [models.UniqueConstraint(fields=["key"], name="idempotency_key_once")]

    def __str__(self) -> str:
        return f"{self.key[:12]}… {self.status_code}"
