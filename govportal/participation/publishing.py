"""What 调查征集 publishes into search, the navigation and the portal home (read by
`ParticipationConfig.ready`).

- the cluster's navigation (`cluster.areas`): the 调查征集 entry of every site — the site's
  agency's own listing (/canyu/?agency=<id>) where it has published something, else the city's
  /canyu/ — and the portal home's block "正在进行的调查征集" (every kind registered with
  `selectors.register_kind`, open now).
- pre-rendered files: a saved or deleted survey or evaluation refreshes every site's home and
  /canyu/; an item reaching its open or close time without a save refreshes them within a
  minute (`refresh_when_phases_change`, the periodic job ``participation_open_now``).
- search: published surveys (type 网上调查) and evaluations (type 网上评议); a save re-indexes.

- the final document of a draft (`Solicitation.final_document`, a page of 信息公开 or any
  area) lists its 反馈 under "相关互动" once the feedback is published
  (`register_page_backlinks`, key ``solicitations``): "意见征集反馈：<title>" to the draft's
  page at its feedback. A saved or deleted draft refreshes the stored files of its final
  document, the one it had before included.

- search, too: published drafts for comment (type 意见征集: title, explanation, articles, the
  feedback once published) and published hearings (type 网上听证: matter, place, the record
  once published); an unpublished one leaves the index.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from govportal.cluster import areas
from govportal.participation import selectors
from govportal.participation.models import Evaluation, Hearing, ParticipationStatus, Solicitation, Survey
from govportal.prerender import registry as prerender
from govportal.search import registry as search
from govportal.search.registry import Document

# --- the navigation and the portal home (shared) ------------------------------------------------

# Models whose change may change which sites have their own listing.
WATCHED: tuple[type, ...] = (Survey, Evaluation, Solicitation, Hearing)


def _own_listings(homes) -> dict:
    """Each site's own listing: /canyu/?agency=<id> for agencies with something published."""
    mine = {i.agency_id for i in selectors.listing()}
    url = reverse("participation:index")
    return {
        h.pk: areas.Link(f"{url}?agency={h.agency_id}") for h in homes if h.agency_id in mine and h.kind != "portal"
    }


def _open_now(request) -> dict | None:
    items = selectors.open_now(limit=6)
    return {"items": items} if items else None


areas.register_area(
    areas.Area(
        key="canyu",
        label=_("调查征集"),
        intro=_("网上调查、意见征集、网上听证、网上评议"),
        order=33,
        city_link=lambda: areas.Link(reverse("participation:index")),
        own_links=_own_listings,
        watch=WATCHED,
    )
)
areas.register_portal_block(
    areas.PortalBlock(key="canyu", order=15, template="participation/includes/portal_block.html", context=_open_now)
)


def _refresh_listings(sender, instance, **kwargs) -> None:
    """A saved or deleted survey/evaluation refreshes the stored home pages (their block
    "正在进行") and /canyu/ (free when pre-rendering is off)."""
    if prerender.enabled():
        prerender.urls_changed(["/", reverse("participation:index")])


PHASES_CACHE_KEY = "participation:open-now:phases"


def refresh_when_phases_change() -> bool:
    """Every minute (`tasks.py`): an item that opened or closed since the last run — with no
    save to trigger `_refresh_listings` — refreshes the stored home pages (the block
    "正在进行") and /canyu/. The phases of every public item are compared with the last run's
    (kept in the cache: Redis in production, where pre-rendering is on). True when refreshed."""
    if not prerender.enabled():
        return False
    phases = sorted((i.kind, i.url, i.phase) for i in selectors.listing())
    signature = hashlib.sha256(repr(phases).encode()).hexdigest()
    if cache.get(PHASES_CACHE_KEY) == signature:
        return False
    cache.set(PHASES_CACHE_KEY, signature, None)
    prerender.urls_changed(["/", reverse("participation:index")])
    return True


for _model in WATCHED:
    post_save.connect(_refresh_listings, sender=_model, dispatch_uid=f"participation_refresh_save_{_model.__name__}")
    post_delete.connect(_refresh_listings, sender=_model, dispatch_uid=f"participation_refresh_del_{_model.__name__}")

# --- search: surveys and evaluations ------------------------------------------


def _published(model):
    return lambda: model.objects.filter(status=ParticipationStatus.PUBLISHED).select_related("agency").order_by("pk")


def _document(url_name: str):
    def document(obj) -> Document | None:
        if obj.status != ParticipationStatus.PUBLISHED:
            return None
        return Document(
            object_id=obj.pk,
            title=obj.title,
            body=obj.intro,
            url=reverse(url_name, args=[obj.pk]),
            published_at=obj.opens_at,
            agency_id=obj.agency_id,
            site_name=obj.agency.short_name,
        )

    return document


search.register(
    search.SearchSource(
        key="survey",
        label=_("网上调查"),
        order=45,
        items=_published(Survey),
        document=_document("participation:survey"),
        model=Survey,
    )
)
search.register(
    search.SearchSource(
        key="evaluation",
        label=_("网上评议"),
        order=47,
        items=_published(Evaluation),
        document=_document("participation:evaluation"),
        model=Evaluation,
    )
)
# --- end of surveys and evaluations

# --- search: 意见征集 and 网上听证 -------------------------------------------------------------


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


# --- "相关互动" on a draft's final document, and its stored files ------------------------------


def _feedback_backlinks(page_ids: list[int]) -> dict[int, list[areas.Backlink]]:
    found: dict[int, list[areas.Backlink]] = {}
    rows = (
        Solicitation.objects.filter(
            final_document_id__in=page_ids, is_published=True, feedback_published_at__isnull=False
        )
        .order_by("-feedback_published_at", "-pk")
        .values_list("final_document_id", "pk", "title", "feedback_published_at")
    )
    for page_id, pk, title, published_at in rows:
        link = areas.Link(reverse("participation:solicitation", args=[pk]) + "#h-feedback")
        found.setdefault(page_id, []).append(areas.Backlink(_("意见征集反馈"), title, link, published_at))
    return found


areas.register_page_backlinks(areas.PageBacklinks(key="solicitations", order=20, find=_feedback_backlinks))


def _final_document_before(sender, instance, **kwargs) -> None:
    if prerender.enabled() and instance.pk:
        instance._final_before = (
            Solicitation.objects.filter(pk=instance.pk).values_list("final_document_id", flat=True).first()
        )


def _final_document_changed(sender, instance, **kwargs) -> None:
    """Feedback published, final document set or changed, draft unpublished or deleted: the
    final document's stored files (and the previous one's) show its link or no longer do."""
    if not prerender.enabled():
        return
    ids = {pk for pk in (instance.final_document_id, getattr(instance, "_final_before", None)) if pk is not None}
    if not ids:
        return

    def run():
        from wagtail.models import Page

        pages = list(Page.objects.filter(pk__in=ids))
        if pages:
            prerender.pages_changed(pages=pages)  # outside the transaction now: runs at once

    transaction.on_commit(run)


pre_save.connect(_final_document_before, sender=Solicitation, dispatch_uid="participation_final_document_before")
post_save.connect(_final_document_changed, sender=Solicitation, dispatch_uid="participation_final_document_saved")
post_delete.connect(_final_document_changed, sender=Solicitation, dispatch_uid="participation_final_document_del")

# The figures of the 政府网站工作年度报表 this area declares for the 监管 area.
from govportal.participation import yearly  # noqa: E402, F401
