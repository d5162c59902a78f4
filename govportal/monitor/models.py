"""The 监管 area's models: the construction goals here, the other parts' in their own modules
(imported here so Django finds them)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from govportal.core.models import AgencyKind
from govportal.monitor.links.models import LinkKind, LinkOccurrence, LinkTarget  # noqa: F401
from govportal.monitor.wording_models import WordingAcceptance, WordingEntry, WordingFinding, WordKind  # noqa: F401


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
        # The 监察/督查 bureau's role in the 监管 area (``monitor.access.SUPERVISE``).
        permissions = [("supervise_websites", _("网站监管（只读查看全部网站的检测结果和监管看板）"))]
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
