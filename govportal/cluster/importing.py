"""Import articles from a JSON Lines file into a site's column — how a city brings its old
site over (`manage.py import_articles`).

One JSON object a line: ``title``, ``body`` (HTML), ``published_at`` (``YYYY-MM-DD HH:MM``,
Asia/Shanghai), optional ``source``, ``author``, ``summary``, ``column`` (a column slug of
the same site, overriding the default column) and ``attachments`` (file paths, relative to
the JSONL file or absolute). Each line is imported as published with that publish time, or
not at all: a bad line is reported with its number and skipped, and never leaves an
article without its attachments or a stored file without its article.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.log_actions import log
from wagtail.models import Page

import nh3

from govportal.cluster.models import ArticleAttachment, ArticlePage, ColumnLayout, ColumnPage, SiteHomePage
from govportal.cluster.permissions import agency_collection
from govportal.core.errors import GovPortalError, InvalidInput, NotFound
from govportal.core.models import User

IMPORT_TZ = ZoneInfo("Asia/Shanghai")
DATE_FORMAT = "%Y-%m-%d %H:%M"

# What survives sanitising: the structure Wagtail's rich text keeps and renders (headings,
# emphasis, lists, links, tables). Scripts, styles, event handlers, images pointing at the
# old site and every other attribute go.
ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "sub", "sup",
    "ul", "ol", "li", "blockquote", "hr", "a",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan", "scope"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitize_body(html: str) -> str:
    """Reduce imported HTML to what Wagtail rich text accepts (see ALLOWED_TAGS)."""
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style", "iframe", "object", "embed", "noscript", "template"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=None,
    )
    return cleaned.strip()


@dataclass
class LineError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"第 {self.line} 行：{self.message}"


@dataclass
class ImportReport:
    imported: list[ArticlePage] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)
    blank_lines: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        return f"导入完成：成功 {len(self.imported)} 篇，失败 {len(self.errors)} 行。"


def resolve_site(value: str) -> SiteHomePage:
    """A site by its home page id or its 网站标识码."""
    value = str(value).strip()
    site = None
    if value.isdigit() and len(value) < 10:
        site = SiteHomePage.objects.filter(pk=int(value)).first()
    if site is None:
        site = SiteHomePage.objects.filter(site_code=value).first()
    if site is None:
        raise NotFound(f"找不到网站“{value}”：请填写网站首页的 ID 或网站标识码。")
    return site


def resolve_column(site: SiteHomePage, slug: str) -> ColumnPage:
    """A list column of the site by its slug; a path like ``zcwj/gfxwj`` reaches a sub-column."""
    parent: Page = site
    column = None
    for part in [p for p in slug.strip().strip("/").split("/") if p]:
        column = ColumnPage.objects.child_of(parent).filter(slug=part).first()
        if column is None:
            break
        parent = column
    if column is None:
        raise NotFound(f"网站“{site.title}”没有栏目“{slug}”。")
    if column.layout != ColumnLayout.LIST:
        raise InvalidInput(f"栏目“{column.title}”不是文章列表栏目，不能导入文章。", field="column")
    return column


@dataclass
class _Line:
    title: str
    body: str
    published_at: datetime
    source: str
    author: str
    summary: str
    column: ColumnPage
    attachments: list[Path]


def _text_field(record: dict, key: str, max_length: int, *, required: bool = False) -> str:
    value = record.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InvalidInput(f"缺少“{key}”字段。", field=key)
        return ""
    if not isinstance(value, str):
        raise InvalidInput(f"“{key}”应为文本。", field=key)
    value = value.strip()
    if len(value) > max_length:
        raise InvalidInput(f"“{key}”超过 {max_length} 个字符。", field=key)
    return value


def _parse_line(raw: str, *, base_dir: Path, site: SiteHomePage, default_column: ColumnPage) -> _Line:
    try:
        record = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"不是有效的 JSON（{exc.msg}，第 {exc.colno} 列）。") from exc
    if not isinstance(record, dict):
        raise InvalidInput("每行应为一个 JSON 对象。")

    title = _text_field(record, "title", 255, required=True)
    raw_body = record.get("body")
    if not isinstance(raw_body, str) or not raw_body.strip():
        raise InvalidInput("缺少“body”字段（正文）。", field="body")
    body = sanitize_body(raw_body)
    if not body:
        raise InvalidInput("正文在去除不安全内容后为空。", field="body")

    published_raw = record.get("published_at")
    if not isinstance(published_raw, str):
        raise InvalidInput("缺少“published_at”字段（发布时间，格式 YYYY-MM-DD HH:MM）。", field="published_at")
    try:
        published_at = datetime.strptime(published_raw.strip(), DATE_FORMAT).replace(tzinfo=IMPORT_TZ)
    except ValueError as exc:
        raise InvalidInput(f"发布时间“{published_raw}”格式错误，应为 YYYY-MM-DD HH:MM。", field="published_at") from exc
    if published_at > timezone.now():
        raise InvalidInput(f"发布时间“{published_raw}”晚于当前时间。", field="published_at")

    column = default_column
    if record.get("column"):
        slug = _text_field(record, "column", 255)
        column = resolve_column(site, slug)

    attachments_raw = record.get("attachments") or []
    if not isinstance(attachments_raw, list) or not all(isinstance(a, str) and a.strip() for a in attachments_raw):
        raise InvalidInput("“attachments”应为文件路径的列表。", field="attachments")
    attachments = []
    limit = settings.GOVPORTAL_IMPORT_MAX_ATTACHMENT_BYTES
    allowed = {ext.lower() for ext in getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or []}
    for name in attachments_raw:
        path = Path(name)
        if not path.is_absolute():
            path = base_dir / path
        if not path.is_file():
            raise InvalidInput(f"附件“{name}”不存在。", field="attachments")
        size = path.stat().st_size
        if size > limit:
            raise InvalidInput(f"附件“{name}”大小 {size} 字节，超过上限 {limit} 字节。", field="attachments")
        if allowed and path.suffix.lower().lstrip(".") not in allowed:
            raise InvalidInput(f"附件“{name}”的文件类型不允许上传。", field="attachments")
        attachments.append(path)

    return _Line(
        title=title,
        body=body,
        published_at=published_at,
        source=_text_field(record, "source", 100),
        author=_text_field(record, "author", 100),
        summary=_text_field(record, "summary", 2000),
        column=column,
        attachments=attachments,
    )


def _unique_slug(column: ColumnPage, published_at: datetime) -> str:
    while True:
        slug = f"{published_at:%Y%m%d}-{secrets.token_hex(3)}"
        if not Page.objects.child_of(column).filter(slug=slug).exists():
            return slug


@transaction.atomic
def _import_line(*, actor: User | None, line: _Line, site: SiteHomePage, file_name: str, number: int) -> ArticlePage:
    collection = agency_collection(site.agency)
    Document = get_document_model()
    stored = []
    try:
        attachments = []
        for path in line.attachments:
            with path.open("rb") as handle:
                document = Document(title=path.name, collection=collection, uploaded_by_user=actor)
                document.file = File(handle, name=path.name)
                document._set_document_file_metadata()
                document.save()
            stored.append(document)
            attachments.append(ArticleAttachment(document=document, title=path.stem))

        article = ArticlePage(
            title=line.title,
            slug=_unique_slug(line.column, line.published_at),
            body=line.body,
            source=line.source,
            author=line.author,
            summary=line.summary,
            owner=actor,
            live=False,
            first_published_at=line.published_at,
        )
        article.attachments = attachments
        line.column.add_child(instance=article)
        revision = article.save_revision(user=actor)
        revision.publish(user=actor, skip_permission_checks=True, log_action=False)
        # Publishing stamps "now" as the last publish; the old site's time is the true one.
        Page.objects.filter(pk=article.pk).update(
            first_published_at=line.published_at, last_published_at=line.published_at
        )
        article.refresh_from_db()
        log(
            instance=article,
            action="govportal.import",
            user=actor,
            data={"file": file_name, "line": number, "published_at": line.published_at.strftime(DATE_FORMAT)},
        )
        return article
    except BaseException:
        # The rows roll back with the transaction; the stored files do not.
        for document in stored:
            document.file.delete(save=False)
        raise


def import_articles(*, actor: User | None, path: Path, site: SiteHomePage, column: ColumnPage) -> ImportReport:
    """Import every line of ``path`` into ``column`` of ``site`` (a line may name another
    column of the same site). Each line is its own transaction."""
    report = ImportReport()
    base_dir = path.resolve().parent
    with path.open(encoding="utf-8-sig") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                report.blank_lines += 1
                continue
            try:
                line = _parse_line(raw, base_dir=base_dir, site=site, default_column=column)
                article = _import_line(actor=actor, line=line, site=site, file_name=path.name, number=number)
            except GovPortalError as exc:
                report.errors.append(LineError(number, exc.message))
            except Exception as exc:  # noqa: BLE001 — any failure of one line must not stop the file
                report.errors.append(LineError(number, f"导入失败：{exc}"))
            else:
                report.imported.append(article)
    return report
