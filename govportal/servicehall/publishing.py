"""What 网上办事大厅 publishes into search and pre-rendering (read by `ServicehallConfig.ready`).

- search: service items (type 办事服务). Items are not pages: `item_reindex` is called on
  commit by the admin hooks that publish, change or unpublish an item (and the demo).
- pre-rendering: the list (``/banshi/``) and each item's 办事指南 (``/banshi/shixiang/<code>/``)
  are stored for anonymous readers like published pages, and refreshed after commit when
  what they show changes:

  - an item, one of its inline parts (materials, steps, co-departments, FAQ, downloads) or
    its online form: its guide (under its old code too, when the code changed) and the list;
  - a theme or life event: the list; an agency: the list and the guides of its items and of
    the items it co-handles (its name is on them).

  Application, status and personal pages are never stored (they use sessions or CSRF).
- the cluster's navigation (`cluster.areas`): the 网上办事 entry of every site — the hall
  filtered to the site's agency where it has items, else the whole hall — and the portal
  home's 热门服务 (the items with the most applications).
"""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _

from govportal.cluster import areas, supervision
from govportal.core.models import Agency
from govportal.prerender import registry as prerender
from govportal.search import indexing
from govportal.search import registry as search
from govportal.search.registry import Document
from govportal.servicehall import models as m
from govportal.servicehall import selectors
from govportal.servicehall.models import ServiceItem

# --- search ------------------------------------------------------------------------------

KEY = "service"


def _items():
    return (
        ServiceItem.objects.filter(is_published=True).select_related("agency").prefetch_related("themes").order_by("pk")
    )


def item_aliases(item) -> list[str]:
    """常用名称/别名, as the clerk typed them (spaces, commas or 、 between names)."""
    import re

    return [a for a in re.split(r"[\s,，、;；]+", item.aliases or "") if a]


def item_document(item) -> Document | None:
    if not item.is_published:
        return None
    # Its themes and life events (开餐馆, 生育收养) are words citizens search by too.
    themes = " ".join(t.name for t in item.themes.all())
    body = " ".join(p for p in [item.summary, item.conditions, item.legal_basis, item.agency.name, themes] if p)
    if item.online_url:
        action_url, action_label = item.online_url, _("在线办理")
    elif selectors.current_form(item) is not None:
        action_url, action_label = reverse("servicehall:apply", args=[item.code]), _("在线办理")
    else:
        action_url, action_label = reverse("servicehall:guide", args=[item.code]), _("查看办事指南")
    return Document(
        object_id=item.pk,
        title=item.name,
        body=body,
        url=reverse("servicehall:guide", args=[item.code]),
        published_at=item.created_at,
        agency_id=item.agency_id,
        site_name=item.agency.name,
        keywords=[item.code, item.get_item_type_display()],
        aliases=item_aliases(item),
        action_url=action_url,
        action_label=str(action_label),
    )


search.register(
    search.SearchSource(
        key=KEY, label=_("办事服务"), order=30, items=_items, document=item_document, direct_answer=True
    )
)


def _sync(item_ids: list[int]) -> None:
    items = {i.pk: i for i in ServiceItem.objects.filter(pk__in=item_ids).select_related("agency")}
    gone = []
    entries = []
    for pk in item_ids:
        doc = item_document(items[pk]) if pk in items else None
        if doc is None:
            gone.append(pk)
        else:
            entries.append(indexing.entry_for(KEY, doc))
    indexing.delete(KEY, gone)
    indexing.upsert(entries)


def item_reindex(item_ids: list[int]) -> None:
    """Bring the index in line with these items once the transaction commits."""
    transaction.on_commit(partial(_sync, list(item_ids)))


# --- pre-rendering -----------------------------------------------------------------------


def _urls(codes) -> list[str]:
    urls = [reverse("servicehall:index")]
    urls += [reverse("servicehall:guide", args=[code]) for code in sorted({c for c in codes if c})]
    return urls


def _changed(codes=()) -> None:
    prerender.urls_changed(_urls(codes))


