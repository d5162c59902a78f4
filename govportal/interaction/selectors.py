"""Reads of 互动交流 whose answer depends on who asks or on what is public.

- Staff see a letter when their agency triages its mailbox, handles it, or was asked to
  countersign it; the information office (superusers) sees all — the rule is
  `access.letters_visible`. Anything else is a 404.
- The public sees replied letters that are published, always through `public_letter`,
  which masks personal data; and the FAQ entries that are published.
- A writer sees their own letter with the tracking number + query code (the kernel's
  rate-limited `case_for_citizen`).
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from uuid import uuid4

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from govportal.core import masking
from govportal.core.cases import stats as case_stats
from govportal.core.cases.models import Case, CaseEvent, Rectification
from govportal.core.cases.selectors import case_for_citizen
from govportal.core.cases.stats import Figures, RectificationFigures
from govportal.core.errors import NotFound
from govportal.core.models import Agency, User
from govportal.interaction import access
from govportal.interaction.actions import add_months, months_before
from govportal.interaction.models import FaqEntry, Letter, Mailbox
from govportal.interaction.workflow import KEY, LETTER, LetterState
from govportal.search.backends import Filters
from govportal.search.selectors import search

NOT_FOUND = "信件不存在"


# --- staff ------------------------------------------------------------------------------
# Who may see and do what is decided in `access`; these names stay importable from here.
is_triage = access.is_triage
is_handler = access.is_handler
is_reviewer = access.is_reviewer
open_countersign = access.open_countersign
may_promote_to_faq = access.may_promote_to_faq
faq_for_staff = access.faq_for_staff


def letters_for_staff(user: User) -> QuerySet[Letter]:
    qs = Letter.objects.select_related("case", "mailbox", "handling_agency", "mailbox__triage_agency")
    return access.letters_visible(user, qs)


def letter_for_staff(user: User, pk) -> Letter:
    try:
        return letters_for_staff(user).get(pk=int(pk))
    except (Letter.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound(NOT_FOUND) from exc


def work_queue(user: User, *, state: str = "", mailbox_id: int | None = None, q: str = "") -> QuerySet[Letter]:
    """Open letters the user's agency has to act on, soonest due first."""
    qs = letters_for_staff(user)
    if state == "closed":
        qs = qs.filter(case__is_open=False)
    elif state:
        qs = qs.filter(case__state=state)
    else:
        qs = qs.filter(case__is_open=True)
    if mailbox_id:
        qs = qs.filter(mailbox_id=mailbox_id)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(case__tracking_number__icontains=q.upper()))
    return qs.order_by("case__due_date", "received_at")


@dataclass(frozen=True)
class ThreeMonthRule:
    """The national check's interaction veto (STANDARDS §2): a valid message left unanswered
    for more than 3 months in the past year — letters still open beyond 3 months *and*
    letters answered more than 3 months after receipt within the past 12 months."""

    open_late: int
    answered_late: int

    @property
    def total(self) -> int:
        return self.open_late + self.answered_late


def answered_late(user: User, *, months: int = 3, today: date | None = None) -> int:
    """Letters the user sees answered in the past 12 months more than ``months`` calendar
    months after receipt (a late answer stays a breach for the year after it)."""
    from datetime import timedelta

    from django.db.models import F

    today = today or timezone.localdate()
    year_ago = months_before(today, 12)
    # A cheap bound in SQL (≥ 28 days a month), the exact calendar months in Python.
    candidates = letters_for_staff(user).filter(
        replied_at__date__gt=year_ago, received_at__lt=F("replied_at") - timedelta(days=28 * months)
    )
    count = 0
    for received, replied in candidates.values_list("received_at", "replied_at"):
        received_on, replied_on = timezone.localtime(received).date(), timezone.localtime(replied).date()
        if replied_on > add_months(received_on, months):
            count += 1
    return count


def three_month_rule(user: User) -> ThreeMonthRule:
    return ThreeMonthRule(open_late=open_since(user, months=3), answered_late=answered_late(user, months=3))


def open_since(user: User, *, months: int) -> int:
    """Open letters the user sees that were received more than ``months`` months ago: at 3,
    the national check's veto (a valid message unanswered for more than 3 months)."""
    cutoff = months_before(timezone.localdate(), months)
    return letters_for_staff(user).filter(case__is_open=True, received_at__date__lt=cutoff).count()


# --- public -----------------------------------------------------------------------------
def public_mailboxes() -> QuerySet[Mailbox]:
    return Mailbox.objects.filter(is_active=True).select_related("agency").prefetch_related("categories")


MAILBOXES_VERSION_KEY = "govportal:interaction:mailboxes-version"
MAILBOX_CACHE_SECONDS = 300  # a safety net: every change of a mailbox moves the version at once
_SLUG = re.compile(r"[-\w]{1,100}")


def mailboxes_changed(**kwargs) -> None:
    """Signal receiver: a mailbox, one of its categories or an agency changed. As
    `cluster.selectors.sites_changed`: the version moves at once and again after commit."""

    def bump():
        cache.set(MAILBOXES_VERSION_KEY, uuid4().hex, None)
        forget_mailboxes()

    bump()
    transaction.on_commit(bump)


