"""协同办公 — official documents exchanged between the city's agencies.

# --- office models (issue 25) ---------------------------------------------------------------
`OfficeDocument` (公文, 通知 or 会议通知) is drafted by an agency, signed (签发) by its leader
and sent to a set of agencies: one `Delivery` (收文) per addressed agency, which its clerk
signs for (签收) or returns (退回), and — when the document asks for it — replies to within
a deadline. A delivery may be circulated (传阅) to the agency's own staff (`Circulation`,
with read receipts) and a meeting notice collects attendees (`Attendee`, 会议回执).

The document and every delivery are cases of the kernel (`core.cases`): their states, the
reply clock on the working-day calendar and the append-only event log are the kernel's.
Unclassified documents only (涉密不上网): `classification` must stay empty.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from govportal.core.files.models import CaseFile


class DocKind(models.TextChoices):
    DOCUMENT = "document", _("公文")
    NOTICE = "notice", _("通知")
    MEETING = "meeting", _("会议通知")


class Urgency(models.TextChoices):
    NORMAL = "", _("普通")
    URGENT = "jiaji", _("加急")
    EXTRA = "teji", _("特急")


class Disclosure(models.TextChoices):
    """公开方式 (GB/T 9704 and 条例 Art. 20: 公文应当标注公开属性)."""

    ACTIVE = "active", _("主动公开")
    ON_REQUEST = "request", _("依申请公开")
    NOT_DISCLOSED = "none", _("不予公开")


class OfficeDocument(models.Model):
    """公文 — one outgoing document with the elements of GB/T 9704-2012."""

    wagtail_reference_index_ignore = True

    case = models.OneToOneField("core.Case", on_delete=models.PROTECT, related_name="office_document")
    kind = models.CharField(_("类别"), max_length=10, choices=DocKind.choices, default=DocKind.DOCUMENT)
    agency = models.ForeignKey(
        "core.Agency", verbose_name=_("发文机关"), on_delete=models.PROTECT, related_name="office_documents"
    )
    issuing_name = models.CharField(_("发文机关标志"), max_length=60)
    number_mark = models.CharField(_("机关代字"), max_length=20)
    doc_number = models.CharField(_("发文字号"), max_length=60, blank=True)
    classification = models.CharField(_("密级"), max_length=10, blank=True)
    urgency = models.CharField(_("紧急程度"), max_length=10, choices=Urgency.choices, blank=True, default="")
    title = models.CharField(_("标题"), max_length=200)
    main_to = models.CharField(_("主送机关"), max_length=500)
    cc = models.CharField(_("抄送机关"), max_length=500, blank=True)
    body = models.TextField(_("正文"))
    attachment_note = models.CharField(_("附件说明"), max_length=500, blank=True)
    disclosure = models.CharField(_("公开方式"), max_length=10, choices=Disclosure.choices)
    written_on = models.DateField(_("成文日期"), null=True, blank=True)
    reply_days = models.PositiveSmallIntegerField(_("回复期限（工作日）"), null=True, blank=True)
    meeting_at = models.DateTimeField(_("会议时间"), null=True, blank=True)
    meeting_place = models.CharField(_("会议地点"), max_length=200, blank=True)
    wants_attendance = models.BooleanField(_("需要会议回执"), default=False)
    issuer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("签发人"), on_delete=models.PROTECT, related_name="+"
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("拟稿人"), on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(_("签发时间"), null=True, blank=True)
    sent_at = models.DateTimeField(_("发出时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("拟稿时间"), auto_now_add=True)
    # 主动公开: the hand-off to the agency's 信息公开 catalogue and what it answered.
    published_key = models.CharField(max_length=80, blank=True)
    disclosure_index = models.CharField(_("索引号"), max_length=100, blank=True)
    disclosure_url = models.CharField(_("公开地址"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("公文")
        verbose_name_plural = _("公文")
        ordering = ["-created_at", "-id"]
        permissions = [
            ("handle_documents", _("公文收发（本单位拟稿、发文、签收、退回、回复、传阅）")),
            ("sign_documents", _("公文签发（本单位签发人）")),
        ]

    def __str__(self) -> str:
        return self.doc_number or self.title

    @property
    def state(self) -> str:
        return self.case.state


class DeliveryRole(models.TextChoices):
    MAIN = "main", _("主送")
    CC = "cc", _("抄送")


class Delivery(models.Model):
    """收文 — the document as one addressed agency received it."""

    wagtail_reference_index_ignore = True

    document = models.ForeignKey(OfficeDocument, on_delete=models.CASCADE, related_name="deliveries")
    case = models.OneToOneField("core.Case", on_delete=models.PROTECT, related_name="office_delivery")
    agency = models.ForeignKey("core.Agency", verbose_name=_("收文单位"), on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("方式"), max_length=4, choices=DeliveryRole.choices, default=DeliveryRole.MAIN)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("签收人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("签收时间"), null=True, blank=True)
    returned_reason = models.CharField(_("退回理由"), max_length=500, blank=True)
    reply = models.TextField(_("回复"), blank=True)
    replied_at = models.DateTimeField(_("回复时间"), null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("回复人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    pressed_count = models.PositiveSmallIntegerField(_("催办次数"), default=0)
    last_pressed_at = models.DateTimeField(_("最近催办"), null=True, blank=True)

    class Meta:
        verbose_name = _("收文")
        verbose_name_plural = _("收文")
        ordering = ["document_id", "id"]
        constraints = [models.UniqueConstraint(fields=["document", "agency"], name="office_delivery_once")]

    def __str__(self) -> str:
        return f"{self.document} → {self.agency_id}"


class Attendee(models.Model):
    """会议回执 — one person an agency sends to the meeting."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="attendees")
    name = models.CharField(_("姓名"), max_length=40)
    post = models.CharField(_("职务"), max_length=60)

    class Meta:
        verbose_name = _("参会人员")
        verbose_name_plural = _("参会人员")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.name}（{self.post}）"


class Circulation(models.Model):
    """传阅 — a received document given to one of the agency's own staff to read."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="circulations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("阅件人"), on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(_("分发时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("阅读时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("传阅")
        verbose_name_plural = _("传阅")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["delivery", "user"], name="office_circulation_once")]

    def __str__(self) -> str:
        return f"{self.delivery_id}:{self.user_id}"


class OfficeAttachment(CaseFile):
    """公文附件 — through the stored-file kernel; never a public URL."""

    document = models.ForeignKey(OfficeDocument, on_delete=models.CASCADE, related_name="attachments")
    stored = models.OneToOneField(
        "core.StoredFile", verbose_name=_("文件"), on_delete=models.PROTECT, related_name="office_attachment"
    )

    class Meta:
        verbose_name = _("公文附件")
        verbose_name_plural = _("公文附件")
        ordering = ["id"]


# --- end of office models ---------------------------------------------------------------------
