"""What 调查征集 publishes into search and the navigation (read by `ParticipationConfig.ready`).

# --- 意见征集 and 网上听证 (issue 22 points 2, 3; helper "drafts") -------------------------
- search: published drafts for comment (type 意见征集: title, explanation, articles, the
  feedback once published) and published hearings (type 网上听证: matter, place, the record
  once published). Saved or deleted rows re-index themselves (``model=``); the document
  looks at the row as it is now, so an unpublished one leaves the index.
- the cluster's navigation (`cluster.areas`): the 调查征集 entry of every site — a site whose
  agency has published drafts or hearings links to its own (``?agency=``). The portal home's
  block of what is open now is the surveys' block, which calls `selectors.open_drafts_now`
  and `selectors.open_hearings_now`.
- pre-rendering: none — these are plain Django views not marked `cacheable`, served live.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from govportal.cluster import areas
from govportal.participation.models_drafts import Hearing, Solicitation
from govportal.search import registry as search
from govportal.search.registry import Document


def _solicitations():
    return (
        Solicitation.objects.filter(is_published=True)
        .select_related("agency")
        .prefetch_related("articles")
        .order_by("pk")
    )


def solicitation_document(item) -> Document | None:
    if not item.is_published:
        return None
    articles = " ".join(f"{a.label} {a.text}" for a in item.articles.all())
    return Document(
        object_id=item.pk,
        title=item.title,
        body=" ".join(filter(None, [item.explanation, articles, item.feedback if item.feedback_published_at else ""])),
        url=reverse("participation:solicitation", args=[item.pk]),
        published_at=item.opens_at,
        agency_id=item.agency_id,
        site_name=item.agency.short_name,
    )


def _hearings():
    return Hearing.objects.filter(is_published=True).select_related("agency").order_by("pk")


def hearing_document(item) -> Document | None:
    if not item.is_published:
        return None
    return Document(
        object_id=item.pk,
        title=item.title,
        body=" ".join(filter(None, [item.matter, item.place, item.record if item.record_published_at else ""])),
        url=reverse("participation:hearing", args=[item.pk]),
        published_at=item.registration_opens_at,
        agency_id=item.agency_id,
        site_name=item.agency.short_name,
    )


search.register(
    search.SearchSource(
        key="solicitation",
        label=_("意见征集"),
        order=42,
        items=_solicitations,
        document=solicitation_document,
        model=Solicitation,
    )
)
search.register(
    search.SearchSource(
        key="hearing", label=_("网上听证"), order=43, items=_hearings, document=hearing_document, model=Hearing
    )
)


# --- the cluster's navigation (minimal: the surveys' branch owns the area entry) ----------


def _own_pages(homes) -> dict:
    mine = set(Solicitation.objects.filter(is_published=True).values_list("agency_id", flat=True))
    mine |= set(Hearing.objects.filter(is_published=True).values_list("agency_id", flat=True))
    url = reverse("participation:solicitations")
    return {
        h.pk: areas.Link(f"{url}?agency={h.agency_id}") for h in homes if h.agency_id in mine and h.kind != "portal"
    }


areas.register_area(
    areas.Area(
        key="canyu",
        label=_("调查征集"),
        intro=_("意见征集、网上听证"),
        order=36,
        city_link=lambda: areas.Link(reverse("participation:index")),
        own_links=_own_pages,
        watch=(Solicitation, Hearing),
    )
)

# --- end of 意见征集 and 网上听证 -------------------------------------------------------------
