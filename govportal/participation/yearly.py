"""What 调查征集 tells the 监管 area for the 政府网站工作年度报表 (cluster/supervision.py):
征集调查 held, opinions received, results published.

- held: published surveys (网上调查) and drafts for comment (意见征集) opening in the year;
- opinions: survey responses and comments on drafts submitted in the year, on those of the
  agency (every one received, whatever its review);
- results published: surveys whose period ended in the year (their results are public from
  the close, `Survey.results_public_while_open` aside) and drafts whose 反馈 was published in
  the year.
Evaluations (网上评议) and hearings (网上听证) are other channels and are not counted here."""

from __future__ import annotations

from collections import Counter

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from govportal.cluster.supervision import YearlyFigure, register_yearly_figure
from govportal.participation.models import (
    ParticipationStatus,
    Solicitation,
    SolicitationComment,
    Survey,
    SurveyResponse,
)


def _add(total: Counter, qs, field: str) -> None:
    for r in qs.values(field).annotate(n=Count("pk")).order_by():
        total[r[field]] += r["n"]


def held(agency_ids: list[int], year: int) -> dict[int, int]:
    total: Counter = Counter()
    _add(
        total,
        Survey.objects.filter(agency_id__in=agency_ids, status=ParticipationStatus.PUBLISHED, opens_at__year=year),
        "agency_id",
    )
    _add(
        total,
        Solicitation.objects.filter(agency_id__in=agency_ids, is_published=True, opens_at__year=year),
        "agency_id",
    )
    return dict(total)


def opinions(agency_ids: list[int], year: int) -> dict[int, int]:
    total: Counter = Counter()
    _add(
        total,
        SurveyResponse.objects.filter(
            survey__agency_id__in=agency_ids, survey__status=ParticipationStatus.PUBLISHED, created_at__year=year
        ),
        "survey__agency_id",
    )
    _add(
        total,
        SolicitationComment.objects.filter(
            solicitation__agency_id__in=agency_ids, solicitation__is_published=True, submitted_at__year=year
        ),
        "solicitation__agency_id",
    )
    return dict(total)


def results_published(agency_ids: list[int], year: int) -> dict[int, int]:
    total: Counter = Counter()
    ended_in_year = Q(closed_early_at__year=year) | Q(closed_early_at__isnull=True, closes_at__year=year)
    _add(
        total,
        Survey.objects.filter(agency_id__in=agency_ids, status=ParticipationStatus.PUBLISHED).filter(ended_in_year),
        "agency_id",
    )
    _add(
        total,
        Solicitation.objects.filter(agency_id__in=agency_ids, is_published=True, feedback_published_at__year=year),
        "agency_id",
    )
    return dict(total)


register_yearly_figure(
    YearlyFigure(
        key="participation.held",
        label=_("征集调查期数"),
        count=held,
        source=_("调查征集：当年开始的已发布网上调查和意见征集"),
    )
)
register_yearly_figure(
    YearlyFigure(
        key="participation.opinions",
        label=_("收到意见数量"),
        count=opinions,
        source=_("调查征集：当年收到的调查答卷和草案意见"),
    )
)
register_yearly_figure(
    YearlyFigure(
        key="participation.results_published",
        label=_("公布调查结果期数"),
        count=results_published,
        source=_("调查征集：当年截止（结果公开）的网上调查和当年发布反馈的意见征集"),
    )
)
