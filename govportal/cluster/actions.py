"""Every write to the cluster: sites, columns, synchronised publishing.

Keyword-only arguments, an explicit actor, one transaction, an audit entry in Wagtail's
log (so the information office sees it in the admin's history).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.log_actions import log
from wagtail.models import Page, Site

from govportal.cluster import access, selectors
from govportal.cluster.column_sets import COLUMN_SETS
from govportal.cluster.models import (
    ArticlePage,
    ColumnLayout,
    ColumnPage,
    ColumnType,
    SiteHomePage,
    SiteKind,
    SyncOffer,
    SyncStatus,
    UrgentNotice,
)
from govportal.cluster.permissions import agency_permissions_sync
from govportal.cluster.publishing import urgent_notices_changed
from govportal.core.errors import Conflict, InvalidInput, NotAllowed
from govportal.core.models import Agency, AgencyKind, User

# Which agency kinds may own which site kinds.
SITE_KIND_FOR_AGENCY = {
    AgencyKind.CITY_GOVERNMENT: {SiteKind.PORTAL},
    AgencyKind.DEPARTMENT: {SiteKind.DEPARTMENT},
    AgencyKind.TOWNSHIP: {SiteKind.TOWNSHIP},
    AgencyKind.PARTY_MASS: {SiteKind.PARTY_MASS},
    AgencyKind.INSTITUTION: {SiteKind.INSTITUTION},
    AgencyKind.DUAL_MANAGED: {SiteKind.DUAL_MANAGED},
    AgencyKind.VILLAGE: {SiteKind.VILLAGE},
}


@transaction.atomic
def site_create(
    *,
    actor: User | None,
    agency: Agency,
    kind: str,
    title: str,
    slug: str,
    parent: Page | None = None,
    hostname: str | None = None,
    port: int = 80,
    site_code: str = "",
    icp_record: str = "",
    psb_record: str = "",
    conac_code: str = "",
    host_unit: str = "",
    with_columns: bool = True,
) -> SiteHomePage:
    """Create a site home page with its column set, and the agency's groups, collection,
    permissions and workflow. With ``hostname`` it is a registered site (own Wagtail Site);
    without, a sub-site under ``parent`` (the portal home, or a township for a village)."""
    if kind not in SITE_KIND_FOR_AGENCY.get(agency.kind, set()):
        raise InvalidInput(_("该单位类型不能开设此类网站。"), field="kind")
    if hostname is None and parent is None:
        raise InvalidInput(_("子站必须指定上级网站。"), field="parent")
    if kind == SiteKind.VILLAGE and not (
        isinstance(parent.specific if parent else None, SiteHomePage) and parent.specific.kind == SiteKind.TOWNSHIP
    ):
        raise InvalidInput(_("村/社区页面必须建在所属乡镇/街道网站下。"), field="parent")
    if hostname and Site.objects.filter(hostname=hostname, port=port).exists():
        raise Conflict(_("该域名已被其他网站使用。"))

    home = SiteHomePage(
        title=title,
        slug=slug,
        agency=agency,
        kind=kind,
        site_code=site_code,
        icp_record=icp_record,
        psb_record=psb_record,
        conac_code=conac_code,
        host_unit=host_unit or agency.name,
        contact_address=agency.address,
        contact_phone=agency.phone,
        owner=actor,
    )
    home.full_clean(exclude=["path", "depth", "url_path"])
    (parent or Page.get_first_root_node()).add_child(instance=home)
    if hostname:
        Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            site_name=title,
            is_default_site=kind == SiteKind.PORTAL and not Site.objects.filter(is_default_site=True).exists(),
        )
    if with_columns:
        for column_title, column_slug, layout, column_type in COLUMN_SETS[kind]:
            _column_add(home, title=column_title, slug=column_slug, layout=layout, column_type=column_type, actor=actor)
        # Areas add their own columns (e.g. 政府信息公开) without cluster importing them.
        for fn in hooks.get_hooks("govportal_site_columns"):
            fn(home=home, actor=actor)

    agency_permissions_sync(agency)
    parent_home = parent.specific if parent is not None else None
    if isinstance(parent_home, SiteHomePage) and parent_home.agency_id != agency.pk:
        # The parent agency now has a foreign site beneath it: its roots move to its columns.
        agency_permissions_sync(parent_home.agency)
    log(instance=home, action="govportal.site_create", user=actor, data={"hostname": hostname or ""})
    return home


def _column_add(
    parent: Page, *, title: str, slug: str, layout: str, column_type: str, actor: User | None, **fields
) -> ColumnPage:
    column = ColumnPage(title=title, slug=slug, layout=layout, column_type=column_type, owner=actor, **fields)
    parent.add_child(instance=column)
    return column


@transaction.atomic
def column_create(
    *,
    actor: User | None,
    parent: Page,
    title: str,
    slug: str,
    layout: str = ColumnLayout.LIST,
    column_type: str = ColumnType.NEWS,
    **fields,
) -> ColumnPage:
    """Add a column to a site (or a sub-column) and keep the owning agency's permissions right."""
    column = _column_add(parent, title=title, slug=slug, layout=layout, column_type=column_type, actor=actor, **fields)
    home = SiteHomePage.objects.ancestor_of(column).order_by("-depth").first()
    if home is not None:
        agency_permissions_sync(home.agency)
    log(instance=column, action="wagtail.create", user=actor)
    return column


