"""What 在线访谈 tells the 监管 area for the 政府网站工作年度报表 (cluster/supervision.py):
interviews held, questions received, questions answered.

An interview counts for its responsible agency in the year it started, once it has ended
and is published; a question counts in the year it was submitted (merged duplicates too:
each is a netizen's message); an answer (live or in writing) in the year it was given."""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from govportal.cluster.supervision import YearlyFigure, register_yearly_figure
from govportal.interviews.models import Interview, InterviewState, Question, QuestionState


def _by(qs, field: str) -> dict[int, int]:
    return {r[field]: r["n"] for r in qs.values(field).annotate(n=Count("pk")).order_by()}


def held(agency_ids: list[int], year: int) -> dict[int, int]:
    qs = Interview.objects.filter(
        agency_id__in=agency_ids, is_published=True, state=InterviewState.ENDED, starts_at__year=year
    )
    return _by(qs, "agency_id")


def questions(agency_ids: list[int], year: int) -> dict[int, int]:
    qs = Question.objects.filter(
        interview__agency_id__in=agency_ids, interview__is_published=True, submitted_at__year=year
    )
    return _by(qs, "interview__agency_id")


def answered(agency_ids: list[int], year: int) -> dict[int, int]:
    qs = Question.objects.filter(
        interview__agency_id__in=agency_ids,
        interview__is_published=True,
        state__in=[QuestionState.ANSWERED, QuestionState.WRITTEN],
        answered_at__year=year,
    )
    return _by(qs, "interview__agency_id")


register_yearly_figure(
    YearlyFigure(
        key="interviews.held",
        label=_("访谈期数"),
        count=held,
        source=_("在线访谈：当年开始并已结束的已发布访谈"),
    )
)
register_yearly_figure(
    YearlyFigure(
        key="interviews.questions",
        label=_("网民留言数量"),
        count=questions,
        source=_("在线访谈：当年提交的网友提问（含未采纳、已合并的）"),
    )
)
register_yearly_figure(
    YearlyFigure(
        key="interviews.answered",
        label=_("答复网民提问数量"),
        count=answered,
        source=_("在线访谈：当年现场答复或书面答复的网友提问"),
    )
)
