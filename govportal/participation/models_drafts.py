"""意见征集 (opinion solicitation on drafts) and 网上听证 (online hearings) — issue 22 points 2
and 3. Imported from `participation.models` (a block of its own so that the surveys' models
and these merge without touching each other).

- `Solicitation`: a draft policy (its explanation, its articles 条款, a public attachment —
  a Wagtail document of the agency's collection, public like the draft), its period, the
  citizens' comments (`SolicitationComment`, on the whole draft or on one article, published
  after review and masked), and the 反馈 (feedback report) published at the end, linked to
  the final document in 信息公开 by a FK to `wagtailcore.Page` (an area never imports another).
- `Hearing`: the matter, time and place, registration with a cap and a recorded selection
  (by order or by lot), written statements, the record (听证笔录/报告) published afterwards.

The citizens' texts are stored as written; masking happens where they are shown.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable


def solicitation_min_days() -> int:
    return settings.GOVPORTAL_PARTICIPATION_SOLICITATION_MIN_DAYS


class Solicitation(ClusterableModel):
    """意见征集 — one draft put out for public comment."""

    wagtail_reference_index_ignore = True

    agency = models.ForeignKey(
        "core.Agency", verbose_name=_("起草单位"), on_delete=models.PROTECT, related_name="solicitations"
    )
    title = models.CharField(_("草案名称"), max_length=120)
    explanation = models.TextField(_("起草说明"), help_text=_("起草的必要性、依据和主要内容。"))
    attachment = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("草案附件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("草案全文文件（公开）。"),
    )
    opens_at = models.DateTimeField(_("征集开始时间"))
    closes_at = models.DateTimeField(_("征集截止时间"))
    short_period_reason = models.TextField(
        _("缩短征集期限的理由"),
        blank=True,
        help_text=_("征集期限少于规定天数时必须填写（如因紧急情况需要，依法可以缩短）。"),
    )
    contact = models.CharField(_("联系方式"), max_length=200, blank=True)
    is_published = models.BooleanField(_("发布"), default=False)
    feedback = models.TextField(
        _("意见采纳情况说明"),
        blank=True,
        help_text=_("反馈总体情况：收到意见的数量、采纳情况以及未采纳的理由。"),
    )
    feedback_published_at = models.DateTimeField(_("反馈发布时间"), null=True, blank=True, editable=False)
    final_document = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("正式文件（信息公开）"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("草案定稿后在政府信息公开中发布的正式文件。"),
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("意见征集")
        verbose_name_plural = _("意见征集")
        ordering = ["-opens_at", "-pk"]
        indexes = [models.Index(fields=["is_published", "closes_at"], name="solicitation_open_idx")]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.opens_at and self.closes_at:
            if self.closes_at <= self.opens_at:
                raise ValidationError({"closes_at": _("截止时间必须晚于开始时间。")})
            min_days = solicitation_min_days()
            if self.closes_at - self.opens_at < timedelta(days=min_days) and not self.short_period_reason.strip():
                raise ValidationError(
                    {
                        "short_period_reason": _("征集期限不少于%(days)d日；确需缩短的，请填写理由。")
                        % {"days": min_days}
                    }
                )

    @property
    def period_days(self) -> int:
        return (self.closes_at - self.opens_at).days

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.is_published and self.opens_at <= now < self.closes_at

    def has_ended(self, now=None) -> bool:
        return (now or timezone.now()) >= self.closes_at

    @property
    def feedback_is_published(self) -> bool:
        return self.feedback_published_at is not None


class SolicitationArticle(Orderable):
    """条款 — one numbered article of the draft; citizens may comment on it alone."""

    solicitation = ParentalKey(Solicitation, on_delete=models.CASCADE, related_name="articles")
    number = models.PositiveSmallIntegerField(_("条号"))
    heading = models.CharField(_("条标题"), max_length=60, blank=True)
    text = models.TextField(_("条文"))

    class Meta(Orderable.Meta):
        verbose_name = _("条款")
        verbose_name_plural = _("条款")
        constraints = [models.UniqueConstraint(fields=["solicitation", "number"], name="one_article_per_number")]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return str(_("第%(n)d条") % {"n": self.number}) + (f" {self.heading}" if self.heading else "")


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    PUBLISHED = "published", _("已公开")
    HIDDEN = "hidden", _("不公开")


class CommentOutcome(models.TextChoices):
    NONE = "", _("未处理")
    ADOPTED = "adopted", _("采纳")
    PARTLY = "partly", _("部分采纳")
    NOT_ADOPTED = "not_adopted", _("未采纳")


class SolicitationComment(models.Model):
    """One citizen's opinion on a draft (the whole or one article)."""

    wagtail_reference_index_ignore = True

    solicitation = models.ForeignKey(
        Solicitation, verbose_name=_("意见征集"), on_delete=models.CASCADE, related_name="comments"
    )
    article = models.ForeignKey(
        SolicitationArticle,
        verbose_name=_("条款"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    content = models.TextField(_("意见内容"))
    name = models.CharField(_("姓名"), max_length=50)
    phone = models.CharField(_("联系电话"), max_length=30)
    email = models.CharField(_("电子邮箱"), max_length=254, blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    status = models.CharField(_("状态"), max_length=12, choices=CommentStatus.choices, default=CommentStatus.PENDING)
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(_("采纳情况"), max_length=12, choices=CommentOutcome.choices, blank=True, default="")
    outcome_reason = models.TextField(_("理由"), blank=True)

    class Meta:
        verbose_name = _("征集意见")
        verbose_name_plural = _("征集意见")
        ordering = ["submitted_at", "pk"]
        indexes = [models.Index(fields=["solicitation", "status"], name="solicitation_comment_idx")]

    def __str__(self) -> str:
        return f"{self.solicitation} · {self.pk}"


class SelectionMethod(models.TextChoices):
    ORDER = "order", _("按报名先后顺序")
    LOT = "lot", _("随机抽签")


class Hearing(models.Model):
    """网上听证 — one hearing on a matter."""

    wagtail_reference_index_ignore = True

    agency = models.ForeignKey(
        "core.Agency", verbose_name=_("组织单位"), on_delete=models.PROTECT, related_name="hearings"
    )
    title = models.CharField(_("听证名称"), max_length=120)
    matter = models.TextField(_("听证事项"), help_text=_("听证的事项、方案要点和依据。"))
    held_at = models.DateTimeField(_("听证时间"))
    place = models.CharField(_("听证地点"), max_length=200)
    registration_opens_at = models.DateTimeField(_("报名开始时间"))
    registration_closes_at = models.DateTimeField(_("报名截止时间"))
    capacity = models.PositiveSmallIntegerField(_("参加人名额"), default=20)
    selection = models.CharField(
        _("遴选方式"), max_length=10, choices=SelectionMethod.choices, default=SelectionMethod.ORDER
    )
    is_published = models.BooleanField(_("发布"), default=False)
    selected_at = models.DateTimeField(_("遴选时间"), null=True, blank=True, editable=False)
    selection_note = models.TextField(_("遴选记录"), blank=True, editable=False)
    record = models.TextField(_("听证笔录/报告"), blank=True)
    record_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("听证报告附件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    record_published_at = models.DateTimeField(_("笔录发布时间"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("网上听证")
        verbose_name_plural = _("网上听证")
        ordering = ["-held_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if self.registration_opens_at and self.registration_closes_at:
            if self.registration_closes_at <= self.registration_opens_at:
                errors["registration_closes_at"] = _("报名截止时间必须晚于开始时间。")
            elif self.held_at and self.held_at < self.registration_closes_at:
                errors["held_at"] = _("听证时间不得早于报名截止时间。")
        if self.capacity is not None and self.capacity < 1:
            errors["capacity"] = _("名额至少为1人。")
        if errors:
            raise ValidationError(errors)

    def registration_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.is_published and self.registration_opens_at <= now < self.registration_closes_at

    def is_past(self, now=None) -> bool:
        return (now or timezone.now()) >= self.held_at


class ParticipantKind(models.TextChoices):
    PERSON = "person", _("个人")
    ORGANISATION = "organisation", _("单位或组织")


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("已报名")
    SELECTED = "selected", _("入选")
    NOT_SELECTED = "not_selected", _("未入选")


class HearingRegistration(models.Model):
    """报名 — one participant's registration with its written statement (书面陈述)."""

    wagtail_reference_index_ignore = True

    hearing = models.ForeignKey(Hearing, verbose_name=_("听证"), on_delete=models.CASCADE, related_name="registrations")
    kind = models.CharField(_("报名类型"), max_length=14, choices=ParticipantKind.choices)
    name = models.CharField(_("姓名或联系人"), max_length=50)
    organisation = models.CharField(_("单位或组织名称"), max_length=100, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30)
    statement = models.TextField(_("书面陈述意见"))
    submitted_at = models.DateTimeField(_("报名时间"), default=timezone.now)
    status = models.CharField(
        _("状态"), max_length=14, choices=RegistrationStatus.choices, default=RegistrationStatus.REGISTERED
    )

    class Meta:
        verbose_name = _("听证报名")
        verbose_name_plural = _("听证报名")
        ordering = ["submitted_at", "pk"]

    def __str__(self) -> str:
        return f"{self.hearing} · {self.pk}"
