"""Build the demo cluster of 示例市 through the real actions.

Sites, columns, agency groups, collections, permissions and workflows come from
`cluster.actions.site_create`; synchronised publishing from `article_offer` and
`sync_offer_accept/decline`; review tasks from the agencies' real workflows. Published
articles are seeded directly (one page insert and one revision each, with the intended
publish time) — the review workflow is bypassed on purpose, as for any data migration.

The loader refuses to run on a database that already has sites: it is not idempotent.
"""

from __future__ import annotations

import hashlib
import os
import random
import secrets
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.signals import page_published

from govportal.cluster import actions
from govportal.cluster.models import (
    ArticlePage,
    ClusterNavPage,
    ColumnLayout,
    ColumnPage,
    ColumnType,
    SiteHomePage,
    SiteKind,
    SyncStatus,
)
from govportal.cluster.permissions import agency_collection, agency_groups
from govportal.core.errors import Conflict
from govportal.core.models import Agency, AgencyKind, Role, User
from govportal.demo import convenience as convenience_demo
from govportal.demo import convenience_query as convenience_query_demo  # 公共查询
from govportal.demo import disclosure as disclosure_demo
from govportal.demo import enterprise as enterprise_demo
from govportal.demo import images, indexes, registry, text
from govportal.demo import interaction as interaction_demo
from govportal.demo import interviews as interviews_demo  # 在线访谈
from govportal.demo import links as links_demo  # 监管: 链接检查
from govportal.demo import monitor as monitor_demo  # 监管: the self-check's results
from govportal.demo import monitor_dashboards as monitor_dashboards_demo  # 监管看板
from govportal.demo import monitor_yearly as monitor_yearly_demo  # 政府网站工作年度报表
from govportal.demo import office as office_demo
from govportal.demo import participation as participation_demo
from govportal.demo import participation_drafts as participation_drafts_demo
from govportal.demo import search as search_demo
from govportal.demo import servicehall as servicehall_demo
from govportal.demo import topics as topics_demo
from govportal.demo import villages as villages_demo  # 村村有网页
from govportal.demo import wording as wording_demo  # 错敏词 (govportal/monitor)
from govportal.demo.registry import AgencySpec

LOCAL_TZ = ZoneInfo("Asia/Shanghai")
SEED = 20261127

# Articles per list column at scale 1, by (site kind, column slug); other columns by type.
ARTICLE_PLAN: dict[tuple[str, str], tuple[str, int]] = {
    (SiteKind.PORTAL, "zwyw"): ("city_news", 45),
    (SiteKind.PORTAL, "tzgg"): ("notice", 20),
    (SiteKind.PORTAL, "bmdt"): ("unit_news", 12),
    (SiteKind.PORTAL, "xzdt"): ("unit_news", 10),
    (SiteKind.PORTAL, "zcwj"): ("policy", 16),
    (SiteKind.PORTAL, "zcjd"): ("interpretation", 10),
    (SiteKind.DEPARTMENT, "gzdt"): ("news", 12),
    (SiteKind.DEPARTMENT, "tzgg"): ("notice", 6),
    (SiteKind.DEPARTMENT, "zcwj"): ("policy", 4),
    (SiteKind.TOWNSHIP, "xzdt"): ("news", 9),
    (SiteKind.TOWNSHIP, "tzgg"): ("notice", 4),
    (SiteKind.TOWNSHIP, "cwgk"): ("village_affairs", 5),
    (SiteKind.TOWNSHIP, "ycyp"): ("specialty", 3),
    (SiteKind.TOWNSHIP, "njzs"): ("farming", 4),
    (SiteKind.TOWNSHIP, "zfxx"): ("wealth", 3),
    (SiteKind.TOWNSHIP, "shcs"): ("living", 3),
    (SiteKind.VILLAGE, "cwgk"): ("village_affairs", 4),
    (SiteKind.VILLAGE, "njzs"): ("farming", 2),  # 村村有网页
    (SiteKind.VILLAGE, "zfxx"): ("wealth", 1),
    (SiteKind.VILLAGE, "shcs"): ("living", 1),
}
# The village columns of issue 23, filled from their own random stream (`_own_random_stream`).
VILLAGE_FARM_COLUMNS = {(SiteKind.VILLAGE, "njzs"), (SiteKind.VILLAGE, "zfxx"), (SiteKind.VILLAGE, "shcs")}
PLAN_BY_TYPE = {
    ColumnType.NEWS: ("news", 7),
    ColumnType.NOTICE: ("notice", 3),
    ColumnType.POLICY: ("policy", 3),
}
# How recent the newest article of a column is (days), so the checks find the demo fresh.
FRESHNESS_DAYS = {ColumnType.NEWS: 4, ColumnType.NOTICE: 45, ColumnType.POLICY: 60}
HISTORY_DAYS = 730
PORTAL_HEADLINES = 8
DEPARTMENT_HEADLINES = 2


