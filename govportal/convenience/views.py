"""Public pages of 便民服务 under /bianmin/ (the area home, the directory, its map and 纠错
form) and the two views of the 旅游文化 root page (its overview and the events calendar).
Thin: parse, select, act, render. All work without JavaScript."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from govportal.convenience import actions, selectors
from govportal.convenience.forms import CorrectionForm
from govportal.convenience.models import PUBLIC_SERVICES, TOURISM_KINDS, DirectoryCategory
from govportal.core.antiabuse.guard import FormGuard
from govportal.core.citizen_input import parse_int, strip_controls, to_half_width
from govportal.core.errors import GovPortalError, InvalidInput

PER_PAGE = 20


def _no_store(response):
    response["Cache-Control"] = "private, no-store"
    return response


def index(request):
    """便民服务: 旅游文化, the directory by category, and the public query systems."""
    tourism = selectors.tourism_index()
    items = selectors.with_covers(selectors.tourism_items(tourism)[:6]) if tourism else []
    counts = selectors.category_counts()
    context = {
        "tourism": tourism,
        "tourism_items": items,
        "events": selectors.upcoming_events(tourism, timezone.localdate()) if tourism else [],
        "business": [c for c in counts if c[0] not in PUBLIC_SERVICES],
        "public_services": [c for c in counts if c[0] in PUBLIC_SERVICES],
        "query_systems": selectors.query_systems(),
        "page_title": _("便民服务"),
    }
    return TemplateResponse(request, "convenience/index.html", context)


def _filters(request) -> dict:
    """The directory's filters from the query string; a wrong value is a 400 in Chinese."""
    category = request.GET.get("category", "").strip()
    if category and category not in DirectoryCategory.values:
        raise InvalidInput(_("没有这个类别，请从列表中选择"), field="category")
    township_raw = to_half_width(request.GET.get("township", "")).strip()
    township = parse_int(township_raw, minimum=1) if township_raw else None
    if township_raw and township is None:
        raise InvalidInput(_("乡镇参数有误，请从列表中选择"), field="township")
    q = strip_controls(request.GET.get("q", "")).strip()[:50]
    return {"category": category, "township": township, "q": q}


def _filter_context(request, filters: dict) -> dict:
    query = {k: v for k, v in filters.items() if v}
    return {
        **filters,
        "categories": DirectoryCategory.choices,
        "townships": selectors.townships(),
        "query": urlencode(query),
        "extra_query": urlencode(query) + "&" if query else "",
    }


def _filters_or_400(request, template: str):
    try:
        return _filters(request), None
    except InvalidInput as exc:
        context = {**_filter_context(request, {"category": "", "township": None, "q": ""})}
        context.update(error=exc.message, page_title=_("便民服务目录"))
        return None, TemplateResponse(request, template, context, status=400)


def directory(request):
    filters, refused = _filters_or_400(request, "convenience/directory.html")
    if refused is not None:
        return refused
    page = Paginator(selectors.published_entries(**filters), PER_PAGE).get_page(request.GET.get("page"))
    context = {**_filter_context(request, filters), "page_obj": page, "page_title": _("便民服务目录")}
    return TemplateResponse(request, "convenience/directory.html", context)


def directory_map(request):
    """The offline map: the filtered entries plotted on a self-drawn SVG, with their list."""
    filters, refused = _filters_or_400(request, "convenience/map.html")
    if refused is not None:
        return refused
    entries = list(selectors.published_entries(**filters)[:300])
    context = {
        **_filter_context(request, filters),
        "map": selectors.directory_map(entries),
        "entries": entries,
        "page_title": _("便民服务地图"),
    }
    return TemplateResponse(request, "convenience/map.html", context)


def entry(request, pk):
    item = selectors.public_entry(pk)
    context = {"entry": item, "map": selectors.directory_map([item]), "page_title": item.name}
    return TemplateResponse(request, "convenience/entry.html", context)


@never_cache
def correct(request, pk):
    """纠错: a case of the maintaining agency, under the submission policy
    (`core.antiabuse`): CAPTCHA, limits, a one-time form token (a retry shows the first
    answer again, never a second case)."""
    item = selectors.public_entry(pk)
    guard = FormGuard(request, phone_field="phone")

    def render(form, status=200, done=None):
        context = {
            "entry": item,
            "form": form,
            **guard.context(),
            "captcha_error": form.errors.get("captcha_answer", [""])[0] if form.is_bound else "",
            "done": done,
            "page_title": _("信息纠错") + " - " + item.name,
        }
        return _no_store(TemplateResponse(request, "convenience/correct.html", context, status=status))

    if request.method != "POST":
        return render(CorrectionForm())
    if guard.wants_sms_code:
        guard.send_sms_code()
        return render(CorrectionForm(initial=request.POST.dict()), status=guard.status_code)
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        return render(form, status=400)
    data = form.cleaned_data

    def run() -> tuple[int, dict]:
        correction, code = actions.correction_submit(
            entry=item, content=data["content"], name=data["name"], phone=data["phone"]
        )
        return 200, {"tracking_number": correction.case.tracking_number, "query_code": code}

    try:
        outcome = guard.submit(run=run)
    except GovPortalError as exc:
        field = exc.field if exc.field in form.fields else None
        if exc.field == "captcha_answer":
            form.errors["captcha_answer"] = form.error_class([exc.message])
        else:
            form.add_error(field, exc.message)
        return render(form, status=exc.status_code)
    return render(form, done=outcome.body)


# --- the 旅游文化 root page's views (routes of `TourismIndexPage`) ------------------------------

KIND_LABELS = [(key, model.kind_label) for key, model in TOURISM_KINDS.items()]


def tourism_index(request, page):
    kind = request.GET.get("kind", "").strip()
    if kind and kind not in TOURISM_KINDS:
        kind, status, error = "", 400, _("没有这个分类，请从列表中选择")
    else:
        status, error = 200, ""
    paginator = Paginator(selectors.tourism_items(page, kind=kind).specific(), 12)
    page_obj = paginator.get_page(request.GET.get("page"))
    context = page.get_context(request)
    context.update(
        kinds=KIND_LABELS,
        kind=kind,
        error=error,
        page_obj=page_obj,
        items=selectors.with_covers(page_obj.object_list),
        events=selectors.upcoming_events(page, timezone.localdate()),
        extra_query=f"kind={kind}&" if kind else "",
    )
    return TemplateResponse(request, "convenience/tourism_index.html", context, status=status)


def tourism_calendar(request, page):
    today = timezone.localdate()
    year, month = selectors.parse_month(request.GET.get("month", ""), today)
    prev_y, prev_m = (year - 1, 12) if month == 1 else (year, month - 1)
    next_y, next_m = (year + 1, 1) if month == 12 else (year, month + 1)
    events = selectors.events_in_month(page, year, month)
    context = page.get_context(request)
    context.update(
        year=year,
        month=month,
        weeks=selectors.month_calendar(events, year, month, today),
        events=events,
        prev_month=f"{prev_y:04d}-{prev_m:02d}",
        next_month=f"{next_y:04d}-{next_m:02d}",
        weekdays=[_("一"), _("二"), _("三"), _("四"), _("五"), _("六"), _("日")],
    )
    return TemplateResponse(request, "convenience/tourism_calendar.html", context)
