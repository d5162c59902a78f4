"""The 监管 area's models: the construction goals here, the other parts' in their own modules
(imported here so Django finds them).

What the self-check stores: the current result of each indicator for each site, the
history of its changes of state, and the reachability probes the reachability indicator is
computed from (pruned after ``MONITOR_PROBE_RETENTION_DAYS``).

Rows are written by ``monitor/actions.py`` only (the runner in ``checks.py``)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from govportal.core.models import AgencyKind
from govportal.monitor.indicators import State
from govportal.monitor.links.models import LinkKind, LinkOccurrence, LinkTarget  # noqa: F401
from govportal.monitor.wording_models import WordingAcceptance, WordingEntry, WordingFinding, WordKind  # noqa: F401
from govportal.monitor.yearly.models import ReportStatus, YearlyReport, YearlyReportEdit, YearlyReportValue  # noqa: F401


class GoalRequirement(models.TextChoices):
    """What an agency of the goal's kind must have for the goal to count it as done."""

    SITE = "site", _("已开通网站（已发布的网站或子站）")
    VILLAGE_PAGE = "village_page", _("已开通村/社区页面（已发布）")


class ConstructionGoal(models.Model):
    """建设目标 — one goal of the city's website plan: every agency of a kind has a site (or,
    for villages, a page) by a deadline, to a target share. The information office keeps
    them (seeded with the plan's defaults by a data migration); the 建设目标 dashboard
    measures them against the agency registry and the cluster's live sites."""

    name = models.CharField(_("目标名称"), max_length=100, help_text=_("例如：党群部门网站全覆盖。"))
    agency_kind = models.CharField(_("单位类型"), max_length=20, choices=AgencyKind.choices)
    requirement = models.CharField(
        _("达标条件"), max_length=20, choices=GoalRequirement.choices, default=GoalRequirement.SITE
    )
    target_percent = models.PositiveSmallIntegerField(
        _("目标比例（%）"), default=100, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    deadline = models.DateField(_("完成期限"))
    basis = models.CharField(
        _("依据"), max_length=200, blank=True, help_text=_("规划或文件名称，例如：全市政府网站集约化建设规划。")
    )
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=100)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("建设目标")
        verbose_name_plural = _("建设目标")
        ordering = ["sort_order", "deadline", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(target_percent__gte=1, target_percent__lte=100), name="goal_target_percent_range"
            ),
            models.UniqueConstraint(fields=["agency_kind", "requirement"], name="one_goal_per_kind_and_requirement"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        village = self.agency_kind == AgencyKind.VILLAGE
        if village != (self.requirement == GoalRequirement.VILLAGE_PAGE):
            raise ValidationError({"requirement": _("村/社区的达标条件是开通村/社区页面，其他单位是开通网站。")})
        if self.agency_kind == AgencyKind.CITY_GOVERNMENT:
            raise ValidationError({"agency_kind": _("市政府门户网站不作为建设目标。")})


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
        permissions = [("supervise_websites", "网站监管督查（只读查看全部网站的检测结果和监管看板）")]

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
