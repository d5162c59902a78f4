"""Working-day calendar data: per-date overrides and each year's confirmation status.

A date with no override follows the plain rule (Monday–Friday work, weekend off). An
override says "this date is a statutory holiday" (off) or "this weekend date is a
调休 working day" (on). A year stays *provisional* until the information office has
entered the State Council notice (国务院办公厅关于部分节假日安排的通知) and confirmed it.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class YearStatus(models.TextChoices):
    PROVISIONAL = "provisional", _("暂定（未经国务院通知确认）")
    CONFIRMED = "confirmed", _("已按国务院通知确认")


class CalendarYear(models.Model):
    """节假日安排年度 — whether a year's overrides are confirmed by the State Council notice."""

    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    status = models.CharField(_("状态"), max_length=20, choices=YearStatus.choices, default=YearStatus.PROVISIONAL)
    notice = models.CharField(
        _("国务院通知文号"), max_length=100, blank=True, help_text=_("例如：国办发明电〔2025〕7号")
    )
    source = models.CharField(_("数据来源"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("节假日安排年度")
        verbose_name_plural = _("节假日安排年度")
        ordering = ["year"]

    def __str__(self) -> str:
        return f"{self.year}（{self.get_status_display()}）"


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("放假")
    WORKDAY = "workday", _("调休上班")


class CalendarDay(models.Model):
    """节假日/调休日 — one date whose working status differs from the weekday rule."""

    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=10, choices=DayKind.choices)
    note = models.CharField(_("说明"), max_length=100, blank=True, help_text=_("例如：国庆节、春节调休上班"))
    source = models.CharField(_("来源"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("节假日/调休日")
        verbose_name_plural = _("节假日/调休日")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()} {self.note}".strip()