@transaction.atomic
def site_columns_complete(*, actor: User | None, home: SiteHomePage) -> list[ColumnPage]:
    """Add the columns of the site's kind (`column_sets`) that it lacks — for sites made
    before a column joined the set (the village pages' 农技知识, 致富信息, 生活常识 of issue 23).
    A column with the same slug, whatever its title, counts as present. Idempotent."""
    present = set(ColumnPage.objects.child_of(home).values_list("slug", flat=True))
    added = [
        _column_add(home, title=title, slug=slug, layout=layout, column_type=column_type, actor=actor)
        for title, slug, layout, column_type in COLUMN_SETS.get(home.kind, [])
        if slug not in present
    ]
    if added:
        agency_permissions_sync(home.agency)
        for column in added:
            log(instance=column, action="wagtail.create", user=actor)
    return added


def _is_portal_column(column: ColumnPage) -> bool:
    return selectors.portal_offer_columns().filter(pk=column.pk).exists()


@transaction.atomic
def article_offer(*, actor: User, article: ArticlePage, columns: list[ColumnPage]) -> list[SyncOffer]:
    """同步发布 — offer an article of the actor's own site to portal columns."""
    if not access.can_edit_page(actor, article):
        raise NotAllowed(_("只能推送本单位的文章。"))
    if not article.live:
        # The portal's reviewers must be able to read what they accept, and may not see drafts.
        raise InvalidInput(_("文章发布后才能推送到门户。"))
    if not columns:
        raise InvalidInput(_("请至少选择一个门户栏目。"), field="columns")
    offers = []
    for column in columns:
        if not _is_portal_column(column):
            raise InvalidInput(_("只能推送到门户网站的文章列表栏目。"), field="columns")
        if column.pk == article.get_parent().pk:
            raise InvalidInput(_("文章已在该栏目中。"), field="columns")
        offer, created = SyncOffer.objects.get_or_create(article=article, column=column, defaults={"offered_by": actor})
        if not created:
            if offer.status in (SyncStatus.OFFERED, SyncStatus.ACCEPTED):
                continue
            offer.status = SyncStatus.OFFERED
            offer.offered_by = actor
            offer.offered_at = timezone.now()
            offer.decided_by = None
            offer.decided_at = None
            offer.reason = ""
            offer.save()
        log(instance=article, action="govportal.sync_offer", user=actor, data={"column": column.title})
        offers.append(offer)
    return offers


