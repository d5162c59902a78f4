"""Fixtures of 调查征集 (surveys and evaluations): a survey with every kind of question, made
on the small cluster (`cluster`), and an evaluation of two departments."""

from __future__ import annotations

from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone

import pytest

from govportal.core.models import Role
from govportal.participation.models import (
    Evaluation,
    EvaluationIndicator,
    ParticipationStatus,
    Question,
    QuestionKind,
    Survey,
    VoteMeans,
)


@pytest.fixture(autouse=True)
def _fresh_counters():
    if hasattr(cache, "delete_pattern"):
        cache.delete_pattern("abuse:*")
        cache.delete_pattern("participation:*")
    else:
        cache.clear()


def make_survey(agency, *, means=VoteMeans.ANONYMOUS, title="城区公交线路优化问卷调查", days=10, **fields) -> Survey:
    now = timezone.now()
    survey = Survey.objects.create(
        agency=agency,
        title=title,
        intro="为优化城区公交线路，听取市民意见。",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=days),
        means=means,
        **{"status": ParticipationStatus.PUBLISHED, **fields},
    )
    specs = [
        (QuestionKind.SINGLE, "您是否经常乘坐公交车？", "是\n否", True, None, None),
        (QuestionKind.MULTIPLE, "您常乘坐哪些线路？", "1路\n2路\n5路", True, 1, 1),  # only if 1 = 是
        (QuestionKind.RATING, "您对公交服务的总体评价", "", True, None, None),
        (QuestionKind.RANKING, "请对以下改进事项排序", "增加班次\n延长运营时间\n新增站点", False, None, None),
        (QuestionKind.TEXT, "其他意见和建议", "", False, None, None),
    ]
    for order, (kind, text, options, required, q, o) in enumerate(specs):
        Question.objects.create(
            survey=survey,
            sort_order=order,
            kind=kind,
            text=text,
            options=options,
            required=required,
            show_if_question=q,
            show_if_option=o,
        )
    return survey


def answers(survey, *, rides="1", lines=("1", "3"), score="4", ranks=("1", "2", "3"), text="希望增加夜班车。"):
    q = list(survey.questions.all())
    data = {f"q{q[0].pk}": rides, f"q{q[1].pk}": list(lines), f"q{q[2].pk}": score, f"q{q[4].pk}": text}
    for n, rank in enumerate(ranks, 1):
        data[f"q{q[3].pk}_{n}"] = rank
    return data


def make_evaluation(agency, targets, *, year=None, days=10, means=VoteMeans.ANONYMOUS) -> Evaluation:
    now = timezone.now()
    evaluation = Evaluation.objects.create(
        agency=agency,
        year=year or now.year,
        title=f"{year or now.year}年度部门工作和政府网站网上评议",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=days),
        means=means,
        status=ParticipationStatus.PUBLISHED,
    )
    order = 0
    for target in targets:
        for name in ("工作作风", "办事效率", "网站信息公开"):
            EvaluationIndicator.objects.create(evaluation=evaluation, target=target, name=name, sort_order=order)
            order += 1
    return evaluation


def staff(agency, role=Role.EDITOR, username=None):
    from govportal.cluster.permissions import agency_groups
    from govportal.core.models import User

    user = User(username=username or f"{agency.code.lower()}_{role}_cy", agency=agency, last_name=agency.short_name)
    user.set_unusable_password()
    user.save()
    user.groups.add(agency_groups(agency)[role])
    return user


def office():
    from govportal.core.models import User

    return User.objects.create_superuser("cy_office", password=None)
