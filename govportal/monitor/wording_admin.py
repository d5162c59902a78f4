"""错敏词 in the admin: the dictionaries (错敏词词库), a page's check with its hits
highlighted and the accept-with-reason form (错敏词检查), the sweep's list (错敏词巡检) with
its xlsx export, the notice at the top of the page editor, and the content check the
cluster's review runs before every approval. Imported from ``MonitorConfig.ready()``.

Thin views: parse, find through a selector (a page of another agency is a 404), call one
action, render. Application errors become a message and their 4xx status."""

from __future__ import annotations

from django import forms
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from govportal.cluster import review
from govportal.core import xlsx
from govportal.core.errors import GovPortalError, NotFound
from govportal.core.models import Agency
from govportal.monitor import access, wording, wording_actions, wording_selectors
from govportal.monitor.wording_models import WordingEntry, WordKind

# --- the dictionaries ---------------------------------------------------------------------

DICTIONARY_POLICY = access.DictionaryPolicy(WordingEntry)
register_permission_policy(WordingEntry, DICTIONARY_POLICY)


class _SetsUpdatedBy:
    def save_instance(self):
        self.form.instance.updated_by = self.request.user
        return super().save_instance()


class _EntryCreate(_SetsUpdatedBy, generic.CreateView):
    pass


class _EntryEdit(_SetsUpdatedBy, generic.EditView):
    pass


class WordingEntryViewSet(ModelViewSet):
    model = WordingEntry
    icon = "warning"
    menu_label = gettext_lazy("错敏词词库")
    add_to_admin_menu = False
    permission_policy = DICTIONARY_POLICY
    form_fields = ["word", "suggestion", "kind", "note", "active"]
    list_display = [
        "word",
        "suggestion",
        "kind",
        "note",
        BooleanColumn("active", label=gettext_lazy("启用")),
        "updated_at",
        "updated_by",
    ]
    list_filter = ["kind", "active"]
    search_fields = ["word", "suggestion", "note"]
    list_export = ["word", "suggestion", "kind", "note", "active", "updated_at"]
    export_filename = "wording-dictionary"
    add_view_class = _EntryCreate
    edit_view_class = _EntryEdit


wording_entry_viewset = WordingEntryViewSet("monitor_wording_dictionary")


@hooks.register("register_admin_viewset")
def register_wording_entry_viewset():
    return wording_entry_viewset


class _DictionaryMenuItem(MenuItem):
    def is_shown(self, request):
        return access.may_read_dictionaries(request.user)


class _SweepMenuItem(MenuItem):
    def is_shown(self, request):
        return access.may_use_monitor(request.user)


@hooks.register("register_monitor_menu_item")
def register_dictionary_menu_item():
    return _DictionaryMenuItem(
        _("错敏词词库"), reverse("monitor_wording_dictionary:index"), icon_name="warning", order=300
    )


@hooks.register("register_monitor_menu_item")
def register_sweep_menu_item():
    return _SweepMenuItem(_("错敏词巡检"), reverse("monitor_wording:sweep"), icon_name="search", order=310)


# --- a page's check -----------------------------------------------------------------------


class AcceptForm(forms.Form):
    kind = forms.ChoiceField(choices=WordKind.choices, required=False)
    word = forms.CharField(max_length=100, required=False)
    reason = forms.CharField(label=gettext_lazy("理由"), max_length=wording_actions.REASON_MAX, required=True)


def highlighted(text: str, hits: list[wording.Hit]):
    """The text with each hit in <mark> (escaped; hits do not overlap)."""
    parts, at = [], 0
    for hit in sorted(hits, key=lambda h: h.start):
        parts.append(("{}", (text[at : hit.start],)))
        cls = "wording-accepted" if hit.accepted else "wording-open"
        parts.append(('<mark class="{}" title="{}">{}</mark>', (cls, hit.message, text[hit.start : hit.end])))
        at = hit.end
    parts.append(("{}", (text[at:],)))
    return format_html_join("", "{}", ((format_html(f, *a),) for f, a in parts))


def _back(request, default: str) -> str:
    back = request.POST.get("back", "")
    if back and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return back
    return default


def page_check(request, page_id: int):
    page, agency_id = wording_selectors.page_for_wording(request.user, page_id)
    return _render_check(request, page, agency_id, live=request.GET.get("live") == "1")


def _render_check(request, page, agency_id, *, live: bool, status: int = 200):
    live = live and page.live
    hits = wording.check_page(page, live=live)
    content = page if live else page.get_latest_revision_as_object()
    fields = []
    for name, label, text in wording.page_texts(content):
        own = [h for h in hits if h.field == name]
        if own:
            fields.append({"label": label, "html": highlighted(text, own), "hits": own})
    return TemplateResponse(
        request,
        "monitor/wording/page_check.html",
        {
            "page": page,
            "live": live,
            "hits": hits,
            "open": wording.open_hits(hits),
            "fields": fields,
            "may_accept": access.may_accept_wording(request.user, agency_id),
            "in_review": page.workflow_in_progress,
            "form": AcceptForm(),
        },
        status=status,
    )


def page_accept(request, page_id: int):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    page, agency_id = wording_selectors.page_for_wording(request.user, page_id)
    live = request.POST.get("live") == "1"
    default = reverse("monitor_wording:page", args=[page.pk]) + ("?live=1" if live else "")
    form = AcceptForm(request.POST)
    if not form.is_valid():
        message = _("请填写接受的理由。") if "reason" in form.errors else _("提交的内容有误。")
        return _error(request, page, agency_id, message, 400, live)
    try:
        accepted = wording_actions.wording_accept(
            actor=request.user,
            page=page,
            kind=form.cleaned_data["kind"],
            word=form.cleaned_data["word"],
            reason=form.cleaned_data["reason"],
            live=live,
        )
    except NotFound:
        raise
    except GovPortalError as exc:
        return _error(request, page, agency_id, exc.message, exc.status_code, live)
    messages.success(request, _("已接受 %(n)d 个词语，理由已记录在页面历史中。") % {"n": len(accepted)})
    return redirect(_back(request, default))


