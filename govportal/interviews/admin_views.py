"""访谈直播间 — the staff console of 在线访谈 in the Wagtail admin.

- the list of interviews the user works on (the information office: all; an agency's
  host, moderator and typist: their agency's — `access.interviews_for_staff`);
- one interview's console: start and end the live; the moderation queue (sensitive words
  flagged, duplicates merged; approve, reject, merge); the typist's form for the host's
  and guests' words, a guest's answer against a taken question, a photo; after the live the
  written answers (the kernel's timer) and the 文字实录.

Every interview is fetched through `access.interview_for_staff` (another agency's: 404);
every step is one action; an application error becomes a message with its 4xx status.
"""

from __future__ import annotations

from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _

from wagtail.admin import messages

from govportal.core.cases.models import CaseTimer
from govportal.core.citizen_input import parse_int
from govportal.core.errors import GovPortalError, InvalidInput, NotFound
from govportal.interviews import access, actions, live, selectors
from govportal.interviews.models import PostKind, QuestionState
from govportal.interviews.workflow import WRITTEN


def index(request):
    if not access.may_use_console(request.user):
        raise Http404
    interviews = access.interviews_for_staff(request.user).order_by("-starts_at", "-pk")[:200]
    return TemplateResponse(request, "interviews/admin/index.html", {"interviews": interviews})


def _context(request, interview) -> dict:
    state = request.GET.get("q_state", QuestionState.PENDING)
    if state not in QuestionState.values:
        state = QuestionState.PENDING
    timer = (
        CaseTimer.objects.filter(case_id=interview.case_id, kind=WRITTEN).order_by("-started_on", "-pk").first()
        if interview.case_id
        else None
    )
    counts = selectors.queue_counts(interview)
    return {
        "interview": interview,
        "queue": selectors.queue(interview, state=state)[:200],
        "q_state": state,
        "q_states": [(value, label, counts[value]) for value, label in QuestionState.choices],
        "taken": list(selectors.queue(interview, state=QuestionState.APPROVED)),
        "guests": list(interview.guests.all()),
        "images": access.images_for(request.user).order_by("-created_at")[:50],
        "posts": [live.post_view(p) for p in live.posts_of(interview)][::-1][:30],
        "kinds": PostKind.choices,
        "timer": timer,
    }


def console(request, pk):
    interview = access.interview_for_staff(request.user, pk)
    return TemplateResponse(request, "interviews/admin/console.html", _context(request, interview))


def _question(interview, data):
    pk = parse_int(data.get("question"), minimum=1)
    question = interview.questions.filter(pk=pk).first() if pk else None
    if question is None:
        raise NotFound(_("问题不存在"))
    return question


def _optional(qs, raw, label):
    if not raw:
        return None
    pk = parse_int(raw, minimum=1)
    obj = qs.filter(pk=pk).first() if pk else None
    if obj is None:
        raise InvalidInput(_("请重新选择%(label)s") % {"label": label})
    return obj


def _post(request, interview, data):
    kind = data.get("kind", "")
    guest = _optional(interview.guests.all(), data.get("guest"), _("嘉宾"))
    question = (
        _optional(interview.questions.all(), data.get("question"), _("问题")) if kind == PostKind.ANSWER else None
    )
    image = _optional(access.images_for(request.user), data.get("image"), _("图片"))
    actions.post_add(
        interview=interview,
        actor=request.user,
        kind=kind,
        text_=data.get("text", ""),
        guest=guest,
        question=question,
        image=image,
    )


def _approve(request, interview, data):
    actions.question_approve(
        question=_question(interview, data), actor=request.user, public_content=data.get("public_content")
    )


def _merge(request, interview, data):
    into_pk = parse_int(data.get("into"), minimum=1)
    into = interview.questions.filter(pk=into_pk).first() if into_pk else None
    if into is None:
        raise InvalidInput(_("请填写要合并到的问题编号"), field="into")
    actions.question_merge(question=_question(interview, data), into=into, actor=request.user)


STEPS = {
    "start": (_("开始直播"), lambda r, i, d: actions.interview_start(interview=i, actor=r.user)),
    "end": (_("结束直播"), lambda r, i, d: actions.interview_end(interview=i, actor=r.user)),
    "post": (_("发布直播内容"), _post),
    "approve": (_("采纳问题"), _approve),
    "reject": (_("不采纳问题"), lambda r, i, d: actions.question_reject(question=_question(i, d), actor=r.user)),
    "merge": (_("合并问题"), _merge),
    "written": (
        _("书面答复"),
        lambda r, i, d: actions.question_answer_written(
            question=_question(i, d), actor=r.user, answer=d.get("answer", "")
        ),
    ),
    "transcript": (
        _("发布文字实录"),
        lambda r, i, d: actions.transcript_publish(interview=i, actor=r.user, summary=d.get("summary", "")),
    ),
}


def act(request, pk, step):
    interview = access.interview_for_staff(request.user, pk)
    if step not in STEPS:
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    label, handler = STEPS[step]
    try:
        handler(request, interview, request.POST)
    except GovPortalError as exc:
        messages.error(request, exc.message)
        interview = access.interview_for_staff(request.user, pk)
        response = TemplateResponse(request, "interviews/admin/console.html", _context(request, interview))
        response.status_code = exc.status_code
        return response
    messages.success(request, _("已完成：%(step)s") % {"step": label})
    return redirect("interviews_admin:console", interview.pk)


urlpatterns = [
    path("", index, name="index"),
    path("<int:pk>/", console, name="console"),
    path("<int:pk>/<slug:step>/", act, name="act"),
]
