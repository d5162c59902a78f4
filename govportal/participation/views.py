"""Public pages of 调查征集 under /canyu/: the index of every kind (filterable by agency, kind,
phase and words), a survey (its form while open, its results when they may be shown), an
evaluation (its form, its ranking). Thin: parse, select, act, render. No JavaScript needed:
a conditional question is shown with its condition and its answer ignored unless the
condition is met (`actions.shown_questions`)."""

from __future__ import annotations

import secrets

from django.core.cache import cache
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from captcha.models import CaptchaStore

from govportal.core.antiabuse import captcha
from govportal.core.antiabuse.guard import FormGuard, is_mobile, normalize_phone
from govportal.core.citizen_input import parse_int
from govportal.core.errors import GovPortalError, InvalidInput
from govportal.core.models import Agency
from govportal.core.xlsx import XLSX_CONTENT_TYPE
from govportal.participation import access, actions, charts, exports, selectors
from govportal.participation.models import QuestionKind, RespondentKind, VoteMeans

VOTER_COOKIE = "gp_voter"
VOTER_COOKIE_AGE = 365 * 24 * 3600


def _no_store(response):
    response["Cache-Control"] = "private, no-store"
    return response


def index(request):
    agency_id = parse_int(request.GET.get("agency"), minimum=1)
    agency = Agency.objects.filter(pk=agency_id).first() if agency_id else None
    kind = request.GET.get("kind", "")
    kind = kind if kind in {k.key for k in selectors.kinds()} else ""
    phase = request.GET.get("phase", "")
    phase = phase if phase in selectors.PHASE_LABELS else ""
    q = request.GET.get("q", "").strip()[:50].replace("\x00", "")
    items = selectors.listing(agency_id=agency.pk if agency else None, q=q, kind=kind, phase=phase)
    context = {
        "items": items,
        "kinds": selectors.kinds(),
        "phases": selectors.PHASE_LABELS,
        "kind": kind,
        "phase": phase,
        "q": q,
        "agency": agency,
        "agencies": Agency.objects.filter(pk__in={i.agency_id for i in selectors.listing()}).order_by("code"),
        "page_title": agency.short_name + _("调查征集") if agency else _("调查征集"),
    }
    return TemplateResponse(request, "participation/index.html", context)


# --- one person, one answer ---------------------------------------------------------------------


def _voter(request, means: str, guard: FormGuard) -> str:
    """Who is answering: a phone proven by an SMS code, or this browser (anonymous)."""
    if means == VoteMeans.SMS:
        phone = normalize_phone(request.POST.get("phone", ""))
        if not is_mobile(phone):
            raise InvalidInput(_("请填写正确的手机号码"), field="phone")
        proven_key = f"participation:proven:{guard.token}"
        tag = actions.voter_key(means, phone)
        # The core CAPTCHA accepts an image answer as well; here only an SMS code sent to this
        # very phone proves it (core's own tag of the phone on the challenge).
        if CaptchaStore.objects.filter(hashkey=guard.captcha_key).exists():
            is_sms_for_phone = CaptchaStore.objects.filter(
                hashkey=guard.captcha_key, challenge=captcha._phone_tag(phone)
            ).exists()
            if not guard.token or not is_sms_for_phone:
                raise InvalidInput(_("请获取并填写发送到该手机号码的短信验证码"), field="captcha_answer")
            answer = request.POST.get("captcha_answer", "")
            if not captcha.verify(key=guard.captcha_key, answer=answer, phone=phone, token=guard.token):
                raise InvalidInput(_("验证码不正确或已过期，请重新输入"), field="captcha_answer")
            cache.set(proven_key, tag, 3600)
        elif not guard.token or cache.get(proven_key) != tag:
            raise InvalidInput(_("请获取并填写发送到该手机号码的短信验证码"), field="captcha_answer")
        return tag
    token = request.COOKIES.get(VOTER_COOKIE, "")
    if not (20 <= len(token) <= 64 and token.replace("-", "").replace("_", "").isalnum()):
        raise InvalidInput(_("请允许浏览器保存Cookie后刷新页面再提交（用于保证每人只参与一次）"))
    return actions.voter_key(means, token)


def _with_voter_cookie(request, response):
    if request.COOKIES.get(VOTER_COOKIE) is None:
        response.set_cookie(
            VOTER_COOKIE, secrets.token_urlsafe(24), max_age=VOTER_COOKIE_AGE, httponly=True, samesite="Lax"
        )
    return response


def _guard(request, means: str) -> FormGuard:
    guard = FormGuard(request, phone_field="phone")
    if means == VoteMeans.SMS:
        guard.kind = "sms"
        guard.needs_captcha = True  # the code proves the phone: staff signed in need it too
    return guard


# --- surveys -------------------------------------------------------------------------------------


def _question_views(survey, data) -> list[dict]:
    questions = list(survey.questions.all())
    views = []
    for number, q in enumerate(questions, 1):
        field = f"q{q.pk}"
        chosen = set(data.getlist(field)) if data is not None else set()
        condition = ""
        if q.show_if_question and 1 <= q.show_if_question <= len(questions):
            target = questions[q.show_if_question - 1]
            opts = target.option_list
            label = opts[q.show_if_option - 1] if q.show_if_option and q.show_if_option <= len(opts) else ""
            condition = _("仅当第%(n)s题选择“%(option)s”时回答，否则不必作答") % {
                "n": q.show_if_question,
                "option": label,
            }
        views.append(
            {
                "q": q,
                "number": number,
                "field": field,
                "condition": condition,
                "options": [
                    {
                        "n": n,
                        "label": label,
                        "checked": str(n) in chosen,
                        "rank": (data.get(f"{field}_{n}", "") if data is not None else "")[:3],
                    }
                    for n, label in enumerate(q.option_list, 1)
                ],
                "scores": [{"n": s, "checked": str(s) in chosen} for s in range(1, 6)],
                "text": (data.get(field, "") if data is not None else "")[: actions.TEXT_MAX],
            }
        )
    return views