# This process's copies, checked against the shared version at most once a second: a change
# made in another process shows here within a second, one made here at once.
_CHECK_EVERY = 1.0
_local: dict = {"version": None, "checked": float("-inf"), "boxes": {}}
_local_lock = threading.Lock()


def forget_mailboxes() -> None:
    with _local_lock:
        _local.update(version=None, checked=float("-inf"), boxes={})


def public_mailbox(slug: str) -> Mailbox:
    """An active mailbox with its agencies and categories (read-only: shared between
    requests). Every letter written looks one up, and its three queries were a sixth of the
    submission's database work, so it comes from this process's memory, else from the
    cache (Redis in production), else from the database."""
    if not _SLUG.fullmatch(slug or ""):
        raise NotFound("信箱不存在")
    now = time.monotonic()
    with _local_lock:
        if now - _local["checked"] >= _CHECK_EVERY:
            version = cache.get(MAILBOXES_VERSION_KEY, "0")
            if version != _local["version"]:
                _local.update(version=version, boxes={})
            _local["checked"] = now
        version, box = _local["version"], _local["boxes"].get(slug)
    if box is not None:
        return box
    key = f"govportal:interaction:mailbox:{version}:{slug}"
    box = cache.get(key)
    if box is None:
        box = public_mailboxes().select_related("triage_agency").filter(slug=slug).first()
        if box is None:
            raise NotFound("信箱不存在")
        cache.set(key, box, MAILBOX_CACHE_SECONDS)
    with _local_lock:
        if _local["version"] == version:
            _local["boxes"][slug] = box
    return box


def published_letters(*, mailbox: Mailbox | None = None, q: str = "", agency_id: int | None = None):
    qs = Letter.objects.filter(is_published=True, case__state=LetterState.REPLIED).select_related(
        "case", "mailbox", "reply_agency"
    )
    if mailbox is not None:
        qs = qs.filter(mailbox=mailbox)
    if agency_id:
        qs = qs.filter(reply_agency_id=agency_id)
    q = (q or "").strip()
    if q:
        for word in q.split()[:5]:
            qs = qs.filter(Q(title__icontains=word) | Q(content__icontains=word) | Q(reply__icontains=word))
    return qs.order_by("-replied_at", "-pk")


@dataclass(frozen=True)
class PublicLetter:
    """What the public may see of a letter: masked, no contact data."""

    tracking_number: str
    mailbox: str
    mailbox_slug: str
    category: str
    title: str
    content: str
    writer: str
    received_at: datetime
    replied_at: datetime | None
    reply_agency: str
    reply: str


def _public_numbers(agency) -> tuple[str, ...]:
    return ("12345", agency.phone) if agency is not None and agency.phone else ("12345",)


def public_letter(letter: Letter) -> PublicLetter:
    """Through the one masking function (`govportal.core.masking`), with the writer's name."""
    names = (letter.name,)
    return PublicLetter(
        tracking_number=letter.case.tracking_number,
        mailbox=letter.mailbox.name,
        mailbox_slug=letter.mailbox.slug,
        category=letter.get_category_display(),
        title=masking.mask_text(letter.title, names=names),
        content=masking.mask_text(letter.content, names=names),
        writer=masking.mask_name(letter.name),
        received_at=letter.received_at,
        replied_at=letter.replied_at,
        reply_agency=letter.reply_agency.name if letter.reply_agency else "",
        # A stock reply begins "{name}您好！" with the writer's full name: masked too.
        reply=masking.mask_text(letter.reply, keep=_public_numbers(letter.reply_agency), names=names),
    )


def published_letter(tracking_number: str) -> PublicLetter:
    letter = published_letters().filter(case__tracking_number=(tracking_number or "").upper()).first()
    if letter is None:
        raise NotFound(NOT_FOUND)
    return public_letter(letter)


def published_faq(*, q: str = "", agency_id: int | None = None, topic: str = "") -> QuerySet[FaqEntry]:
    qs = FaqEntry.objects.filter(is_published=True).select_related("agency")
    if agency_id:
        qs = qs.filter(agency_id=agency_id)
    if topic:
        qs = qs.filter(topic=topic)
    for word in (q or "").split()[:5]:
        qs = qs.filter(Q(question__icontains=word) | Q(answer__icontains=word) | Q(topic__icontains=word))
    return qs