def _error(request, page, agency_id, message: str, status: int, live: bool):
    """Refused: the page's check again with the message, and the 4xx status."""
    messages.error(request, message)
    return _render_check(request, page, agency_id, live=live, status=status)


# --- the sweep's list ---------------------------------------------------------------------


def _sweep_filters(request) -> tuple[int | None, str]:
    try:
        agency_id = int(request.GET.get("agency") or 0) or None
    except ValueError:
        agency_id = None
    kind = request.GET.get("kind", "")
    return agency_id, kind if kind in WordKind.values else ""


def sweep_index(request):
    if not access.may_use_monitor(request.user):
        raise NotFound()
    agency_id, kind = _sweep_filters(request)
    findings = list(wording_selectors.findings_for(request.user, agency_id=agency_id, kind=kind)[:1000])
    pages: dict[int, dict] = {}
    for f in findings:
        entry = pages.setdefault(
            f.page_id, {"page": f.page, "agency": f.agency, "findings": [], "may_accept": False, "words": {}}
        )
        entry["findings"].append(f)
        entry["words"][(f.kind, f.word)] = f
    for entry in pages.values():
        entry["may_accept"] = access.may_accept_wording(request.user, entry["agency"].pk)
        entry["words"] = list(entry["words"].values())
    agencies = Agency.objects.filter(pk__in=wording_selectors.findings_for(request.user).values("agency_id")).order_by(
        "name"
    )
    return TemplateResponse(
        request,
        "monitor/wording/sweep.html",
        {
            "pages": list(pages.values()),
            "count": len(findings),
            "last_run": findings[0].found_at if findings else None,
            "agencies": agencies,
            "agency_id": agency_id,
            "kind": kind,
            "kinds": WordKind.choices,
            "is_supervisor": access.is_supervisor(request.user),
        },
    )


def sweep_export(request):
    if not access.may_use_monitor(request.user):
        raise NotFound()
    agency_id, kind = _sweep_filters(request)
    rows = [
        (
            f.agency.name,
            f.page.title,
            f.field_label,
            f.get_kind_display(),
            f.word,
            f.suggestion,
            f"{f.before}【{f.word}】{f.after}",
            timezone.localtime(f.found_at).strftime("%Y-%m-%d %H:%M"),
        )
        for f in wording_selectors.findings_for(request.user, agency_id=agency_id, kind=kind)
    ]
    data = xlsx.sheet_bytes(
        title="错敏词巡检",
        caption="错敏词巡检结果",
        header=["单位", "页面", "位置", "类别", "词语", "建议", "上下文", "发现时间"],
        rows=rows,
        widths=[24, 40, 10, 12, 16, 24, 50, 18],
    )
    response = HttpResponse(data, content_type=xlsx.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="wording-sweep.xlsx"'
    return response


urlpatterns = [
    path("", sweep_index, name="sweep"),
    path("export/", sweep_export, name="sweep_export"),
    path("page/<int:page_id>/", page_check, name="page"),
    path("page/<int:page_id>/accept/", page_accept, name="accept"),
]


@hooks.register("register_admin_urls")
def register_wording_urls():
    return [path("monitor/wording/", include((urlpatterns, "monitor_wording"), namespace="monitor_wording"))]


@hooks.register("register_log_actions")
def register_wording_log_actions(actions):
    actions.register_action("govportal.wording_accept", _("接受错敏词"), _("接受错敏词"))


# --- the editor and the review ----------------------------------------------------------------


class WordingCheckButton(PageMenuItem):
    label = gettext_lazy("错敏词检查")
    icon_name = "warning"
    url_name = "monitor_wording:page"
    priority = 50

    def is_shown(self, user):
        return self.page.permissions_for_user(user).can_edit()


@hooks.register("register_page_header_buttons")
def page_header_wording_button(page, user, view_name=None, next_url=None):
    yield WordingCheckButton(page=page)


def _check_url(page) -> str:
    return reverse("monitor_wording:page", args=[page.pk])


@hooks.register("before_edit_page")
def wording_notice_in_editor(request, page):
    """The editor and the reviewer see, at the top of the edit form, how many hits are open,
    the first few with their suggestions, and a link to the highlighted check."""
    if request.method != "GET":
        return None
    hits = wording.open_hits(wording.check_page(page))
    if hits:
        shown = "；".join(h.message for h in hits[:5])
        messages.warning(
            request,
            _("错敏词检查：%(n)d 处待处理 — %(shown)s") % {"n": len(hits), "shown": shown},
            buttons=[messages.button(_check_url(page), _("查看并处理"))],
        )
    return None


@hooks.register("after_edit_page")
@hooks.register("after_create_page")
def wording_notice_after_submit(request, page):
    if request.POST.get("action-submit"):
        hits = wording.open_hits(wording.check_page(page))
        if hits:
            messages.warning(
                request,
                _("错敏词检查发现 %(n)d 处待处理，审核通过前须修改或由审核人说明理由接受。") % {"n": len(hits)},
                buttons=[messages.button(_check_url(page), _("查看"))],
            )
    return None


def _review_problems(page) -> list[review.ReviewProblem]:
    url = _check_url(page)
    return [review.ReviewProblem(message=h.message, url=url) for h in wording.open_hits(wording.check_page(page))]


review.register_content_check(review.ContentCheck(key="monitor.wording", label="错敏词检查", problems=_review_problems))
