"""A large generated cluster for the render benchmark (`manage.py generate_load_data`).

500 department sites (each its own Wagtail Site, ``z001.load.localhost`` …) with 5 list
columns and 400 articles each — 200,000 articles at ``scale=1``. Pages are written in bulk
(materialised paths computed here, `bulk_create` of the page rows, one multi-row insert per
batch for the page-type tables): creating them one by one through treebeard takes hours.
What is *not* made: revisions, search index entries, per-agency groups and workflows — the
render benchmark reads published pages only, which need none of them.
"""

from __future__ import annotations

import random
import time
import uuid
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from wagtail.models import Locale, Page, Site

from govportal.cluster.models import ArticlePage, ColumnPage, SiteHomePage, SiteKind
from govportal.core.models import Agency, AgencyKind
from govportal.demo.loader import analyze_after_bulk_load

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's default numconv alphabet
STEPLEN = Page.steplen
COLUMNS = [("gzdt", "工作动态"), ("tzgg", "通知公告"), ("zcwj", "政策文件"), ("ggfw", "公共服务"), ("rdhy", "热点回应")]
TOPICS = ["教育", "卫生", "交通", "住房", "就业", "社保", "环保", "农业", "文旅", "应急", "市场监管", "民政"]
ACTIONS = ["召开", "部署", "推进", "开展", "印发", "发布", "启动", "完成", "组织", "落实"]
THINGS = ["专题会议", "工作方案", "检查行动", "宣传活动", "实施意见", "年度计划", "服务指南", "培训班", "调研", "整改"]


def _step(n: int) -> str:
    digits = ""
    while n:
        n, r = divmod(n, len(ALPHABET))
        digits = ALPHABET[r] + digits
    return digits.rjust(STEPLEN, "0")


def _unstep(s: str) -> int:
    n = 0
    for ch in s:
        n = n * len(ALPHABET) + ALPHABET.index(ch)
    return n


def _insert(table: str, columns: list[str], rows: list[tuple]) -> None:
    if not rows:
        return
    quote = connection.ops.quote_name
    cols = ", ".join(quote(c) for c in columns)
    one = "(" + ", ".join(["%s"] * len(columns)) + ")"
    per = max(1, 900 // len(columns)) if connection.vendor == "sqlite" else 1000
    with connection.cursor() as cursor:
        for i in range(0, len(rows), per):
            chunk = rows[i : i + per]
            sql = f"INSERT INTO {quote(table)} ({cols}) VALUES " + ", ".join([one] * len(chunk))
            cursor.execute(sql, [v for row in chunk for v in row])


def generate(*, sites: int = 500, articles_per_site: int = 400, seed: int = 9, log=print) -> dict:
    rng = random.Random(seed)
    started = time.monotonic()
    now = timezone.now()
    locale = Locale.get_default()
    ct = {m: ContentType.objects.get_for_model(m).pk for m in (SiteHomePage, ColumnPage, ArticlePage)}
    root = Page.get_first_root_node()
    existing = Page.objects.filter(depth=2).order_by("-path").values_list("path", flat=True).first()
    first = (_unstep(existing[-STEPLEN:]) if existing else 0) + 1
    start_code = Agency.objects.filter(code__startswith="L").count()
    per_column = max(1, articles_per_site // len(COLUMNS))

    with transaction.atomic():
        agencies = Agency.objects.bulk_create(
            [
                Agency(
                    code=f"L{start_code + i:05d}",
                    name=f"示例市负载测试局{start_code + i}",
                    short_name=f"测试局{start_code + i}",
                    kind=AgencyKind.DEPARTMENT,
                    sort_order=1000 + i,
                )
                for i in range(sites)
            ]
        )

        def page(path, depth, numchild, title, slug, url_path, content_type, published):
            return Page(
                path=path,
                depth=depth,
                numchild=numchild,
                translation_key=uuid.uuid4(),
                locale_id=locale.pk,
                live=True,
                has_unpublished_changes=False,
                first_published_at=published,
                last_published_at=published,
                title=title,
                draft_title=title,
                slug=slug,
                content_type_id=content_type,
                url_path=url_path,
                seo_title="",
                search_description="",
            )

        total_articles = 0
        for s, agency in enumerate(agencies):
            n = first + s
            site_slug = f"z{start_code + s:04d}"
            site_path = root.path + _step(n)
            home = page(site_path, 2, len(COLUMNS), agency.name, site_slug, f"/{site_slug}/", ct[SiteHomePage], now)
            columns = [
                page(
                    site_path + _step(c + 1),
                    3,
                    per_column,
                    title,
                    slug,
                    f"/{site_slug}/{slug}/",
                    ct[ColumnPage],
                    now - timedelta(days=400),
                )
                for c, (slug, title) in enumerate(COLUMNS)
            ]
            articles = []
            for c, column in enumerate(columns):
                for a in range(per_column):
                    title = f"{rng.choice(TOPICS)}{rng.choice(ACTIONS)}{rng.choice(THINGS)}（{start_code + s}-{c}-{a}）"
                    when = now - timedelta(minutes=rng.randrange(3 * 365 * 24 * 60))
                    slug = f"a{c}-{a}"
                    articles.append(
                        page(
                            column.path + _step(a + 1),
                            4,
                            0,
                            title,
                            slug,
                            f"{column.url_path}{slug}/",
                            ct[ArticlePage],
                            when,
                        )
                    )
            created = Page.objects.bulk_create([home, *columns, *articles], batch_size=1000)
            home_pk, column_pks, article_objs = created[0].pk, [c.pk for c in created[1:6]], created[6:]
            _insert(
                SiteHomePage._meta.db_table,
                ["page_ptr_id", "agency_id", "kind", "site_code", "icp_record", "psb_record", "conac_code"]
                + ["host_unit", "organizer_unit", "contact_address", "contact_phone", "intro"],
                [(home_pk, agency.pk, SiteKind.DEPARTMENT, "", "", "", "", agency.name, "", "", "", "")],
            )
            _insert(
                ColumnPage._meta.db_table,
                ["page_ptr_id", "layout", "column_type", "link_url", "intro", "body", "show_on_home"],
                [(pk, "list", "news", "", "", "", True) for pk in column_pks],
            )
            _insert(
                ArticlePage._meta.db_table,
                ["page_ptr_id", "subtitle", "source", "author", "summary", "body", "is_pinned", "is_headline"],
                [
                    (
                        p.pk,
                        "",
                        "",
                        "",
                        p.title,
                        f"<p>{p.title}。" + "为进一步做好相关工作，现将有关事项通知如下。" * 12 + "</p>",
                        False,
                        False,
                    )
                    for p in article_objs
                ],
            )
            Site.objects.create(
                hostname=f"{site_slug}.load.localhost", port=80, root_page_id=home_pk, site_name=agency.name
            )
            total_articles += len(article_objs)
            if (s + 1) % 50 == 0:
                log(f"  {s + 1} 个网站，{total_articles:,} 篇文章，{time.monotonic() - started:.0f} 秒")
        Page.objects.filter(pk=root.pk).update(numchild=Page.objects.filter(depth=2).count())
    Site.clear_site_root_paths_cache()
    analyze_after_bulk_load()
    return {"sites": sites, "articles": total_articles, "seconds": time.monotonic() - started}