def on_item_pre_save(sender, instance, **kwargs):
    if not prerender.enabled():
        return  # no stored files (the embedded default): no lookups either
    instance._prerender_old_code = (
        ServiceItem.objects.filter(pk=instance.pk).values_list("code", flat=True).first() if instance.pk else None
    )


def on_item_changed(sender, instance, **kwargs):
    _changed([instance.code, getattr(instance, "_prerender_old_code", None)])


def on_part_changed(sender, instance, **kwargs):
    if not prerender.enabled():
        return
    item = getattr(instance, "item", None)
    if item is None and getattr(instance, "form", None) is not None:
        item = instance.form.item  # a field of an online form
    _changed([item.code] if item is not None else [])


def on_topic_changed(sender, instance, **kwargs):
    _changed()


def on_agency_changed(sender, instance, **kwargs):
    if not prerender.enabled():
        return
    codes = ServiceItem.objects.filter(agency=instance).values_list("code", flat=True)
    co = ServiceItem.objects.filter(co_departments__agency=instance).values_list("code", flat=True)
    _changed([*codes, *co])


def on_form_changed(sender, instance, **kwargs):
    # A published (or withdrawn) online form changes the item's 在线办理 button in search.
    if instance.item_id:
        item_reindex([instance.item_id])


def connect() -> None:
    for signal in (post_save, post_delete):
        signal.connect(
            on_form_changed, sender=m.ServiceForm, dispatch_uid=f"servicehall_search_form_{signal is post_save}"
        )
    pre_save.connect(on_item_pre_save, sender=m.ServiceItem, dispatch_uid="servicehall_prerender_item_pre")
    for signal in (post_save, post_delete):
        name = "save" if signal is post_save else "delete"
        signal.connect(on_item_changed, sender=m.ServiceItem, dispatch_uid=f"servicehall_prerender_item_{name}")
        for part in (
            m.ServiceMaterial,
            m.ServiceStep,
            m.ServiceCoDepartment,
            m.ServiceFAQ,
            m.ServiceDownload,
            m.ServiceForm,
            m.FormField,
        ):
            signal.connect(on_part_changed, sender=part, dispatch_uid=f"servicehall_prerender_{part.__name__}_{name}")
        signal.connect(on_topic_changed, sender=m.ServiceTopic, dispatch_uid=f"servicehall_prerender_topic_{name}")
        signal.connect(on_agency_changed, sender=Agency, dispatch_uid=f"servicehall_prerender_agency_{name}")


connect()


# --- the cluster's navigation and the portal home (cluster.areas) -------------------------


def _own_services(homes) -> dict:
    """A site's 网上办事 entry: the hall filtered to its agency's items, where it has some."""
    with_items = set(ServiceItem.objects.filter(is_published=True).values_list("agency_id", flat=True).distinct())
    index = reverse("servicehall:index")
    return {
        h.pk: areas.Link(f"{index}?dept={h.agency_id}")
        for h in homes
        if h.agency_id in with_items and h.kind != "portal"
    }


HOT_SERVICES = 8


