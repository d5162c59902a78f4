"""RSS 2.0 feed of one column (`<column url>rss/`)."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed

from govportal.cluster import selectors

FEED_ITEMS = 30


class ColumnFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, column):  # noqa: D401 — Django's Feed API
        self.request = request
        return column

    def title(self, column):
        home = column.get_parent().specific
        return f"{column.title} - {home.title}"

    def link(self, column):
        return column.get_url(request=self.request)

    def description(self, column):
        return column.intro or column.title

    def items(self, column):
        return selectors.column_articles(column)[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_full_url(request=self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_author_name(self, item):
        return item.display_source
