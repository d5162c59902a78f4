"""What 互动交流 publishes into search, and what its changes refresh (read by
`InteractionConfig.ready`).

- search: active mailboxes (type 信箱; a query naming one — 市长信箱 — shows it as a direct
  answer with its 写信 button; saved or deleted mailboxes re-index themselves), published letters (type 互动回复, personal data masked) and published FAQ entries
  (type 热点解答). Not page-based, so re-indexing is explicit: the actions enqueue
  `tasks.sync_letter` on commit, a saved or deleted FAQ row enqueues `tasks.sync_faq` (rows
  are edited in the admin's model views as well as by `faq_promote`), and `sync` looks at
  the item as it is now (a late or repeated task never resurrects an unpublished item).
- caches: the cached mailbox (`selectors.public_mailbox`).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from govportal.core.models import Agency
from govportal.interaction import tasks
from govportal.interaction.models import FaqEntry, Letter, Mailbox, MailboxCategory
from govportal.interaction.selectors import mailboxes_changed, public_letter, published_letters
from govportal.interaction.workflow import LetterState
from govportal.search import indexing
from govportal.search import registry as search
from govportal.search.registry import Document

# --- search ------------------------------------------------------------------------------


def _letters():
    return published_letters().order_by("pk")


def letter_document(letter) -> Document | None:
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


def _mailboxes():
    return Mailbox.objects.filter(is_active=True).select_related("agency").order_by("pk")


def _mailbox_aliases(name: str) -> list[str]:
    """What citizens type for a mailbox: 市长信箱 → 市长邮箱, 给市长写信."""
    who = name.removesuffix("信箱")
    return [f"{who}邮箱", f"给{who}写信"] if who and who != name else []


def mailbox_document(box) -> Document | None:
    if not box.is_active:
        return None
    return Document(
        object_id=box.pk,
        title=box.name,
        body=f"{box.intro} {box.agency.name}".strip(),
        url=reverse("interaction:mailbox", args=[box.slug]),
        published_at=None,
        agency_id=box.agency_id,
        site_name=box.agency.short_name,
        aliases=_mailbox_aliases(box.name),
        action_url=reverse("interaction:write", args=[box.slug]),
        action_label=str(_("写信")),
    )


search.register(
    search.SearchSource(
        key="mailbox",
        label=_("信箱"),
        order=38,
        items=_mailboxes,
        document=mailbox_document,
        model=Mailbox,
        direct_answer=True,
    )
)
search.register(
    search.SearchSource(key="letter", label=_("互动回复"), order=40, items=_letters, document=letter_document)
)
search.register(search.SearchSource(key="faq", label=_("热点解答"), order=35, items=_faqs, document=faq_document))


def sync(key: str, object_id: int) -> None:
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
    transaction.on_commit(lambda: tasks.sync_faq.enqueue(instance.pk))


post_save.connect(_faq_saved, sender=FaqEntry, dispatch_uid="interaction_faq_saved")
post_delete.connect(_faq_saved, sender=FaqEntry, dispatch_uid="interaction_faq_deleted")


# --- caches ------------------------------------------------------------------------------

# What the cached mailbox (`selectors.public_mailbox`) holds.
for _model in (Mailbox, MailboxCategory, Agency):
    _name = _model.__name__
    post_save.connect(mailboxes_changed, sender=_model, dispatch_uid=f"mailboxes_changed_save_{_name}")
    post_delete.connect(mailboxes_changed, sender=_model, dispatch_uid=f"mailboxes_changed_delete_{_name}")
