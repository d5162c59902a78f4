"""The scored (non-veto) indicators of this part, registered into `monitor.indicators`:

| key | indicator | measured | deducts when |
|---|---|---|---|
| ``links`` | 内外链接可用性 | broken addresses the link checker recorded on the site's pages | more than ``MONITOR_BROKEN_LINKS_MAX`` |
| ``images_alt`` | 图片替代文字 | images on the site's published pages without alt text (`cluster.alt_text`) | more than ``MONITOR_IMAGES_WITHOUT_ALT_MAX`` |
| ``site_code`` | 网站标识码 | the site's 网站标识码 in its registry data (a sub-site's: its parent's), and the ``SiteIDCode`` meta of its rendered home | either is empty |
| ``interpretations`` | 政策解读 | 规范性文件 published more than ``MONITOR_INTERPRETATION_GRACE_DAYS`` ago without a 解读 (declared by 信息公开: ``disclosure.interpretations``) | more than ``MONITOR_UNINTERPRETED_MAX`` |

Each is ``ok`` or ``deduct`` (``unknown`` when what it needs is missing), never a veto.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.fields import RichTextField
from wagtail.models import Page

from govportal.cluster.alt_text import embedded_images_without_alt
from govportal.cluster.models import SiteHomePage
from govportal.cluster.supervision import Finding, site_check
from govportal.monitor.indicators import Indicator, Measurement, State, register
from govportal.monitor.links.collect import tags_of
from govportal.monitor.links.models import LinkOccurrence

ORDER = 100  # after the veto indicators


def edit_url(page_id: int) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page_id])


def site_pages(site: SiteHomePage):
    """The live pages of ``site`` itself: its subtree without the sub-sites nested in it (a
    township's site lives in the portal's tree but is measured on its own)."""
    pages = Page.objects.live().descendant_of(site, inclusive=True)
    for nested in SiteHomePage.objects.descendant_of(site).values_list("path", flat=True):
        pages = pages.exclude(path__startswith=nested)
    return pages


def _state(count: int, allowed: int) -> State:
    return State.DEDUCT if count > allowed else State.OK


# --- 内外链接可用性 ------------------------------------------------------------------------------


def measure_links(site: SiteHomePage, now: datetime) -> Measurement:
    occurrences = (
        LinkOccurrence.objects.filter(site=site, target__broken=True, target__first_failed_at__lte=now)
        .select_related("target", "page")
        .order_by("target__url", "page__title")
    )
    findings: dict[int, Finding] = {}
    for occ in occurrences:
        if occ.target_id in findings:
            continue
        findings[occ.target_id] = Finding(
            agency_id=site.agency_id,
            title=occ.target.url if "://" in occ.target.url else f"{occ.written}（{occ.page.title}）",
            url=edit_url(occ.page_id),
            since=occ.target.first_failed_at,
            detail=occ.target.error,
        )
    count = len(findings)
    return Measurement(
        state=_state(count, settings.GOVPORTAL_MONITOR_BROKEN_LINKS_MAX),
        value=count,
        summary=_("不可用链接 %(n)d 个（允许 %(max)d 个）")
        % {"n": count, "max": settings.GOVPORTAL_MONITOR_BROKEN_LINKS_MAX},
        findings=list(findings.values()),
    )


# --- 图片替代文字 --------------------------------------------------------------------------------

_IMG = "img"


def images_without_alt(page) -> int:
    """Images of one page without a text alternative: its cover image without a description
    (Wagtail uses it as the alt text), rich-text image embeds without alt, a raw ``img``
    without ``alt``."""
    count = 0
    cover = getattr(page, "cover_image", None)
    if cover is not None and not (cover.description or "").strip():
        count += 1
    for field in page._meta.concrete_fields:
        if isinstance(field, RichTextField):
            html = getattr(page, field.attname) or ""
            count += embedded_images_without_alt(html)
            count += sum(1 for tag, attrs in tags_of(html) if tag == _IMG and not attrs.get("alt", "").strip())
    return count


def measure_images_alt(site: SiteHomePage, now: datetime) -> Measurement:
    findings = []
    pages = site_pages(site).filter(first_published_at__lte=now).specific(defer=False)
    for page in pages.iterator(chunk_size=200):
        missing = images_without_alt(page)
        if missing:
            findings.append(
                Finding(
                    agency_id=site.agency_id,
                    title=page.title,
                    url=edit_url(page.pk),
                    since=page.last_published_at,
                    count=missing,
                )
            )
    count = sum(f.count for f in findings)
    allowed = settings.GOVPORTAL_MONITOR_IMAGES_WITHOUT_ALT_MAX
    return Measurement(
        state=_state(count, allowed),
        value=count,
        summary=_("%(pages)d 个页面中有 %(n)d 张图片缺少替代文字（允许 %(max)d 张）")
        % {"pages": len(findings), "n": count, "max": allowed},
        findings=findings,
    )


# --- 网站标识码 ----------------------------------------------------------------------------------

_META = re.compile(r"<meta\s+name=\"SiteIDCode\"\s+content=\"([^\"]*)\"", re.I)


def rendered_site_code(site: SiteHomePage) -> str | None:
    """The ``SiteIDCode`` meta of the site's home as an anonymous reader gets it (rendered
    in-process through the whole Django stack, no network); None when there is none."""
    from django.test import Client  # renders in-process, like the pre-rendering does

    parts = site.get_url_parts()
    if parts is None:
        return None
    _site_id, root_url, path = parts
    host = root_url.split("://", 1)[-1].split("/", 1)[0]
    response = Client(HTTP_HOST=host).get(path, secure=getattr(settings, "SECURE_SSL_REDIRECT", False))
    if response.status_code != 200:
        return None
    match = _META.search(response.content.decode("utf-8", "replace"))
    return match.group(1).strip() if match else None


def measure_site_code(site: SiteHomePage, now: datetime) -> Measurement:
    # A sub-site without its own code shows its parent site's (`SiteHomePage.registry`).
    registered = (site.registry.site_code or "").strip()
    rendered = rendered_site_code(site)
    problems = []
    if not registered:
        problems.append(_("网站登记信息中没有网站标识码（本站和上级网站都没有）"))
    if not rendered:
        problems.append(_("首页的 SiteIDCode 标签为空或缺失"))
    elif registered and rendered != registered:
        problems.append(_("首页的 SiteIDCode 与登记的网站标识码不一致"))
    findings = [
        Finding(
            agency_id=site.agency_id,
            title=site.title,
            url=reverse("wagtailadmin_pages:edit", args=[site.pk]),
            detail="；".join(problems),
            count=site_pages(site).count(),
        )
    ]
    if not problems:
        return Measurement(state=State.OK, value=0, summary=_("网站标识码 %(code)s") % {"code": registered})
    pages = findings[0].count
    return Measurement(
        state=State.DEDUCT,
        value=pages,
        summary=_("%(n)d 个页面缺少网站标识码：%(why)s") % {"n": pages, "why": "；".join(problems)},
        findings=findings,
    )


# --- 政策解读 ------------------------------------------------------------------------------------

INTERPRETATIONS_CHECK = "disclosure.interpretations"


def measure_interpretations(site: SiteHomePage, now: datetime) -> Measurement:
    check = site_check(INTERPRETATIONS_CHECK)
    if check is None:
        return Measurement(state=State.UNKNOWN, value=0, summary=_("信息公开未提供规范性文件的解读情况"))
    grace = timedelta(days=settings.GOVPORTAL_MONITOR_INTERPRETATION_GRACE_DAYS)
    findings = [
        f
        for f in check.measure([site.agency_id], now)  # asked for this site's agency only
        if f.until is None and (f.since is None or f.since <= now - grace)
    ]
    findings.sort(key=lambda f: (f.since is None, f.since))
    allowed = settings.GOVPORTAL_MONITOR_UNINTERPRETED_MAX
    return Measurement(
        state=_state(len(findings), allowed),
        value=len(findings),
        summary=_("%(n)d 件规范性文件没有政策解读（允许 %(max)d 件）") % {"n": len(findings), "max": allowed},
        findings=findings,
    )


register(
    Indicator(
        key="links",
        label=gettext_lazy("内外链接可用性"),
        veto=False,
        order=ORDER,
        measure=measure_links,
        rule=gettext_lazy("网站页面上的站内链接和外部链接应当可以正常访问，发现不可用链接扣分。"),
    )
)
register(
    Indicator(
        key="images_alt",
        label=gettext_lazy("图片替代文字"),
        veto=False,
        order=ORDER + 1,
        measure=measure_images_alt,
        rule=gettext_lazy("页面中的图片应当提供替代文字（GB/T 37668 信息无障碍），缺少时扣分。"),
    )
)
register(
    Indicator(
        key="site_code",
        label=gettext_lazy("网站标识码"),
        veto=False,
        order=ORDER + 2,
        measure=measure_site_code,
        rule=gettext_lazy("每个页面应当在 SiteIDCode 标签中标注网站标识码（政府网站发展指引），缺少时扣分。"),
    )
)
register(
    Indicator(
        key="interpretations",
        label=gettext_lazy("政策解读"),
        veto=False,
        order=ORDER + 3,
        measure=measure_interpretations,
        rule=gettext_lazy("行政规范性文件应当同步发布政策解读，没有解读的扣分。"),
    )
)
