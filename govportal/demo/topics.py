"""Demo data of 专题: the portal's 专题专栏 with two 专题 that gather articles (by keyword),
disclosure documents and their interpretations (chosen), and services (links) across sites.

Loaded by `govportal.demo.loader` after the areas (it picks their documents and items).
"""

from __future__ import annotations

from django.urls import reverse

from wagtail.models import Page

from govportal.cluster.models import SiteHomePage, SiteKind, TopicIndexPage, TopicItem, TopicLink, TopicPage
from govportal.demo import registry
from govportal.disclosure.choices import Category
from govportal.disclosure.models import DisclosureDocumentPage
from govportal.interaction.models import Mailbox
from govportal.servicehall.models import ServiceItem

TOPICS = [
    {
        "title": "优化营商环境",
        "slug": "yhyshj",
        "keyword": "优化营商环境",
        "agencies": ["SLS-SCJ", "SLS-GOV"],
        "services": ["企业设立登记", "食品经营许可", "公共场所卫生许可"],
        "intro": "<p>示例市持续深化“放管服”改革，推进企业开办、经营许可和涉企服务“一网通办”。"
        "本专题汇集全市优化营商环境的工作动态、政策文件及解读和常用涉企服务。</p>",
    },
    {
        "title": "义务教育招生入学",
        "slug": "ywjyzsrx",
        "keyword": "义务教育招生入学",
        "agencies": ["SLS-JYJ"],
        "services": ["教师资格认定"],
        "mailbox_of": "SLS-JYJ",
        "intro": "<p>每年春季，示例市教育局公布义务教育阶段学校招生入学政策、划片范围和报名时间。"
        "本专题汇集招生入学的通知公告、政策解读、报名服务和咨询渠道。</p>",
    },
]


def load(builder) -> None:
    portal = SiteHomePage.objects.get(kind=SiteKind.PORTAL)
    admin = builder.users.get("admin")
    index = TopicIndexPage(
        title="专题专栏",
        slug="zt",
        owner=admin,
        intro="围绕全市重点工作，汇集各网站的文章、政策文件、解读和办事服务。",
    )
    portal.add_child(instance=index)
    index.save_revision(user=admin).publish(user=admin)
    images = builder.images.get(registry.CITY_GOVERNMENT_CODE) or [None]
    for n, spec in enumerate(TOPICS):
        topic = TopicPage(
            title=spec["title"],
            slug=spec["slug"],
            owner=admin,
            intro=spec["intro"],
            keyword=spec["keyword"],
            cover_image=images[n % len(images)],
        )
        chosen = _documents(builder, spec["agencies"])
        topic.items = [TopicItem(page=page, sort_order=i) for i, page in enumerate(chosen)]
        links = []
        for name in spec["services"]:
            item = ServiceItem.objects.filter(is_published=True, name=name).first()
            if item is not None:
                links.append(TopicLink(title=f"{name}（办事指南）", url=reverse("servicehall:guide", args=[item.code])))
        box = (
            Mailbox.objects.filter(agency=builder.agencies[spec["mailbox_of"]]).first()
            if "mailbox_of" in spec
            else None
        )
        if box is not None:
            links.append(TopicLink(title=f"{box.name}（咨询）", url=reverse("interaction:mailbox", args=[box.slug])))
        topic.links = [TopicLink(title=link.title, url=link.url, sort_order=i) for i, link in enumerate(links)]
        index.add_child(instance=topic)
        topic.save_revision(user=admin).publish(user=admin)


def _documents(builder, codes: list[str]) -> list[Page]:
    """The latest interpretations of these agencies and the documents they interpret."""
    chosen: list[Page] = []
    for code in codes:
        agency = builder.agencies[code]
        home = SiteHomePage.objects.filter(agency=agency).first()
        if home is None:
            continue
        docs = (
            DisclosureDocumentPage.objects.live()
            .descendant_of(home)
            .filter(category=Category.INTERPRETATION)
            .select_related("interprets")
            .order_by("-first_published_at")[:2]
        )
        for doc in docs:
            chosen.append(doc)
            if doc.interprets is not None and doc.interprets.live:
                chosen.append(doc.interprets)
    seen: set[int] = set()
    return [p for p in chosen if not (p.pk in seen or seen.add(p.pk))]
