"""政府信息公开 — models.

Proactive disclosure is publishing: catalogue documents are Wagtail pages
(`DisclosureDocumentPage`) under each site's 政府信息公开 column (`DisclosureIndexPage`, a
kind of `ColumnPage`, so the agency's permissions, review workflow and column checks apply).
Index numbers live in their own table (`IndexNumber`): assigned at first publish, never
reused, kept even when the page is deleted, and outside page revisions so that editing a
document can never lose or change its number.

Requests (依申请公开) are plain models on the case kernel (`DisclosureRequest`, one-to-one
with `core.Case`). The annual report's manual parts are an `AnnualReport` row per agency and
year; its figures are computed from the catalogue and the requests (`report.py`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from govportal.cluster.models import (
    AttachmentBase,
    ClusterPageManager,
    ColumnLayout,
    ColumnPage,
    ColumnType,
    SiteHomePage,
    SiteRootLookupMixin,
)
from govportal.core.files.models import CaseFile
from govportal.disclosure.choices import (
    SUPERSEDED,
    THIRD_PARTY_NOTICES,
    ApplicantType,
    Category,
    Channel,
    DeliveryChannel,
    DeliveryForm,
    DocKind,
    IdType,
    NoticeKind,
    Outcome,
    SubReason,
    Topic,
    Validity,
)


class DisclosureIndexPage(ColumnPage):
    """政府信息公开 — the disclosure column of one site: 指南, 制度, 法定主动公开内容 (the
    catalogue, browsable by category, topic and year, with retrieval), 年报."""

    guide_classification = RichTextField(
        _("信息分类与编排"), blank=True, help_text=_("指南中“政府信息的分类、编排体系”部分。")
    )
    guide_obtaining = RichTextField(_("获取方式"), blank=True, help_text=_("指南中“获取政府信息的方式”部分。"))
    # The remedies paragraph of the agency's decision letters (《行政复议法》, 《行政诉讼法》);
    # blank = the city defaults (GOVPORTAL_DISCLOSURE_RECONSIDERATION_BODY / _COURT).
    reconsideration_body = models.CharField(
        _("行政复议机关"),
        max_length=100,
        blank=True,
        help_text=_("答复告知书中告知的行政复议机关；留空时使用全市默认设置。"),
    )
    competent_court = models.CharField(
        _("管辖法院"),
        max_length=100,
        blank=True,
        help_text=_("答复告知书中告知的有管辖权的人民法院；留空时使用全市默认设置。"),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("guide_classification"),
        FieldPanel("guide_obtaining"),
        MultiFieldPanel(
            [FieldPanel("reconsideration_body"), FieldPanel("competent_court")], heading=_("救济途径（答复告知书）")
        ),
    ]
    parent_page_types = ["cluster.SiteHomePage"]
    subpage_types = ["disclosure.DisclosureDocumentPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("政府信息公开栏目")
        verbose_name_plural = _("政府信息公开栏目")

    def save(self, *args, **kwargs):
        # A disclosure column is always a single-page column of type "other" to the checks
        # (its content is the catalogue, not articles).
        self.layout, self.column_type = ColumnLayout.SINGLE, ColumnType.OTHER
        super().save(*args, **kwargs)

    @cached_property
    def site_home(self) -> SiteHomePage | None:
        return SiteHomePage.objects.ancestor_of(self).order_by("-depth").first()

    @property
    def agency(self):
        return self.site_home.agency if self.site_home else None

    def get_template(self, request, *args, **kwargs) -> str:
        return "disclosure/index_page.html"

    def _render(self, request, template: str, context: dict):
        from django.template.response import TemplateResponse

        ctx = self.get_context(request)
        ctx.update(context)
        ctx["disclosure_index"] = self
        return TemplateResponse(request, template, ctx)

    @path("")
    def list_view(self, request):
        from govportal.disclosure import selectors  # cycle: disclosure.selectors → disclosure.models

        return self._render(request, "disclosure/index_page.html", selectors.catalogue_context(request, index=self))

    @path("zn/")
    def guide_view(self, request):
        from govportal.disclosure import selectors  # cycle: disclosure.selectors → disclosure.models

        return self._render(request, "disclosure/guide_page.html", selectors.guide_context(self))

    @path("zd/")
    def system_view(self, request):
        from govportal.disclosure import selectors  # cycle: disclosure.selectors → disclosure.models

        return self._render(
            request,
            "disclosure/index_page.html",
            selectors.catalogue_context(request, index=self, category=Category.SYSTEM),
        )

    @path("nb/")
    def reports_view(self, request):
        from govportal.disclosure import selectors  # cycle: disclosure.selectors → disclosure.models

        return self._render(
            request, "disclosure/reports_list.html", {"reports": selectors.published_reports(agency=self.agency)}
        )

    @path("rss/")
    def rss_view(self, request):
        raise Http404


class DisclosureDocumentPage(SiteRootLookupMixin, Page):
    """主动公开目录条目 — one document of the catalogue, with its catalogue fields."""

    objects = ClusterPageManager()

    summary = models.TextField(_("内容概述"))
    date_made = models.DateField(_("成文日期"), help_text=_("信息形成或变更的日期；自该日起20个工作日内应当公开。"))
    issuing_agency = models.CharField(_("发布机构"), max_length=200, blank=True, help_text=_("留空时为所属单位。"))
    document_number = models.CharField(_("文号"), max_length=100, blank=True)
    category = models.CharField(_("公开类别"), max_length=20, choices=Category.choices)
    topic = models.CharField(_("主题分类"), max_length=2, choices=Topic.choices, default=Topic.GENERAL)
    doc_kind = models.CharField(_("文件类型"), max_length=20, choices=DocKind.choices, default=DocKind.OTHER)
    validity = models.CharField(_("有效性"), max_length=20, choices=Validity.choices, default=Validity.IN_FORCE)
    validity_date = models.DateField(
        _("有效性变化日期"), null=True, blank=True, help_text=_("修改、废止或失效的日期。")
    )
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("替代文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )
    interprets = models.ForeignKey(
        "self",
        verbose_name=_("所解读的政策"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interpretations",
        help_text=_("本条目是政策解读时，选择它解读的政策文件；两者会互相链接。"),
    )
    body = RichTextField(_("正文"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("date_made"), FieldPanel("document_number")]),
                FieldRowPanel([FieldPanel("issuing_agency"), FieldPanel("category")]),
                FieldRowPanel([FieldPanel("topic"), FieldPanel("doc_kind")]),
            ],
            heading=_("目录信息"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("validity"), FieldPanel("validity_date")]),
                PageChooserPanel("replaced_by", "disclosure.DisclosureDocumentPage"),
            ],
            heading=_("有效性"),
        ),
        PageChooserPanel("interprets", "disclosure.DisclosureDocumentPage"),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("附件")),
    ]
    parent_page_types = ["disclosure.DisclosureIndexPage"]
    subpage_types: list[str] = []
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("document_number"),
        index.SearchField("body"),
        index.FilterField("category"),
        index.FilterField("topic"),
    ]

    class Meta:
        verbose_name = _("信息公开目录条目")
        verbose_name_plural = _("信息公开目录条目")
        indexes = [models.Index(fields=["category", "date_made"]), models.Index(fields=["validity"])]

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        super().clean()
        errors = {}
        if self.validity in SUPERSEDED and not self.validity_date:
            errors["validity_date"] = _("文件已修改、废止或失效时，请填写日期。")
        if self.replaced_by_id and self.replaced_by_id == self.pk:
            errors["replaced_by"] = _("替代文件不能是本文件。")
        if self.interprets_id and self.interprets_id == self.pk:
            errors["interprets"] = _("不能解读本文件自身。")
        if errors:
            raise ValidationError(errors)

    @property
    def is_superseded(self) -> bool:
        return self.validity in SUPERSEDED

    @cached_property
    def site_home(self) -> SiteHomePage | None:
        return SiteHomePage.objects.ancestor_of(self).order_by("-depth").first()

    @cached_property
    def index_number(self) -> str:
        record = IndexNumber.objects.filter(page_id=self.pk).only("number").first()
        return record.number if record else ""

    @property
    def display_issuer(self) -> str:
        if self.issuing_agency:
            return self.issuing_agency
        return self.site_home.agency.name if self.site_home else ""

    @property
    def publish_time(self):
        return self.first_published_at or self.go_live_at

    def get_context(self, request, *args, **kwargs):
        from govportal.disclosure import selectors  # cycle: disclosure.selectors → disclosure.models

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.document_context(self))
        return context


class DisclosureAttachment(AttachmentBase):
    page = ParentalKey(DisclosureDocumentPage, on_delete=models.CASCADE, related_name="attachments")


class IndexSequence(models.Model):
    """The last sequence number handed out per agency and year (never goes back)."""

    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="index_sequence_per_agency_year")]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}: {self.last}"


class IndexNumber(models.Model):
    """索引号 — assigned once at a document's first publication. The row outlives the page
    (``page`` is set null on deletion), so a number is never handed out twice."""

    number = models.CharField(_("索引号"), max_length=80, unique=True)
    agency = models.ForeignKey("core.Agency", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField(_("年度"))
    sequence = models.PositiveIntegerField(_("顺序号"))
    page = models.OneToOneField(
        DisclosureDocumentPage,
        verbose_name=_("目录条目"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="index_record",
    )
    title = models.CharField(_("名称"), max_length=255)
    assigned_at = models.DateTimeField(_("编号时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("索引号")
        verbose_name_plural = _("索引号")
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "sequence"], name="index_number_sequence_unique")
        ]

    def __str__(self) -> str:
        return self.number


class DisclosureRequest(models.Model):
    """依申请公开 — a request for government information (details of a `core.Case`)."""

    case = models.OneToOneField("core.Case", on_delete=models.PROTECT, related_name="disclosure_request")
    agency = models.ForeignKey("core.Agency", verbose_name=_("受理机关"), on_delete=models.PROTECT, related_name="+")
    applicant_type = models.CharField(_("申请人类型"), max_length=20, choices=ApplicantType.choices)
    name = models.CharField(_("申请人姓名/名称"), max_length=100)
    contact_person = models.CharField(_("联系人"), max_length=50, blank=True)
    id_type = models.CharField(_("证件类型"), max_length=20, choices=IdType.choices)
    id_number = models.CharField(_("证件号码"), max_length=40)
    phone = models.CharField(_("联系电话"), max_length=30)
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("通信地址"), max_length=200, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=6, blank=True)
    description = models.TextField(_("所需信息的名称、文号或便于查询的其他特征性描述"))
    purpose = models.CharField(_("用途（选填）"), max_length=200, blank=True)
    delivery_form = models.CharField(_("获取信息的方式"), max_length=20, choices=DeliveryForm.choices)
    delivery_channel = models.CharField(_("获取信息的途径"), max_length=20, choices=DeliveryChannel.choices)
    channel = models.CharField(_("申请方式"), max_length=20, choices=Channel.choices, default=Channel.ONLINE)
    received_on = models.DateField(_("收到申请日期"), null=True, blank=True)
    correction_items = models.TextField(_("补正事项"), blank=True)
    outcome = models.CharField(_("办理结果"), max_length=20, choices=Outcome.choices, blank=True)
    sub_reason = models.CharField(_("具体情形"), max_length=30, choices=SubReason.choices, blank=True)
    reply_text = models.TextField(_("答复内容"), blank=True)
    replied_on = models.DateField(_("答复日期"), null=True, blank=True)
    letter_number = models.CharField(_("告知书文号"), max_length=60, blank=True)
    # Art. 36(1): the information is already public — where to get it.
    already_public = models.BooleanField(_("已主动公开"), default=False)
    public_link = models.URLField(_("已公开信息的获取途径（链接）"), max_length=500, blank=True)
    # Art. 36(5): another agency is responsible for disclosing it.
    responsible_agency = models.CharField(_("负责公开的行政机关"), max_length=100, blank=True)
    responsible_contact = models.CharField(_("该机关的联系方式"), max_length=200, blank=True)
    # Art. 42, 国办函〔2020〕109号: the information processing fee of this request.
    fee_amount = models.DecimalField(_("信息处理费（元）"), max_digits=10, decimal_places=2, null=True, blank=True)
    fee_paid_on = models.DateField(_("缴费日期"), null=True, blank=True)
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        permissions = [
            ("handle_request", _("办理本单位政府信息公开申请")),
            ("approve_extension", _("批准延长答复期限（政府信息公开工作机构负责人）")),
            ("view_all_requests", _("查看全市政府信息公开申请（市政府信息公开工作主管部门）")),
        ]
        indexes = [models.Index(fields=["agency", "created_at"]), models.Index(fields=["replied_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "letter_number"],
                condition=~models.Q(letter_number=""),
                name="disclosure_letter_number_unique_per_agency",
            )
        ]

    def __str__(self) -> str:
        return self.case.tracking_number

    @property
    def is_organisation(self) -> bool:
        return self.applicant_type != ApplicantType.PERSON

    def timer(self, kind: str):
        """The latest kernel timer of ``kind`` (`workflow.Timer`) of this request, or None."""
        from govportal.core.cases.models import CaseTimer

        return CaseTimer.objects.filter(case_id=self.case_id, kind=kind).order_by("-started_on", "-id").first()

    @property
    def correction_due(self):
        """补正期限: the stored due date of the correction timer (the kernel's timer table)."""
        timer = self.timer("correction")
        return timer.due_on if timer is not None else None


class DisclosureNotice(models.Model):
    """A numbered written notice of a request besides the decision letter (补正告知书,
    延期答复告知书, 征求意见函, …): issued by an action, printed by the clerk, and — when
    addressed to the applicant — downloadable after the kernel's lookup proof. What the
    letter says is kept in ``payload`` (items, dates, the party, the fee …) so the PDF is
    the same each time it is printed."""

    request = models.ForeignKey(DisclosureRequest, on_delete=models.PROTECT, related_name="notices")
    agency = models.ForeignKey("core.Agency", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("类型"), max_length=20, choices=NoticeKind.choices)
    number = models.CharField(_("文号"), max_length=60)
    addressee = models.CharField(_("收件人"), max_length=200)
    issued_on = models.DateField(_("日期"))
    payload = models.JSONField(_("内容"), default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("政府信息公开书面通知")
        verbose_name_plural = _("政府信息公开书面通知")
        ordering = ["issued_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "number"], name="disclosure_notice_number_unique_per_agency")
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def to_third_party(self) -> bool:
        return self.kind in THIRD_PARTY_NOTICES


def _reply_upload_to(instance, filename: str) -> str:
    # Referenced by migration 0001 only: reply files now live in the private store (core/files).
    return f"disclosure/replies/{instance.request.case.tracking_number}/{filename}"


class ReplyAttachment(CaseFile):
    """A file sent with the reply (the disclosed information); the applicant downloads it
    after proving the query code (core/files; the one case-file base)."""

    copied = {"name": "name"}
    request = models.ForeignKey(DisclosureRequest, on_delete=models.PROTECT, related_name="attachments")
    stored = models.OneToOneField(
        "core.StoredFile", verbose_name=_("文件"), on_delete=models.PROTECT, related_name="reply_attachment"
    )
    name = models.CharField(_("文件名"), max_length=200)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("答复附件")
        verbose_name_plural = _("答复附件")

    def __str__(self) -> str:
        return self.name


class AnnualReport(models.Model):
    """政府信息公开工作年度报告 — the manual parts of one agency's report for one year (the
    tables are computed live until publication, then frozen in ``figures``)."""

    agency = models.ForeignKey("core.Agency", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField(_("年度"))
    overview = models.TextField(_("一、总体情况"), blank=True)
    licensing_decisions = models.PositiveIntegerField(_("行政许可本年处理决定数量"), null=True, blank=True)
    penalty_decisions = models.PositiveIntegerField(_("行政处罚本年处理决定数量"), null=True, blank=True)
    compulsory_decisions = models.PositiveIntegerField(_("行政强制本年处理决定数量"), null=True, blank=True)
    fees_amount = models.DecimalField(
        _("行政事业性收费本年收费金额（万元）"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    litigation = models.JSONField(_("行政复议、行政诉讼情况"), default=dict, blank=True)
    problems = models.TextField(_("五、存在的主要问题及改进情况"), blank=True)
    other_matters = models.TextField(_("六、其他需要报告的事项"), blank=True)
    carry_over_note = models.TextField(
        _("上年结转差异说明"),
        blank=True,
        help_text=_("本年“上年结转”与上一年度报告“结转下年度继续办理”不一致时，须说明原因方可发布。"),
    )
    figures = models.JSONField(_("发布时的统计数据"), default=dict, blank=True, editable=False)
    is_published = models.BooleanField(_("已发布"), default=False)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("政府信息公开工作年度报告")
        verbose_name_plural = _("政府信息公开工作年度报告")
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="one_annual_report_per_agency_year")]
        ordering = ["-year", "agency__sort_order"]

    def __str__(self) -> str:
        return f"{self.agency}{self.year}年政府信息公开工作年度报告"
