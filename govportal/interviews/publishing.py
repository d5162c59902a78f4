"""What 在线访谈 publishes into search, 专题, the navigation and the portal home (read by
`InterviewsConfig.ready`).

- search: published interviews (type 在线访谈): theme, introduction, guests, and — once
  the live has ended — the transcript and the written answers (masked as on the page).
  The source names the model, so a save re-indexes; the actions re-index on each step.
- 专题 (`register_topic_source`): a topic's keyword finds interviews by theme, introduction
  and summary.
- the navigation (`register_area`, key ``fangtan``, beside 互动交流) and a portal home block
  with the live, upcoming and latest interviews.
- the pages an interview is related to (`RelatedPage`: its policy documents and
  interpretation, of any area) list it under "相关互动" (`register_page_backlinks`, key
  ``interviews``): "在线访谈：<title>" to the interview's page (its 文字实录 once published),
  for published interviews only.
- pre-rendered reads: the live snapshot (`live.py`) is written by the actions on commit;
  the HTML pages carry a question form (a CSRF token), so they are rendered live. The
  related pages are stored files: a saved or deleted interview (published, started, ended,
  its transcript published) or related-page row refreshes the pages that show it.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from govportal.cluster import areas
from govportal.interviews import selectors
from govportal.interviews.models import Interview, InterviewState, QuestionState, RelatedPage
from govportal.prerender import registry as prerender
from govportal.search import registry as search
from govportal.search.registry import Document

# --- search ------------------------------------------------------------------------------


def _interviews():
    return selectors.published().order_by("pk")


def interview_document(interview) -> Document | None:
    if not interview.is_published:
        return None
    guests = " ".join(f"{g.name} {g.post}" for g in interview.guests.all())
    parts = [interview.intro, guests, interview.summary]
    if interview.state == InterviewState.ENDED:
        parts += [p.text for p in interview.posts.all()]
        parts += [
            f"{q.public_content} {q.written_answer}"
            for q in interview.questions.filter(state=QuestionState.WRITTEN).only("public_content", "written_answer")
        ]
    return Document(
        object_id=interview.pk,
        title=interview.title,
        body=" ".join(p for p in parts if p),
        url=reverse("interviews:detail", args=[interview.pk]),
        published_at=interview.starts_at,
        agency_id=interview.agency_id,
        site_name=interview.agency.short_name,
        keywords=["在线访谈"],
    )


search.register(
    search.SearchSource(
        key="interview",
        label=_("在线访谈"),
        order=36,
        items=_interviews,
        document=interview_document,
        model=Interview,
    )
)


# --- 专题 ------------------------------------------------------------------------------------


def _topic_hits(keyword: str, limit: int) -> list[areas.TopicHit]:
    return [
        areas.TopicHit(
            title=i.title,
            link=areas.Link(reverse("interviews:detail", args=[i.pk])),
            date=i.starts_at,
            note=str(i.get_state_display()),
        )
        for i in selectors.by_keyword(keyword, limit)
    ]


areas.register_topic_source(areas.TopicSource(key="interviews", label=_("在线访谈"), order=45, find=_topic_hits))


# --- the navigation and the portal home --------------------------------------------------


def _own_pages(homes) -> dict:
    """A department's site links to the list filtered to nothing more: the city's page is the
    one list (interviews are few); no site has an own part."""
    return {}


areas.register_area(
    areas.Area(
        key="fangtan",
        label=_("在线访谈"),
        intro=_("领导访谈、网友提问、文字直播和实录"),
        order=32,
        city_link=lambda: areas.Link(reverse("interviews:index")),
        own_links=_own_pages,
        watch=(Interview,),
    )
)


def _portal_interviews(request) -> dict | None:
    shown = list(selectors.upcoming()[:2]) + list(selectors.past()[:3])
    return {"interviews": shown} if shown else None


areas.register_portal_block(
    areas.PortalBlock(
        key="interviews", order=12, template="interviews/includes/portal_block.html", context=_portal_interviews
    )
)


# --- "相关互动" on the related pages, and their stored files ----------------------------------


def _backlinks(page_ids: list[int]) -> dict[int, list[areas.Backlink]]:
    found: dict[int, list[areas.Backlink]] = {}
    rows = (
        RelatedPage.objects.filter(page_id__in=page_ids, interview__is_published=True)
        .order_by("-interview__starts_at", "-interview_id")
        .values_list("page_id", "interview_id", "interview__title", "interview__starts_at")
    )
    for page_id, interview_id, title, starts_at in rows:
        link = areas.Link(reverse("interviews:detail", args=[interview_id]))
        found.setdefault(page_id, []).append(areas.Backlink(_("在线访谈"), title, link, starts_at))
    return found


areas.register_page_backlinks(areas.PageBacklinks(key="interviews", order=10, find=_backlinks))


def _refresh_pages(page_ids) -> None:
    """After the commit, the stored files of these pages (their "相关互动" changed)."""
    ids = {pk for pk in page_ids if pk is not None}

    def run():
        from wagtail.models import Page

        pages = list(Page.objects.filter(pk__in=ids)) if ids else []
        if pages:
            prerender.pages_changed(pages=pages)  # outside the transaction now: runs at once

    transaction.on_commit(run)


def _interview_saved(sender, instance, **kwargs) -> None:
    if not prerender.enabled():
        return
    pk = instance.pk

    def run():  # on commit: the related rows an admin form saves after the interview are in
        pages = [r.page for r in RelatedPage.objects.filter(interview_id=pk).select_related("page")]
        if pages:
            prerender.pages_changed(pages=pages)

    transaction.on_commit(run)


def _related_before(sender, instance, **kwargs) -> None:
    if prerender.enabled() and instance.pk:
        instance._page_before = RelatedPage.objects.filter(pk=instance.pk).values_list("page_id", flat=True).first()


def _related_changed(sender, instance, **kwargs) -> None:
    if prerender.enabled():
        _refresh_pages([instance.page_id, getattr(instance, "_page_before", None)])


post_save.connect(_interview_saved, sender=Interview, dispatch_uid="interviews_backlinks_interview_saved")
pre_save.connect(_related_before, sender=RelatedPage, dispatch_uid="interviews_backlinks_related_before")
post_save.connect(_related_changed, sender=RelatedPage, dispatch_uid="interviews_backlinks_related_saved")
post_delete.connect(_related_changed, sender=RelatedPage, dispatch_uid="interviews_backlinks_related_deleted")

# The figures of the 政府网站工作年度报表 this area declares for the 监管 area.
from govportal.interviews import yearly  # noqa: E402, F401
