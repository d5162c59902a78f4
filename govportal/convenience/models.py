"""Models of the convenience area (便民服务).

The area is shared by two parts built side by side; each keeps its models in its own block
below so that the two merge cleanly.
"""

from __future__ import annotations

# ============================================================================================
# 旅游文化 and 便民服务目录 (issue 23 points 1, 2) — block of the `tourism` part
# ============================================================================================
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from govportal.cluster.models import ClusterPageManager, SiteHomePage, SiteRootLookupMixin
from govportal.convenience.forms import TourismPageForm

LATITUDE = [MinValueValidator(Decimal("-90")), MaxValueValidator(Decimal("90"))]
LONGITUDE = [MinValueValidator(Decimal("-180")), MaxValueValidator(Decimal("180"))]


class TourismIndexPage(SiteRootLookupMixin, RoutablePageMixin, Page):
    """旅游文化 — the root of the tourism and culture subtree, maintained by the agencies named
    in `maintainers` (the tourism and culture bureaus): their groups get page permissions on
    this page (`access.tourism_roots`, through `cluster.permissions.register_root_source`).
    Routes: ``""`` (the overview, filterable by kind) and ``rili/`` (the events calendar)."""

    objects = ClusterPageManager()

    intro = RichTextField(_("简介"), blank=True)
    maintainers = ParentalManyToManyField(
        "core.Agency",
        verbose_name=_("维护单位"),
        blank=True,
        related_name="tourism_roots",
        help_text=_("负责维护本栏目的单位（如文化和旅游局）；其信息员、审核人、签发领导获得本栏目的页面权限。"),
    )

    # Who maintains the subtree is the information office's decision (the maintainers' own
    # editors hold rights on this page and must not hand them on): the panel is theirs only.
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("maintainers", permission="superuser")]
    parent_page_types = ["cluster.SiteHomePage"]
    subpage_types = [
        "convenience.ScenicSpotPage",
        "convenience.HeritagePage",
        "convenience.TourismEventPage",
        "convenience.TourismRoutePage",
        "convenience.FoodPage",
    ]
    max_count_per_parent = 1
    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = _("旅游文化栏目")
        verbose_name_plural = _("旅游文化栏目")

    @cached_property
    def site_home(self):
        return SiteHomePage.objects.ancestor_of(self).select_related("agency").order_by("-depth").first()

    @path("")
    def overview(self, request):
        from govportal.convenience import views  # cycle: views → selectors → models

        return views.tourism_index(request, self)

    @path("rili/")
    def calendar(self, request):
        from govportal.convenience import views  # cycle: views → selectors → models

        return views.tourism_calendar(request, self)


class TourismPage(SiteRootLookupMixin, Page):
    """One item of 旅游文化 (the common part of its five kinds): a gallery of Wagtail images
    with their alt text, opening hours, tickets, an address with coordinates, transport."""

    objects = ClusterPageManager()

    summary = models.TextField(_("摘要"), max_length=300, blank=True)
    body = RichTextField(_("介绍"), blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("纬度"), max_digits=9, decimal_places=6, null=True, blank=True, validators=LATITUDE
    )
    longitude = models.DecimalField(
        _("经度"), max_digits=9, decimal_places=6, null=True, blank=True, validators=LONGITUDE
    )
    opening_hours = models.CharField(_("开放时间"), max_length=200, blank=True)
    tickets = models.CharField(_("门票"), max_length=200, blank=True, help_text=_("如“免费”“成人60元，学生半价”。"))
    transport = models.TextField(_("交通"), max_length=1000, blank=True)
    phone = models.CharField(_("咨询电话"), max_length=50, blank=True)

    base_form_class = TourismPageForm
    facts_panels = [
        FieldRowPanel([FieldPanel("opening_hours"), FieldPanel("tickets")]),
        FieldRowPanel([FieldPanel("address"), FieldPanel("phone")]),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        FieldPanel("transport"),
    ]
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(facts_panels, heading=_("开放时间、门票、地址、交通")),
        InlinePanel("gallery", label=_("图片"), heading=_("图集（每张图片须填写替代文字）")),
    ]
    parent_page_types = ["convenience.TourismIndexPage"]
    subpage_types: list[str] = []
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("address"),
    ]
    is_creatable = False
    kind_label = _("旅游文化")

    class Meta:
        verbose_name = _("旅游文化条目")
        verbose_name_plural = _("旅游文化条目")

    @cached_property
    def site_home(self):
        return SiteHomePage.objects.ancestor_of(self).select_related("agency").order_by("-depth").first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["site_home"] = self.site_home
        context["images"] = list(self.gallery.select_related("image").all())
        return context


