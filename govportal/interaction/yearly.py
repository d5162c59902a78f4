"""What 互动交流 tells the 监管 area for the 政府网站工作年度报表 (cluster/supervision.py):
letters received, letters closed with an answer, their working days, and replies published.

A letter counts for the agency whose mailbox received it (the channel the site offers), in
the kernel's one definition of the statistics (`core.cases.stats.case_figures`): refused
letters and those pointed to the petition channel are not counted; "closed" is a case closed
in an answering state in the year; the days are the working days the kernel stored at close.
The report's 平均办理时间 is the days divided by the letters closed (the monitor divides,
so that a site counting several agencies gets the true average)."""

from __future__ import annotations

from datetime import date

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from govportal.cluster.supervision import YearlyFigure, register_yearly_figure
from govportal.core.cases import stats as case_stats
from govportal.core.cases.models import Case
from govportal.interaction.models import Letter
from govportal.interaction.workflow import KEY


def _figures(agency_ids: list[int], year: int):
    cases = Case.objects.filter(case_type=KEY, letter__mailbox__agency_id__in=agency_ids)
    return case_stats.case_figures(
        cases, group="letter__mailbox__agency_id", start=date(year, 1, 1), end=date(year, 12, 31)
    )


def received(agency_ids: list[int], year: int) -> dict[int, int]:
    return {k: f.received for k, f in _figures(agency_ids, year).items() if k is not None}


def closed(agency_ids: list[int], year: int) -> dict[int, int]:
    return {k: f.answered for k, f in _figures(agency_ids, year).items() if k is not None}


def close_days(agency_ids: list[int], year: int) -> dict[int, int]:
    return {k: f.working_days for k, f in _figures(agency_ids, year).items() if k is not None}


def published(agency_ids: list[int], year: int) -> dict[int, int]:
    qs = Letter.objects.filter(mailbox__agency_id__in=agency_ids, is_published=True, published_at__year=year)
    return {r["mailbox__agency_id"]: r["n"] for r in qs.values("mailbox__agency_id").annotate(n=Count("pk")).order_by()}


register_yearly_figure(
    YearlyFigure(
        key="interaction.letters_received",
        label=_("收到留言数量"),
        count=received,
        source=_("互动交流：本单位信箱当年收到的有效来信（来信统计）"),
    )
)
register_yearly_figure(
    YearlyFigure(
        key="interaction.letters_closed",
        label=_("办结留言数量"),
        count=closed,
        source=_("互动交流：本单位信箱来信中当年答复办结的（来信统计）"),
    )
)
register_yearly_figure(
    YearlyFigure(
        key="interaction.letters_close_days",
        label=_("办结留言用时合计（工作日）"),
        count=close_days,
        source=_("互动交流：当年办结来信从收信到答复的工作日合计（来信统计）"),
    )
)
register_yearly_figure(
    YearlyFigure(
        key="interaction.letters_published",
        label=_("公开答复数量"),
        count=published,
        source=_("互动交流：本单位信箱当年公开的来信及答复"),
    )
)
