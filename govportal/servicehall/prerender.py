"""Pre-rendered 网上办事大厅 pages: the list (``/banshi/``) and each item's 办事指南
(``/banshi/shixiang/<code>/``) are stored for anonymous readers like published pages
(`govportal.prerender`), and refreshed after commit when what they show changes:

- an item, one of its inline parts (materials, steps, co-departments, FAQ, downloads) or its
  online form: its guide (under its old code too, when the code changed) and the list;
- a theme or life event: the list; an agency: the list and the guides of its items and of
  the items it co-handles (its name is on them).

Application, status and personal pages are never stored (they use sessions or CSRF).
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save, pre_save
from django.urls import reverse


def _urls(codes) -> list[str]:
    urls = [reverse("servicehall:index")]
    urls += [reverse("servicehall:guide", args=[code]) for code in sorted({c for c in codes if c})]
    return urls


def _changed(codes=()) -> None:
    from govportal.prerender import urls_changed

    urls_changed(_urls(codes))


def _enabled() -> bool:
    from govportal.prerender import store

    return store.enabled()


def on_item_pre_save(sender, instance, **kwargs):
    from govportal.servicehall.models import ServiceItem

    if not _enabled():
        return  # no stored files (the embedded default): no lookups either
    instance._prerender_old_code = (
        ServiceItem.objects.filter(pk=instance.pk).values_list("code", flat=True).first() if instance.pk else None
    )


def on_item_changed(sender, instance, **kwargs):
    _changed([instance.code, getattr(instance, "_prerender_old_code", None)])


def on_part_changed(sender, instance, **kwargs):
    if not _enabled():
        return
    item = getattr(instance, "item", None)
    if item is None and getattr(instance, "form", None) is not None:
        item = instance.form.item  # a field of an online form
    _changed([item.code] if item is not None else [])


def on_topic_changed(sender, instance, **kwargs):
    _changed()


def on_agency_changed(sender, instance, **kwargs):
    from govportal.servicehall.models import ServiceItem

    if not _enabled():
        return
    codes = ServiceItem.objects.filter(agency=instance).values_list("code", flat=True)
    co = ServiceItem.objects.filter(co_departments__agency=instance).values_list("code", flat=True)
    _changed([*codes, *co])


def connect() -> None:
    from govportal.core.models import Agency
    from govportal.servicehall import models as m

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
