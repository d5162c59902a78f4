"""Models of the participation area (调查征集, issue 22).

Surveys and evaluations (网上调查、网上评议) below; drafts for comments and hearings
(意见征集、网上听证) in `models_drafts.py`, imported at the end.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

# =============================================================================================
# 网上调查 and 网上评议 (surveys, evaluations)
# =============================================================================================


class VoteMeans(models.TextChoices):
    """How "one answer per person" is enforced — per survey or evaluation, and the results say
    which. There are no citizen accounts yet (core.User is staff only), so a phone proven by an
    SMS code is the strongest means."""

    SMS = "sms", _("短信验证码验证手机号码（每个手机号码一次）")
    ANONYMOUS = "anonymous", _("匿名参与（每个浏览器一次，图片验证码和频率限制）")


class ParticipationStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")


class _Window(models.Model):
    """What surveys and evaluations share: owner, period, means, status."""

    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("发起单位"))
    title = models.CharField(_("标题"), max_length=120)
    intro = models.TextField(_("说明"), max_length=4000, blank=True)
    opens_at = models.DateTimeField(_("开始时间"))
    closes_at = models.DateTimeField(_("截止时间"))
    closed_early_at = models.DateTimeField(_("提前结束时间"), null=True, blank=True, editable=False)
    means = models.CharField(_("一人一次的方式"), max_length=12, choices=VoteMeans.choices, default=VoteMeans.SMS)
    status = models.CharField(
        _("状态"), max_length=12, choices=ParticipationStatus.choices, default=ParticipationStatus.DRAFT
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    @property
    def ends_at(self):
        return self.closed_early_at or self.closes_at

    def phase(self, now=None) -> str:
        """ "draft", "upcoming", "open" or "closed"."""
        now = now or timezone.now()
        if self.status != ParticipationStatus.PUBLISHED:
            return "draft"
        if now < self.opens_at:
            return "upcoming"
        if now >= self.ends_at:
            return "closed"
        return "open"

    @property
    def is_open(self) -> bool:
        return self.phase() == "open"

    @property
    def is_closed(self) -> bool:
        return self.phase() == "closed"


class Survey(_Window, ClusterableModel):
    """网上调查 — an online survey with its questions."""

    results_public_while_open = models.BooleanField(
        _("进行中公开结果"),
        default=False,
        help_text=_("默认截止前结果对所有人（含信息办）封存；勾选后进行中也公布实时结果。"),
    )

    class Meta:
        verbose_name = _("网上调查")
        verbose_name_plural = _("网上调查")
        ordering = ["-opens_at", "-pk"]


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("单选")
    MULTIPLE = "multiple", _("多选")
    RATING = "rating", _("评分（1—5分）")
    RANKING = "ranking", _("排序")
    TEXT = "text", _("文字意见")


class Question(Orderable):
    """One question; its options one per line (answers store an option's number, so options
    cannot change once a survey is answered — `actions.survey_save` forbids it)."""

    survey = ParentalKey(Survey, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(_("题型"), max_length=10, choices=QuestionKind.choices, default=QuestionKind.SINGLE)
    text = models.CharField(_("题目"), max_length=300)
    options = models.TextField(_("选项"), blank=True, help_text=_("单选、多选、排序题：每行一个选项。"))
    required = models.BooleanField(_("必答"), default=True)
    show_if_question = models.PositiveSmallIntegerField(
        _("仅当第几题"), null=True, blank=True, help_text=_("条件题：填写前面某一题的题号（从1开始）。")
    )
    show_if_option = models.PositiveSmallIntegerField(
        _("选择第几项时显示"), null=True, blank=True, help_text=_("该题（单选或多选）的第几个选项（从1开始）。")
    )

    class Meta(Orderable.Meta):
        verbose_name = _("题目")
        verbose_name_plural = _("题目")

    def __str__(self) -> str:
        return self.text

    @property
    def option_list(self) -> list[str]:
        return [line.strip() for line in (self.options or "").splitlines() if line.strip()]


class SurveyResponse(models.Model):
    """One person's answer to a survey. The unique (survey, voter) pair is what makes a double
    vote impossible, whatever the number of concurrent requests."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    voter = models.CharField(max_length=80)  # "sms:<hmac of the phone>" or "anon:<hmac of the browser token>"
    means = models.CharField(max_length=12, choices=VoteMeans.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "voter"], name="participation_one_response")]

    def __str__(self) -> str:
        return f"SurveyResponse {self.pk}"


