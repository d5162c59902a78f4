"""网上办事大厅 — service items (办事指南), application forms, applications and their
per-department tasks, ratings (好差评, on the kernel's one scale), and rollout plans. A bad
rating opens a rectification case of the kernel (``core/cases/rectification.py``).

A service item carries every guide element of STANDARDS §3 (materials, steps, FAQ and
blank forms as child rows). An application form is versioned: a published version is
immutable and every application records the version it answered. An application becomes a
kernel case (``core.Case``, case type ``application``) when it is submitted; before that it
is a draft found by its unguessable draft key or by its signed-in owner.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel

from govportal.core.cases import ratings
from govportal.core.cases.models import Rectification as KernelRectification
from govportal.core.files.models import CaseFile


class ItemType(models.TextChoices):
    LICENCE = "licence", _("行政许可")
    PAYMENT = "payment", _("行政给付")
    CONFIRMATION = "confirmation", _("行政确认")
    RULING = "ruling", _("行政裁决")
    REWARD = "reward", _("行政奖励")
    OTHER_POWER = "other_power", _("其他行政权力")
    PUBLIC_SERVICE = "public_service", _("公共服务")


class Audience(models.TextChoices):
    CITIZEN = "citizen", _("个人")
    ENTERPRISE = "enterprise", _("法人")
    BOTH = "both", _("个人和法人")


class TopicKind(models.TextChoices):
    THEME = "theme", _("主题")
    LIFE_EVENT = "life_event", _("人生事件")


class ServiceTopic(models.Model):
    """主题 / 人生事件 — 生育, 教育, 就业, 开办企业 …"""

    kind = models.CharField(_("类别"), max_length=20, choices=TopicKind.choices, default=TopicKind.THEME)
    name = models.CharField(_("名称"), max_length=40)
    slug = models.SlugField(_("标识"), max_length=40, unique=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=100)

    class Meta:
        verbose_name = _("办事主题")
        verbose_name_plural = _("办事主题")
        ordering = ["kind", "sort_order", "pk"]

    def __str__(self) -> str:
        return self.name


def online_q() -> models.Q:
    """可网上办理 — the one definition (issue 19): an item is applicable online when it has a
    published application form on this platform, or an address on another online platform
    (``online_url``). The badge, the guide box, the list filters, the statistics, the rollout
    plans and the API all read it through ``ServiceItemQuerySet.with_online()`` or
    ``ServiceItem.is_online``; nothing stores it."""
    published = ServiceForm.objects.filter(item=models.OuterRef("pk"), status=FormStatus.PUBLISHED)
    return models.Q(models.Exists(published)) | ~models.Q(online_url="")


class ServiceItemQuerySet(models.QuerySet):
    def with_online(self) -> ServiceItemQuerySet:
        """Annotate ``online_now`` (see ``online_q``)."""
        return self.annotate(online_now=models.ExpressionWrapper(online_q(), output_field=models.BooleanField()))

    def online(self) -> ServiceItemQuerySet:
        return self.filter(online_q())


class ServiceItem(ClusterableModel):
    """办事指南 — one service item of one agency, with every guide element."""

    objects = ServiceItemQuerySet.as_manager()

    agency = models.ForeignKey("core.Agency", verbose_name=_("实施部门"), on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("事项编码"), max_length=40, unique=True)
    name = models.CharField(_("事项名称"), max_length=200)
    item_type = models.CharField(_("事项类型"), max_length=20, choices=ItemType.choices, default=ItemType.LICENCE)
    audience = models.CharField(_("服务对象"), max_length=20, choices=Audience.choices, default=Audience.CITIZEN)
    themes = ParentalManyToManyField(ServiceTopic, verbose_name=_("主题和人生事件"), blank=True, related_name="items")
    summary = models.CharField(_("简介"), max_length=300, blank=True)
    legal_basis = models.TextField(_("设定依据"), blank=True)
    conditions = models.TextField(_("申请条件"), blank=True)
    place = models.CharField(_("办理地点"), max_length=200, blank=True)
    office = models.CharField(_("办理机构"), max_length=100, blank=True)
    fees = models.CharField(_("收费标准"), max_length=200, blank=True, help_text=_("不收费请填写“不收费”。"))
    fee_basis = models.CharField(_("收费依据"), max_length=200, blank=True)
    office_hours = models.CharField(_("办理时间"), max_length=200, blank=True)
    phone = models.CharField(_("咨询电话"), max_length=100, blank=True)
    statutory_limit = models.PositiveSmallIntegerField(_("法定办结时限（工作日）"), null=True, blank=True)
    promised_limit = models.PositiveSmallIntegerField(_("承诺办结时限（工作日）"), null=True, blank=True)
    visits = models.PositiveSmallIntegerField(_("到办事现场次数"), null=True, blank=True)
    consultation = models.TextField(_("咨询方式"), blank=True)
    complaint = models.TextField(_("监督投诉渠道"), blank=True)
    online_since = models.DateField(
        _("网上办理开通日期"), null=True, blank=True, help_text=_("首次发布申请表时自动填写。")
    )
    online_url = models.URLField(
        _("外部网上办理地址"), blank=True, help_text=_("在本平台办理时留空：有已发布的申请表即可在线申请。")
    )
    is_published = models.BooleanField(_("公开"), default=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("agency"),
                FieldRowPanel([FieldPanel("code"), FieldPanel("item_type"), FieldPanel("audience")]),
                FieldPanel("name"),
                FieldPanel("summary"),
                FieldPanel("themes"),
                FieldPanel("is_published"),
            ],
            heading=_("基本信息"),
        ),
        MultiFieldPanel(
            [FieldPanel("legal_basis"), FieldPanel("conditions")],
            heading=_("依据和条件"),
        ),
        InlinePanel("materials", heading=_("申请材料"), label=_("材料")),
        InlinePanel("steps", heading=_("办理流程（按顺序）"), label=_("环节")),
        InlinePanel("co_departments", heading=_("并联审批部门"), label=_("协办部门")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("statutory_limit"), FieldPanel("promised_limit"), FieldPanel("visits")]),
                FieldPanel("place"),
                FieldPanel("office"),
                FieldPanel("office_hours"),
                FieldRowPanel([FieldPanel("fees"), FieldPanel("fee_basis")]),
                FieldPanel("phone"),
                FieldPanel("consultation"),
                FieldPanel("complaint"),
            ],
            heading=_("时限、地点、收费和咨询投诉"),
        ),
        MultiFieldPanel(
            [FieldPanel("online_since"), FieldPanel("online_url")],
            heading=_("网上办理"),
        ),
        InlinePanel("downloads", heading=_("表格下载"), label=_("空白表格")),
        InlinePanel("faqs", heading=_("常见问题"), label=_("问题")),
    ]

    class Meta:
        verbose_name = _("办事事项")
        verbose_name_plural = _("办事事项")
        ordering = ["agency__sort_order", "code"]
        permissions = [("supervise_servicehall", _("督查网上办事（全市统计和推进计划）"))]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.visits == 0 and not self.is_online and not self.online_url:
            raise ValidationError(
                {"visits": _("本事项没有已发布的申请表，也没有外部网上办理地址，到办事现场次数不能为 0。")}
            )

    @property
    def is_online(self) -> bool:
        """可网上办理 (``online_q``): the annotation when the row came with it, else one query."""
        annotated = getattr(self, "online_now", None)
        if annotated is not None:
            return bool(annotated)
        if self.pk is None:
            return False
        return ServiceItem.objects.filter(pk=self.pk).online().exists()

    is_online.fget.short_description = _("可网上办理")

    def online_in(self, year: int) -> bool:
        """Online by the end of ``year`` (statistics, rollout plans): online now, opened then."""
        from datetime import date

        return self.is_online and (self.online_since is None or self.online_since <= date(year, 12, 31))

    @property
    def visits_consistent(self) -> bool:
        """到现场 0 次 only for an item that can be handled online (issue 19)."""
        return self.visits is None or self.visits > 0 or self.is_online


class MaterialForm(models.TextChoices):
    ORIGINAL = "original", _("原件")
    COPY = "copy", _("复印件")
    ELECTRONIC = "electronic", _("电子件")
    ORIGINAL_AND_COPY = "original_copy", _("原件和复印件")


class ServiceMaterial(models.Model):
    item = ParentalKey(ServiceItem, on_delete=models.CASCADE, related_name="materials")
    sort_order = models.PositiveIntegerField(default=0, editable=False)
    name = models.CharField(_("材料名称"), max_length=200)
    form = models.CharField(_("材料形式"), max_length=20, choices=MaterialForm.choices, default=MaterialForm.ORIGINAL)
    count = models.PositiveSmallIntegerField(_("份数"), default=1)
    required = models.BooleanField(_("必需"), default=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("form"), FieldPanel("count"), FieldPanel("required")])]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("申请材料")
        verbose_name_plural = _("申请材料")

    def __str__(self) -> str:
        return self.name


class ServiceStep(models.Model):
    item = ParentalKey(ServiceItem, on_delete=models.CASCADE, related_name="steps")
    sort_order = models.PositiveIntegerField(default=0, editable=False)
    name = models.CharField(_("环节"), max_length=60)
    description = models.CharField(_("说明"), max_length=300, blank=True)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("办理环节")
        verbose_name_plural = _("办理环节")

    def __str__(self) -> str:
        return self.name


class ServiceCoDepartment(models.Model):
    """抄告相关 — a department that approves in parallel, with its own limit."""

    item = ParentalKey(ServiceItem, on_delete=models.CASCADE, related_name="co_departments")
    sort_order = models.PositiveIntegerField(default=0, editable=False)
    agency = models.ForeignKey("core.Agency", verbose_name=_("协办部门"), on_delete=models.PROTECT, related_name="+")
    duty = models.CharField(_("审查内容"), max_length=100, blank=True)
    days = models.PositiveSmallIntegerField(_("时限（工作日）"), default=5)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("协办部门")
        verbose_name_plural = _("协办部门")

    def __str__(self) -> str:
        return str(self.agency)


class ServiceFAQ(models.Model):
    item = ParentalKey(ServiceItem, on_delete=models.CASCADE, related_name="faqs")
    sort_order = models.PositiveIntegerField(default=0, editable=False)
    question = models.CharField(_("问题"), max_length=200)
    answer = models.TextField(_("解答"))

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("常见问题")
        verbose_name_plural = _("常见问题")

    def __str__(self) -> str:
        return self.question


class ServiceDownload(models.Model):
    item = ParentalKey(ServiceItem, on_delete=models.CASCADE, related_name="downloads")
    sort_order = models.PositiveIntegerField(default=0, editable=False)
    title = models.CharField(_("表格名称"), max_length=200)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("文件"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("空白表格")
        verbose_name_plural = _("空白表格")

    def __str__(self) -> str:
        return self.title


# --- Application forms ---------------------------------------------------------------------


class FormStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")
    RETIRED = "retired", _("已停用")


class ServiceForm(ClusterableModel):
    """申请表 — one version of an item's online application form."""

    item = models.ForeignKey(ServiceItem, verbose_name=_("办事事项"), on_delete=models.PROTECT, related_name="forms")
    version = models.PositiveIntegerField(_("版本"), default=1)
    status = models.CharField(_("状态"), max_length=20, choices=FormStatus.choices, default=FormStatus.DRAFT)
    intro = models.TextField(_("填表说明"), blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True, editable=False)

    panels = [FieldPanel("item"), FieldPanel("intro"), InlinePanel("fields", heading=_("表单项"), label=_("表单项"))]

    class Meta:
        verbose_name = _("申请表")
        verbose_name_plural = _("申请表")
        ordering = ["item", "-version"]
        constraints = [models.UniqueConstraint(fields=["item", "version"], name="one_form_version_per_item")]

    def __str__(self) -> str:
        return f"{self.item.name}（第{self.version}版）"


