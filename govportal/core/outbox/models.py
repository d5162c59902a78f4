"""Outbox (待发消息): notifications and hand-offs written in the same transaction as the
event that caused them, then delivered by the background worker."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("电子邮件")
    SMS = "sms", _("短信")
    HANDOFF = "handoff", _("系统移交")


class Status(models.TextChoices):
    PENDING = "pending", _("待发送")
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败")


class OutboxMessage(models.Model):
    """待发消息 — one message to deliver at least once, identified by ``key`` (the transport
    receives it as the idempotency key, so a retry after a crash is not a duplicate)."""

    # Not in Wagtail's reference index: nothing links to it from content, and indexing every
    # save would add queries and a background task to each citizen submission.
    wagtail_reference_index_ignore = True

    key = models.CharField(_("幂等键"), max_length=200, unique=True)
    channel = models.CharField(_("渠道"), max_length=10, choices=Channel.choices)
    recipient = models.CharField(_("接收方"), max_length=200)
    subject = models.CharField(_("主题"), max_length=200, blank=True)
    body = models.TextField(_("内容"), blank=True)
    payload = models.JSONField(_("附加数据"), default=dict, blank=True)
    case = models.ForeignKey(
        "core.Case", verbose_name=_("办件"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(_("尝试次数"), default=0)
    next_attempt_at = models.DateTimeField(_("下次尝试时间"))  # indexed with status below
    last_error = models.TextField(_("最近错误"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("待发消息")
        verbose_name_plural = _("待发消息")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} → {self.recipient}"
