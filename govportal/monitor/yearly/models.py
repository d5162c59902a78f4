"""The stored yearly reports: one per site and year, a value per row of the national form,
and the history of every change a person made."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")


class YearlyReport(models.Model):
    """政府网站工作年度报表 — one site's report for one year."""

    site = models.ForeignKey("cluster.SiteHomePage", verbose_name=_("网站"), on_delete=models.PROTECT, related_name="+")
    # The site's agency when the report was made: the access rules scope by it.
    agency = models.ForeignKey("core.Agency", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    status = models.CharField(_("状态"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    generated_at = models.DateTimeField(_("生成时间"))
    checked_at = models.DateTimeField(_("核对时间"), null=True, blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        app_label = "monitor"
        verbose_name = _("网站工作年度报表")
        verbose_name_plural = _("网站工作年度报表")
        ordering = ["-year", "site__path"]
        constraints = [models.UniqueConstraint(fields=["site", "year"], name="monitor_yearly_report_once")]
        indexes = [models.Index(fields=["status", "year"], name="monitor_yearly_status_idx")]

    def __str__(self) -> str:
        return f"{self.year} {self.site_id}"

    @property
    def is_published(self) -> bool:
        return self.status == ReportStatus.PUBLISHED


class YearlyReportValue(models.Model):
    """One row's value. ``computed`` is what the system counted at the last generation or
    核对 (None for a row the agency enters); ``value`` is what the report says. They differ
    only when a person changed a computed figure, with ``reason``."""

    report = models.ForeignKey(YearlyReport, on_delete=models.CASCADE, related_name="values")
    key = models.CharField(max_length=60)
    value = models.CharField(_("数值"), max_length=300, blank=True)
    computed = models.CharField(_("系统统计值"), max_length=300, null=True, blank=True)
    source = models.CharField(_("数据来源"), max_length=300, blank=True)
    reason = models.CharField(_("修改理由"), max_length=500, blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    edited_at = models.DateTimeField(_("修改时间"), null=True, blank=True)

    class Meta:
        app_label = "monitor"
        constraints = [models.UniqueConstraint(fields=["report", "key"], name="monitor_yearly_value_once")]

    def __str__(self) -> str:
        return f"{self.key}={self.value}"

    @property
    def is_computed(self) -> bool:
        return self.computed is not None

    @property
    def overridden(self) -> bool:
        """A computed figure a person set to another value, with a reason (kept when the
        report is generated again). A difference without a reason is the sources having
        moved since the report was made (核对 lists it as unexplained)."""
        return self.computed is not None and bool(self.reason)


class YearlyReportEdit(models.Model):
    """Who changed what, when and why — one row per changed value, never edited."""

    report = models.ForeignKey(YearlyReport, on_delete=models.CASCADE, related_name="edits")
    key = models.CharField(max_length=60)
    old = models.CharField(_("原值"), max_length=300, blank=True)
    new = models.CharField(_("新值"), max_length=300, blank=True)
    reason = models.CharField(_("理由"), max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("时间"))
    kind = models.CharField(max_length=20, default="edit")  # edit / generate / check / publish

    class Meta:
        app_label = "monitor"
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.report_id}:{self.key}"
