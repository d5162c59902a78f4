"""Search sources of 互动交流: published letters ("互动回复", personal data masked) and
published FAQ entries ("热点解答"). Not page-based, so re-indexing is explicit: the actions
enqueue `tasks.sync_letter` / `tasks.sync_faq` on commit, and `sync` looks at the item as
it is now (a late or repeated task never resurrects an unpublished item)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from govportal.search import indexing
from govportal.search.sources import Document, SearchSource, register


def _letters():
    from govportal.interaction.selectors import published_letters

    return published_letters().order_by("pk")


def letter_document(letter) -> Document | None:
    from govportal.interaction.selectors import public_letter
    from govportal.interaction.workflow import LetterState

    if not letter.is_published or letter.case.state != LetterState.REPLIED:
        return None
    view = public_letter(letter)
    return Document(
        object_id=letter.pk,
        title=view.title,
        body=f"{view.content} {view.reply}",
        url=reverse("interaction:letter", args=[view.tracking_number]),
        published_at=letter.published_at or letter.replied_at,
        agency_id=letter.reply_agency_id,
        site_name=view.mailbox,
    )


def _faqs():
    from govportal.interaction.models import FaqEntry

    return FaqEntry.objects.filter(is_published=True).select_related("agency").order_by("pk")


def faq_document(entry) -> Document | None:
    if not entry.is_published:
        return None
    return Document(
        object_id=entry.pk,
        title=entry.question,
        body=entry.answer,
        url=reverse("interaction:faq_detail", args=[entry.pk]),
        published_at=entry.updated_at,
        agency_id=entry.agency_id,
        site_name=entry.agency.short_name,
        keywords=[entry.topic],
    )


def register_sources() -> None:
    register(SearchSource(key="letter", label=_("互动回复"), order=40, items=_letters, document=letter_document))
    register(SearchSource(key="faq", label=_("热点解答"), order=35, items=_faqs, document=faq_document))


def sync(key: str, object_id: int) -> None:
    from govportal.interaction.models import FaqEntry, Letter

    if key == "letter":
        item = Letter.objects.select_related("case", "mailbox", "reply_agency").filter(pk=object_id).first()
        doc = letter_document(item) if item else None
    else:
        item = FaqEntry.objects.select_related("agency").filter(pk=object_id).first()
        doc = faq_document(item) if item else None
    if doc is None:
        indexing.delete(key, [object_id])
    else:
        indexing.upsert([indexing.entry_for(key, doc)])


def _faq_saved(sender, instance, **kwargs):
    # FAQ rows are edited in the admin's model views as well as by `faq_promote`.
    from django.db import transaction

    from govportal.interaction.tasks import sync_faq

    transaction.on_commit(lambda: sync_faq.enqueue(instance.pk))


def connect() -> None:
    from django.db.models.signals import post_delete, post_save

    from govportal.interaction.models import FaqEntry

    post_save.connect(_faq_saved, sender=FaqEntry, dispatch_uid="interaction_faq_saved")
    post_delete.connect(_faq_saved, sender=FaqEntry, dispatch_uid="interaction_faq_deleted")
