"""Admin views of the hall: the window's and the departments' work queue (办件受理), the
application detail with its actions, form publishing and the guide completeness check
(bad-rating rectification is the kernel's screen now; the old addresses redirect). Thin: parse, check through a selector (404 on a wrong guess),
call one action, show a message."""

from __future__ import annotations

from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme

from wagtail.admin import messages

from govportal.core.cases.workflow import available_steps
from govportal.core.errors import GovPortalError, NotFound
from govportal.servicehall import access, actions, selectors, workflow
from govportal.servicehall.models import FormStatus, ServiceForm


def _back(request) -> str:
    """Where to return after a refused action: the page the form came from (``back``), only
    when it is on this host — never a URL elsewhere planted in a link or form."""
    back = request.POST.get("back", "")
    if back and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return back
    return reverse("servicehall_admin:index")


def _post_only(view):
    def wrapper(request, *args, **kwargs):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        try:
            return view(request, *args, **kwargs)
        except NotFound:
            raise
        except GovPortalError as exc:
            messages.error(request, exc.message)
            return redirect(_back(request))

    return wrapper


def index(request):
    user = request.user
    state = request.GET.get("state", "")
    apps = selectors.applications_for_clerk(user).order_by("-submitted_at")
    if state in workflow.State.values:
        apps = apps.filter(case__state=state)
    tasks = selectors.pending_tasks_for_clerk(user)
    return TemplateResponse(
        request,
        "servicehall/admin/index.html",
        {
            "applications": apps[:200],
            "tasks": tasks.order_by("due_date")[:200],
            "states": workflow.State.choices,
            "state": state,
        },
    )


def detail(request, pk: int):
    app = selectors.application_for_clerk(request.user, pk)
    progress = selectors.progress(app, public_only=False)
    my_task = access.my_pending_task(request.user, app)
    is_lead = access.is_lead(request.user, app)
    fields = [(f, app.data.get(f.key, "")) for f in app.form.fields.all()]
    return TemplateResponse(
        request,
        "servicehall/admin/detail.html",
        {
            "app": app,
            "progress": progress,
            "fields": fields,
            "my_task": my_task,
            "is_lead": is_lead,
            "steps": {t.name for t in available_steps(request.user, app.case)},
            "state": app.case.state,
            "back": request.get_full_path(),
        },
    )


def download(request, pk: int, file_pk: int):
    app = selectors.application_for_clerk(request.user, pk)
    f = app.files.filter(pk=file_pk).select_related("stored").first()
    if f is None:
        raise NotFound("附件不存在")
    # One way out for stored files: the checked view (core/files), which asks the same rule.
    return redirect(f.stored.url)


@_post_only
def act(request, pk: int, name: str):
    app = selectors.application_for_clerk(request.user, pk)
    reason = request.POST.get("reason", "")
    user = request.user
    if name == "accept":
        actions.application_accept(application=app, actor=user)
    elif name == "request_supplement":
        actions.application_request_supplement(application=app, actor=user, reason=reason)
    elif name == "refuse":
        actions.application_refuse(application=app, actor=user, reason=reason)
    elif name == "suspend":
        actions.application_suspend(application=app, actor=user, reason=reason)
    elif name == "resume":
        actions.application_resume(application=app, actor=user)
    else:
        raise NotFound("操作不存在")
    messages.success(request, "已办理")
    return redirect("servicehall_admin:detail", app.pk)


@_post_only
def decide(request, task_pk: int):
    task = selectors.task_for_clerk(request.user, task_pk)
    actions.task_decide(
        task=task,
        actor=request.user,
        decision=request.POST.get("decision", ""),
        opinion=request.POST.get("opinion", ""),
    )
    messages.success(request, "意见已提交")
    return redirect("servicehall_admin:detail", task.application_id)


def _form_for(request, pk: int) -> ServiceForm:
    form = access.forms_for_staff(request.user).filter(pk=pk).first()
    if form is None:
        raise NotFound("申请表不存在")
    return form


@_post_only
def form_publish(request, pk: int):
    form = _form_for(request, pk)
    actions.form_publish(form=form, actor=request.user)
    messages.success(request, f"第{form.version}版已发布")
    return redirect("wagtailsnippets_servicehall_serviceform:list")


@_post_only
def form_new_version(request, pk: int):
    form = _form_for(request, pk)
    new = actions.form_new_version(item=form.item, actor=request.user)
    messages.success(request, f"已创建第{new.version}版草稿")
    return redirect("wagtailsnippets_servicehall_serviceform:edit", new.pk)


def forms_overview(request):
    forms = access.forms_for_staff(request.user)
    return TemplateResponse(
        request,
        "servicehall/admin/forms.html",
        {"forms": forms.select_related("item").order_by("item__name", "-version"), "draft": FormStatus.DRAFT},
    )


def rectifications(request, pk: int | None = None):
    """差评整改 moved to the kernel's screen (one for every rated case type); the old
    addresses lead there (the pk is the same rectification's; a form's POST goes on as a
    POST with 307). The new screen checks who asks."""
    if pk is None:
        return redirect("cases_admin:rectifications")
    response = HttpResponseRedirect(reverse("cases_admin:rectification", args=[pk]))
    if request.method not in ("GET", "HEAD"):
        response.status_code = 307
    return response


def completeness(request):
    result = selectors.completeness(selectors.items_for_clerk(request.user))
    return TemplateResponse(
        request,
        "servicehall/admin/completeness.html",
        {
            "result": result,
            "key_labels": [label for label, _test in selectors.KEY_ELEMENTS],
            "supervisor": access.is_supervisor(request.user),
        },
    )


urlpatterns = [
    path("", index, name="index"),
    path("<int:pk>/", detail, name="detail"),
    path("<int:pk>/files/<int:file_pk>/", download, name="download"),
    path("<int:pk>/<str:name>/", act, name="act"),
    path("tasks/<int:task_pk>/decide/", decide, name="decide"),
    path("forms/", forms_overview, name="forms"),
    path("forms/<int:pk>/publish/", form_publish, name="form_publish"),
    path("forms/<int:pk>/new-version/", form_new_version, name="form_new_version"),
    path("rectifications/", rectifications, name="rectifications"),
    path("rectifications/<int:pk>/", rectifications, name="rectification"),
    path("completeness/", completeness, name="completeness"),
]
