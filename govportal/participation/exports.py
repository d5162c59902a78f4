"""xlsx exports of results: a survey's (public once visible; the owner's in the admin) and an
evaluation's ranking for the supervision office (督查室). Through `core.xlsx`, so what
citizens typed can never run as a formula."""

from __future__ import annotations

from django.utils import timezone

from govportal.core.xlsx import sheet_bytes
from govportal.participation.models import QuestionKind, VoteMeans


def _caption(obj, total: int) -> str:
    means = str(VoteMeans(obj.means).label)
    when = f"{timezone.localtime(obj.opens_at):%Y-%m-%d %H:%M} 至 {timezone.localtime(obj.ends_at):%Y-%m-%d %H:%M}"
    return f"{obj.title}（{obj.agency.name}，{when}，参与{total}人；一人一次的方式：{means}）"


def survey_results_xlsx(survey, results: dict, *, texts: bool = True) -> bytes:
    rows = []
    for r in results["questions"]:
        kind = str(QuestionKind(r.kind).label)
        if r.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.RATING):
            for o in r.options:
                rows.append([r.number, r.question.text, kind, o.label, o.count, f"{o.share * 100:.1f}%"])
            if r.average is not None:
                rows.append([r.number, r.question.text, kind, "平均分", r.answered, r.average])
        elif r.kind == QuestionKind.RANKING:
            for place, o in enumerate(r.options, 1):
                rows.append([r.number, r.question.text, kind, o.label, r.answered, f"第{place}（平均名次{o.share}）"])
        elif texts:
            for text in r.texts or []:
                rows.append([r.number, r.question.text, kind, text, "", ""])
    return sheet_bytes(
        title="调查结果",
        caption=_caption(survey, results["total"]),
        header=["题号", "题目", "题型", "选项或意见", "人数", "占比或结果"],
        rows=rows,
        widths=[6, 40, 10, 40, 8, 18],
    )


def evaluation_xlsx(evaluation, ranking: dict) -> bytes:
    rows = []
    for r in ranking["ranking"]:
        for i in r["indicators"]:
            rows.append([r["place"], r["agency"].name, r["points"], i["name"], i["average"], i["count"]])
        if not r["indicators"]:
            rows.append([r["place"], r["agency"].name, "", "", "", 0])
    return sheet_bytes(
        title=f"{evaluation.year}年度网上评议",
        caption=_caption(evaluation, ranking["total"]),
        header=["名次", "被评议单位", "得分（百分制）", "评议指标", "平均分（1—5）", "评分人次"],
        rows=rows,
        widths=[6, 30, 14, 24, 14, 10],
    )
