"""Demo data of 调查征集 (surveys and evaluations), loaded by `govportal.demo.loader`.

An open survey of the education bureau with answers (anonymous), a closed city survey with its
charts and reviewed free-text answers (SMS means), and last year's 网上评议 of four departments,
published. Answers go through the real action (`survey_answer`, `evaluation_rate`);
deterministic (``builder.rng``). 意见征集 and 网上听证 are in participation_drafts.py."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from govportal.demo import registry
from govportal.participation import actions
from govportal.participation.models import (
    Evaluation,
    EvaluationIndicator,
    ParticipationStatus,
    Question,
    QuestionKind,
    Survey,
    SurveyAnswer,
    TextReview,
    VoteMeans,
)

OPEN_SURVEY = [
    (QuestionKind.SINGLE, "您的孩子是否在学校就餐？", "是\n否", True, None, None),
    (QuestionKind.RATING, "您对学校食堂饭菜质量的评价", "", True, 1, 1),
    (QuestionKind.MULTIPLE, "您最关心校园餐的哪些方面？", "食品安全\n营养搭配\n价格收费\n就餐环境", True, None, None),
    (QuestionKind.RANKING, "请对以下改进措施排序", "公开每周食谱\n家长陪餐\n引入第三方检测", False, None, None),
    (QuestionKind.TEXT, "其他意见和建议", "", False, None, None),
]
CLOSED_SURVEY = [
    (QuestionKind.SINGLE, "您平时主要的出行方式是？", "公交车\n地铁\n私家车\n步行或骑行", True, None, None),
    (
        QuestionKind.MULTIPLE,
        "您认为公交线路最需要改进的是？",
        "发车间隔\n线路覆盖\n末班时间\n换乘衔接",
        True,
        None,
        None,
    ),
    (QuestionKind.RATING, "您对目前城区公交服务的总体满意度", "", True, None, None),
    (QuestionKind.TEXT, "对线路优化的具体建议", "", False, None, None),
]
TEXTS = [
    "建议开通高新区到火车站的直达线路，早高峰太挤了。",
    "希望末班车延长到晚上十一点，我的电话13812345678，可以联系我。",
    "老城区小巷里没有公交站，老人出行不方便，建议开微循环公交。",
    "换乘站之间距离太远，建议优化站点设置。",
]


def _survey(agency, title, intro, specs, *, opens, closes, means) -> Survey:
    survey = Survey.objects.create(
        agency=agency,
        title=title,
        intro=intro,
        opens_at=opens,
        closes_at=closes,
        means=means,
        status=ParticipationStatus.PUBLISHED,
    )
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


def _answer(rng, survey, n: int, texts=()) -> None:
    questions = list(survey.questions.all())
    for i in range(n):
        data: dict[str, list[str]] = {}
        for q in questions:
            options = q.option_list
            if q.kind == QuestionKind.SINGLE:
                data[f"q{q.pk}"] = [str(rng.choices(range(1, len(options) + 1), weights=range(len(options), 0, -1))[0])]
            elif q.kind == QuestionKind.MULTIPLE:
                data[f"q{q.pk}"] = [str(k) for k in sorted(rng.sample(range(1, len(options) + 1), rng.randint(1, 2)))]
            elif q.kind == QuestionKind.RATING:
                data[f"q{q.pk}"] = [str(rng.choice([3, 4, 4, 5, 5, 2]))]
            elif q.kind == QuestionKind.RANKING:
                order = list(range(1, len(options) + 1))
                rng.shuffle(order)
                for k, rank in enumerate(order, 1):
                    data[f"q{q.pk}_{k}"] = [str(rank)]
            elif texts and i < len(texts):
                data[f"q{q.pk}"] = [texts[i]]
        actions.survey_answer(
            survey=survey, voter=f"{'sms' if survey.means == 'sms' else 'anon'}:demo-{survey.pk}-{i}", data=data
        )


def load(builder) -> None:
    rng = builder.rng
    agencies = builder.agencies
    city = agencies[registry.CITY_GOVERNMENT_CODE]
    edu = agencies["SLS-JYJ"]
    admin = builder.users["admin"]
    now = timezone.now()

    open_survey = _survey(
        edu,
        "中小学校园餐满意度问卷调查",
        "为进一步提升中小学校园餐质量，市教育局开展校园餐满意度调查，欢迎家长和学生参与。",
        OPEN_SURVEY,
        opens=now - timedelta(days=5),
        closes=now + timedelta(days=25),
        means=VoteMeans.ANONYMOUS,
    )
    _answer(rng, open_survey, 36)

    closed = _survey(
        city,
        "城区公交线路优化问卷调查",
        "市政府就城区公交线路优化方案征求市民意见，调查结果将作为线路调整的参考。",
        CLOSED_SURVEY,
        opens=now - timedelta(days=1),
        closes=now + timedelta(days=1),
        means=VoteMeans.SMS,
    )
    _answer(rng, closed, 58, texts=TEXTS)
    Survey.objects.filter(pk=closed.pk).update(opens_at=now - timedelta(days=75), closes_at=now - timedelta(days=45))
    closed.refresh_from_db()
    for k, answer in enumerate(SurveyAnswer.objects.filter(question__survey=closed, question__kind=QuestionKind.TEXT)):
        actions.answer_review(answer=answer, actor=admin, publish=k != 3)
    assert all(
        a.review != TextReview.PENDING
        for a in SurveyAnswer.objects.filter(question__survey=closed, question__kind=QuestionKind.TEXT)
    )

    year = now.year - 1
    evaluation = Evaluation.objects.create(
        agency=city,
        year=year,
        title=f"{year}年度市直部门工作和政府网站网上评议",
        intro="请群众和企业对市直部门的工作作风、办事效率和政府网站信息公开进行评议，评议结果报市政府督查室。",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=1),
        means=VoteMeans.SMS,
        status=ParticipationStatus.PUBLISHED,
    )
    targets = [a for code, a in agencies.items() if code in ("SLS-JYJ", "SLS-WJW", "SLS-RSJ", "SLS-ZJJ")]
    order = 0
    for target in targets:
        for name in ("工作作风", "办事效率", "政府网站信息公开"):
            EvaluationIndicator.objects.create(evaluation=evaluation, target=target, name=name, sort_order=order)
            order += 1
    indicators = list(evaluation.indicators.all())
    bias = {t.pk: rng.choice([0, 0, 1, -1]) for t in targets}
    for i in range(44):
        data = {
            f"i{ind.pk}": [str(max(1, min(5, rng.choice([3, 4, 4, 5]) + bias[ind.target_id])))] for ind in indicators
        }
        actions.evaluation_rate(
            evaluation=evaluation,
            voter=f"sms:demo-eval-{i}",
            respondent="enterprise" if i % 4 == 0 else "citizen",
            data=data,
        )
    Evaluation.objects.filter(pk=evaluation.pk).update(
        opens_at=now.replace(year=year, month=11, day=1),
        closes_at=now.replace(year=year, month=12, day=1),
        results_published=True,
    )