@dataclass
class DemoSummary:
    agencies: int = 0
    sites: int = 0
    articles: int = 0
    images: int = 0
    offers: dict[str, int] = field(default_factory=dict)
    workflow_tasks: int = 0
    scheduled: int = 0
    staff: int = 0
    indexed: int = 0  # site search entries, built during the load
    seconds: float = 0.0


def demo_password() -> str:
    """The password of every demo account. Embedded and test settings: the published
    `registry.DEMO_PASSWORD`. Production settings (`make serve`): a random one, made at the
    first demo load and kept in ``var/demo_password`` (owner-only) — a server that runs with
    production settings never has an account whose password is printed in the README."""
    if not getattr(settings, "PRODUCTION", False):
        return registry.DEMO_PASSWORD
    path = settings.VAR_DIR / "demo_password"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    password = secrets.token_urlsafe(12)
    with os.fdopen(fd, "w") as out:
        out.write(password + "\n")
    return password


def demo_is_loaded() -> bool:
    return Agency.objects.filter(code=registry.CITY_GOVERNMENT_CODE).exists()


def load_demo(*, scale: float = 1.0, seed: int = SEED, log: Callable[[str], None] = lambda msg: None) -> DemoSummary:
    """Create the whole demo cluster in one transaction. ``scale`` multiplies the number
    of articles per column (every list column keeps at least one)."""
    if demo_is_loaded():
        raise Conflict("示例市演示数据已经载入，不能重复载入。")
    if SiteHomePage.objects.exists():
        raise Conflict("数据库中已有网站，演示数据只能载入到没有网站的新数据库。")
    started = time.monotonic()
    # Search, Wagtail's reference index and admin search are built in bulk at the end of the
    # load, not by one queued task per page (demo/indexes.py): search is complete on commit.
    with transaction.atomic(), indexes.tasks_held_back() as held:
        builder = _Builder(scale=scale, seed=seed, log=log)
        summary = builder.run()
        summary.indexed = indexes.build(held, step=builder._step)["site_search"]
    analyze_after_bulk_load()
    summary.seconds = time.monotonic() - started
    return summary


