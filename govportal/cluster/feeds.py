"""The machine-readable views of a site: the RSS 2.0 feed of a column (`<column url>rss/`),
sitemap.xml and robots.txt of the site serving the request.

Only live, public pages appear. Synchronised articles appear in the portal column's feed
with their one canonical URL (on the originating site).
"""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.db.models import Max
from django.db.models.functions import Length, Substr
from django.http import HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as WagtailSitemap

from govportal.cluster import selectors
from govportal.cluster.models import ArticlePage, ColumnLayout, SiteHomePage, SyncOffer, SyncStatus

FEED_ITEMS = 30


class ColumnFeed(Feed):
    feed_type = Rss201rev2Feed
    # RSS 2.0 wants an RFC 1766 tag; Django's "zh-hans" is not one readers know.
    language = "zh-cn"

    def get_object(self, request, column):  # noqa: D401 — Django's Feed API
        self.request = request
        return column

    def title(self, column):
        home = SiteHomePage.objects.ancestor_of(column).order_by("-depth").first()
        return f"{column.title} - {home.title}" if home else column.title

    def link(self, column):
        return column.get_full_url(request=self.request)

    def description(self, column):
        return column.intro or _("%(column)s栏目的最新文章") % {"column": column.title}

    def items(self, column):
        # Newest first (feed readers expect it), not the column page's pinned-first order.
        articles = selectors.column_articles(column).public().order_by("-first_published_at", "-pk")
        return selectors.with_article_context(articles[:FEED_ITEMS])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or item.title

    def item_link(self, item):
        return item.get_full_url(request=self.request)

    def item_guid(self, item):
        return item.get_full_url(request=self.request)

    def item_pubdate(self, item):
        moment = item.publish_time
        return timezone.localtime(moment) if moment else None

    def item_author_name(self, item):
        return item.display_source

    def item_categories(self, item):
        return [item.column.title] if item.column else []


class SiteSitemap(WagtailSitemap):
    """sitemap.xml of the Wagtail Site serving the request: its home and everything below it
    (on the portal that includes the township sub-sites and their village pages; a
    department's own hostname lists only that department's pages). External-link columns
    are left out (they only redirect). A home's or column's lastmod is its newest article.
    URLs use the scheme and host of the request, not the hostname stored on the Site."""

    def items(self):
        return super().items().exclude(columnpage__layout=ColumnLayout.LINK)

    @cached_property
    def content_lastmod(self) -> dict[str, object]:
        """Newest publication below each page path of the site, from two grouped queries."""
        root = self.get_wagtail_site().root_page
        steplen = ArticlePage.steplen
        newest: dict[str, object] = {}
        own = (
            ArticlePage.objects.live()
            .public()
            .filter(path__startswith=root.path)
            .annotate(parent_path=Substr("path", 1, Length("path") - steplen))
            .values("parent_path")
            .annotate(latest=Max("last_published_at"))
        )
        synced = (
            SyncOffer.objects.filter(status=SyncStatus.ACCEPTED, column__path__startswith=root.path, article__live=True)
            .values("column__path")
            .annotate(latest=Max("article__last_published_at"))
        )
        rows = [(r["parent_path"], r["latest"]) for r in own] + [(r["column__path"], r["latest"]) for r in synced]
        for path, latest in rows:
            if latest is None:
                continue
            for n in range(len(path), 0, -steplen):
                prefix = path[:n]
                if prefix not in newest or newest[prefix] < latest:
                    newest[prefix] = latest
        return newest

    def _served_on(self):
        """(the site's stored root URL, the scheme and host the request came to): the sitemap
        lists this site's pages under the host it is served on — behind a proxy, on another
        port or under a production hostname the Site row does not hold (issue 19)."""
        stored = self.get_wagtail_site().root_url.rstrip("/")
        if self.request is None:
            return stored, stored
        return stored, f"{self.request.scheme}://{self.request.get_host()}"

    def _urls(self, page, protocol, domain):
        urls = []
        stored, served = self._served_on()
        for item in self.paginator.page(page).object_list.iterator():
            below = self.content_lastmod.get(item.path)
            for url_info in item.get_sitemap_urls(self.request):
                location = url_info["location"]
                if location == stored or location.startswith(stored + "/"):
                    url_info["location"] = served + location[len(stored) :]
                own = url_info.get("lastmod")
                url_info["lastmod"] = max(d for d in (own, below) if d) if (own or below) else None
                urls.append(url_info)
        last_mods = [u["lastmod"] for u in urls]
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


@require_GET
def robots_txt(request):
    """robots.txt of the host asked: crawlers may read everything public, and find this
    host's own sitemap."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