class TextReview(models.TextChoices):
    PENDING = "pending", _("待审核")
    PUBLISHED = "published", _("已公开")
    HIDDEN = "hidden", _("不公开")


class SurveyAnswer(models.Model):
    """One answer to one question: an option (single, multiple: one row per option chosen;
    ranking: one row per option with its rank), a score (rating) or a text."""

    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    option = models.PositiveSmallIntegerField(null=True, blank=True)  # 1-based
    rank = models.PositiveSmallIntegerField(null=True, blank=True)
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)
    text_masked = models.TextField(blank=True)  # what is published, edited by the reviewer
    review = models.CharField(max_length=10, choices=TextReview.choices, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["question", "option"])]

    def __str__(self) -> str:
        return f"SurveyAnswer {self.pk}"


class SurveyChange(models.Model):
    """Who changed a survey after it opened, and what (the audit the issue asks for)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="changes")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    what = models.CharField(max_length=500)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"SurveyChange {self.pk}"


class Evaluation(_Window, ClusterableModel):
    """网上评议 — the yearly evaluation of departments' work and websites."""

    year = models.PositiveSmallIntegerField(_("年度"))
    results_published = models.BooleanField(_("公布评议结果"), default=False)

    class Meta:
        verbose_name = _("网上评议")
        verbose_name_plural = _("网上评议")
        ordering = ["-year", "-pk"]


class EvaluationIndicator(Orderable):
    """One indicator of one department (被评议单位), rated 1–5."""

    evaluation = ParentalKey(Evaluation, on_delete=models.CASCADE, related_name="indicators")
    target = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("被评议单位"))
    name = models.CharField(_("评议指标"), max_length=100)

    class Meta(Orderable.Meta):
        verbose_name = _("评议指标")
        verbose_name_plural = _("评议指标")

    def __str__(self) -> str:
        return self.name


class RespondentKind(models.TextChoices):
    CITIZEN = "citizen", _("群众")
    ENTERPRISE = "enterprise", _("企业")


class EvaluationResponse(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="responses")
    voter = models.CharField(max_length=80)
    means = models.CharField(max_length=12, choices=VoteMeans.choices)
    respondent = models.CharField(max_length=12, choices=RespondentKind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["evaluation", "voter"], name="participation_one_rating")]

    def __str__(self) -> str:
        return f"EvaluationResponse {self.pk}"


class EvaluationScore(models.Model):
    response = models.ForeignKey(EvaluationResponse, on_delete=models.CASCADE, related_name="scores")
    indicator = models.ForeignKey(EvaluationIndicator, on_delete=models.PROTECT, related_name="scores")
    score = models.PositiveSmallIntegerField()

    def __str__(self) -> str:
        return f"EvaluationScore {self.pk}"


# ====================================== end of surveys block ==================================

# --- 意见征集 and 网上听证 (issue 22 points 2, 3) ------------------------
from govportal.participation.models_drafts import (  # noqa: E402, F401 (the drafts block: models of its own module)
    CommentOutcome,
    CommentStatus,
    Hearing,
    HearingRegistration,
    ParticipantKind,
    RegistrationStatus,
    SelectionMethod,
    Solicitation,
    SolicitationArticle,
    SolicitationComment,
)

# --- end of 意见征集 and 网上听证 ----------------------------------------------------------
