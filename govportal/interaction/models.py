"""互动交流 — public mailboxes (书记/市长/公众监督/部门信箱, 网上咨询, 我为政府网站找错), the
letters written to them (on the case kernel: each `Letter` has one `core.Case`), and the
FAQ (热点解答).

The letter text is stored exactly as written; masking of personal data happens where a
letter is shown publicly (`govportal.core.masking`).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from govportal.core.cases.ratings import RatingLevel
from govportal.core.files.models import CaseFile


class MailboxKind(models.TextChoices):
    SECRETARY = "secretary", _("书记信箱")
    MAYOR = "mayor", _("市长信箱")
    SUPERVISION = "supervision", _("公众监督信箱")
    AGENCY = "agency", _("部门/乡镇信箱")
    CONSULTATION = "consultation", _("网上咨询")
    ERROR_REPORT = "error_report", _("我为政府网站找错")


class Category(models.TextChoices):
    CONSULT = "consult", _("咨询")
    SUGGEST = "suggest", _("建议")
    COMPLAIN = "complain", _("投诉")
    REPORT = "report", _("举报")
    PRAISE = "praise", _("表扬")
    ERROR = "error", _("网站纠错")


# The kernel's one 好差评 scale (core/cases/ratings.py), under the name this area used.
Rating = RatingLevel


# Paths of /hudong/ that a mailbox slug must not take (govportal/interaction/urls.py).
RESERVED_SLUGS = frozenset({"chaxun", "tongji", "rdjd", "suggest", "xin", "captcha"})

# Never beyond three months (STANDARDS §2): about 60 working days.
MAX_REPLY_DAYS = 60


class Mailbox(ClusterableModel):
    """信箱 — one public channel, its categories with reply limits, and its triage agency."""

    kind = models.CharField(_("类型"), max_length=20, choices=MailboxKind.choices)
    name = models.CharField(_("名称"), max_length=60, unique=True)
    slug = models.SlugField(_("网址标识"), max_length=40, unique=True, allow_unicode=False)
    agency = models.ForeignKey(
        "core.Agency",
        verbose_name=_("所属单位"),
        on_delete=models.PROTECT,
        related_name="mailboxes",
        help_text=_("信箱属于哪个单位（市长信箱属于市政府，部门信箱属于该部门）。"),
    )
    triage_agency = models.ForeignKey(
        "core.Agency",
        verbose_name=_("分办单位"),
        on_delete=models.PROTECT,
        related_name="triaged_mailboxes",
        help_text=_("负责受理、分办来信和审批延期的单位。"),
    )
    intro = models.TextField(_("说明"), blank=True)
    warning_days = models.PositiveSmallIntegerField(
        _("预警天数"), default=2, help_text=_("距答复期限不足此工作日数时预警。")
    )
    red_days = models.PositiveSmallIntegerField(_("红牌天数"), default=5, help_text=_("超期达到此工作日数时亮红牌。"))
    sort_order = models.PositiveIntegerField(_("排序"), default=100)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("信箱")
        verbose_name_plural = _("信箱")
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("该网址标识已被系统使用，请换一个。")})

    def reply_days(self, category: str) -> int:
        """The limit for a category: the mailbox's own, else the default from settings."""
        for row in self.categories.all():
            if row.category == category and row.reply_days:
                return row.reply_days
        if self.kind == MailboxKind.ERROR_REPORT:
            return settings.GOVPORTAL_ERROR_REPORT_REPLY_DAYS
        return settings.GOVPORTAL_LETTER_REPLY_DAYS.get(category, 10)

    def category_choices(self) -> list[tuple[str, str]]:
        rows = list(self.categories.all())
        if rows:
            return [(r.category, Category(r.category).label) for r in rows]
        if self.kind == MailboxKind.ERROR_REPORT:
            return [(Category.ERROR, Category.ERROR.label)]
        return [(c.value, c.label) for c in Category if c != Category.ERROR]


class MailboxCategory(models.Model):
    mailbox = ParentalKey(Mailbox, on_delete=models.CASCADE, related_name="categories")
    category = models.CharField(_("类别"), max_length=20, choices=Category.choices)
    reply_days = models.PositiveSmallIntegerField(
        _("答复期限（工作日）"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_REPLY_DAYS)],
        help_text=_("留空则用系统默认值；不得超过3个月（60个工作日）。"),
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("信箱类别")
        verbose_name_plural = _("信箱类别")
        ordering = ["sort_order", "pk"]
        constraints = [models.UniqueConstraint(fields=["mailbox", "category"], name="one_row_per_mailbox_category")]

    def __str__(self) -> str:
        return f"{self.mailbox}·{self.get_category_display()}"


