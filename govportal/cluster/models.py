"""The site cluster: site home pages (registered sites and sub-sites), columns (栏目),
articles, synchronised publishing offers, and the confidentiality-check review step.

Pages hold content; every write with rules goes through `actions.py`, and every read
whose visibility depends on the asker goes through `selectors.py`.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db import models, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import AbstractGroupApprovalTask, Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from govportal.cluster.alt_text import ArticlePageForm
from govportal.cluster.slugs import needs_readable_slug, readable_slug
from govportal.cluster.validators import CONAC_VERIFY_URL, validate_conac_code, validate_site_code
from govportal.core.citizen_input import parse_int
from govportal.core.memo import request_memo


class ClusterPageQuerySet(PageQuerySet):
    """Wagtail's page queryset; ``.public()`` reads the private sections once per GET request
    (`core.memo`) instead of once per call — a home page asks a dozen times."""

    def private_q(self):
        return request_memo("wagtail.private_q", super().private_q)


ClusterPageManager = PageManager.from_queryset(ClusterPageQuerySet)


class SiteRootLookupMixin:
    """Which sites a page belongs to, found by the prefixes of its URL path (a few dict
    lookups) instead of Wagtail's test of every site's root (one per site per URL): with a
    site per department hostname, a portal home linking 500 sites did 250,000 tests."""

    def _get_relevant_site_root_paths(self, cache_object=None):
        paths = self._get_site_root_paths(cache_object)
        holder = cache_object if cache_object is not None else self
        return self._site_root_index(paths, holder)[1](self.url_path or "")

    @staticmethod
    def _site_root_index(paths, holder):
        """(paths, lookup(url_path) -> matching root paths in Wagtail's order, site count),
        built once per list of site root paths (per request)."""
        index = getattr(holder, "_govportal_site_root_index", None)
        if index is not None and index[0] is paths:
            return index
        by_root: dict[str, list] = {}
        for position, srp in enumerate(paths):
            by_root.setdefault(srp.root_path, []).append((position, srp))

        def lookup(url_path: str) -> tuple:
            found = [
                entry
                for end, char in enumerate(url_path)
                if char == "/"
                for entry in by_root.get(url_path[: end + 1], ())
            ]
            return tuple(srp for _, srp in sorted(found, key=lambda entry: entry[0]))

        index = (paths, lookup, len({srp.site_id for srp in paths}))
        holder._govportal_site_root_index = index
        return index

    def get_url(self, request=None, current_site=None):
        """Wagtail's `Page.get_url`, with the number of sites counted once per request
        instead of once per URL (a set over every site's root path)."""
        from wagtail.models import Site

        if current_site is None and request is not None:
            current_site = Site.find_for_request(request)
        url_parts = self.get_url_parts(request=request)
        if url_parts is None or url_parts[1] is None and url_parts[2] is None:
            return None
        site_id, root_url, page_path = url_parts
        paths = self._get_site_root_paths(request)
        num_sites = self._site_root_index(paths, request if request is not None else self)[2]
        if (current_site is not None and site_id == current_site.id) or num_sites == 1:
            return page_path
        return root_url + page_path

    url = property(get_url)


class SiteKind(models.TextChoices):
    PORTAL = "portal", _("门户网站")
    DEPARTMENT = "department", _("部门网站")
    TOWNSHIP = "township", _("乡镇/街道网站")
    PARTY_MASS = "party_mass", _("党群部门网站")
    INSTITUTION = "institution", _("事业单位网站")
    DUAL_MANAGED = "dual_managed", _("双管单位网站")
    VILLAGE = "village", _("村/社区页面")


class SiteHomePage(SiteRootLookupMixin, RoutablePageMixin, Page):
    """The home page of one site: a registered site (own Wagtail Site and hostname) or a
    sub-site (子站) / village page living in the portal's tree. Belongs to one agency."""

    objects = ClusterPageManager()

    agency = models.ForeignKey(
        "core.Agency", verbose_name=_("所属单位"), on_delete=models.PROTECT, related_name="site_homes"
    )
    kind = models.CharField(_("网站类型"), max_length=20, choices=SiteKind.choices)
    site_code = models.CharField(
        _("网站标识码"),
        max_length=10,
        blank=True,
        validators=[validate_site_code],
        help_text=_("独立备案网站必填；子站沿用所在网站的标识码。"),
    )
    icp_record = models.CharField(_("ICP备案号"), max_length=60, blank=True)
    psb_record = models.CharField(_("公安机关备案号"), max_length=60, blank=True)
    conac_code = models.CharField(
        _("党政机关网站标识编号"),
        max_length=64,
        blank=True,
        validators=[validate_conac_code],
        help_text=_(
            "经党政机关网站标识注册后由开办机构颁发的标识编号；填写后页脚显示标识及其验证链接，未注册的网站不显示。"
        ),
    )
    host_unit = models.CharField(_("主办单位"), max_length=100, blank=True)
    organizer_unit = models.CharField(_("承办单位"), max_length=100, blank=True)
    contact_address = models.CharField(_("联系地址"), max_length=200, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    intro = RichTextField(_("简介"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("agency"), FieldPanel("kind")]), FieldPanel("intro")], heading=_("网站")
        ),
        InlinePanel(
            "village_products",
            heading=_("一村一品、农特产品"),
            label=_("产品"),
            help_text=_("村（社区）页面填写：本村的特色产品，含图片、生产者联系方式和购买地点。"),
        ),
    ]
    registry_panels = [
        FieldPanel("site_code"),
        FieldRowPanel([FieldPanel("icp_record"), FieldPanel("psb_record")]),
        FieldPanel("conac_code"),
        FieldRowPanel([FieldPanel("host_unit"), FieldPanel("organizer_unit")]),
        FieldRowPanel([FieldPanel("contact_address"), FieldPanel("contact_phone")]),
    ]

    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("内容")),
            ObjectList(registry_panels, heading=_("备案信息")),
            ObjectList(Page.promote_panels, heading=_("推广")),
            ObjectList(Page.settings_panels, heading=_("设置")),
        ]
    )

    parent_page_types = ["wagtailcore.Page", "cluster.SiteHomePage"]
    subpage_types = [
        "cluster.SiteHomePage",
        "cluster.ColumnPage",
        "cluster.ClusterNavPage",
        "cluster.TopicIndexPage",
        "disclosure.DisclosureIndexPage",
        "convenience.TourismIndexPage",
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = _("网站首页")
        verbose_name_plural = _("网站首页")

    @cached_property
    def registry(self) -> SiteHomePage:
        """The page whose registry data (网站标识码, 备案号, 主办单位) this site shows: itself
        if it has a site code, otherwise the nearest ancestor site that has one."""
        if self.site_code:
            return self
        ancestors = SiteHomePage.objects.ancestor_of(self).exclude(site_code="").order_by("-depth")
        return ancestors.first() or self

    @property
    def conac_verify_url(self) -> str:
        """The verification page of this site's 党政机关网站标识 ("" when not registered)."""
        return CONAC_VERIFY_URL + self.conac_code if self.conac_code else ""

    def get_template(self, request, *args, **kwargs) -> list[str]:
        return [f"cluster/home_{self.kind}.html", "cluster/home_page.html"]

    def route(self, request, path_components):
        if path_components and self.live:
            routed = self._route_in_one_query(request, path_components)
            if routed is not None:
                return routed
        return super().route(request, path_components)

    def _route_in_one_query(self, request, components):
        """Wagtail's routing walks down the tree with two queries per level (the child by
        slug, then its specific page). Here the pages along the URL come in one query and
        only the page that answers is made specific, with the same result: a routable
        page's own routes still win over its children, a missing slug still routes from the
        deepest page found. Returns None to let Wagtail route when this home's own routes
        match (its `RoutablePageMixin` does that itself)."""
        from wagtail.contrib.routable_page.models import RoutablePageMixin

        try:
            self.resolve_subpage("/" + "/".join(components) + "/")
            return None
        except Http404:
            pass
        url_paths = [self.url_path + "/".join(components[: i + 1]) + "/" for i in range(len(components))]
        # `slug` is indexed (url_path is not): the candidates are the pages with these slugs
        # at these depths under this home, then exactly the ones on this URL.
        candidates = Page.objects.filter(
            slug__in=set(components),
            depth__gt=self.depth,
            depth__lte=self.depth + len(components),
            path__startswith=self.path,
            url_path__in=url_paths,
        )
        found = {p.url_path: p for p in candidates}
        trail = []
        for level, url_path in enumerate(url_paths):
            node = found.get(url_path)
            if node is None or node.depth != self.depth + level + 1:
                break
            trail.append(node)
            remaining = components[level + 1 :]
            cls = node.specific_class
            if cls is None:
                return None
            # A sub-site's home routes as this one does: keep walking (its own routes checked).
            custom = cls.route not in (Page.route, RoutablePageMixin.route, SiteHomePage.route)
            routable = issubclass(cls, RoutablePageMixin) and node.live and remaining
            if custom or (routable and self._own_route_matches(cls, remaining)):
                break
        if not trail:
            return None  # no child with that slug: Wagtail's 404
        answering = trail[-1].specific
        answering._route_trail = [self, *trail[:-1]]  # its ancestors from the site root (breadcrumb)
        return answering.route(request, list(components[len(trail) :]))

    @staticmethod
    def _own_route_matches(cls, remaining) -> bool:
        try:
            cls.get_resolver().resolve("/" + "/".join(remaining) + "/")
            return True
        except Http404:
            return False

    def get_context(self, request, *args, **kwargs):
        from govportal.cluster import selectors  # cycle: cluster.selectors → cluster.models

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.home_page_context(self))
        return context


