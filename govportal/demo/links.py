"""Demo data of 监管's link checker and scored indicators (govportal/monitor/links), loaded
last by the demo loader.

- The education bureau moved its website: three of its older 工作动态, imported from the old
  site, still link to pages of the decommissioned ``www.old-jyj.shili.invalid`` — the reserved
  ``.invalid`` domain (RFC 2606/6761) resolves nowhere, so these links are honestly broken on
  any machine; one of them still carries the old site's photo without alt text.
- 政策解读: every in-force 行政规范性文件 of the demo gets its 解读 (published two hours after
  it), except those of the 住房和城乡建设局 (at a small scale where it has none: of the first
  other department that has some), which the indicator then shows.
- Then the checker runs twice (yesterday and today, as the daily job would have), requesting
  only the ``.invalid`` addresses (refused as "no such name" without asking DNS): they end up
  broken in 链接检查 and in 内外链接可用性. Every other external address of the demo waits for
  the first daily run. No network.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile

from wagtail.images import get_image_model
from wagtail.models import Page, Revision
from wagtail.signals import page_published

from govportal.cluster.models import SiteHomePage, SiteKind
from govportal.cluster.permissions import agency_collection
from govportal.demo import images
from govportal.demo.text import Text
from govportal.disclosure.choices import Category, DocKind, Validity
from govportal.disclosure.models import DisclosureDocumentPage
from govportal.monitor.links import checker

OLD_SITE = "http://www.old-jyj.shili.invalid"
UNINTERPRETED_AGENCY = "SLS-ZJJ"  # 住房和城乡建设局: its 规范性文件 wait for their 解读
ARTICLES = [
    (
        "教育局召开2023年秋季开学工作部署会",
        f'<p>会议通报了秋季开学准备情况，详见<a href="{OLD_SITE}/xwzx/2023/0828/1201.html">原网站通知</a>。</p>'
        "<p>会议要求各校做好校舍安全排查、教材征订和师资配备工作。</p>",
    ),
    (
        "我市公布2023年义务教育阶段学校招生划片范围",
        f'<p>各学校划片范围见<a href="{OLD_SITE}/zwgk/zsgz/2023/hpfw.html">招生划片范围表</a>，'
        f'报名流程见<a href="{OLD_SITE}/bsfw/zsbm/index.html">招生报名指南</a>。</p>',
    ),
    (
        "教育局开展校园食品安全专项检查",
        f'<p>检查情况通报附件：<a href="{OLD_SITE}/uploads/2023/spjc.pdf">校园食品安全检查情况通报</a>。</p>'
        "<p>专项检查覆盖全市中小学和幼儿园食堂。</p>",
    ),
]


def load(builder) -> None:
    _old_articles(builder)
    _interpretations(builder)
    for day in (1, 0):
        checker.run(now=builder.now - timedelta(days=day), only_hosts=lambda host: host.endswith(".invalid"))


def _old_articles(builder) -> None:
    home = builder.homes["SLS-JYJ"]
    column = home.get_children().get(slug="gzdt").specific
    owner = builder.users.get("jyj_editor") or builder.users["admin"]
    photo = get_image_model()(
        title="原网站食堂检查照片",  # imported with the old site's articles: no description (alt text)
        file=ContentFile(images.landscape(builder.rng), name="demo-old-jyj-photo.jpg"),
        collection=agency_collection(home.agency),
        uploaded_by_user=builder.users["admin"],
    )
    photo._set_image_file_metadata()
    photo.save()
    for n, (title, body) in enumerate(ARTICLES):
        when = builder.now - timedelta(days=400 + 30 * n)
        cover = {"cover_image": photo} if n == len(ARTICLES) - 1 else {}
        piece = Text(title=title, body=body, summary=title, author="教育局办公室")
        builder._publish(column, piece, when, owner=owner, **cover)


def _interpretations(builder) -> None:
    docs = (
        DisclosureDocumentPage.objects.live()
        .filter(doc_kind=DocKind.NORMATIVE, validity=Validity.IN_FORCE, interpretations__isnull=True)
        .order_by("path")
    )
    homes = list(SiteHomePage.objects.select_related("agency").order_by("-depth"))
    by_home = [(next(h for h in homes if doc.path.startswith(h.path)), doc) for doc in docs]
    # The 住房和城乡建设局's wait for their 解读; at a scale where it has none older than the
    # indicator's grace days, the first other department's that has one (never the portal's).
    overdue = builder.now - timedelta(days=settings.GOVPORTAL_MONITOR_INTERPRETATION_GRACE_DAYS + 1)
    candidates = [
        h.agency.code
        for h, doc in by_home
        if h.kind == SiteKind.DEPARTMENT and h.agency.code != "SLS-JYJ" and doc.first_published_at < overdue
    ]
    skipped = UNINTERPRETED_AGENCY if UNINTERPRETED_AGENCY in candidates else next(iter(candidates), None)
    owner = builder.users["admin"]
    for n, (home, doc) in enumerate(by_home):
        if home.agency.code == skipped:
            continue
        when = doc.first_published_at + timedelta(hours=2)
        interpretation = DisclosureDocumentPage(
            title=f"《{doc.title}》政策解读",
            draft_title=f"《{doc.title}》政策解读",
            slug=f"jd{n + 1:05d}",
            owner=owner,
            live=True,
            has_unpublished_changes=False,
            first_published_at=when,
            last_published_at=when,
            latest_revision_created_at=when,
            summary=f"{home.agency.short_name}解读{doc.title}。",
            date_made=doc.date_made,
            category=Category.INTERPRETATION,
            topic=doc.topic,
            doc_kind=DocKind.OTHER,
            interprets=doc,
            body="<p>一、制定背景。</p><p>二、主要内容。</p><p>三、适用范围和施行时间。</p>",
        )
        doc.get_parent().add_child(instance=interpretation)
        revision = Revision.objects.create(
            content_object=interpretation,
            base_content_type=interpretation.get_base_content_type(),
            user=owner,
            content=interpretation.serializable_data(),
            object_str=interpretation.title,
            created_at=when,
        )
        Page.objects.filter(pk=interpretation.pk).update(latest_revision=revision, live_revision=revision)
        page_published.send(sender=DisclosureDocumentPage, instance=interpretation, revision=revision)