class FieldKind(models.TextChoices):
    TEXT = "text", _("文本")
    NUMBER = "number", _("数字")
    DATE = "date", _("日期")
    CHOICE = "choice", _("单选")
    ID_NUMBER = "id_number", _("身份证号")
    PHONE = "phone", _("手机号码")
    ADDRESS = "address", _("地址")
    FILE = "file", _("附件")


class FormField(models.Model):
    form = ParentalKey(ServiceForm, on_delete=models.CASCADE, related_name="fields")
    sort_order = models.PositiveIntegerField(default=0, editable=False)
    key = models.SlugField(_("字段标识"), max_length=40, help_text=_("英文字母、数字、下划线，同一表内唯一。"))
    label = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=20, choices=FieldKind.choices, default=FieldKind.TEXT)
    required = models.BooleanField(_("必填"), default=True)
    help_text = models.CharField(_("填写说明"), max_length=200, blank=True)
    choices = models.TextField(_("选项"), blank=True, help_text=_("单选题每行一个选项。"))
    file_types = models.CharField(
        _("允许的附件类型"), max_length=100, blank=True, default="pdf,jpg,png", help_text=_("逗号分隔，如 pdf,jpg,png")
    )
    max_size_mb = models.PositiveSmallIntegerField(_("附件大小上限（MB）"), default=5)

    panels = [
        FieldRowPanel([FieldPanel("key"), FieldPanel("label"), FieldPanel("kind"), FieldPanel("required")]),
        FieldPanel("help_text"),
        FieldRowPanel([FieldPanel("choices"), FieldPanel("file_types"), FieldPanel("max_size_mb")]),
    ]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("表单项")
        verbose_name_plural = _("表单项")
        constraints = [models.UniqueConstraint(fields=["form", "key"], name="form_field_key_unique")]

    def __str__(self) -> str:
        return self.label

    @property
    def choice_list(self) -> list[str]:
        return [c.strip() for c in self.choices.splitlines() if c.strip()]


