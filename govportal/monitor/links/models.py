"""What the link checker stores: each address once (``LinkTarget``, its last result and its
failures in a row), and where it is linked from (``LinkOccurrence``, one row per page, kind
and address). A URL checked once serves every page that links it."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class LinkKind(models.TextChoices):
    INTERNAL = "internal", _("站内链接")
    EXTERNAL = "external", _("外部链接")


class LinkTarget(models.Model):
    """被检查的链接地址 — one address, internal (resolved without the network) or external."""

    url = models.TextField(_("链接地址"))
    url_hash = models.CharField(max_length=64, unique=True)  # sha256 of url: TextField is not indexable everywhere
    kind = models.CharField(_("类型"), max_length=10, choices=LinkKind.choices)
    host = models.CharField(_("主机"), max_length=255, blank=True, db_index=True)
    ok = models.BooleanField(_("可用"), null=True)  # None: not checked yet
    status = models.PositiveIntegerField(_("HTTP 状态"), null=True, blank=True)
    error = models.CharField(_("错误"), max_length=200, blank=True)
    checked_at = models.DateTimeField(_("检查时间"), null=True, blank=True)
    first_failed_at = models.DateTimeField(_("首次失败时间"), null=True, blank=True)
    failures = models.PositiveIntegerField(_("连续失败次数"), default=0)
    broken = models.BooleanField(_("不可用"), default=False, db_index=True)

    class Meta:
        verbose_name = _("链接地址")
        verbose_name_plural = _("链接地址")
        indexes = [models.Index(fields=["kind", "checked_at"])]

    def __str__(self) -> str:
        return self.url


class LinkOccurrence(models.Model):
    """One page of a site that links (``a href``) or shows (``img src``) an address."""

    class Tag(models.TextChoices):
        LINK = "a", _("链接")
        IMAGE = "img", _("图片")

    target = models.ForeignKey(LinkTarget, on_delete=models.CASCADE, related_name="occurrences")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    site = models.ForeignKey("cluster.SiteHomePage", on_delete=models.CASCADE, related_name="+")
    agency = models.ForeignKey("core.Agency", on_delete=models.CASCADE, related_name="+")
    tag = models.CharField(max_length=3, choices=Tag.choices, default=Tag.LINK)
    written = models.CharField(_("页面中的写法"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("链接出现位置")
        verbose_name_plural = _("链接出现位置")
        constraints = [models.UniqueConstraint(fields=["target", "page", "tag"], name="monitor_link_once_per_page")]

    def __str__(self) -> str:
        return f"{self.page_id} → {self.target_id}"
