"""Core registry: agencies (the organisation registry), staff users and their roles.

`core` imports no other GovPortal app. Everything else refers to `Agency` and `User`.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, Group
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class AgencyKind(models.TextChoices):
    CITY_GOVERNMENT = "city", _("市政府")
    DEPARTMENT = "department", _("政府部门")
    TOWNSHIP = "township", _("乡镇/街道")
    PARTY_MASS = "party_mass", _("党群部门")
    INSTITUTION = "institution", _("事业单位")
    DUAL_MANAGED = "dual_managed", _("双管单位")
    VILLAGE = "village", _("村/社区")


class Agency(models.Model):
    """单位 — one organisation in the city's registry (a department, a township, a village…)."""

    code = models.CharField(
        _("机构代码"),
        max_length=32,
        unique=True,
        validators=[RegexValidator(r"^[0-9A-Za-z-]+$", _("机构代码只能包含字母、数字和连字符"))],
        help_text=_("统一社会信用代码或本市内部机构编码，用于索引号等。"),
    )
    name = models.CharField(_("全称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=40)
    kind = models.CharField(_("类型"), max_length=20, choices=AgencyKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("村/社区填写所属乡镇/街道。"),
    )
    head = models.CharField(_("主要负责人"), max_length=50, blank=True)
    functions = models.TextField(_("主要职能"), blank=True)
    address = models.CharField(_("办公地址"), max_length=200, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=6, blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=100, blank=True)
    phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    fax = models.CharField(_("传真"), max_length=50, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    # 政府信息公开指南 (Art. 12): the disclosure office and its online contact.
    disclosure_office = models.CharField(
        _("政府信息公开工作机构"), max_length=100, blank=True, help_text=_("例如：示例市教育局办公室。")
    )
    disclosure_online = models.CharField(
        _("政府信息公开网上联系方式"),
        max_length=200,
        blank=True,
        help_text=_("网上申请地址或电子邮箱；留空时使用本平台的在线申请。"),
    )
    # Its own contact data (Art. 12: the guide names the office's address, hours, phone, fax
    # and e-mail); each blank one falls back to the agency's own, never to the city's.
    disclosure_address = models.CharField(_("政府信息公开工作机构办公地址"), max_length=200, blank=True)
    disclosure_postcode = models.CharField(_("政府信息公开工作机构邮政编码"), max_length=6, blank=True)
    disclosure_hours = models.CharField(_("政府信息公开工作机构办公时间"), max_length=100, blank=True)
    disclosure_phone = models.CharField(_("政府信息公开工作机构联系电话"), max_length=50, blank=True)
    disclosure_fax = models.CharField(_("政府信息公开工作机构传真"), max_length=50, blank=True)
    disclosure_email = models.EmailField(_("政府信息公开工作机构电子邮箱"), blank=True)
    # The first day a request can have been handed in to it (receipt dates are checked
    # against it); blank = the Regulations' entry into force, 2008-05-01.
    established_on = models.DateField(_("成立日期"), null=True, blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=100)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        ordering = ["sort_order", "code"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="village") | models.Q(parent__isnull=False),
                name="village_has_township",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.kind == AgencyKind.VILLAGE:
            if self.parent is None or self.parent.kind != AgencyKind.TOWNSHIP:
                raise ValidationError({"parent": _("村/社区必须隶属于一个乡镇/街道。")})


class User(AbstractUser):
    """A person with an account: staff of an agency, or (later) a registered citizen."""

    agency = models.ForeignKey(
        Agency,
        verbose_name=_("所属单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    phone = models.CharField(_("手机号码"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def get_full_name(self) -> str:
        # Chinese names are written family name first, without a space (李雪梅).
        return f"{self.last_name}{self.first_name}".strip()


class Role(models.TextChoices):
    """The staff roles every agency has. Each maps to one Wagtail group per agency."""

    EDITOR = "editor", _("信息员")
    REVIEWER = "reviewer", _("审核人")
    LEADER = "leader", _("签发领导")


class AgencyGroup(models.Model):
    """Links an agency's role to the Django/Wagtail group that carries its permissions."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="role_groups")
    role = models.CharField(max_length=20, choices=Role.choices)
    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="agency_role")

    class Meta:
        verbose_name = _("单位角色组")
        verbose_name_plural = _("单位角色组")
        constraints = [models.UniqueConstraint(fields=["agency", "role"], name="one_group_per_agency_role")]

    def __str__(self) -> str:
        return f"{self.agency.short_name}·{self.get_role_display()}"


class PeriodicRun(models.Model):
    """One row per (job, period) that has run: the unique constraint makes a periodic job
    run once per period however many workers' schedulers fire it."""

    name = models.CharField(max_length=100)
    period_start = models.DateTimeField()
    started_at = models.DateTimeField(auto_now_add=True)
    worker = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("定时任务记录")
        verbose_name_plural = _("定时任务记录")
        constraints = [models.UniqueConstraint(fields=["name", "period_start"], name="periodic_once_per_period")]
        indexes = [models.Index(fields=["name", "-period_start"])]

    def __str__(self) -> str:
        return f"{self.name} @ {self.period_start:%Y-%m-%d %H:%M}"