class Letter(models.Model):
    """来信 — one letter to a mailbox; its state and clock live on the linked case."""

    # Not in Wagtail's reference index: nothing links to it from content, and indexing every
    # save would add queries and a background task to each citizen submission.
    wagtail_reference_index_ignore = True

    case = models.OneToOneField("core.Case", verbose_name=_("办件"), on_delete=models.PROTECT, related_name="letter")
    # mailbox and handling_agency: indexed by the composite indexes in Meta, which start with
    # them (each index is written by every letter).
    mailbox = models.ForeignKey(
        Mailbox, verbose_name=_("信箱"), on_delete=models.PROTECT, related_name="letters", db_index=False
    )
    category = models.CharField(_("类别"), max_length=20, choices=Category.choices)
    title = models.CharField(_("标题"), max_length=100)
    content = models.TextField(_("内容"))
    name = models.CharField(_("姓名"), max_length=50)
    phone = models.CharField(_("联系电话"), max_length=30)
    email = models.EmailField(_("电子邮箱"), blank=True)
    may_publish = models.BooleanField(_("同意公开"), default=False)
    source = models.CharField(_("来源"), max_length=20, default="web")
    source_tracking_number = models.CharField(_("来源办件编号"), max_length=32, blank=True)
    handoff_key = models.CharField(max_length=200, blank=True, editable=False)
    received_at = models.DateTimeField(_("收信时间"), db_index=True)
    limit_days = models.PositiveSmallIntegerField(_("答复期限（工作日）"))
    handling_agency = models.ForeignKey(
        "core.Agency",
        verbose_name=_("承办单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="handled_letters",
        db_index=False,
    )
    draft_reply = models.TextField(_("答复草稿"), blank=True)
    reply = models.TextField(_("答复内容"), blank=True)
    reply_agency = models.ForeignKey(
        "core.Agency", verbose_name=_("答复单位"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    extension_days_requested = models.PositiveSmallIntegerField(_("申请延期天数"), null=True, blank=True)
    extension_reason = models.CharField(_("延期理由"), max_length=300, blank=True)
    is_published = models.BooleanField(_("已公开"), default=False)
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(_("评价"), choices=RatingLevel.choices, null=True, blank=True)
    rating_comment = models.CharField(_("评价意见"), max_length=300, blank=True)
    resolved = models.BooleanField(_("问题已解决"), null=True, blank=True)
    rated_at = models.DateTimeField(_("评价时间"), null=True, blank=True)
    reopen_count = models.PositiveSmallIntegerField(_("重新办理次数"), default=0)

    class Meta:
        verbose_name = _("来信")
        verbose_name_plural = _("来信")
        ordering = ["-received_at", "-pk"]
        indexes = [
            models.Index(fields=["mailbox", "is_published", "-replied_at"]),
            models.Index(fields=["handling_agency", "received_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["handoff_key"], condition=~models.Q(handoff_key=""), name="letter_handoff_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case.tracking_number} {self.title}"

    @property
    def tracking_number(self) -> str:
        return self.case.tracking_number

    @property
    def replied_on_time(self) -> bool | None:
        """按期答复: stored by the kernel when the reply closed the case (``Case.closed_on_time``);
        None while the letter is open (a reopened letter is timed again)."""
        return self.case.closed_on_time

    @property
    def reply_days_taken(self) -> int | None:
        """Working days from receipt to the reply, stored by the kernel at close."""
        return self.case.closed_working_days

    @property
    def state_label(self) -> str:
        from govportal.interaction.workflow import LETTER  # cycle: interaction.workflow → interaction.models

        return LETTER.states.get(self.case.state, self.case.state)


class LetterAttachment(CaseFile):
    """来信附件 — a file the writer sent with the letter (the one case-file base, core/files)."""

    copied = {"original_name": "name", "content_type": "content_type", "size": "size"}
    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="attachments")
    # The bytes live in the private store under a random name (core/files); served only by
    # the checked /files/<key>/ view.
    stored = models.OneToOneField(
        "core.StoredFile", verbose_name=_("文件"), on_delete=models.PROTECT, related_name="letter_attachment"
    )
    original_name = models.CharField(_("文件名"), max_length=200)
    content_type = models.CharField(_("类型"), max_length=100)
    size = models.PositiveIntegerField(_("大小"))

    class Meta:
        verbose_name = _("来信附件")
        verbose_name_plural = _("来信附件")

    def __str__(self) -> str:
        return self.original_name


class Countersign(models.Model):
    """会签 — another agency's opinion asked for by the handling agency."""

    # Not in Wagtail's reference index: nothing links to it from content, and indexing every
    # save would add queries and a background task to each citizen submission.
    wagtail_reference_index_ignore = True

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="countersigns")
    agency = models.ForeignKey("core.Agency", verbose_name=_("会签单位"), on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("发起时间"))
    opinion = models.TextField(_("会签意见"), blank=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("会签")
        verbose_name_plural = _("会签")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.letter_id}:{self.agency_id}"


class ReplyTemplate(models.Model):
    """答复模板 — a text a clerk starts a reply from."""

    agency = models.ForeignKey(
        "core.Agency",
        verbose_name=_("单位"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("留空则所有单位可用。"),
    )
    title = models.CharField(_("名称"), max_length=60)
    body = models.TextField(_("模板内容"), help_text=_("可用 {name}（来信人称呼）、{title}（来信标题）。"))

    class Meta:
        verbose_name = _("答复模板")
        verbose_name_plural = _("答复模板")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class FaqEntry(models.Model):
    """热点解答 — one question and answer of an agency's knowledge base."""

    agency = models.ForeignKey("core.Agency", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+")
    topic = models.CharField(_("主题"), max_length=40)
    question = models.CharField(_("问题"), max_length=200)
    answer = models.TextField(_("解答"))
    is_published = models.BooleanField(_("发布"), default=True)
    source_letter = models.ForeignKey(
        Letter, verbose_name=_("来源信件"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    views = models.PositiveIntegerField(_("浏览次数"), default=0)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("热点解答")
        verbose_name_plural = _("热点解答")
        ordering = ["-updated_at", "-pk"]
        indexes = [models.Index(fields=["agency", "topic"])]

    def __str__(self) -> str:
        return self.question

    def clean(self) -> None:
        if not self.question.strip() or not self.answer.strip():
            raise ValidationError(_("问题和解答都必须填写。"))
