"""Models of the enterprise area (企业风采 and 招商引资) — issue 24.

- `ImageWindow` (形象窗口): a slot on the portal home (or on a department site's home):
  picture, slogan, optional self-hosted video with a WebVTT caption track, link; scheduled
  (start/end), ordered, reviewed before it goes live (draft → submitted → approved).
- `Enterprise` (企业风采): one company's page, applied for through the public form and
  approved by the investment bureau (`settings.GOVPORTAL_INVESTMENT_BUREAU_CODE`); its own
  products (`EnterpriseProduct`), the documents it sent (`EnterpriseDocument`, private, in
  core.files); the state of its website link (checked periodically, `tasks`).
- `InvestmentProject`, `InvestmentPolicy` (招商引资), and `Enquiry` (投资咨询: a case of the
  kernel, `workflow.ENQUIRY`).

The village products of the 名优新特产品 catalogue are `cluster.VillageProduct` rows (read,
never written here).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from govportal.cluster.models import ProductCategory
from govportal.core.files.models import CaseFile

# ============================================================================================
# enterprise area models (issue 24) — one block, easy to merge
# ============================================================================================


def _check_link(value: str) -> None:
    if value and not (value.startswith("/") or value.startswith(("https://", "http://"))):
        raise ValidationError(_("请填写以 / 开头的站内地址或以 http(s):// 开头的网址。"))


class ReviewState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审核")
    APPROVED = "approved", _("已审核")
    REJECTED = "rejected", _("退回修改")


class ImageWindow(models.Model):
    """形象窗口 — one slot of the portal home's (or a site home's) image windows."""

    home = models.ForeignKey(
        "cluster.SiteHomePage",
        verbose_name=_("所在网站"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("显示在哪个网站的首页（门户或部门网站）。"),
    )
    agency = models.ForeignKey(
        "core.Agency", verbose_name=_("管理单位"), on_delete=models.PROTECT, related_name="+", editable=False
    )
    slogan = models.CharField(_("标语"), max_length=40)
    caption = models.CharField(_("说明文字"), max_length=120, blank=True)
    image = models.ForeignKey("wagtailimages.Image", verbose_name=_("图片"), on_delete=models.PROTECT, related_name="+")
    alt_text = models.CharField(
        _("图片替代文本"), max_length=150, help_text=_("供读屏软件朗读，说明图片内容（必填）。")
    )
    video = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("短视频（MP4/WebM，选填）"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("本站存储的视频文件；不自动播放，播放时默认静音以外由读者控制。"),
    )
    captions = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("视频字幕（WebVTT）"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("有视频时必填：.vtt 字幕文件。"),
    )
    link_url = models.CharField(_("链接地址"), max_length=300, blank=True, validators=[_check_link])
    link_text = models.CharField(_("按钮文字"), max_length=20, blank=True)
    starts_at = models.DateTimeField(_("开始时间"), default=timezone.now)
    ends_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=10)
    state = models.CharField(
        _("审核状态"), max_length=12, choices=ReviewState.choices, default=ReviewState.DRAFT, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    submitted_at = models.DateTimeField(null=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    reviewed_at = models.DateTimeField(null=True, editable=False)
    review_note = models.CharField(_("审核意见"), max_length=300, blank=True, editable=False)
    # Whether the refresh job last saw the slot on show (`actions.image_windows_refresh`).
    shown = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("形象窗口")
        verbose_name_plural = _("形象窗口")
        ordering = ["sort_order", "-starts_at", "pk"]

    def __str__(self) -> str:
        return self.slogan

    def clean(self) -> None:
        errors = {}
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("结束时间应晚于开始时间。")
        if self.video_id and not self.captions_id:
            errors["captions"] = _("有视频时必须提供 WebVTT 字幕文件。")
        if self.captions_id and not self.captions.file.name.lower().endswith(".vtt"):
            errors["captions"] = _("字幕应为 .vtt 文件（WebVTT）。")
        if self.video_id and not self.video.file.name.lower().endswith((".mp4", ".webm")):
            errors["video"] = _("视频应为 MP4 或 WebM 文件。")
        if self.link_url and not self.link_text:
            errors["link_text"] = _("有链接时请填写按钮文字。")
        if not (self.alt_text or "").strip():
            errors["alt_text"] = _("请填写图片替代文本。")
        if errors:
            raise ValidationError(errors)

    def is_live(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.state == ReviewState.APPROVED
            and self.starts_at <= now
            and (self.ends_at is None or now < self.ends_at)
        )


class Industry(models.TextChoices):
    MANUFACTURING = "manufacturing", _("装备制造")
    FOOD = "food", _("食品加工")
    MATERIALS = "materials", _("新材料")
    ELECTRONICS = "electronics", _("电子信息")
    PHARMA = "pharma", _("生物医药")
    AGRICULTURE = "agriculture", _("现代农业")
    TEXTILE = "textile", _("纺织服装")
    LOGISTICS = "logistics", _("商贸物流")
    TOURISM = "tourism", _("文化旅游")
    OTHER = "other", _("其他")


class EnterpriseKind(models.TextChoices):
    RESIDENT = "resident", _("驻市企业")
    INVESTED = "invested", _("招商引资企业")
    SME = "sme", _("市属中小企业")
    PRIVATE = "private", _("民营企业")


class EnterpriseState(models.TextChoices):
    SUBMITTED = "submitted", _("待审核")
    APPROVED = "approved", _("已发布")
    REJECTED = "rejected", _("未通过")
    WITHDRAWN = "withdrawn", _("已撤下")


class Enterprise(ClusterableModel):
    """企业风采 — one company's page."""

    agency = models.ForeignKey(
        "core.Agency",
        verbose_name=_("审核单位"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("负责审核企业信息的经济发展或投资促进部门。"),
    )
    name = models.CharField(_("企业名称"), max_length=100)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18)
    kind = models.CharField(_("企业类型"), max_length=12, choices=EnterpriseKind.choices)
    industry = models.CharField(_("所属行业"), max_length=20, choices=Industry.choices)
    township = models.CharField(_("所在乡镇（街道、园区）"), max_length=40)
    profile = models.TextField(_("企业简介"), max_length=3000)
    honours = models.TextField(_("荣誉资质"), max_length=1000, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    contact_name = models.CharField(_("联系人"), max_length=50)
    contact_phone = models.CharField(_("联系电话"), max_length=30)
    email = models.EmailField(_("电子邮箱"), blank=True)
    website = models.URLField(_("企业网站"), max_length=300, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("企业图片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    logo_alt = models.CharField(_("图片替代文本"), max_length=150, blank=True)
    state = models.CharField(
        _("状态"), max_length=12, choices=EnterpriseState.choices, default=EnterpriseState.SUBMITTED, editable=False
    )
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    decided_at = models.DateTimeField(_("审核时间"), null=True, editable=False)
    decision_note = models.CharField(_("审核意见"), max_length=300, blank=True, editable=False)
    sort_order = models.PositiveIntegerField(_("排序"), default=100)
    # The periodic link check (`tasks.check_enterprise_links`).
    link_ok = models.BooleanField(_("网站链接可用"), default=True, editable=False)
    link_failures = models.PositiveSmallIntegerField(default=0, editable=False)
    link_checked_at = models.DateTimeField(_("链接检查时间"), null=True, editable=False)
    link_error = models.CharField(_("链接检查结果"), max_length=200, blank=True, editable=False)

    class Meta:
        verbose_name = _("企业")
        verbose_name_plural = _("企业风采")
        ordering = ["sort_order", "-decided_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["credit_code"],
                condition=~models.Q(state__in=["rejected", "withdrawn"]),
                name="enterprise_credit_code_once",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_public(self) -> bool:
        return self.state == EnterpriseState.APPROVED

    @property
    def public_website(self) -> str:
        """The website link as shown: hidden while the check finds it broken."""
        return self.website if self.website and self.link_ok else ""


class EnterpriseProduct(models.Model):
    """A product of an enterprise (名优新特产品 when ``is_featured``)."""

    enterprise = ParentalKey(Enterprise, on_delete=models.CASCADE, related_name="products")
    name = models.CharField(_("产品名称"), max_length=60)
    category = models.CharField(
        _("类别"), max_length=20, choices=ProductCategory.choices, default=ProductCategory.OTHER
    )
    description = models.TextField(_("介绍"), max_length=1000, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("图片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_featured = models.BooleanField(_("名优新特产品"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=10)

    class Meta:
        verbose_name = _("企业产品")
        verbose_name_plural = _("企业产品")
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.name


class EnterpriseDocument(CaseFile):
    """A document the enterprise sent with its application (营业执照 …): private, read by the
    bureau only (`files`)."""

    copied = {"original_name": "name", "size": "size"}
    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="documents")
    stored = models.OneToOneField(
        "core.StoredFile", verbose_name=_("文件"), on_delete=models.PROTECT, related_name="enterprise_document"
    )
    original_name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveIntegerField(_("大小"))

    class Meta:
        verbose_name = _("企业证明材料")
        verbose_name_plural = _("企业证明材料")

    def __str__(self) -> str:
        return self.original_name


class InvestmentProject(models.Model):
    """招商项目 — a project the city seeks investors for."""

    agency = models.ForeignKey("core.Agency", verbose_name=_("发布单位"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("项目名称"), max_length=100)
    sector = models.CharField(_("所属产业"), max_length=20, choices=Industry.choices)
    location = models.CharField(_("项目地点"), max_length=100)
    scale = models.CharField(_("投资规模"), max_length=100, help_text=_("如：总投资约5亿元，用地120亩。"))
    description = models.TextField(_("项目概况"), max_length=3000)
    terms = models.TextField(_("合作方式和优惠条件"), max_length=2000)
    contact_name = models.CharField(_("联系人"), max_length=50)
    contact_phone = models.CharField(_("联系电话"), max_length=30)
    is_published = models.BooleanField(_("发布"), default=False)
    published_at = models.DateTimeField(_("发布时间"), default=timezone.now)
    sort_order = models.PositiveIntegerField(_("排序"), default=100)

    class Meta:
        verbose_name = _("招商项目")
        verbose_name_plural = _("招商项目")
        ordering = ["sort_order", "-published_at", "pk"]

    def __str__(self) -> str:
        return self.title


class InvestmentPolicy(models.Model):
    """招商政策 — a short entry pointing at the policy document in 信息公开 (a Wagtail page)."""

    agency = models.ForeignKey("core.Agency", verbose_name=_("发布单位"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("政策名称"), max_length=100)
    summary = models.TextField(_("要点"), max_length=1000, blank=True)
    document = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("信息公开文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("链接到政府信息公开中的政策文件。"),
    )
    url = models.CharField(_("其他链接"), max_length=300, blank=True, validators=[_check_link])
    is_published = models.BooleanField(_("发布"), default=False)
    published_at = models.DateTimeField(_("发布时间"), default=timezone.now)

    class Meta:
        verbose_name = _("招商政策")
        verbose_name_plural = _("招商政策")
        ordering = ["-published_at", "pk"]

    def __str__(self) -> str:
        return self.title


class Enquiry(models.Model):
    """投资咨询 — an investor's enquiry, a case of the kernel (`workflow.ENQUIRY`)."""

    wagtail_reference_index_ignore = True

    case = models.OneToOneField("core.Case", on_delete=models.PROTECT, related_name="enquiry")
    project = models.ForeignKey(
        InvestmentProject,
        verbose_name=_("咨询项目"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    company = models.CharField(_("单位名称"), max_length=100, blank=True)
    name = models.CharField(_("联系人"), max_length=50)
    phone = models.CharField(_("联系电话"), max_length=30)
    email = models.EmailField(_("电子邮箱"), blank=True)
    content = models.TextField(_("咨询内容"))
    reply = models.TextField(_("答复内容"), blank=True)
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("投资咨询")
        verbose_name_plural = _("投资咨询")
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"{self.case.tracking_number} {self.name}"


# ============================================================================================
# end of the enterprise area models
# ============================================================================================
