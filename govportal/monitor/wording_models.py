"""错敏词 — the dictionaries of the wording check, the reviewers' acceptances and the sweep's
findings (docs/supervision.md, "错敏词 — wording checks")."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WordKind(models.TextChoices):
    TYPO = "typo", _("错别字")
    SENSITIVE = "sensitive", _("敏感词")
    BANNED = "banned", _("禁用词")
    OUTDATED = "outdated", _("过时机构名称")
    LEADER = "leader", _("领导姓名职务")


class WordingEntry(models.Model):
    """One word of a dictionary the information office maintains. For ``leader`` the word is
    the leader's name and the suggestion their correct titles, separated by “、”."""

    word = models.CharField(_("词语"), max_length=100)
    suggestion = models.CharField(
        _("建议"), max_length=200, blank=True, help_text=_("正确写法；领导姓名职务填写其全部正确职务，以“、”分隔")
    )
    kind = models.CharField(_("类别"), max_length=16, choices=WordKind.choices)
    note = models.CharField(_("说明"), max_length=255, blank=True)
    active = models.BooleanField(_("启用"), default=True)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("修改人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("错敏词词条")
        verbose_name_plural = _("错敏词词库")
        ordering = ["kind", "word"]
        constraints = [models.UniqueConstraint(fields=["kind", "word"], name="wording_entry_unique_kind_word")]

    def __str__(self) -> str:
        return f"{self.word}（{self.get_kind_display()}）"

    def titles(self) -> list[str]:
        """A leader's correct titles."""
        from govportal.monitor.wording import split_titles

        return split_titles(self.suggestion)


class WordingAcceptance(models.Model):
    """A reviewer accepted a hit of the wording check on one page, with the reason: every
    occurrence of that word of that kind on that page is accepted from then on."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="wording_acceptances")
    kind = models.CharField(_("类别"), max_length=16, choices=WordKind.choices)
    word = models.CharField(_("词语"), max_length=100)
    reason = models.TextField(_("理由"))
    revision = models.ForeignKey("wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+")
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("接受人"), on_delete=models.PROTECT, related_name="+"
    )
    accepted_at = models.DateTimeField(_("接受时间"), default=timezone.now)

    class Meta:
        verbose_name = _("错敏词接受记录")
        verbose_name_plural = _("错敏词接受记录")
        ordering = ["-accepted_at"]
        constraints = [
            models.UniqueConstraint(fields=["page", "kind", "word"], name="wording_acceptance_unique_page_kind_word")
        ]

    def __str__(self) -> str:
        return f"{self.page_id} {self.word}"


class WordingFinding(models.Model):
    """A hit the sweep found in a published page; replaced for the page at each sweep."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="wording_findings")
    agency = models.ForeignKey("core.Agency", on_delete=models.CASCADE, related_name="+")
    field = models.CharField(_("字段"), max_length=64)
    field_label = models.CharField(_("位置"), max_length=64)
    offset = models.PositiveIntegerField(_("位置"))
    kind = models.CharField(_("类别"), max_length=16, choices=WordKind.choices)
    word = models.CharField(_("词语"), max_length=100)
    suggestion = models.CharField(_("建议"), max_length=255, blank=True)
    before = models.CharField(max_length=64, blank=True)
    after = models.CharField(max_length=64, blank=True)
    found_at = models.DateTimeField(_("发现时间"))

    class Meta:
        verbose_name = _("错敏词巡检结果")
        verbose_name_plural = _("错敏词巡检结果")
        ordering = ["agency_id", "page_id", "field", "offset"]
        indexes = [models.Index(fields=["agency", "found_at"])]

    def __str__(self) -> str:
        return f"{self.page_id} {self.word}"