# --- Applications ----------------------------------------------------------------------------


class Application(models.Model):
    """网上申请 — a draft, then (once submitted) the details of an ``application`` case."""

    case = models.OneToOneField(
        "core.Case", verbose_name=_("办件"), null=True, blank=True, on_delete=models.PROTECT, related_name="application"
    )
    item = models.ForeignKey(ServiceItem, verbose_name=_("办事事项"), on_delete=models.PROTECT, related_name="+")
    form = models.ForeignKey(
        ServiceForm, verbose_name=_("申请表版本"), on_delete=models.PROTECT, related_name="applications"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("申请人账号"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    applicant_name = models.CharField(_("申请人"), max_length=100, blank=True)
    applicant_phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    applicant_id_number = models.CharField(_("身份证号码"), max_length=18, blank=True)
    data = models.JSONField(_("填写内容"), default=dict, blank=True)
    draft_key = models.UUIDField(_("草稿编号"), default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    completed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    result_number = models.CharField(_("批准文号"), max_length=60, blank=True)
    decision_reason = models.TextField(_("不予受理/不予批准理由"), blank=True)
    supplement_note = models.TextField(_("补正告知"), blank=True)

    class Meta:
        verbose_name = _("网上申请")
        verbose_name_plural = _("网上申请")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.case.tracking_number if self.case_id else f"草稿 {self.item.name}"

    @property
    def is_draft(self) -> bool:
        return self.case_id is None


def _upload_to(instance, filename: str) -> str:
    # Referenced by migration 0001 only: application files now live in the private store (core/files).
    return f"servicehall/{uuid.uuid4().hex}.{instance.extension}"


class ApplicationFile(CaseFile):
    """申请附件 — a material uploaded with the application (the one case-file base, core/files)."""

    copied = {"original_name": "name", "extension": "extension", "size": "size"}
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="files")
    field_key = models.CharField(_("字段"), max_length=40)
    # In the private store under a random name (core/files); served by /files/<key>/ only.
    stored = models.OneToOneField(
        "core.StoredFile", verbose_name=_("文件"), on_delete=models.PROTECT, related_name="application_file"
    )
    original_name = models.CharField(_("原文件名"), max_length=200)
    extension = models.CharField(_("类型"), max_length=10)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("申请附件")
        verbose_name_plural = _("申请附件")

    def __str__(self) -> str:
        return self.original_name


class TaskRole(models.TextChoices):
    LEAD = "lead", _("主办")
    CO = "co", _("协办")


class Decision(models.TextChoices):
    PENDING = "pending", _("办理中")
    APPROVED = "approved", _("同意")
    DENIED = "denied", _("不同意")


class DepartmentTask(models.Model):
    """One department's step of a parallel approval, with its own limit (工作日)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="tasks")
    agency = models.ForeignKey("core.Agency", verbose_name=_("部门"), on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("角色"), max_length=10, choices=TaskRole.choices)
    duty = models.CharField(_("审查内容"), max_length=100, blank=True)
    days = models.PositiveSmallIntegerField(_("时限（工作日）"))
    due_date = models.DateField(_("截止日期"), null=True, blank=True)
    due_explanation = models.CharField(_("期限说明"), max_length=500, blank=True)
    decision = models.CharField(_("意见"), max_length=10, choices=Decision.choices, default=Decision.PENDING)
    opinion = models.TextField(_("审查意见"), blank=True)
    decided_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("部门办理环节")
        verbose_name_plural = _("部门办理环节")
        ordering = ["application", "role", "pk"]
        constraints = [models.UniqueConstraint(fields=["application", "agency"], name="one_task_per_department")]

    def __str__(self) -> str:
        return f"{self.application} · {self.agency}"


# --- 好差评 ---------------------------------------------------------------------------------


# The kernel's one 好差评 scale (core/cases/ratings.py): levels, labels, which are bad.
RatingLevel = ratings.RatingLevel
BAD_LEVELS = ratings.BAD_LEVELS


class Rating(models.Model):
    """好差评 — the applicant's rating of one completed application."""

    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="rating")
    agency = models.ForeignKey("core.Agency", verbose_name=_("被评价部门"), on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(_("评价等级"), choices=RatingLevel.choices)
    answers = models.JSONField(_("评价问题"), default=dict, blank=True)
    comment = models.TextField(_("意见建议"), blank=True)
    real_name = models.BooleanField(_("实名评价"), default=True)
    created_at = models.DateTimeField(_("评价时间"))

    class Meta:
        verbose_name = _("好差评")
        verbose_name_plural = _("好差评")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.application} {self.get_level_display()}"

    @property
    def is_bad(self) -> bool:
        return ratings.is_bad(self.level)

    @property
    def rectification(self) -> Rectification | None:
        """The rectification case (整改) this rating opened, if it was a bad one."""
        return Rectification.objects.filter(rated_case_id=self.application.case_id).order_by("-pk").first()


class ApplicationRectifications(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(rated_case__case_type="application")


class Rectification(KernelRectification):
    """差评整改 of applications: the kernel's rectification cases (core/cases/rectification.py)
    whose rated case is an application — the hall's view of them."""

    objects = ApplicationRectifications()

    class Meta:
        proxy = True
        verbose_name = _("网上办事差评整改")
        verbose_name_plural = _("网上办事差评整改")


class RolloutPlan(models.Model):
    """部门年度网上办事推进计划 — entered by the department, tracked by the supervisor."""

    agency = models.ForeignKey("core.Agency", verbose_name=_("部门"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    planned_online_items = models.PositiveSmallIntegerField(_("计划网上可办许可事项数"))
    measures = models.TextField(_("推进措施"), blank=True)
    supervisor_note = models.TextField(_("督查意见"), blank=True)

    panels = [
        FieldPanel("agency"),
        FieldPanel("year"),
        FieldPanel("planned_online_items"),
        FieldPanel("measures"),
        FieldPanel("supervisor_note"),
    ]

    class Meta:
        verbose_name = _("网上办事推进计划")
        verbose_name_plural = _("网上办事推进计划")
        ordering = ["-year", "agency__sort_order"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="one_rollout_plan_per_year")]

    def __str__(self) -> str:
        return f"{self.agency.short_name} {self.year}"

    def actual_online_items(self) -> int:
        """Published licensing items of the agency applicable online by the end of the year."""
        items = ServiceItem.objects.with_online().filter(
            agency_id=self.agency_id, is_published=True, item_type=ItemType.LICENCE
        )
        return sum(1 for item in items.only("online_since", "online_url") if item.online_in(self.year))

    actual_online_items.short_description = _("已网上可办许可事项数")
