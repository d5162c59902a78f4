"""What 政府信息公开 tells the 监管 area for the 政府网站工作年度报表 (cluster/supervision.py):
the catalogue entries of a year and the policy interpretations (解读材料) among them.

An entry counts for the agency that numbered it (its 索引号) in the year of its number, i.e.
of its first publication, and only while it is still live: a withdrawn entry is no longer
in the catalogue a reader can check the figure against."""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from govportal.cluster.supervision import YearlyFigure, register_yearly_figure
from govportal.disclosure.models import IndexNumber


def _entries(agency_ids: list[int], year: int):
    return IndexNumber.objects.filter(
        agency_id__in=agency_ids, assigned_at__year=year, page__isnull=False, page__live=True
    )


def _by_agency(qs) -> dict[int, int]:
    return {row["agency_id"]: row["n"] for row in qs.values("agency_id").annotate(n=Count("pk")).order_by()}


def catalogue_entries(agency_ids: list[int], year: int) -> dict[int, int]:
    return _by_agency(_entries(agency_ids, year))


def interpretations(agency_ids: list[int], year: int) -> dict[int, int]:
    return _by_agency(_entries(agency_ids, year).filter(page__interprets__isnull=False))


register_yearly_figure(
    YearlyFigure(
        key="disclosure.catalogue_entries",
        label=_("信息公开目录信息更新量"),
        count=catalogue_entries,
        source=_("政府信息公开目录：当年编号（首次发布）且仍在公开的条目"),
    )
)
register_yearly_figure(
    YearlyFigure(
        key="disclosure.interpretations",
        label=_("解读材料数量"),
        count=interpretations,
        source=_("政府信息公开目录：当年发布的政策解读（选择了所解读政策的条目）"),
    )
)