class ColumnLayout(models.TextChoices):
    LIST = "list", _("文章列表")
    SINGLE = "single", _("单页")
    LINK = "link", _("外部链接")


class ColumnType(models.TextChoices):
    """What kind of content a column carries — decides how often it must be updated."""

    NEWS = "news", _("动态要闻类")
    NOTICE = "notice", _("通知公告类")
    POLICY = "policy", _("政策文件类")
    SERVICE = "service", _("办事服务类")
    INTERACTION = "interaction", _("互动交流类")
    OTHER = "other", _("其他")


def default_update_days(column_type: str) -> int:
    """STANDARDS §2: news columns are stale after 2 weeks, notice and policy columns after 6
    months, every other column after a year — settings (``COLUMN_UPDATE_DAYS_*``), read here
    only: the API, the columns' help text and the monitor's stale-column check ask this."""
    days = settings.GOVPORTAL_COLUMN_UPDATE_DAYS
    return days.get(column_type, days["other"])


class ColumnPage(SiteRootLookupMixin, RoutablePageMixin, Page):
    """栏目 — a column of a site: an article list, a single page, or an external link."""

    objects = ClusterPageManager()

    layout = models.CharField(_("栏目形式"), max_length=10, choices=ColumnLayout.choices, default=ColumnLayout.LIST)
    column_type = models.CharField(_("栏目类型"), max_length=20, choices=ColumnType.choices, default=ColumnType.NEWS)
    update_interval_days = models.PositiveIntegerField(
        _("更新周期（天）"),
        null=True,
        blank=True,
        help_text=_("超过该天数未更新即视为不及时；留空按栏目类型：动态类14天，通知公告和政策文件类183天。"),
    )
    link_url = models.URLField(_("链接地址"), blank=True, help_text=_("栏目形式为“外部链接”时填写。"))
    intro = models.CharField(_("栏目说明"), max_length=255, blank=True)
    body = RichTextField(_("单页正文"), blank=True)
    show_on_home = models.BooleanField(_("在网站首页显示"), default=True)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("layout"), FieldPanel("column_type")]),
        FieldRowPanel([FieldPanel("update_interval_days"), FieldPanel("show_on_home")]),
        FieldPanel("link_url"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    parent_page_types = ["cluster.SiteHomePage", "cluster.ColumnPage"]
    subpage_types = ["cluster.ArticlePage", "cluster.ColumnPage"]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("栏目")
        verbose_name_plural = _("栏目")

    @property
    def expected_update_days(self) -> int | None:
        """Days without a new item after which the column is stale; None for a single page or
        an external link (nothing is published into them)."""
        if self.layout != ColumnLayout.LIST:
            return None
        if self.update_interval_days:
            return self.update_interval_days
        return default_update_days(self.column_type)

    def get_template(self, request, *args, **kwargs) -> str:
        return "cluster/column_single.html" if self.layout == ColumnLayout.SINGLE else "cluster/column_list.html"

    @path("")
    def list_view(self, request):
        from django.shortcuts import redirect

        from govportal.cluster import selectors  # cycle: cluster.selectors → cluster.models

        if self.layout == ColumnLayout.LINK and self.link_url:
            return redirect(self.link_url)
        target = self.area_url(request)
        if target:
            return redirect(target)
        context = {}
        if self.layout == ColumnLayout.LIST:
            paginator = Paginator(selectors.column_articles(self), settings.GOVPORTAL_ARTICLES_PER_PAGE)
            page_number = parse_int(request.GET.get("page", "1"), minimum=1, maximum=paginator.num_pages)
            if page_number is None:
                raise Http404
            listed = paginator.page(page_number)
            listed.object_list = selectors.with_site_homes(listed.object_list, self)
            context["articles"] = listed
        context["subcolumns"] = selectors.child_columns(self)
        return self.render(request, context_overrides=context)

    def area_url(self, request) -> str | None:
        """For a top-level column standing for an area (the portal's 网上办事 ``wsbs``, 互动交流
        ``hdjl``): that area's page for this site, where its address now leads."""
        from govportal.cluster import areas  # cycle: cluster.areas → cluster.selectors → cluster.models

        area = areas.column_area(self)
        if area is None:
            return None
        home = self.get_parent().specific
        if not isinstance(home, SiteHomePage):
            return None
        return areas.link_for(home, area.key, request)

    @path("rss/")
    def rss_view(self, request):
        from govportal.cluster.feeds import ColumnFeed  # cycle: cluster.feeds → cluster.models

        return ColumnFeed()(request, column=self)


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey("cluster.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items")


class ArticlePage(SiteRootLookupMixin, Page):
    """文章 — an article in a column. Its publish time is Wagtail's `first_published_at`,
    which never changes after the first publication."""

    objects = ClusterPageManager()

    def _set_core_field_defaults(self):
        # Before Wagtail fills a missing slug from the title: a new article gets a readable
        # (pinyin or date) slug instead of a Chinese one (cluster/slugs.py). Once the parent is
        # known, like Wagtail's own, so that the slug is made unique among its siblings.
        parent_is_known = bool(self.path or getattr(self, "_cached_parent_obj", None))
        if parent_is_known and self.pk is None and needs_readable_slug(self.slug):
            self.slug = self._get_autogenerated_slug(readable_slug(self.title, timezone.localdate()))
        super()._set_core_field_defaults()

    subtitle = models.CharField(_("副标题"), max_length=255, blank=True)
    source = models.CharField(_("来源"), max_length=100, blank=True, help_text=_("留空时显示所属单位名称。"))
    author = models.CharField(_("作者"), max_length=100, blank=True)
    summary = models.TextField(_("摘要"), blank=True, help_text=_("用于列表和页面描述（Description）。"))
    body = RichTextField(_("正文"))
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("标题图片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_pinned = models.BooleanField(_("置顶"), default=False)
    is_headline = models.BooleanField(_("头条"), default=False, help_text=_("头条文章配有标题图片时进入首页图片新闻。"))
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("关键词"))

    # Refuses publication while an image lacks its text alternative (issue 8, GB/T 37668).
    base_form_class = ArticlePageForm

    content_panels = Page.content_panels + [
        FieldPanel("subtitle"),
        FieldRowPanel([FieldPanel("source"), FieldPanel("author")]),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("cover_image"),
        InlinePanel("attachments", label=_("附件")),
        FieldRowPanel([FieldPanel("is_pinned"), FieldPanel("is_headline")]),
        FieldPanel("tags"),
    ]
    parent_page_types = ["cluster.ColumnPage"]
    subpage_types: list[str] = []
    search_fields = Page.search_fields + [
        index.SearchField("subtitle"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("first_published_at"),
    ]

    class Meta:
        verbose_name = _("文章")
        verbose_name_plural = _("文章")

    @cached_property
    def site_home(self) -> SiteHomePage | None:
        return SiteHomePage.objects.ancestor_of(self).select_related("agency").order_by("-depth").first()

    @cached_property
    def column(self) -> ColumnPage | None:
        return ColumnPage.objects.ancestor_of(self).order_by("-depth").first()

    @property
    def display_source(self) -> str:
        if self.source:
            return self.source
        home = self.site_home
        return home.agency.name if home else ""

    @property
    def publish_time(self):
        return self.first_published_at or self.go_live_at

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["site_home"] = self.site_home
        context["column"] = self.column
        context["article_tags"] = list(self.tags.all())  # the meta tag and the keyword line
        return context


class AttachmentBase(Orderable):
    """附件 — a document attached to a page, in order, with an optional display name. A
    page type's attachment model adds its own ``page = ParentalKey(..., related_name="attachments")``."""

    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("文件"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("显示名称"), max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    @property
    def display_title(self) -> str:
        return self.title or self.document.title


class ArticleAttachment(AttachmentBase):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="attachments")


class ClusterNavPage(SiteRootLookupMixin, Page):
    """网站群导航 — lists every site and sub-site of the cluster by kind."""

    objects = ClusterPageManager()

    intro = RichTextField(_("说明"), blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cluster.SiteHomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("网站群导航")
        verbose_name_plural = _("网站群导航")

    def get_context(self, request, *args, **kwargs):
        from govportal.cluster import selectors  # cycle: cluster.selectors → cluster.models

        context = super().get_context(request, *args, **kwargs)
        context["groups"] = selectors.cluster_directory(request)
        return context


class SyncStatus(models.TextChoices):
    OFFERED = "offered", _("待审核")
    ACCEPTED = "accepted", _("已采用")
    DECLINED = "declined", _("未采用")
    WITHDRAWN = "withdrawn", _("已撤回")


class SyncOffer(models.Model):
    """同步发布 — an article offered by its site to a portal column. When accepted, the portal
    column lists the original article (a reference: one URL, one revision history)."""

    article = models.ForeignKey(
        ArticlePage, verbose_name=_("文章"), on_delete=models.CASCADE, related_name="sync_offers"
    )
    column = models.ForeignKey(
        ColumnPage, verbose_name=_("门户栏目"), on_delete=models.CASCADE, related_name="sync_offers"
    )
    status = models.CharField(_("状态"), max_length=20, choices=SyncStatus.choices, default=SyncStatus.OFFERED)
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("推送人"), on_delete=models.PROTECT, related_name="+"
    )
    offered_at = models.DateTimeField(_("推送时间"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    reason = models.CharField(_("理由"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("同步发布")
        verbose_name_plural = _("同步发布")
        ordering = ["-offered_at"]
        constraints = [models.UniqueConstraint(fields=["article", "column"], name="one_offer_per_article_column")]
        indexes = [models.Index(fields=["column", "status"])]

    def __str__(self) -> str:
        return f"{self.article.title} → {self.column.title}"


class ConfidentialityCheckTask(AbstractGroupApprovalTask):
    """审核（含保密审查） — a group-approval step whose approver must record the
    confidentiality check (保密审查) before approving."""

    class Meta:
        verbose_name = _("审核（含保密审查）")
        verbose_name_plural = _("审核（含保密审查）")

    def get_form_for_action(self, action):
        if action == "approve":
            return ConfidentialityApproveForm
        return super().get_form_for_action(action)

    def get_actions(self, obj, user):
        # No one-click "approve": approving always goes through the form with the checkbox.
        from govportal.cluster.access import may_act_on_review_task  # cycle: cluster.access → cluster.models

        if may_act_on_review_task(user, self._user_in_groups(user)):
            return [("reject", _("退回修改"), True), ("approve", _("审核通过（含保密审查）"), True)]
        return []

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name != "approve":
            return super().on_action(task_state, user, action_name, **kwargs)
        # The edit view passes the modal's data through unvalidated, so check here too.
        if kwargs.get("confidentiality_checked") is not True:
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied(_("请先确认已完成保密审查。"))
        comment = kwargs.get("comment") or ""
        from govportal.cluster.review import refuse_approval_if_blocked

        refuse_approval_if_blocked(task_state.workflow_state.content_object)
        with transaction.atomic():
            ConfidentialityCheck.objects.create(
                page=task_state.workflow_state.content_object,
                revision=task_state.revision,
                checked_by=user,
                note=comment,
            )
            return super().on_action(task_state, user, action_name, comment=comment)

    @classmethod
    def get_description(cls):
        return _("审核人审核内容，并确认已完成保密审查后方可通过。")


class SignOffTask(AbstractGroupApprovalTask):
    """领导签发 — the leader's step of the agency's workflow; its buttons say 签发 (issue 19),
    not Wagtail's “批准”."""

    class Meta:
        verbose_name = _("领导签发")
        verbose_name_plural = _("领导签发")

    def get_actions(self, obj, user):
        from govportal.cluster.access import may_act_on_review_task  # cycle: cluster.access → cluster.models

        if may_act_on_review_task(user, self._user_in_groups(user)):
            return [
                ("reject", _("退回修改"), True),
                ("approve", _("签发"), False),
                ("approve", _("签发并附意见"), True),
            ]
        return []

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            from govportal.cluster.review import refuse_approval_if_blocked

            refuse_approval_if_blocked(task_state.workflow_state.content_object)
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _("签发领导审阅稿件，签发后即发布。")


class ConfidentialityApproveForm(forms.Form):
    confidentiality_checked = forms.BooleanField(
        label=_("已完成保密审查，内容不涉及国家秘密、工作秘密和个人隐私"), required=True
    )
    comment = forms.CharField(label=_("审核意见"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class ConfidentialityCheck(models.Model):
    """保密审查记录 — who confirmed the confidentiality check of which revision, when."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="confidentiality_checks")
    revision = models.ForeignKey("wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+")
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    checked_at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)

    class Meta:
        verbose_name = _("保密审查记录")
        verbose_name_plural = _("保密审查记录")
        ordering = ["-checked_at"]

    def __str__(self) -> str:
        return f"{self.page_id} @ {self.checked_at:%Y-%m-%d %H:%M}"


class TopicIndexPage(SiteRootLookupMixin, Page):
    """专题专栏 — the list of the cluster's 专题, under the portal's home."""

    objects = ClusterPageManager()

    intro = models.CharField(_("说明"), max_length=255, blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cluster.SiteHomePage"]
    subpage_types = ["cluster.TopicPage"]
    max_count = 1

    class Meta:
        verbose_name = _("专题专栏")
        verbose_name_plural = _("专题专栏")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["topics"] = (
            TopicPage.objects.child_of(self)
            .live()
            .public()
            .select_related("cover_image")
            .order_by("-first_published_at")
        )
        return context


class TopicPage(SiteRootLookupMixin, Page):
    """专题 — one theme gathered across sites and areas: items chosen by the editors (articles,
    disclosure documents and their interpretations, any page) and what a keyword finds in
    every area that declares a topic source (`cluster.areas.register_topic_source`: tagged
    articles, documents, service items)."""

    objects = ClusterPageManager()

    intro = RichTextField(_("专题介绍"))
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("专题图片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    keyword = models.CharField(
        _("关键词"),
        max_length=40,
        blank=True,
        help_text=_("各网站带有此关键词的文章、标题含此关键词的公开文件和办事事项自动列入专题。"),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("cover_image"),
        FieldPanel("keyword"),
        InlinePanel("items", label=_("精选内容")),
        InlinePanel("links", label=_("相关服务和链接")),
    ]
    parent_page_types = ["cluster.TopicIndexPage"]
    subpage_types: list[str] = []
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("keyword")]

    class Meta:
        verbose_name = _("专题")
        verbose_name_plural = _("专题")

    def get_context(self, request, *args, **kwargs):
        from govportal.cluster import areas  # cycle: cluster.areas → cluster.selectors → cluster.models

        context = super().get_context(request, *args, **kwargs)
        chosen = [item for item in self.items.select_related("page") if item.page.live]
        context["chosen"] = chosen
        context["topic_links"] = list(self.links.all())
        chosen_ids = {item.page_id for item in chosen}
        context["sections"] = (
            areas.topic_sections(self.keyword, request=request, exclude_pages=chosen_ids) if self.keyword else []
        )
        return context


class TopicItem(Orderable):
    """A page chosen for a 专题 (an article, a disclosure document, an interpretation …)."""

    topic = ParentalKey(TopicPage, on_delete=models.CASCADE, related_name="items")
    page = models.ForeignKey("wagtailcore.Page", verbose_name=_("页面"), on_delete=models.CASCADE, related_name="+")
    note = models.CharField(_("说明"), max_length=100, blank=True)

    panels = [FieldPanel("page"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("精选内容")
        verbose_name_plural = _("精选内容")


class TopicLink(Orderable):
    """A service or other address listed in a 专题 (办事指南, 信箱 …)."""

    topic = ParentalKey(TopicPage, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(_("名称"), max_length=100)
    url = models.CharField(_("地址"), max_length=300, help_text=_("站内地址（以 / 开头）或完整网址。"))

    panels = [FieldPanel("title"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("相关服务和链接")
        verbose_name_plural = _("相关服务和链接")

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if not (self.url.startswith("/") or self.url.startswith(("https://", "http://"))):
            raise ValidationError({"url": _("请填写以 / 开头的站内地址或以 http(s):// 开头的网址。")})


class ProductCategory(models.TextChoices):
    GRAIN = "grain", _("粮油")
    PRODUCE = "produce", _("果蔬")
    LIVESTOCK = "livestock", _("畜禽蛋奶")
    AQUATIC = "aquatic", _("水产")
    TEA = "tea", _("茶叶")
    HERBS = "herbs", _("中药材")
    CRAFT = "craft", _("手工艺品")
    FOOD = "food", _("加工食品")
    OTHER = "other", _("其他")


class VillageProduct(Orderable):
    """一村一品 / 农特产品 — a farm or special product of one village, kept on the village's
    page (a `SiteHomePage` of kind village). Other areas read these rows (the enterprise
    area's 名优新特产品 catalogue lists them beside enterprises' products)."""

    home = ParentalKey(SiteHomePage, on_delete=models.CASCADE, related_name="village_products")
    name = models.CharField(_("产品名称"), max_length=60)
    category = models.CharField(
        _("类别"), max_length=20, choices=ProductCategory.choices, default=ProductCategory.OTHER
    )
    is_signature = models.BooleanField(_("一村一品"), default=False, help_text=_("本村的主打特色产品。"))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("图片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.TextField(_("介绍"), max_length=1000, blank=True)
    producer = models.CharField(_("生产者"), max_length=100, blank=True, help_text=_("合作社、企业或农户的名称。"))
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    where_to_buy = models.CharField(_("购买地点"), max_length=200, blank=True)
    season = models.CharField(_("上市时间"), max_length=60, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("category"), FieldPanel("is_signature")]),
        FieldPanel("image"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("producer"), FieldPanel("phone")]),
        FieldRowPanel([FieldPanel("where_to_buy"), FieldPanel("season")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("农特产品")
        verbose_name_plural = _("一村一品、农特产品")

    def __str__(self) -> str:
        return self.name


class UrgentNotice(models.Model):
    """紧急信息 — a notice about a 重大突发公共事件, shown as a banner on every site of the
    cluster while it is active. Published and withdrawn only through `actions.py` by a user
    `access.may_publish_urgent_notice` allows."""

    title = models.CharField(_("标题"), max_length=60)
    body = models.TextField(_("内容"), max_length=500)
    link = models.CharField(_("详情链接"), max_length=300, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("发布人"), on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("发布时间"), default=timezone.now)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("撤下人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("撤下时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("紧急信息")
        verbose_name_plural = _("紧急信息")
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None