def _decide(*, actor: User, offer: SyncOffer, status: str, reason: str) -> SyncOffer:
    offer = SyncOffer.objects.select_for_update().get(pk=offer.pk)
    if not access.can_decide_offer(actor, offer):
        raise NotAllowed(_("只有门户栏目的审核人可以审核推送的文章。"))
    if offer.status != SyncStatus.OFFERED:
        raise Conflict(_("该推送已处理，不能重复审核。"))
    offer.status = status
    offer.decided_by = actor
    offer.decided_at = timezone.now()
    offer.reason = reason
    offer.save()
    log(
        instance=offer.article,
        action=f"govportal.sync_{status}",
        user=actor,
        data={"column": offer.column.title, "reason": reason},
    )
    return offer


@transaction.atomic
def sync_offer_accept(*, actor: User, offer: SyncOffer) -> SyncOffer:
    return _decide(actor=actor, offer=offer, status=SyncStatus.ACCEPTED, reason="")


@transaction.atomic
def sync_offer_decline(*, actor: User, offer: SyncOffer, reason: str) -> SyncOffer:
    if not reason.strip():
        raise InvalidInput(_("不予采用时请填写理由。"), field="reason")
    return _decide(actor=actor, offer=offer, status=SyncStatus.DECLINED, reason=reason.strip())


@transaction.atomic
def sync_offer_withdraw(*, actor: User, offer: SyncOffer) -> SyncOffer:
    offer = SyncOffer.objects.select_for_update().get(pk=offer.pk)
    if not access.can_edit_page(actor, offer.article):
        raise NotAllowed(_("只能撤回本单位推送的文章。"))
    if offer.status not in (SyncStatus.OFFERED, SyncStatus.ACCEPTED):
        raise Conflict(_("该推送已结束，无需撤回。"))
    offer.status = SyncStatus.WITHDRAWN
    offer.save(update_fields=["status"])
    log(instance=offer.article, action="govportal.sync_withdrawn", user=actor, data={"column": offer.column.title})
    return offer


# --- urgent information (紧急信息) ---------------------------------------------------------


@transaction.atomic
def urgent_notice_publish(*, actor: User, title: str, body: str, link: str = "") -> UrgentNotice:
    """Publish a notice about a 重大突发公共事件: on commit every site's banner shows it (the
    pages fetch it from `/jinji.json`) and the site homes are rendered again with it, the
    portal's first (`publishing.urgent_notices_changed`)."""
    if not access.may_publish_urgent_notice(actor):
        raise NotAllowed(_("只有市政府签发领导和市信息办可以发布紧急信息。"))
    title, body, link = (title or "").strip(), (body or "").strip(), (link or "").strip()
    if not title:
        raise InvalidInput(_("请填写紧急信息的标题。"), field="title")
    if len(title) > 60:
        raise InvalidInput(_("标题不能超过60个字。"), field="title")
    if not body:
        raise InvalidInput(_("请填写紧急信息的内容。"), field="body")
    if len(body) > 500:
        raise InvalidInput(_("内容不能超过500个字。"), field="body")
    if link and not link.startswith(("/", "https://", "http://")):
        raise InvalidInput(_("详情链接须以 / 或 http(s):// 开头。"), field="link")
    notice = UrgentNotice.objects.create(title=title, body=body, link=link, published_by=actor)
    log(instance=notice, action="govportal.urgent_publish", user=actor, data={"title": title})
    urgent_notices_changed()
    return notice


@transaction.atomic
def urgent_notice_withdraw(*, actor: User, notice: UrgentNotice) -> UrgentNotice:
    if not access.may_publish_urgent_notice(actor):
        raise NotAllowed(_("只有市政府签发领导和市信息办可以撤下紧急信息。"))
    notice = UrgentNotice.objects.select_for_update().get(pk=notice.pk)
    if notice.withdrawn_at is not None:
        raise Conflict(_("该紧急信息已撤下。"))
    notice.withdrawn_at = timezone.now()
    notice.withdrawn_by = actor
    notice.save(update_fields=["withdrawn_at", "withdrawn_by"])
    log(instance=notice, action="govportal.urgent_withdraw", user=actor, data={"title": notice.title})
    urgent_notices_changed()
    return notice
