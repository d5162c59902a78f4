"""The search index (one row per searchable item), synonyms and hot queries.

The full-text structures are not Django fields: on SQLite an FTS5 virtual table
(`search_fts`, external content over `search_searchentry`, kept in step by triggers), on
PostgreSQL a generated `search_vector` tsvector column with a GIN index. Both are created
by migration 0002 for the database in use; see `govportal.search.backends`.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel


class SearchEntry(models.Model):
    source = models.CharField(_("类型"), max_length=30)
    object_id = models.BigIntegerField(_("对象编号"))
    site_id = models.BigIntegerField(_("网站"), null=True, blank=True, db_index=True)
    site_name = models.CharField(_("网站名称"), max_length=255, blank=True)
    agency_id = models.BigIntegerField(_("单位"), null=True, blank=True, db_index=True)
    column_id = models.BigIntegerField(_("栏目"), null=True, blank=True, db_index=True)
    title = models.CharField(_("标题"), max_length=500)
    body = models.TextField(_("正文（纯文本）"), blank=True)
    url = models.CharField(_("地址"), max_length=1000)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True, db_index=True)
    is_repealed = models.BooleanField(_("已废止"), default=False)
    # Normalised (Simplified, lower case), segmented, space-joined: what the engines index.
    title_seg = models.TextField(blank=True)
    title_extra = models.TextField(blank=True)  # sub-words of title words + their pinyin
    body_seg = models.TextField(blank=True)
    body_extra = models.TextField(blank=True)  # sub-words of body words
    indexed_at = models.DateTimeField(default=timezone.now, db_index=True)
    # "|title|alias|…|", normalised, without spaces: direct answers and best bets match a
    # whole query against it (a short list: only items with aliases or direct answers).
    names = models.TextField(blank=True)
    action_url = models.CharField(max_length=1000, blank=True)
    action_label = models.CharField(max_length=30, blank=True)

    class Meta:
        verbose_name = _("搜索索引条目")
        verbose_name_plural = _("搜索索引条目")
        constraints = [models.UniqueConstraint(fields=["source", "object_id"], name="search_entry_unique_item")]

    def __str__(self) -> str:
        return self.title


class SynonymGroup(models.Model):
    """Words that mean the same to a citizen: a query for any of them finds all of them."""

    terms = models.CharField(
        _("同义词"),
        max_length=500,
        help_text=_("用空格、逗号或等号分隔，例如：社保 = 社会保险。繁体会自动转换为简体。"),
    )
    note = models.CharField(_("备注"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    panels = [FieldPanel("terms"), FieldPanel("note")]

    class Meta:
        verbose_name = _("搜索同义词")
        verbose_name_plural = _("搜索同义词")
        ordering = ["terms"]

    def __str__(self) -> str:
        return " = ".join(self.term_list())

    def term_list(self) -> list[str]:
        import re

        # Not at module level: text loads the segmenter and OpenCC, not wanted at migration time.
        from govportal.search.text import normalize

        return [t for t in (normalize(p).strip() for p in re.split(r"[\s,，、=＝;；]+", self.terms)) if t]


class SearchQueryStat(models.Model):
    """How often a normalised query was searched (hot searches); the office can hide one."""

    query = models.CharField(_("搜索词"), max_length=100, unique=True)
    count = models.PositiveIntegerField(_("搜索次数"), default=0)
    last_hits = models.PositiveIntegerField(_("最近结果数"), default=0)
    last_searched_at = models.DateTimeField(_("最近搜索时间"), default=timezone.now)
    is_hidden = models.BooleanField(_("不在热门搜索中显示"), default=False)

    panels = [FieldPanel("is_hidden")]

    class Meta:
        verbose_name = _("热门搜索")
        verbose_name_plural = _("热门搜索")
        ordering = ["-count"]

    def __str__(self) -> str:
        return self.query


class BestBet(models.Model):
    """推荐结果 — what a query word should show first (a mailbox, a service, a column, a
    document), kept by the information office (no agency) or by an agency for its own items.
    """

    keywords = models.CharField(
        _("搜索词"),
        max_length=300,
        help_text=_("用空格、逗号分隔多个搜索词，例如：营业执照 开公司。繁体、拼音和拼音首字母也会匹配。"),
    )
    target_url = models.CharField(
        _("推荐的页面地址"),
        max_length=1000,
        help_text=_("站内地址，例如 /banshi/shixiang/…/ 或 /hudong/szxx/；可从搜索结果或页面地址栏复制。"),
    )
    title = models.CharField(_("显示标题"), max_length=200, blank=True, help_text=_("留空则用页面标题。"))
    description = models.CharField(_("说明"), max_length=300, blank=True)
    agency = models.ForeignKey(
        "core.Agency",
        verbose_name=_("维护单位"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("留空为市信息办维护的全站推荐。"),
    )
    # The indexed item the address points to (resolved when saved): its current title, and
    # it is only shown while that item is public.
    entry_source = models.CharField(max_length=30, blank=True)
    entry_object_id = models.BigIntegerField(null=True, blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=100)
    is_active = models.BooleanField(_("启用"), default=True)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        verbose_name = _("推荐结果")
        verbose_name_plural = _("推荐结果")
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return f"{self.keywords} → {self.title or self.target_url}"

    def keyword_list(self) -> list[str]:
        import re

        from govportal.search.text import normalize

        return [t for t in ("".join(normalize(p).split()) for p in re.split(r"[\s,，、;；]+", self.keywords)) if t]


class SearchQueryWeek(models.Model):
    """One normalised query in one week (Monday): searched, found nothing, clicked — the
    office's zero-result and abandoned-query analysis."""

    query = models.CharField(_("搜索词"), max_length=100)
    week = models.DateField(_("周（周一）"))
    searches = models.PositiveIntegerField(_("搜索次数"), default=0)
    zero_hits = models.PositiveIntegerField(_("无结果次数"), default=0)
    clicks = models.PositiveIntegerField(_("点击结果次数"), default=0)
    last_hits = models.PositiveIntegerField(_("最近结果数"), default=0)

    class Meta:
        verbose_name = _("搜索周统计")
        verbose_name_plural = _("搜索周统计")
        constraints = [models.UniqueConstraint(fields=["query", "week"], name="search_query_week_unique")]
        indexes = [models.Index(fields=["week", "zero_hits"], name="search_week_zero_idx")]

    def __str__(self) -> str:
        return f"{self.week} {self.query}"

    @property
    def abandoned(self) -> int:
        """Searches that found something but led to no click on a result."""
        return max(0, self.searches - self.zero_hits - self.clicks)
