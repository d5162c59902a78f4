"""What 互动交流 publishes into search, and what its changes refresh (read by
`InteractionConfig.ready`).

- search: active mailboxes (type 信箱; a query naming one — 市长信箱 — shows it as a direct
  answer with its 写信 button; saved or deleted mailboxes re-index themselves), published letters (type 互动回复, personal data masked) and published FAQ entries
  (type 热点解答). Not page-based, so re-indexing is explicit: the actions enqueue
  `tasks.sync_letter` on commit, a saved or deleted FAQ row enqueues `tasks.sync_faq` (rows
  are edited in the admin's model views as well as by `faq_promote`), and `sync` looks at
  the item as it is now (a late or repeated task never resurrects an unpublished item).
- caches: the cached mailbox (`selectors.public_mailbox`).
- the cluster's navigation (`cluster.areas`): the 互动交流 entry of every site — its agency's
  own mailbox where it has one, else /hudong/ — and the portal home's block of 书记信箱/市长
  信箱 with the latest published replies (masked).
"""

from __future__ import annotations

from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from govportal.cluster import areas, supervision
from govportal.core.models import Agency
from govportal.interaction import tasks
from govportal.interaction.models import FaqEntry, Letter, Mailbox, MailboxCategory, MailboxKind
from govportal.interaction.selectors import mailboxes_changed, public_letter, published_letters
from govportal.interaction.workflow import LetterState
from govportal.search import indexing
from govportal.search import registry as search
from govportal.search import signals as search_signals
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
    search_signals.after_commit(lambda: tasks.sync_faq.enqueue(instance.pk))


post_save.connect(_faq_saved, sender=FaqEntry, dispatch_uid="interaction_faq_saved")
post_delete.connect(_faq_saved, sender=FaqEntry, dispatch_uid="interaction_faq_deleted")


# --- caches ------------------------------------------------------------------------------

# What the cached mailbox (`selectors.public_mailbox`) holds.
for _model in (Mailbox, MailboxCategory, Agency):
    _name = _model.__name__
    post_save.connect(mailboxes_changed, sender=_model, dispatch_uid=f"mailboxes_changed_save_{_name}")
    post_delete.connect(mailboxes_changed, sender=_model, dispatch_uid=f"mailboxes_changed_delete_{_name}")


# --- the cluster's navigation and the portal home (cluster.areas) -------------------------


def _own_mailboxes(homes) -> dict:
    """Each site's own mailbox: the first active mailbox of the site's agency."""
    by_agency: dict[int, str] = {}
    for agency_id, slug in (
        Mailbox.objects.filter(is_active=True).order_by("sort_order", "pk").values_list("agency_id", "slug")
    ):
        by_agency.setdefault(agency_id, slug)
    return {
        h.pk: areas.Link(reverse("interaction:mailbox", args=[by_agency[h.agency_id]]))
        for h in homes
        if h.agency_id in by_agency and h.kind != "portal"  # the portal's entry: every mailbox
    }


def _portal_mailboxes(request) -> dict | None:
    """书记信箱 and 市长信箱 first (then the other city-wide boxes), and the latest replies,
    masked as everywhere public (`public_letter`)."""
    boxes = list(
        Mailbox.objects.filter(
            is_active=True, kind__in=[MailboxKind.SECRETARY, MailboxKind.MAYOR, MailboxKind.SUPERVISION]
        )
        .order_by("sort_order", "pk")
        .only("name", "slug", "kind", "intro")
    )
    order = {MailboxKind.SECRETARY: 0, MailboxKind.MAYOR: 1}
    boxes.sort(key=lambda b: order.get(b.kind, 2))
    replies = [public_letter(letter) for letter in published_letters()[:6]]
    if not boxes and not replies:
        return None
    return {"mailboxes": boxes, "replies": replies}


areas.register_area(
    areas.Area(
        key="hudong",
        label=_("互动交流"),
        intro=_("书记信箱、市长信箱、部门信箱、热点解答"),
        order=30,
        city_link=lambda: areas.Link(reverse("interaction:index")),
        own_links=_own_mailboxes,
        column_slug="hdjl",
        watch=(Mailbox,),
    )
)
areas.register_portal_block(
    areas.PortalBlock(
        key="mailboxes", order=10, template="interaction/includes/portal_block.html", context=_portal_mailboxes
    )
)


# --- the 监管 dashboard (cluster.supervision) ---------------------------------------------


def _reply_rows(by: str, date_from, date_to) -> list:
    """来信统计 as the 来信统计 page publishes it (`selectors.statistics`, the kernel's one
    definition of each figure), per mailbox or per handling agency."""
    from govportal.cluster import supervision
    from govportal.interaction.selectors import statistics

    owners = dict(Mailbox.objects.values_list("pk", "agency_id")) if by == "mailbox" else {}
    return [
        supervision.ReplyRow(
            key=r.key,
            name=r.name,
            agency_id=owners.get(r.key) if by == "mailbox" else r.key,
            figures=r.figures,
        )
        for r in statistics(by=by, date_from=date_from, date_to=date_to)
    ]


def _register_reply_times() -> None:
    from govportal.cluster import supervision

    supervision.register_reply_times(
        supervision.ReplyTimes(
            key="interaction.letters",
            label=_("互动交流来信答复"),
            rows=_reply_rows,
            source=_("来信统计（/hudong/tongji/）"),
        )
    )


_register_reply_times()
# --- 监管 (govportal/monitor): the letters the 互动回应 veto indicator counts --------------------


def letter_facts(agency_ids: list[int], now) -> list:
    """The valid letters (not refused, not referred to petitions) of the agencies' mailboxes
    that the national check's year can count: every letter still open, and every letter
    answered in the past year — with its received and answered dates. The monitor applies the
    three months and its alarm days. No personal data: the tracking number and category."""
    from datetime import timedelta

    from govportal.cluster.supervision import Finding
    from govportal.interaction.models import Category
    from govportal.interaction.workflow import OPEN_STATES

    valid = Letter.objects.filter(mailbox__agency_id__in=agency_ids).exclude(
        case__state__in=[LetterState.REFUSED, LetterState.PETITION]
    )
    open_q = Q(case__state__in=list(OPEN_STATES))
    answered_q = Q(replied_at__gte=now - timedelta(days=366))
    rows = valid.filter(open_q | answered_q).values_list(
        "pk", "mailbox__agency_id", "case__tracking_number", "category", "received_at", "replied_at", "case__state"
    )
    labels = dict(Category.choices)
    return [
        Finding(
            agency_id=agency_id,
            title=f"{number}（{labels.get(category, category)}）",
            url=reverse("interaction_admin:detail", args=[pk]),
            since=received,
            until=None if state in OPEN_STATES else replied,
        )
        for pk, agency_id, number, category, received, replied, state in rows
    ]


supervision.register_site_check(
    supervision.SiteCheck(key="interaction.letters", label=_("互动回应"), measure=letter_facts)
)
# The figures of the 政府网站工作年度报表 this area declares for the 监管 area.
from govportal.interaction import yearly  # noqa: E402, F401
