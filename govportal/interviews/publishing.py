"""What 在线访谈 publishes into search, 专题, the navigation and the portal home (read by
`InterviewsConfig.ready`).

- search: published interviews (type 在线访谈): theme, introduction, guests, and — once
  the live has ended — the transcript and the written answers (masked as on the page).
  The source names the model, so a save re-indexes; the actions re-index on each step.
- 专题 (`register_topic_source`): a topic's keyword finds interviews by theme, introduction
  and summary.
- the navigation (`register_area`, key ``fangtan``, beside 互动交流) and a portal home block
  with the live, upcoming and latest interviews.
- pre-rendered reads: the live snapshot (`live.py`) is written by the actions on commit;
  the HTML pages carry a question form (a CSRF token), so they are rendered live.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from govportal.cluster import areas
from govportal.interviews import selectors
from govportal.interviews.models import Interview, InterviewState, QuestionState
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