def public_faq(pk) -> FaqEntry:
    try:
        return FaqEntry.objects.select_related("agency").get(pk=int(pk), is_published=True)
    except (FaqEntry.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound("该解答不存在") from exc


def suggestions(q: str, *, limit: int = 4) -> dict[str, list[dict]]:
    """FAQ entries and published answers related to what the citizen is typing, from the
    search index (word segmentation; nearest matches when not every word matches)."""
    q = (q or "").strip()[:100]
    out: dict[str, list[dict]] = {"faq": [], "letters": []}
    if len(q) < 2:
        return out
    for key, source in (("faq", "faq"), ("letters", "letter")):
        result = search(q, filters=Filters(source=source), per_page=limit)
        out[key] = [{"title": h.entry.title, "url": h.entry.url, "snippet": h.snippet_text} for h in result.hits]
    return out


# --- the writer -------------------------------------------------------------------------
@dataclass(frozen=True)
class WriterView:
    letter: Letter
    status: str
    history: list[tuple[datetime, str]]
    can_rate: bool


def submitted_letter(tracking_number: str) -> Letter:
    """The letter a submission just answered with (or a replay of it answers with again):
    the page shows its number and due date beside the code the writer holds."""
    return Letter.objects.select_related("case", "mailbox").get(case__tracking_number=tracking_number)


def letter_for_writer(*, tracking_number: str, query_code: str, client: str) -> Letter:
    case = case_for_citizen(tracking_number=tracking_number, query_code=query_code, client=client)
    if case.case_type != KEY:
        raise NotFound("办件编号或查询码不正确")
    return Letter.objects.select_related("case", "mailbox", "reply_agency", "handling_agency").get(case=case)


def writer_view(letter: Letter) -> WriterView:
    events = CaseEvent.objects.filter(case=letter.case, is_public=True).order_by("created_at", "id")
    rated = letter.rated_at is not None and letter.replied_at is not None and letter.rated_at >= letter.replied_at
    return WriterView(
        letter=letter,
        status=LETTER.states.get(letter.case.state, letter.case.state),
        history=[(e.created_at, e.label) for e in events],
        can_rate=letter.case.state == LetterState.REPLIED and not rated,
    )


# --- statistics -------------------------------------------------------------------------
@dataclass
class StatRow:
    """One row of 来信统计: a mailbox's or an agency's figures, as the kernel defines them
    (``govportal.core.cases.stats``: on time counts open overdue letters as not on time;
    satisfaction is 满意 or better of the one scale, 基本满意 included)."""

    key: int
    name: str
    figures: Figures
    rect: RectificationFigures = field(default_factory=RectificationFigures)

    @property
    def received(self) -> int:
        return self.figures.received

    @property
    def answered(self) -> int:
        return self.figures.answered

    @property
    def on_time(self) -> int:
        return self.figures.answered_on_time

    @property
    def late(self) -> int:
        return self.figures.answered_late

    @property
    def open(self) -> int:
        return self.figures.open

    @property
    def open_overdue(self) -> int:
        return self.figures.open_overdue

    @property
    def avg_days(self) -> float | None:
        return self.figures.average_working_days

    @property
    def rated(self) -> int:
        return self.figures.rated

    @property
    def satisfied(self) -> int:
        return self.figures.satisfied

    @property
    def on_time_rate(self) -> float | None:
        return self.figures.on_time_rate

    @property
    def answer_rate(self) -> float | None:
        return self.figures.answer_rate

    @property
    def satisfaction(self) -> float | None:
        return self.figures.satisfaction_rate


def _period(qs, date_from: date | None, date_to: date | None):
    if date_from:
        qs = qs.filter(received_at__date__gte=date_from)
    if date_to:
        qs = qs.filter(received_at__date__lte=date_to)
    return qs


def statistics(*, by: str = "mailbox", date_from: date | None = None, date_to: date | None = None) -> list[StatRow]:
    """来信统计 per mailbox, or per handling agency (letters assigned to one): received,
    answered, on time, open overdue, average working days to answer, satisfaction — every
    figure from the kernel's one definition (`core.cases.stats`). Refused letters and those
    pointed to the petition channel are not valid letters and are not counted."""
    cases = Case.objects.filter(case_type=KEY)
    if by == "agency":
        cases = cases.filter(letter__handling_agency__isnull=False, agency__isnull=False)
        group, rating_group, rect_group = "agency_id", "case__agency_id", "case__agency_id"
        names = dict(Agency.objects.values_list("pk", "short_name"))
    else:
        group, rating_group, rect_group = "letter__mailbox_id", "mailbox_id", "rated_case__letter__mailbox_id"
        names = dict(Mailbox.objects.values_list("pk", "name"))
    figures = case_stats.case_figures(cases, group=group, start=date_from, end=date_to)
    letters = Letter.objects.filter(case__in=cases.filter(case_stats.counted_q()))
    case_stats.add_ratings(
        figures, _period(letters, date_from, date_to), level="rating", group=rating_group, case="case"
    )
    # 整改率 / 回访率 of the bad ratings of these letters (received in the period).
    rects = Rectification.objects.filter(rated_case__in=cases)
    if date_from:
        rects = rects.filter(rated_case__letter__received_at__date__gte=date_from)
    if date_to:
        rects = rects.filter(rated_case__letter__received_at__date__lte=date_to)
    rect_figures = case_stats.rectification_figures(rects, group=rect_group)
    rows = [
        StatRow(key=k, name=names.get(k, ""), figures=f, rect=rect_figures.get(k, RectificationFigures()))
        for k, f in figures.items()
        if k is not None
    ]
    return sorted(rows, key=lambda r: (-r.received, r.name))


def export_rows(user: User, *, date_from: date, date_to: date):
    return _period(letters_for_staff(user), date_from, date_to).select_related("reply_agency").order_by("received_at")