def _hot_services(request) -> dict | None:
    """热门服务: the published items with the most submitted applications (then by code)."""
    from django.db.models import Count

    counts = (
        m.Application.objects.filter(case__isnull=False, item__is_published=True)
        .values("item_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "item_id")[:HOT_SERVICES]
    )
    ids = [row["item_id"] for row in counts]
    items = {i.pk: i for i in ServiceItem.objects.filter(pk__in=ids).select_related("agency")}
    hot = [items[i] for i in ids if i in items]
    if len(hot) < HOT_SERVICES:
        more = ServiceItem.objects.filter(is_published=True).exclude(pk__in=ids).select_related("agency")
        hot += list(more.order_by("code")[: HOT_SERVICES - len(hot)])
    return {"services": hot} if hot else None


areas.register_area(
    areas.Area(
        key="banshi",
        label=_("网上办事"),
        intro=_("办事指南、在线申请、办件查询、好差评"),
        order=20,
        city_link=lambda: areas.Link(reverse("servicehall:index")),
        own_links=_own_services,
        column_slug="wsbs",
        watch=(ServiceItem,),
    )
)
areas.register_portal_block(
    areas.PortalBlock(
        key="hot_services", order=20, template="servicehall/includes/portal_block.html", context=_hot_services
    )
)


def _services_about(keyword: str, limit: int) -> list:
    """What a 专题's keyword finds here: published items with it in the name or summary."""
    from django.db.models import Q

    items = (
        ServiceItem.objects.filter(is_published=True)
        .filter(Q(name__icontains=keyword) | Q(summary__icontains=keyword))
        .select_related("agency")
        .order_by("agency__sort_order", "code")[:limit]
    )
    return [
        areas.TopicHit(i.name, areas.Link(reverse("servicehall:guide", args=[i.code])), note=i.agency.short_name)
        for i in items
    ]


areas.register_topic_source(areas.TopicSource(key="services", label=_("办事服务"), order=30, find=_services_about))


# --- the 监管 dashboard (cluster.supervision) ---------------------------------------------


def _online_licensing(agency_ids: list[int], now) -> dict:
    """Per department: (licensing items applicable online by the end of this year, licensing
    items) — the same count as the 网上办事统计 page (`stats.item_counts`)."""
    from django.utils import timezone

    from govportal.servicehall import stats

    year = timezone.localtime(now).year
    return {
        agency_id: (c.online_licence_items, c.licence_items)
        for agency_id, c in stats.item_counts(year, agency_ids=agency_ids).items()
        if c.licence_items
    }


def _rollout_plans(agency_ids: list[int], years: list[int]) -> dict:
    out: dict[int, dict] = {}
    plans = m.RolloutPlan.objects.filter(agency_id__in=agency_ids, year__in=years)
    for plan in plans.only("agency_id", "year", "planned_online_items", "measures", "supervisor_note"):
        out.setdefault(plan.agency_id, {})[plan.year] = supervision.PlanEntry(
            planned=plan.planned_online_items, measures=plan.measures, note=plan.supervisor_note
        )
    return out


def _targets() -> tuple:
    from decimal import Decimal

    from django.conf import settings

    return (
        Decimal(settings.GOVPORTAL_SERVICEHALL_TARGET_FIRST_YEAR) / 100,
        Decimal(settings.GOVPORTAL_SERVICEHALL_TARGET_END_OF_PLAN) / 100,
    )


supervision.register_agency_rate(
    supervision.AgencyRate(
        key="servicehall.online_licensing",
        label=_("行政许可事项网上可办率"),
        compute=_online_licensing,
        targets=_targets,
        target_labels=(_("首年目标"), _("规划期末目标")),
        source=_("网上办事统计（/banshi/tongji/）"),
    )
)
supervision.register_agency_plan(
    supervision.AgencyPlan(
        key="servicehall.rollout_plan",
        label=_("网上办事推进计划"),
        entries=_rollout_plans,
        rate="servicehall.online_licensing",
        url=reverse_lazy("wagtailsnippets_servicehall_rolloutplan:list"),
    )
)


# --- 监管 (govportal/monitor): the guides the 服务实用 veto indicator counts ----------------------


def guide_facts(agency_ids: list[int], now) -> list:
    """Each published item of the agencies whose guide lacks key elements (`selectors.KEY_ELEMENTS`,
    the indicator's ten): ``count`` is how many it lacks, ``detail`` which. The monitor
    applies the thresholds (``SERVICEHALL_VETO_*``, its alarm setting)."""
    from govportal.cluster.supervision import Finding

    items = (
        ServiceItem.objects.filter(agency_id__in=agency_ids, is_published=True)
        .prefetch_related("materials", "steps")
        .order_by("code")
    )
    found = []
    for item in items:
        missing = selectors.missing_key_elements(item)
        if missing:
            found.append(
                Finding(
                    agency_id=item.agency_id,
                    title=f"{item.code} {item.name}",
                    url=reverse("wagtailsnippets_servicehall_serviceitem:edit", args=[item.pk]),
                    count=len(missing),
                    detail="、".join(missing),
                )
            )
    return found


supervision.register_site_check(
    supervision.SiteCheck(key="servicehall.guides", label=_("服务实用"), measure=guide_facts)
)
# The figures of the 政府网站工作年度报表 this area declares for the 监管 area.
from govportal.servicehall import yearly  # noqa: E402, F401
