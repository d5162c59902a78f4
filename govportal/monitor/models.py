"""What the self-check stores: the current result of each indicator for each site, the
history of its changes of state, and the reachability probes the reachability indicator is
computed from (pruned after ``MONITOR_PROBE_RETENTION_DAYS``).

Rows are written by ``monitor/actions.py`` only (the runner in ``checks.py``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from govportal.monitor.indicators import State


class IndicatorResult(models.Model):
    """监测结果 — the latest measurement of one indicator for one site."""

    wagtail_reference_index_ignore = True

    site = models.ForeignKey("cluster.SiteHomePage", verbose_name=_("网站"), on_delete=models.CASCADE, related_name="+")
    indicator = models.CharField(_("指标"), max_length=40)
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.UNKNOWN)
    value = models.DecimalField(_("测量值"), max_digits=14, decimal_places=4, default=0)
    summary = models.CharField(_("说明"), max_length=300, blank=True)
    # Finding rows as dicts (title, url, since, until, count, detail): never personal data.
    findings = models.JSONField(_("问题清单"), default=list, blank=True)
    veto_at = models.DateTimeField(_("预计否决时间"), null=True, blank=True)
    measured_at = models.DateTimeField(_("检测时间"))
    state_since = models.DateTimeField(_("状态开始时间"))

    class Meta:
        verbose_name = _("监测结果")
        verbose_name_plural = _("监测结果")
        constraints = [models.UniqueConstraint(fields=["site", "indicator"], name="monitor_result_once")]
        permissions = [("supervise_websites", "督查网站（全部网站的监测状态和仪表板）")]

    def __str__(self) -> str:
        return f"{self.site_id}:{self.indicator}={self.state}"


class StateChange(models.Model):
    """状态变化 — one change of an indicator's state for a site (the history, and what an
    alarm is sent for: once per row)."""

    wagtail_reference_index_ignore = True

    site = models.ForeignKey("cluster.SiteHomePage", verbose_name=_("网站"), on_delete=models.CASCADE, related_name="+")
    indicator = models.CharField(_("指标"), max_length=40)
    old_state = models.CharField(_("原状态"), max_length=10, choices=State.choices)
    new_state = models.CharField(_("新状态"), max_length=10, choices=State.choices)
    value = models.DecimalField(_("测量值"), max_digits=14, decimal_places=4, default=0)
    summary = models.CharField(_("说明"), max_length=300, blank=True)
    at = models.DateTimeField(_("时间"))
    alarmed = models.PositiveSmallIntegerField(_("已发送预警数"), default=0)

    class Meta:
        verbose_name = _("状态变化")
        verbose_name_plural = _("状态变化")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["site", "-at"])]

    def __str__(self) -> str:
        return f"{self.site_id}:{self.indicator} {self.old_state}→{self.new_state}"


class ReachabilityProbe(models.Model):
    """可用性探测 — one HTTP GET of a site's home or column page from the server."""

    wagtail_reference_index_ignore = True

    site = models.ForeignKey("cluster.SiteHomePage", verbose_name=_("网站"), on_delete=models.CASCADE, related_name="+")
    url = models.CharField(_("地址"), max_length=500)
    ok = models.BooleanField(_("成功"))
    status_code = models.PositiveSmallIntegerField(_("状态码"), null=True, blank=True)
    elapsed_ms = models.PositiveIntegerField(_("耗时（毫秒）"), default=0)
    error = models.CharField(_("错误"), max_length=300, blank=True)
    at = models.DateTimeField(_("探测时间"))

    class Meta:
        verbose_name = _("可用性探测")
        verbose_name_plural = _("可用性探测")
        indexes = [models.Index(fields=["site", "at"]), models.Index(fields=["at"])]

    def __str__(self) -> str:
        return f"{self.url} {'ok' if self.ok else 'fail'}"