class ScenicSpotPage(TourismPage):
    """景区景点 — a scenic spot."""

    level = models.CharField(_("景区等级"), max_length=20, blank=True, help_text=_("如“国家AAAA级旅游景区”。"))
    content_panels = TourismPage.content_panels[:2] + [FieldPanel("level")] + TourismPage.content_panels[2:]
    kind_label = _("景区景点")
    template = "convenience/tourism_page.html"

    class Meta:
        verbose_name = _("景区景点")
        verbose_name_plural = _("景区景点")


class HeritagePage(TourismPage):
    """文化遗产 — a cultural heritage site or an intangible heritage item (非遗)."""

    heritage_level = models.CharField(
        _("保护级别"), max_length=60, blank=True, help_text=_("如“省级非物质文化遗产代表性项目”。")
    )
    content_panels = TourismPage.content_panels[:2] + [FieldPanel("heritage_level")] + TourismPage.content_panels[2:]
    kind_label = _("文化遗产")
    template = "convenience/tourism_page.html"

    class Meta:
        verbose_name = _("文化遗产")
        verbose_name_plural = _("文化遗产")


class TourismEventPage(TourismPage):
    """节庆活动 — an event with its dates, shown on the events calendar."""

    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("结束日期"), null=True, blank=True, help_text=_("一天的活动可不填。"))
    content_panels = (
        TourismPage.content_panels[:2]
        + [FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")])]
        + TourismPage.content_panels[2:]
    )
    kind_label = _("节庆活动")
    template = "convenience/tourism_page.html"

    class Meta:
        verbose_name = _("节庆活动")
        verbose_name_plural = _("节庆活动")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="convenience_event_end_after_start",
                violation_error_message=_("结束日期不能早于开始日期"),
            )
        ]

    @property
    def last_date(self):
        return self.end_date or self.start_date


class TourismRoutePage(TourismPage):
    """旅游线路 — a route: its duration and stops."""

    duration = models.CharField(_("行程时长"), max_length=60, blank=True, help_text=_("如“一日游”“两天一夜”。"))
    itinerary = models.TextField(_("行程安排"), max_length=3000, blank=True, help_text=_("每行一站。"))
    content_panels = (
        TourismPage.content_panels[:2]
        + [FieldPanel("duration"), FieldPanel("itinerary")]
        + TourismPage.content_panels[2:]
    )
    kind_label = _("旅游线路")
    template = "convenience/tourism_page.html"

    class Meta:
        verbose_name = _("旅游线路")
        verbose_name_plural = _("旅游线路")

    @property
    def stops(self) -> list[str]:
        return [line.strip() for line in self.itinerary.splitlines() if line.strip()]


class FoodPage(TourismPage):
    """特色美食 — a local dish or speciality, and where to taste it."""

    where_to_eat = models.TextField(_("推荐去处"), max_length=1000, blank=True)
    content_panels = TourismPage.content_panels[:2] + [FieldPanel("where_to_eat")] + TourismPage.content_panels[2:]
    kind_label = _("特色美食")
    template = "convenience/tourism_page.html"

    class Meta:
        verbose_name = _("特色美食")
        verbose_name_plural = _("特色美食")


TOURISM_KINDS = {
    "jingdian": ScenicSpotPage,
    "yichan": HeritagePage,
    "huodong": TourismEventPage,
    "xianlu": TourismRoutePage,
    "meishi": FoodPage,
}