def analyze_after_bulk_load() -> None:
    """PostgreSQL plans from table statistics; right after a bulk load they still describe
    empty tables (autovacuum catches up only later), and e.g. a home page's headline query
    then walks every page of the portal. Refresh them at once."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


class _Builder:
    def __init__(self, *, scale: float, seed: int, log: Callable[[str], None]) -> None:
        self.scale = scale
        self.rng = random.Random(seed)
        self.writer = text.Writer(self.rng)
        self.log = log
        # Anchor "now" to the minute so that reruns within a day look alike.
        self.now = timezone.now().astimezone(LOCAL_TZ).replace(second=0, microsecond=0)
        self.summary = DemoSummary()
        self.started = time.monotonic()
        self.agencies: dict[str, Agency] = {}
        self.homes: dict[str, SiteHomePage] = {}
        self.users: dict[str, User] = {}
        self.published: list[tuple[ArticlePage, Revision]] = []
        self.slug_serial = 0

    def run(self) -> DemoSummary:
        self._step("单位名录")
        self._agencies()
        self._step("网站和栏目")
        self._sites()
        self._staff()
        self._step("单页栏目")
        self._single_pages()
        self._step("图片")
        self._images()
        self._step("文章")
        self._articles()
        self._publish_log()
        self._step("同步发布、审核待办和定时发布")
        self._sync_offers()
        self._workflow_drafts()
        self._scheduled()
        self._areas()
        return self.summary

    def _areas(self) -> None:
        # Each area's demo data is ``govportal.demo.<area>.load(builder)``, loaded in this order
        # (the FAQ and letters may point at disclosure documents, applications at FAQ).
        for label, area in (
            ("政府信息公开", disclosure_demo),
            ("互动交流", interaction_demo),
            ("在线访谈", interviews_demo),
            ("网上办事大厅", servicehall_demo),
            ("调查征集", participation_demo),
            ("意见征集、网上听证", participation_drafts_demo),
            ("便民服务：旅游文化和便民服务目录", convenience_demo),
            ("公共查询", convenience_query_demo),
            ("村村有网页", villages_demo),
            ("专题", topics_demo),
            ("企业风采和招商引资", enterprise_demo),  # govportal/demo/enterprise.py (before search)
            ("监管看板：未建网站的单位、网上可办率", monitor_dashboards_demo),  # before search (its items)
            ("站内搜索", search_demo),
            ("协同办公", office_demo),
            ("监管：链接检查", links_demo),  # govportal/demo/links.py (last: it reads every page)
            ("错敏词", wording_demo),  # last: its sweep reads every published page
            ("网站监管自查", monitor_demo),  # last: it checks every site as loaded
            ("政府网站工作年度报表", monitor_yearly_demo),  # last: it counts the other areas' records
        ):
            self._step(label)
            area.load(self)

    def _step(self, what: str) -> None:
        self.log(f"[{time.monotonic() - self.started:5.1f} 秒] {what}……")

    # --- registry ----------------------------------------------------------------------
    def _agencies(self) -> None:
        for n, spec in enumerate(registry.ALL_AGENCIES):
            self.agencies[spec.code] = Agency.objects.create(
                code=spec.code,
                name=spec.name,
                short_name=spec.short_name,
                kind=spec.kind,
                parent=self.agencies.get(spec.parent),
                head=spec.head,
                functions=spec.functions,
                address=spec.address,
                postcode="410000",
                office_hours=registry.OFFICE_HOURS,
                phone=spec.phone,
                fax=spec.phone[:-1] + "8",
                sort_order=(n + 1) * 10,
            )
        self.summary.agencies = len(self.agencies)

    def _sites(self) -> None:
        serial = 0

        def registered(spec: AgencySpec) -> dict:
            nonlocal serial
            serial += 1
            return {
                "hostname": spec.hostname,
                "site_code": f"{registry.DIVISION_CODE}{serial:04d}",
                "icp_record": f"湘ICP备2026{1000 + serial:04d}号-1",
                "psb_record": f"湘公网安备 {registry.DIVISION_CODE}02{serial:06d}号",
                # 党政机关网站标识: the demo's registered sites carry an issued code (32 hex
                # characters, as the registry hands them out).
                "conac_code": hashlib.md5(f"conac-{spec.hostname}".encode()).hexdigest().upper(),
            }

        city = registry.CITY_GOVERNMENT
        portal = self._site(city, parent=None, **registered(city), title="示例市人民政府")
        portal.add_child(
            instance=ClusterNavPage(
                title="网站群导航",
                slug="wzqdh",
                intro=text._p("示例市人民政府网站群由市政府门户网站和各部门、乡镇（街道）、村（社区）网站组成。"),
            )
        )
        for spec in registry.DEPARTMENTS:
            if spec.hostname:
                self._site(spec, parent=None, **registered(spec))
            else:
                self._site(spec, parent=portal)
        for spec in [*registry.PARTY_MASS, *registry.INSTITUTIONS, *registry.DUAL_MANAGED]:
            self._site(spec, parent=portal)
        for spec in registry.TOWNSHIPS:
            self._site(spec, parent=portal)
        for spec in registry.VILLAGES:
            self._site(spec, parent=self.homes[spec.parent])
        self.summary.sites = len(self.homes)

    def _site(self, spec: AgencySpec, *, parent: Page | None, title: str = "", **registered) -> SiteHomePage:
        home = actions.site_create(
            actor=None,
            agency=self.agencies[spec.code],
            kind=spec.site_kind,
            title=title or (spec.short_name if spec.kind == AgencyKind.VILLAGE else spec.name),
            slug=spec.slug,
            parent=parent,
            host_unit=spec.name,
            **registered,
        )
        home.intro = text._p(f"{spec.name}：{spec.functions.split('；')[0]}。")
        home.save(update_fields=["intro"])
        self.homes[spec.code] = home
        return home

    def _staff(self) -> None:
        password = make_password(demo_password())  # hashed once: hashing is slow
        city = self.agencies[registry.CITY_GOVERNMENT_CODE]
        last, first = registry.ADMIN_NAME
        self.users["admin"] = User.objects.create(
            username=registry.ADMIN_USERNAME,
            password=password,
            is_staff=True,
            is_superuser=True,
            agency=city,
            last_name=last,
            first_name=first,
        )
        for staff in registry.demo_staff():
            agency = self.agencies[staff.agency_code]
            user = User.objects.create(
                username=staff.username,
                password=password,
                agency=agency,
                last_name=staff.last_name,
                first_name=staff.first_name,
            )
            user.groups.add(agency_groups(agency)[staff.role])
            self.users[staff.username] = user
        self.summary.staff = len(self.users)

    # --- single pages and images -------------------------------------------------------
    def _single_pages(self) -> None:
        specs = {s.code: s for s in registry.ALL_AGENCIES}
        for code, home in self.homes.items():
            spec = specs[code]
            for column in ColumnPage.objects.child_of(home).filter(layout=ColumnLayout.SINGLE):
                if column.slug == "zjss":
                    body = text.city_intro()
                elif column.slug in text.PORTAL_ENTRY_PAGES and code == registry.CITY_GOVERNMENT_CODE:
                    body = text.PORTAL_ENTRY_PAGES[column.slug]
                elif column.slug == "xxgk":
                    body = text.disclosure_column(spec)
                elif column.slug == "xzgk":
                    body = text.township_overview(spec, [v for v in registry.VILLAGES if v.parent == code])
                elif column.slug == "cqjj":
                    body = text.village_overview(spec, specs[spec.parent])
                else:
                    body = text.agency_intro(spec)
                column.body = body
                column.save(update_fields=["body"])

    def _images(self) -> None:
        Image = get_image_model()
        self.images: dict[str, list] = {}
        wanted = {registry.CITY_GOVERNMENT_CODE: PORTAL_HEADLINES}
        wanted.update({d.code: DEPARTMENT_HEADLINES for d in registry.DEPARTMENTS if d.hostname})
        for code, count in wanted.items():
            agency = self.agencies[code]
            collection = agency_collection(agency)
            for n in range(count):
                image = Image(
                    title=f"{agency.short_name}图片新闻配图{n + 1}",
                    # Wagtail's alt text of the image (监管 counts images without one).
                    description=f"{agency.short_name}图片新闻配图：示例市山水风光",
                    file=ContentFile(images.landscape(self.rng), name=f"demo-{agency.code.lower()}-{n + 1}.jpg"),
                    collection=collection,
                    uploaded_by_user=self.users["admin"],
                )
                image._set_image_file_metadata()
                image.save()
                self.images.setdefault(code, []).append(image)
        self.summary.images = sum(len(v) for v in self.images.values())

    # --- articles ----------------------------------------------------------------------
    def _dates(self, count: int, column_type: str, *, freshest: float | None = None) -> list[datetime]:
        fresh = freshest or FRESHNESS_DAYS.get(column_type, 30)
        days = [self.rng.uniform(0.05, fresh)] + [self.rng.uniform(fresh, HISTORY_DAYS) for _ in range(count - 1)]
        dates = []
        for d in days:
            day = (self.now - timedelta(days=d)).date()
            when = datetime(
                day.year, day.month, day.day, self.rng.randint(8, 17), self.rng.randrange(60), tzinfo=LOCAL_TZ
            )
            while when > self.now:
                when -= timedelta(days=1)
            dates.append(when)
        return sorted(dates, reverse=True)

    def _articles(self) -> None:
        specs = {s.code: s for s in registry.ALL_AGENCIES}
        departments = [
            s
            for s in registry.ALL_AGENCIES
            if s.kind not in (AgencyKind.TOWNSHIP, AgencyKind.VILLAGE, AgencyKind.CITY_GOVERNMENT)
        ]
        for code, home in self.homes.items():
            spec = specs[code]
            villages = [v for v in registry.VILLAGES if v.parent == code] or (
                [spec] if spec.kind == AgencyKind.VILLAGE else []
            )
            owner = self.users.get(f"{spec.slug}_{Role.EDITOR}") or self.users["admin"]
            for column in ColumnPage.objects.child_of(home).filter(layout=ColumnLayout.LIST):
                if (home.kind, column.slug) in VILLAGE_FARM_COLUMNS:
                    with self._own_random_stream("village-farm"):  # 村村有网页
                        self._column_articles(home, column, spec, villages, owner, departments)
                    continue
                self._column_articles(home, column, spec, villages, owner, departments)
        self.summary.articles = len(self.published)

    @contextmanager
    def _own_random_stream(self, name: str):
        """Articles drawn from a random stream of their own: columns added to the demo later
        leave every other part of the demo (titles, dates, letters) as it was."""
        streams = self.__dict__.setdefault("_streams", {})
        if name not in streams:
            rng = random.Random(f"{SEED}:{name}")
            streams[name] = (rng, text.Writer(rng))
        saved = self.rng, self.writer
        self.rng, self.writer = streams[name]
        try:
            yield
        finally:
            self.rng, self.writer = saved

    def _column_articles(self, home, column, spec, villages, owner, departments) -> None:
        genre, count = ARTICLE_PLAN.get((home.kind, column.slug)) or PLAN_BY_TYPE.get(column.column_type, ("news", 3))
        count = max(1, round(count * self.scale))
        others = []
        if genre == "unit_news":
            others = departments if column.slug == "bmdt" else list(registry.TOWNSHIPS)
        freshest = 1.0 if (home.kind, column.slug) == (SiteKind.PORTAL, "zwyw") else None
        covers = list(self.images.get(spec.code, [])) if column.slug in ("zwyw", "gzdt") else []
        count = max(count, len(covers))  # the picture windows stay full at any scale
        for n, when in enumerate(self._dates(count, column.column_type, freshest=freshest)):
            ctx = text.Context(agency=spec, when=when, villages=villages, others=others)
            piece = self.writer.article(genre, ctx)
            cover = covers[n] if n < len(covers) else None
            self._publish(
                column,
                piece,
                when,
                owner=owner,
                cover_image=cover,
                is_headline=cover is not None,
                is_pinned=n == 3
                and column.column_type in (ColumnType.NOTICE, ColumnType.NEWS)
                and home.kind != SiteKind.VILLAGE,
                source="示例市融媒体中心" if genre == "city_news" and n % 3 == 1 else "",
            )

    def _next_slug(self, when: datetime) -> str:
        self.slug_serial += 1
        return f"{when:%Y%m%d}-{self.slug_serial:05d}"

    def _new_article(self, piece: text.Text, when: datetime, owner: User, **fields) -> ArticlePage:
        article = ArticlePage(
            title=piece.title,
            draft_title=piece.title,
            slug=self._next_slug(when),
            subtitle=piece.subtitle,
            summary=piece.summary,
            body=piece.body,
            author=piece.author,
            owner=owner,
            **fields,
        )
        if piece.tags:
            article.tags.add(*piece.tags)
        return article

    def _publish(self, column: ColumnPage, piece: text.Text, when: datetime, *, owner: User, **fields) -> ArticlePage:
        """One page insert and one revision, live at ``when`` (the seed bypasses review)."""
        article = self._new_article(
            piece,
            when,
            owner,
            live=True,
            has_unpublished_changes=False,
            first_published_at=when,
            last_published_at=when,
            latest_revision_created_at=when,
            **fields,
        )
        column.add_child(instance=article)
        revision = Revision.objects.create(
            content_object=article,
            base_content_type=article.get_base_content_type(),
            user=owner,
            content=article.serializable_data(),
            object_str=article.title,
            created_at=when,
        )
        Page.objects.filter(pk=article.pk).update(latest_revision=revision, live_revision=revision)
        article.latest_revision = article.live_revision = revision
        self.published.append((article, revision))
        # Let the search index, caches and other listeners see the article as published.
        page_published.send(sender=ArticlePage, instance=article, revision=revision)
        return article

    def _publish_log(self) -> None:
        PageLogEntry.objects.bulk_create(
            PageLogEntry(
                content_type_id=article.content_type_id,
                page_id=article.pk,
                label=article.title,
                action="wagtail.publish",
                timestamp=article.first_published_at,
                user_id=article.owner_id,
                revision=revision,
                content_changed=True,
            )
            for article, revision in self.published
        )

    # --- synchronised publishing, review tasks, scheduling -------------------------------
    def _sync_offers(self) -> None:
        portal = self.homes[registry.CITY_GOVERNMENT_CODE]
        portal_columns = {c.slug: c for c in ColumnPage.objects.child_of(portal)}
        reviewer = self.users.get(f"portal_{Role.REVIEWER}", self.users["admin"])
        offers = []
        targets = [(d, "bmdt") for d in registry.DEPARTMENTS] + [(t, "xzdt") for t in registry.TOWNSHIPS]
        for spec, target_slug in targets:
            home = self.homes[spec.code]
            source_slug = "gzdt" if spec.kind == AgencyKind.DEPARTMENT else "xzdt"
            source = ColumnPage.objects.child_of(home).get(slug=source_slug)
            actor = self.users.get(f"{spec.slug}_{Role.EDITOR}", self.users["admin"])
            newest = ArticlePage.objects.child_of(source).live().order_by("-first_published_at")[:3]
            for article in newest:
                offers += actions.article_offer(actor=actor, article=article, columns=[portal_columns[target_slug]])
        # The newest offers stay pending so that the portal reviewer has a queue; one is declined.
        offers.sort(key=lambda o: o.article.first_published_at, reverse=True)
        pending, declined, accepted = offers[:3], offers[3:4], offers[4:]
        for offer in accepted:
            actions.sync_offer_accept(actor=reviewer, offer=offer)
        for offer in declined:
            actions.sync_offer_decline(
                actor=reviewer, offer=offer, reason="内容与门户栏目定位不符，请在本单位网站发布。"
            )
        self.summary.offers = {
            SyncStatus.ACCEPTED: len(accepted),
            SyncStatus.OFFERED: len(pending),
            SyncStatus.DECLINED: len(declined),
        }

    def _workflow_drafts(self) -> None:
        drafts = [
            ("SLS-JYJ", "gzdt", "市教育局部署新学期校园安全大检查工作"),
            (registry.CITY_GOVERNMENT_CODE, "zwyw", "示例市召开重点项目建设现场推进会"),
            ("SLS-X-QS", "tzgg", "青山镇关于做好今冬明春森林防火工作的通知"),
        ]
        specs = {s.code: s for s in registry.ALL_AGENCIES}
        for code, slug, title in drafts:
            spec = specs[code]
            editor = self.users.get(f"{spec.slug}_{Role.EDITOR}", self.users["admin"])
            column = ColumnPage.objects.child_of(self.homes[code]).get(slug=slug)
            piece = self.writer.article(
                "notice" if slug == "tzgg" else "news", text.Context(agency=spec, when=self.now)
            )
            piece.title = title
            article = self._new_article(piece, self.now, editor, live=False)
            column.add_child(instance=article)
            article.save_revision(user=editor, log_action=True)
            workflow = article.get_workflow()
            if workflow is not None:
                workflow.start(article, editor)
                self.summary.workflow_tasks += 1

    def _scheduled(self) -> None:
        spec = registry.CITY_GOVERNMENT
        column = ColumnPage.objects.child_of(self.homes[spec.code]).get(slug="tzgg")
        go_live = (self.now + timedelta(days=3)).replace(hour=9, minute=0)
        piece = self.writer.article("notice", text.Context(agency=spec, when=go_live))
        piece.title = f"关于{go_live.year}年{go_live.month}月政务服务中心延时服务安排的公告"
        leader = self.users.get(f"portal_{Role.LEADER}", self.users["admin"])
        article = self._new_article(piece, go_live, leader, live=False, go_live_at=go_live)
        column.add_child(instance=article)
        article.save_revision(user=leader).publish(user=leader, skip_permission_checks=True)
        self.summary.scheduled = 1
