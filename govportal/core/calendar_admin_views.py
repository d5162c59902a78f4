"""The information office's page for next year's State Council holiday notice (录入国务院节假日
通知) and the admin banner that asks for it from 1 November. Thin: parse, check, call
`calendar_actions.calendar_year_enter_notice`, render."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin import messages

from govportal.core import access, calendar
from govportal.core.calendar_actions import calendar_year_enter_notice
from govportal.core.calendar_models import CalendarDay, CalendarYear
from govportal.core.errors import GovPortalError

DAYS_HELP = gettext_lazy(
    "每行一项：放假写“开始日期..结束日期 放假 节日名称”，调休上班写“日期 上班 节日名称”，"
    "例如：2027-02-06..2027-02-12 放假 春节；2027-02-14 上班 春节。保存后该年原有的估算日期全部被替换，"
    "办理中办件的截止日期随即重新计算并记入办件记录。"
)


class NoticeForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("年份"), min_value=2000, max_value=2100)
    notice = forms.CharField(label=gettext_lazy("国务院通知文号"), max_length=100)
    days = forms.CharField(
        label=gettext_lazy("放假和调休上班日期"),
        widget=forms.Textarea(attrs={"rows": 14, "cols": 60}),
        max_length=4000,
        help_text=DAYS_HELP,
    )


def _office_only(request) -> None:
    if not access.is_information_office(request.user):
        raise PermissionDenied


def enter_notice(request):
    _office_only(request)
    today = timezone.localdate()
    pending = calendar.notice_pending(today)
    year = pending or today.year + 1
    form = NoticeForm(request.POST or None, initial={"year": year})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                calendar_year_enter_notice(
                    actor=request.user,
                    year=form.cleaned_data["year"],
                    notice=form.cleaned_data["notice"],
                    days=form.cleaned_data["days"],
                )
            except GovPortalError as exc:
                messages.error(request, exc.message)
                status = exc.status_code
            else:
                messages.success(
                    request,
                    _("已按%(notice)s确认%(year)d年节假日安排，办理中办件的截止日期正在重新计算。")
                    % {"notice": form.cleaned_data["notice"], "year": form.cleaned_data["year"]},
                )
                return redirect("calendar_admin:notice")
        else:
            messages.error(request, _("请检查填写的内容。"))
            status = 400
    shown = form.data.get("year") if form.is_bound else year
    try:
        shown = int(shown)
    except (TypeError, ValueError):
        shown = year
    context = {
        "form": form,
        "year": shown,
        "year_row": CalendarYear.objects.filter(year=shown).first(),
        "days": list(CalendarDay.objects.filter(date__year=shown).order_by("date")),
    }
    return TemplateResponse(request, "core/calendar/enter_notice.html", context, status=status)


urlpatterns = [path("notice/", enter_notice, name="notice")]


def banner_html(request) -> str:
    """The admin home's banner from 1 November until next year is confirmed (the information
    office only)."""
    if not access.is_information_office(request.user):
        return ""
    year = calendar.notice_pending(timezone.localdate())
    if year is None:
        return ""
    return render_to_string(
        "core/calendar/notice_banner.html", {"year": year, "url": reverse("calendar_admin:notice")}, request=request
    )
