"""The admin's screens of surveys and evaluations beyond the edit forms (mounted at
/admin/canyu/): a survey's results (sealed until the close as on the public page), the
review of its free-text answers, closing early, the xlsx; an evaluation's ranking, closing,
publishing the results, and the xlsx for the supervision office. Another agency's survey or
evaluation is a 404 (`selectors.*_for_staff`)."""

from __future__ import annotations

from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _

from wagtail.admin import messages

from govportal.core.errors import GovPortalError, NotFound
from govportal.core.xlsx import XLSX_CONTENT_TYPE
from govportal.participation import access, actions, exports, selectors
from govportal.participation.models import SurveyAnswer


def survey_results(request, survey_id):
    survey = selectors.survey_for_staff(request.user, survey_id)
    visible = access.survey_results_visible(survey)
    context = {
        "survey": survey,
        "phase": survey.phase(),
        "visible": visible,
        "results": selectors.survey_results(survey, published_texts_only=False) if visible else None,
        "texts": selectors.pending_texts(survey) if visible else [],
        "changes": survey.changes.select_related("actor")[:50],
        "count": survey.responses.count(),
    }
    return TemplateResponse(request, "participation/admin/survey_results.html", context)


def survey_close(request, survey_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    survey = selectors.survey_for_staff(request.user, survey_id)
    try:
        actions.survey_close(survey=survey, actor=request.user)
        messages.success(request, _("调查已提前结束。"))
    except GovPortalError as exc:
        messages.error(request, exc.message)
    return redirect("participation_admin:survey_results", survey_id=survey.pk)


def answer_review(request, answer_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    answer = SurveyAnswer.objects.select_related("question__survey").filter(pk=answer_id).first()
    if answer is None or not access.may_manage(request.user, answer.question.survey):
        raise NotFound("没有找到该意见")
    if not access.survey_results_visible(answer.question.survey):
        raise NotFound("没有找到该意见")
    try:
        actions.answer_review(
            answer=answer,
            actor=request.user,
            publish=request.POST.get("decision") == "publish",
            text=request.POST.get("text", ""),
        )
        messages.success(request, _("已保存审核结果。"))
    except GovPortalError as exc:
        messages.error(request, exc.message)
    return redirect("participation_admin:survey_results", survey_id=answer.question.survey_id)


def survey_xlsx(request, survey_id):
    survey = selectors.survey_for_staff(request.user, survey_id)
    if not access.survey_results_visible(survey):
        raise NotFound("调查结束后才能导出结果")
    content = exports.survey_results_xlsx(survey, selectors.survey_results(survey, published_texts_only=False))
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}.xlsx"'
    return response


def evaluation_results(request, evaluation_id):
    evaluation = selectors.evaluation_for_staff(request.user, evaluation_id)
    closed = evaluation.phase() == "closed"
    context = {
        "evaluation": evaluation,
        "phase": evaluation.phase(),
        "ranking": selectors.evaluation_ranking(evaluation) if closed else None,
        "count": evaluation.responses.count(),
    }
    return TemplateResponse(request, "participation/admin/evaluation_results.html", context)


def evaluation_act(request, evaluation_id, step):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    evaluation = selectors.evaluation_for_staff(request.user, evaluation_id)
    try:
        if step == "close":
            actions.evaluation_close(evaluation=evaluation, actor=request.user)
        elif step in ("publish", "withdraw"):
            actions.evaluation_publish_results(evaluation=evaluation, actor=request.user, publish=step == "publish")
        else:
            raise NotFound("没有这个操作")
        messages.success(request, _("已保存。"))
    except GovPortalError as exc:
        if isinstance(exc, NotFound):
            raise
        messages.error(request, exc.message)
    return redirect("participation_admin:evaluation_results", evaluation_id=evaluation.pk)


def evaluation_xlsx(request, evaluation_id):
    evaluation = selectors.evaluation_for_staff(request.user, evaluation_id)
    if evaluation.phase() != "closed":
        raise NotFound("评议结束后才能导出结果")
    content = exports.evaluation_xlsx(evaluation, selectors.evaluation_ranking(evaluation))
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="evaluation-{evaluation.pk}.xlsx"'
    return response


urlpatterns = [
    path("diaocha/<int:survey_id>/", survey_results, name="survey_results"),
    path("diaocha/<int:survey_id>/close/", survey_close, name="survey_close"),
    path("diaocha/<int:survey_id>/xlsx/", survey_xlsx, name="survey_xlsx"),
    path("yijian/<int:answer_id>/", answer_review, name="answer_review"),
    path("pingyi/<int:evaluation_id>/", evaluation_results, name="evaluation_results"),
    path("pingyi/<int:evaluation_id>/xlsx/", evaluation_xlsx, name="evaluation_xlsx"),
    path("pingyi/<int:evaluation_id>/<slug:step>/", evaluation_act, name="evaluation_act"),
]
