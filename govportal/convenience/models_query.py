"""公共查询 — the public query engine (issue 23, point 3).

A utility or an agency configures a `QuerySystem` without code: where its data comes from
(an uploaded xlsx/CSV, a file dropped in the drop directory and imported on schedule, or a
connector calling the utility's own HTTP API) and its `QueryField`s — which columns a
citizen must give (``asked``, matched exactly) and which are shown back (``shown``, masked
by rule). Imported rows are `QueryRecord`s, replaced as a whole by each import.

Privacy by construction (docs/convenience.md, ADR 0019): a system marked as personal
(``is_personal``, the default) needs at least two asked fields and a CAPTCHA per query;
nothing lists rows or matches part of a value; every query leaves a `QueryLog` row (when,
which system, hit or miss, keyed hashes of the client and of the values — never the values
or the answer).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel


class QuerySource(models.TextChoices):
    UPLOAD = "upload", _("上传表格（xlsx/CSV）")
    DROP = "drop", _("定时导入（文件投放目录）")
    CONNECTOR = "connector", _("接口对接（调用单位自己的查询接口）")


class FieldMask(models.TextChoices):
    NONE = "none", _("不遮蔽")
    NAME = "name", _("姓名（只显示姓）")
    PHONE = "phone", _("电话（中间四位遮蔽）")
    TAIL4 = "tail4", _("只显示后四位")
    TEXT = "text", _("文字中的个人信息（电话、证件号、车牌、门牌）")


# Masks that mean the field is personal data: a system with one must be marked personal.
PERSONAL_MASKS = {FieldMask.NAME, FieldMask.PHONE, FieldMask.TAIL4}


class QuerySystem(ClusterableModel):
    """One public query (水费查询, 计划停电查询 …) of one agency."""

    agency = models.ForeignKey(
        "core.Agency", verbose_name=_("主管单位"), on_delete=models.PROTECT, related_name="query_systems"
    )
    name = models.CharField(_("查询名称"), max_length=60)
    slug = models.SlugField(
        _("网址名"), max_length=40, unique=True, help_text=_("只用小写字母、数字和连字符，如 shuifei。")
    )
    provider = models.CharField(_("数据提供单位"), max_length=100, help_text=_("如：示例市自来水公司。"))
    intro = models.CharField(_("说明"), max_length=300, blank=True)
    result_note = models.CharField(
        _("结果说明"), max_length=300, blank=True, help_text=_("显示在查询结果下方，如：数据仅供参考，以营业厅为准。")
    )
    service_phone = models.CharField(_("咨询电话"), max_length=30, blank=True)
    is_personal = models.BooleanField(
        _("涉及个人信息"),
        default=True,
        help_text=_(
            "涉及个人信息的查询须至少填写两项查询条件，每次查询须输入验证码。只有停电停水、网点等公共信息才可取消。"
        ),
    )
    source = models.CharField(_("数据来源"), max_length=20, choices=QuerySource.choices, default=QuerySource.UPLOAD)
    connector_url = models.URLField(
        _("查询接口地址"),
        blank=True,
        help_text=_("数据来源为“接口对接”时填写；主机须在系统允许的接口主机名单中。"),
    )
    connector_timeout = models.PositiveSmallIntegerField(_("接口超时（秒）"), default=5)
    is_published = models.BooleanField(_("对外提供查询"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=100)
    # Written by the imports (actions), shown on the form and in the admin.
    data_as_of = models.DateTimeField(_("数据更新时间"), null=True, blank=True, editable=False)
    row_count = models.PositiveIntegerField(_("数据条数"), default=0, editable=False)
    drop_file_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("公共查询")
        verbose_name_plural = _("公共查询")
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def url(self) -> str:
        """The public query page (the 便民服务 home lists systems by ``name``, ``url``, ``intro``)."""
        from django.urls import reverse

        return reverse("convenience:chaxun:query", args=[self.slug])

    def asked_fields(self) -> list[QueryField]:
        return [f for f in self.fields.all() if f.asked]

    def shown_fields(self) -> list[QueryField]:
        return [f for f in self.fields.all() if f.shown]


class QueryField(models.Model):
    """One column of a query system's data: asked of the citizen, shown back, or both."""

    system = ParentalKey(QuerySystem, on_delete=models.CASCADE, related_name="fields")
    column = models.CharField(_("数据列名"), max_length=40, help_text=_("表格表头或接口返回的字段名，如：户号。"))
    label = models.CharField(_("显示名称"), max_length=40, blank=True, help_text=_("留空则与列名相同。"))
    hint = models.CharField(_("填写提示"), max_length=100, blank=True, help_text=_("如：发动机号的最后六位。"))
    asked = models.BooleanField(_("查询条件"), default=False, help_text=_("群众必须填写，且须与数据完全一致。"))
    shown = models.BooleanField(_("显示在结果中"), default=True)
    mask = models.CharField(_("遮蔽规则"), max_length=10, choices=FieldMask.choices, default=FieldMask.NONE)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("查询字段")
        verbose_name_plural = _("查询字段")
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.display_label

    @property
    def display_label(self) -> str:
        return self.label or self.column


class QueryRecord(models.Model):
    """One imported row: the configured columns only, found by the keyed hash of its asked
    values (exact match; nothing else is indexed)."""

    system = models.ForeignKey(QuerySystem, on_delete=models.CASCADE, related_name="records")
    key = models.CharField(max_length=64)
    data = models.JSONField(default=dict)

    class Meta:
        indexes = [models.Index(fields=["system", "key"], name="convenience_qrec_key")]

    def __str__(self) -> str:
        return f"{self.system_id}:{self.pk}"


class QueryImport(models.Model):
    """One import of a system's data: who, when, from where, how many rows, or why refused."""

    system = models.ForeignKey(QuerySystem, on_delete=models.CASCADE, related_name="imports")
    at = models.DateTimeField(_("时间"), auto_now_add=True)
    actor = models.ForeignKey(
        "core.User", verbose_name=_("操作人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(_("来源"), max_length=20, choices=QuerySource.choices)
    file_name = models.CharField(_("文件名"), max_length=200, blank=True)
    ok = models.BooleanField(_("成功"), default=False)
    rows = models.PositiveIntegerField(_("导入条数"), default=0)
    message = models.TextField(_("结果"), blank=True)

    class Meta:
        verbose_name = _("数据导入记录")
        verbose_name_plural = _("数据导入记录")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.system_id} {self.at:%Y-%m-%d %H:%M}"


class QueryLog(models.Model):
    """The audit of one query: never the values asked or the answer given."""

    system = models.ForeignKey(QuerySystem, on_delete=models.CASCADE, related_name="logs")
    at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    hit = models.BooleanField(_("查到结果"))
    client_hash = models.CharField(_("来访者（摘要）"), max_length=32)
    query_hash = models.CharField(_("查询条件（摘要）"), max_length=32)

    class Meta:
        verbose_name = _("查询日志")
        verbose_name_plural = _("查询日志")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.system_id} {self.at:%Y-%m-%d %H:%M}"