def _chart_results(title: str, results: dict) -> list[dict]:
    shown = []
    for r in results["questions"]:
        item = {"r": r}
        rows = [(o.label, o.count) for o in r.options]
        if r.kind == QuestionKind.SINGLE:
            item["chart"] = charts.pie(rows, title=_("第%(n)s题各选项占比（饼图）") % {"n": r.number})
        elif r.kind in (QuestionKind.MULTIPLE, QuestionKind.RATING):
            item["chart"] = charts.bar(rows, title=_("第%(n)s题各选项人数（柱状图）") % {"n": r.number}, unit="人")
        elif r.kind == QuestionKind.RANKING:
            item["chart"] = charts.bar(
                [(o.label, o.share) for o in r.options],
                title=_("第%(n)s题各选项平均名次（越小越靠前）") % {"n": r.number},
            )
        shown.append(item)
    return shown


@never_cache
def survey(request, pk):
    survey = selectors.public_survey(pk)
    guard = _guard(request, survey.means)
    status, error, done = 200, "", None
    data = request.POST if request.method == "POST" else None
    if request.method == "POST":
        if guard.wants_sms_code:
            guard.send_sms_code()
            status = guard.status_code
        else:
            try:
                if not survey.is_open:
                    raise InvalidInput(_("本次调查不在进行中，不能提交"))
                voter = _voter(request, survey.means, guard)

                def run():
                    response = actions.survey_answer(survey=survey, voter=voter, data=request.POST)
                    return 201, {"survey": survey.pk, "at": response.created_at.isoformat()}

                done = guard.submit(run=run)
            except GovPortalError as exc:
                error, status = exc.message, exc.status_code
    visible = access.survey_results_visible(survey)
    context = {
        "survey": survey,
        "phase": survey.phase(),
        "done": done,
        "error": error,
        "questions": _question_views(survey, data) if survey.is_open and done is None else [],
        "results": _chart_results(survey.title, selectors.survey_results(survey)) if visible else None,
        "total": survey.responses.count() if visible else None,
        "page_title": survey.title,
        "phone": (request.POST.get("phone", "") if data is not None else "")[:20],
        **(guard.context() if survey.is_open and done is None else {}),
    }
    response = TemplateResponse(request, "participation/survey.html", context, status=status)
    return _no_store(_with_voter_cookie(request, response))


def survey_xlsx(request, pk):
    survey = selectors.public_survey(pk)
    if not access.survey_results_visible(survey):
        raise InvalidInput(_("调查结束后才公布结果"))
    content = exports.survey_results_xlsx(survey, selectors.survey_results(survey))
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}.xlsx"'
    return response


# --- evaluations ---------------------------------------------------------------------------------


@never_cache
def evaluation(request, pk):
    evaluation = selectors.public_evaluation(pk)
    guard = _guard(request, evaluation.means)
    status, error, done = 200, "", None
    data = request.POST if request.method == "POST" else None
    if request.method == "POST":
        if guard.wants_sms_code:
            guard.send_sms_code()
            status = guard.status_code
        else:
            try:
                if not evaluation.is_open:
                    raise InvalidInput(_("本次评议不在进行中，不能提交"))
                voter = _voter(request, evaluation.means, guard)

                def run():
                    response = actions.evaluation_rate(
                        evaluation=evaluation,
                        voter=voter,
                        respondent=request.POST.get("respondent", ""),
                        data=request.POST,
                    )
                    return 201, {"evaluation": evaluation.pk, "at": response.created_at.isoformat()}

                done = guard.submit(run=run)
            except GovPortalError as exc:
                error, status = exc.message, exc.status_code
    visible = access.evaluation_results_visible(evaluation)
    targets = []
    if evaluation.is_open and done is None:
        for group in selectors.evaluation_targets(evaluation):
            targets.append(
                {
                    "agency": group["agency"],
                    "indicators": [
                        {
                            "i": i,
                            "field": f"i{i.pk}",
                            "scores": [
                                {"n": s, "checked": data is not None and data.get(f"i{i.pk}") == str(s)}
                                for s in range(1, 6)
                            ],
                        }
                        for i in group["indicators"]
                    ],
                }
            )
    ranking = selectors.evaluation_ranking(evaluation) if visible else None
    context = {
        "evaluation": evaluation,
        "phase": evaluation.phase(),
        "done": done,
        "error": error,
        "targets": targets,
        "respondents": RespondentKind.choices,
        "respondent": (data.get("respondent", "") if data is not None else ""),
        "ranking": ranking,
        "chart": charts.bar(
            [(r["agency"].short_name or r["agency"].name, r["points"] or 0) for r in ranking["ranking"]],
            title=_("各单位评议得分（百分制，柱状图）"),
            unit="分",
        )
        if ranking
        else None,
        "page_title": evaluation.title,
        "phone": (request.POST.get("phone", "") if data is not None else "")[:20],
        **(guard.context() if evaluation.is_open and done is None else {}),
    }
    response = TemplateResponse(request, "participation/evaluation.html", context, status=status)
    return _no_store(_with_voter_cookie(request, response))


def evaluation_xlsx(request, pk):
    evaluation = selectors.public_evaluation(pk)
    if not access.evaluation_results_visible(evaluation):
        raise InvalidInput(_("评议结果尚未公布"))
    content = exports.evaluation_xlsx(evaluation, selectors.evaluation_ranking(evaluation))
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="evaluation-{evaluation.pk}.xlsx"'
    return response
