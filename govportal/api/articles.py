"""GET /articles (filtered, paginated) and /articles/{id} (with body and attachments)."""

from __future__ import annotations

import math
import re
from typing import Annotated
from urllib.parse import urljoin

from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.rich_text import expand_db_html

from ninja import Path, Query, Router

from govportal.api.schemas import ArticleOut, ArticlePageOut, ErrorOut
from govportal.api.sites import MAX_ID
from govportal.cluster import selectors
from govportal.core.errors import NotFound

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
MAX_PAGE = 1_000_000

router = Router(tags=["文章"])

# Site-relative links and images in rendered rich text (`/documents/…`, `/media/…`, page links).
RELATIVE_URL = re.compile(r'\b(href|src)="(/(?!/)[^"]*)"')


def _published_at(article):
    moment = article.first_published_at or article.go_live_at or article.last_published_at
    return timezone.localtime(moment).replace(microsecond=0) if moment else None


def article_summary(article, request) -> dict:
    home, column = article.site_home, article.column
    return {
        "id": article.pk,
        "title": article.title,
        "subtitle": article.subtitle,
        "url": article.get_full_url(request),
        "site": {"id": home.pk, "name": home.title} if home else None,
        "column": {"id": column.pk, "title": column.title} if column else None,
        "source": article.display_source,
        "author": article.author,
        "summary": article.summary,
        "published_at": _published_at(article),
    }


def _attachment_size(document) -> int | None:
    if document.file_size is not None:
        return document.file_size
    try:
        return document.file.size
    except (OSError, ValueError):
        return None


@router.get(
    "/articles",
    response={200: ArticlePageOut, 404: ErrorOut, 422: ErrorOut},
    summary="文章列表",
    description=(
        "已发布的文章，按发布时间从新到旧，分页返回。"
        "`site`：该网站自己栏目中的文章（不含其子站的文章）；"
        "`column`：与该栏目页面列出的文章一致（本栏目文章及经审核采用的同步发布文章，链接为原文地址）；"
        "两者同时给出时取交集。页码超出范围返回 404。"
    ),
)
def list_articles(
    request,
    site: Annotated[int | None, Query(ge=1, le=MAX_ID, description="网站 ID", examples=[14])] = None,
    column: Annotated[int | None, Query(ge=1, le=MAX_ID, description="栏目 ID", examples=[15])] = None,
    page: Annotated[int, Query(ge=1, le=MAX_PAGE, description="页码，从 1 开始", examples=[1])] = 1,
    page_size: Annotated[
        int, Query(ge=1, le=MAX_PAGE_SIZE, description=f"每页条数，最多 {MAX_PAGE_SIZE}", examples=[20])
    ] = DEFAULT_PAGE_SIZE,
):
    home = selectors.public_site(site) if site is not None else None
    col = selectors.public_column(column) if column is not None else None
    articles = selectors.public_articles(home=home, column=col)
    total = articles.count()
    last_page = max(1, math.ceil(total / page_size))
    if page > last_page:
        raise NotFound(_("页码超出范围：共 %(pages)s 页。") % {"pages": last_page})
    start = (page - 1) * page_size
    batch = selectors.with_article_context(articles[start : start + page_size])
    return {
        "total": total,
        "page": page,
        "page_size": page_size,
        "results": [article_summary(a, request) for a in batch],
    }


@router.get(
    "/articles/{article_id}",
    response={200: ArticleOut, 404: ErrorOut, 422: ErrorOut},
    summary="文章详情",
    description="一篇已发布文章：正文 HTML（内部链接已展开为绝对地址）和附件。未发布或不存在时返回 404。",
)
def get_article(request, article_id: Annotated[int, Path(ge=1, le=MAX_ID, description="文章 ID", examples=[101])]):
    article = selectors.public_article(article_id)
    data = article_summary(article, request)
    _site_id, root_url, _path = article.get_url_parts(request) or (None, "", "")
    base = (root_url or request.build_absolute_uri("/")).rstrip("/") + "/"
    data["body"] = RELATIVE_URL.sub(lambda m: f'{m[1]}="{urljoin(base, m[2])}"', expand_db_html(article.body))
    data["attachments"] = [
        {
            "title": attachment.display_title,
            "url": urljoin(base, attachment.document.url),
            "size": _attachment_size(attachment.document),
        }
        for attachment in article.attachments.all()
    ]
    data["tags"] = [tag.name for tag in article.tags.all()]
    return data