class TourismImage(Orderable):
    """One picture of an item's gallery: a Wagtail image (renditions) and its text
    alternative, required before publication (`forms.TourismPageForm`)."""

    page = ParentalKey(TourismPage, on_delete=models.CASCADE, related_name="gallery")
    image = models.ForeignKey("wagtailimages.Image", verbose_name=_("图片"), on_delete=models.CASCADE, related_name="+")
    alt_text = models.CharField(
        _("替代文字"), max_length=200, blank=True, help_text=_("向看不到图片的读者说明图片内容，发布前必填。")
    )
    caption = models.CharField(_("图片说明"), max_length=200, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("图片")
        verbose_name_plural = _("图片")


class DirectoryCategory(models.TextChoices):
    """便民服务目录's categories: the first five are businesses, the rest public services."""

    HOTEL = "hotel", _("酒店宾馆")
    RESTAURANT = "restaurant", _("餐饮美食")
    SHOPPING = "shopping", _("商场超市")
    ENTERTAINMENT = "entertainment", _("休闲娱乐")
    HOSPITAL = "hospital", _("医院诊所")
    SCHOOL = "school", _("学校")
    SERVICE_CENTRE = "service_centre", _("便民服务中心")
    BANK = "bank", _("银行网点")
    STATION = "station", _("车站")


PUBLIC_SERVICES = frozenset(
    {
        DirectoryCategory.HOSPITAL,
        DirectoryCategory.SCHOOL,
        DirectoryCategory.SERVICE_CENTRE,
        DirectoryCategory.BANK,
        DirectoryCategory.STATION,
    }
)


class DirectoryEntry(models.Model):
    """便民服务目录 — one hotel, restaurant, shop, venue or public service, maintained by one
    agency (`agency`; only its staff and the information office edit it)."""

    agency = models.ForeignKey(
        "core.Agency", verbose_name=_("维护单位"), on_delete=models.PROTECT, related_name="directory_entries"
    )
    category = models.CharField(_("类别"), max_length=20, choices=DirectoryCategory.choices)
    name = models.CharField(_("名称"), max_length=100)
    township = models.ForeignKey(
        "core.Agency",
        verbose_name=_("所在乡镇"),
        on_delete=models.PROTECT,
        related_name="directory_entries_here",
        limit_choices_to={"kind": "township"},
    )
    address = models.CharField(_("地址"), max_length=200)
    phone = models.CharField(_("电话"), max_length=50, blank=True)
    hours = models.CharField(_("营业（办公）时间"), max_length=100, blank=True)
    services = models.TextField(_("服务项目"), max_length=1000, blank=True)
    latitude = models.DecimalField(
        _("纬度"), max_digits=9, decimal_places=6, null=True, blank=True, validators=LATITUDE
    )
    longitude = models.DecimalField(
        _("经度"), max_digits=9, decimal_places=6, null=True, blank=True, validators=LONGITUDE
    )
    is_published = models.BooleanField(_("公开"), default=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("便民服务目录条目")
        verbose_name_plural = _("便民服务目录")
        ordering = ["category", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "township", "name"],
                name="convenience_directory_unique_name",
                violation_error_message=_("同一乡镇已有同名条目"),
            )
        ]
        indexes = [models.Index(fields=["category", "township"], name="convenience_dir_cat_town")]

    def __str__(self) -> str:
        return self.name

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class DirectoryCorrection(models.Model):
    """纠错 — a citizen's report that a directory entry is wrong: a case (type
    ``directory_correction``) of the entry's maintaining agency, with a reply clock."""

    case = models.OneToOneField(
        "core.Case", verbose_name=_("事项"), on_delete=models.PROTECT, related_name="directory_correction"
    )
    entry = models.ForeignKey(
        DirectoryEntry, verbose_name=_("条目"), on_delete=models.PROTECT, related_name="corrections"
    )
    content = models.TextField(_("纠错内容"), max_length=1000)
    name = models.CharField(_("姓名"), max_length=50)
    phone = models.CharField(_("联系电话"), max_length=30)
    reply = models.TextField(_("处理结果"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("目录纠错")
        verbose_name_plural = _("目录纠错")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"纠错：{self.entry}"


# ============================================================================================
# end of the `tourism` block
# ============================================================================================

# --- 公共查询 (public query systems, issue 23 point 3), in their own module ------------------
from govportal.convenience.models_query import (  # noqa: E402,F401
    PERSONAL_MASKS,
    FieldMask,
    QueryField,
    QueryImport,
    QueryLog,
    QueryRecord,
    QuerySource,
    QuerySystem,
)

# --- end 公共查询 ------------------------------------------------------------------------------
