# --- 在线访谈 (govportal/interviews, issue 21) -------------------------------------------
"""在线访谈 — online interviews with leaders and departments.

- `Interview`: theme, times, host, responsible agency, video (a stream URL the office
  enters or a self-hosted file URL), the links to the theme's policy documents and
  interpretation (`wagtailcore.Page`), its transcript summary. On the case kernel: each
  interview has one `core.Case` (type ``interview``) whose ``written`` timer is the period
  for answering in writing the questions not answered live.
- `Guest`: name, post, photo, introduction — guests need no account.
- `Question`: a citizen's question (before or during the interview). The name and phone
  are private; the public text is the masked copy. Moderated: pending → approved (shown
  as taken) → answered (live or in writing); rejected or merged into an earlier duplicate.
- `Post`: one item of the live transcript (the host's or a guest's words, a photo, or a
  guest's answer to a question), shown to readers in order.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable


class InterviewState(models.TextChoices):
    ANNOUNCED = "announced", _("预告")
    LIVE = "live", _("直播中")
    ENDED = "ended", _("已结束")


class Interview(ClusterableModel):
    title = models.CharField(_("访谈主题"), max_length=120)
    agency = models.ForeignKey(
        "core.Agency", verbose_name=_("责任单位"), on_delete=models.PROTECT, related_name="interviews"
    )
    host = models.CharField(_("主持人"), max_length=60)
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    intro = models.TextField(_("访谈简介"), max_length=2000)
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("题图"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    video_url = models.CharField(
        _("视频地址"),
        max_length=500,
        blank=True,
        help_text=_("本站视频文件地址（以 / 开头）或信息办确认的直播流地址（https://）；不填则只有文字直播"),
    )
    summary = models.TextField(_("访谈综述"), max_length=3000, blank=True)
    is_published = models.BooleanField(_("发布"), default=True)
    state = models.CharField(
        _("状态"), max_length=20, choices=InterviewState.choices, default=InterviewState.ANNOUNCED, editable=False
    )
    case = models.OneToOneField(
        "core.Case", null=True, blank=True, editable=False, on_delete=models.PROTECT, related_name="interview"
    )
    transcript_published_at = models.DateTimeField(_("实录发布时间"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("在线访谈")
        verbose_name_plural = _("在线访谈")
        ordering = ["-starts_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("结束时间须晚于开始时间")
        url = (self.video_url or "").strip()
        if url and not (url.startswith("https://") or (url.startswith("/") and not url.startswith("//"))):
            errors["video_url"] = _("视频地址须为本站地址（以 / 开头）或 https:// 开头的直播流地址")
        if errors:
            raise ValidationError(errors)

    @property
    def accepts_questions(self) -> bool:
        return self.is_published and self.state in (InterviewState.ANNOUNCED, InterviewState.LIVE)

    @property
    def is_live(self) -> bool:
        return self.state == InterviewState.LIVE

    @property
    def is_upcoming(self) -> bool:
        return self.state == InterviewState.ANNOUNCED

    @property
    def has_transcript(self) -> bool:
        return self.state == InterviewState.ENDED and self.transcript_published_at is not None

    def ended_before(self, when=None) -> bool:
        return self.ends_at < (when or timezone.now())


class Guest(Orderable):
    interview = ParentalKey(Interview, on_delete=models.CASCADE, related_name="guests")
    name = models.CharField(_("姓名"), max_length=40)
    post = models.CharField(_("职务"), max_length=80)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("照片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    intro = models.TextField(_("简介"), max_length=500, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("嘉宾")
        verbose_name_plural = _("嘉宾")

    def __str__(self) -> str:
        return f"{self.name}（{self.post}）"


class RelatedPage(Orderable):
    """A policy document or interpretation (any page of any site) the interview is about —
    chosen with the page chooser (a many-to-many select would list every page)."""

    interview = ParentalKey(Interview, on_delete=models.CASCADE, related_name="related_links")
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("相关政策文件或解读"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta(Orderable.Meta):
        verbose_name = _("相关政策文件和解读")
        verbose_name_plural = _("相关政策文件和解读")


class QuestionState(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已采纳")
    ANSWERED = "answered", _("已现场答复")
    WRITTEN = "written", _("已书面答复")
    REJECTED = "rejected", _("未采纳")
    MERGED = "merged", _("已合并")


class Question(models.Model):
    # Not in Wagtail's reference index: nothing links to it from content, and indexing every
    # citizen's question would add a background task to each submission.
    wagtail_reference_index_ignore = True

    interview = models.ForeignKey(Interview, on_delete=models.PROTECT, related_name="questions")
    name = models.CharField(_("姓名"), max_length=50)
    phone = models.CharField(_("联系电话"), max_length=20)
    content = models.TextField(_("问题"), max_length=500)
    public_content = models.TextField(_("公开内容"), max_length=500)
    public_name = models.CharField(_("公开署名"), max_length=50)
    flagged_words = models.CharField(_("敏感词"), max_length=200, blank=True)
    state = models.CharField(_("状态"), max_length=20, choices=QuestionState.choices, default=QuestionState.PENDING)
    in_advance = models.BooleanField(_("提前征集"), default=False)
    duplicate_of = models.ForeignKey(
        "self", verbose_name=_("合并到"), null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )
    fingerprint = models.CharField(max_length=64, db_index=True, editable=False)
    written_answer = models.TextField(_("书面答复"), max_length=5000, blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("网友提问")
        verbose_name_plural = _("网友提问")
        ordering = ["submitted_at", "pk"]
        indexes = [models.Index(fields=["interview", "state"])]

    def __str__(self) -> str:
        return self.public_content[:40]


class PostKind(models.TextChoices):
    HOST = "host", _("主持人")
    GUEST = "guest", _("嘉宾")
    ANSWER = "answer", _("嘉宾答问")
    PHOTO = "photo", _("图片")


class Post(models.Model):
    wagtail_reference_index_ignore = True

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="posts")
    kind = models.CharField(_("类型"), max_length=10, choices=PostKind.choices)
    guest = models.ForeignKey(
        Guest, verbose_name=_("嘉宾"), null=True, blank=True, on_delete=models.SET_NULL, related_name="posts"
    )
    speaker = models.CharField(_("发言人"), max_length=60)
    question = models.ForeignKey(
        Question, verbose_name=_("所答问题"), null=True, blank=True, on_delete=models.SET_NULL, related_name="posts"
    )
    text = models.TextField(_("内容"), max_length=5000, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("图片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("发布时间"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("直播内容")
        verbose_name_plural = _("直播内容")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.speaker}: {self.text[:30]}"


# --- end of 在线访谈 ------------------------------------------------------------------------
