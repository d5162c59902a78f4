"""Reads of 企业风采 and 招商引资: what the public pages, the portal home's blocks and the
admin show (admin reads are filtered by `access`)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from govportal.cluster.models import ProductCategory, SiteHomePage, SiteKind, VillageProduct
from govportal.core.citizen_input import parse_int, strip_controls, to_half_width
from govportal.enterprise.models import (
    Enterprise,
    EnterpriseKind,
    EnterpriseProduct,
    EnterpriseState,
    ImageWindow,
    Industry,
    InvestmentPolicy,
    InvestmentProject,
    ReviewState,
)

QUERY_MAX = 50

# --- 形象窗口 -----------------------------------------------------------------------------------


def live_windows(home_id: int, *, now=None) -> list[ImageWindow]:
    """The windows on show on a site's home now: approved, started, not ended, in order."""
    now = now or timezone.now()
    return list(
        ImageWindow.objects.filter(home_id=home_id, state=ReviewState.APPROVED, starts_at__lte=now)
        .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))
        .select_related("image", "video", "captions")
        .order_by("sort_order", "-starts_at", "pk")[:6]
    )


def portal_home_id() -> int | None:
    return SiteHomePage.objects.live().filter(kind=SiteKind.PORTAL).values_list("pk", flat=True).first()


# --- 企业风采 -----------------------------------------------------------------------------------


def clean_query(value) -> str:
    return to_half_width(strip_controls(str(value or ""))).strip()[:QUERY_MAX]


def public_enterprises(*, q: str = "", industry: str = "", township: str = "", kind: str = "") -> QuerySet[Enterprise]:
    qs = Enterprise.objects.filter(state=EnterpriseState.APPROVED).select_related("logo")
    q = clean_query(q)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(profile__icontains=q) | Q(products__name__icontains=q)).distinct()
    if industry in Industry.values:
        qs = qs.filter(industry=industry)
    if kind in EnterpriseKind.values:
        qs = qs.filter(kind=kind)
    township = clean_query(township)
    if township:
        qs = qs.filter(township=township)
    return qs.order_by("sort_order", "-decided_at", "pk")


def public_townships() -> list[str]:
    return sorted(set(Enterprise.objects.filter(state=EnterpriseState.APPROVED).values_list("township", flat=True)))


def public_enterprise(pk) -> Enterprise:
    pk = parse_int(pk, minimum=1)
    enterprise = (
        Enterprise.objects.filter(pk=pk, state=EnterpriseState.APPROVED).select_related("logo", "agency").first()
        if pk
        else None
    )
    if enterprise is None:
        raise Http404("企业不存在或未发布")
    return enterprise


def enterprises_with_websites() -> list[tuple[int, str]]:
    return list(
        Enterprise.objects.filter(state=EnterpriseState.APPROVED)
        .exclude(website="")
        .order_by("pk")
        .values_list("pk", "website")
    )


def portal_enterprises(limit: int = 8) -> list[Enterprise]:
    return list(public_enterprises().prefetch_related("products")[:limit])


# --- 名优新特产品 ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CatalogueItem:
    name: str
    category: str
    category_label: str
    description: str
    image: object
    producer: str
    url: str | None
    source: str  # 企业 / 一村一品
    where_to_buy: str = ""
    season: str = ""
    signature: bool = False


def catalogue(*, category: str = "", q: str = "", url_of=None) -> list[CatalogueItem]:
    """名优新特产品: enterprises' featured products (of published enterprises) and the village
    products of live village pages (`cluster.VillageProduct`), by category, searchable."""
    labels = dict(ProductCategory.choices)
    q = clean_query(q)
    category = category if category in labels else ""
    products = EnterpriseProduct.objects.filter(
        is_featured=True, enterprise__state=EnterpriseState.APPROVED
    ).select_related("enterprise", "image")
    villages = VillageProduct.objects.filter(home__live=True, home__kind=SiteKind.VILLAGE).select_related(
        "home", "image"
    )
    if category:
        products, villages = products.filter(category=category), villages.filter(category=category)
    if q:
        products = products.filter(
            Q(name__icontains=q) | Q(description__icontains=q) | Q(enterprise__name__icontains=q)
        )
        villages = villages.filter(Q(name__icontains=q) | Q(description__icontains=q) | Q(producer__icontains=q))
    items = [
        CatalogueItem(
            name=p.name,
            category=p.category,
            category_label=str(labels.get(p.category, "")),
            description=p.description,
            image=p.image,
            producer=p.enterprise.name,
            url=reverse("enterprise:detail", args=[p.enterprise_id]),
            source="企业",
        )
        for p in products.order_by("enterprise__sort_order", "enterprise_id", "sort_order", "pk")[:200]
    ]
    for v in villages.order_by("-is_signature", "home__path", "sort_order")[:200]:
        items.append(
            CatalogueItem(
                name=v.name,
                category=v.category,
                category_label=str(labels.get(v.category, "")),
                description=v.description,
                image=v.image,
                producer=v.producer or v.home.title,
                url=url_of(v.home.url_path) if url_of else None,
                source="一村一品" if v.is_signature else "农特产品",
                where_to_buy=v.where_to_buy,
                season=v.season,
                signature=v.is_signature,
            )
        )
    return items


# --- 招商引资 -----------------------------------------------------------------------------------


def published_projects() -> QuerySet[InvestmentProject]:
    return InvestmentProject.objects.filter(is_published=True, published_at__lte=timezone.now()).order_by(
        "sort_order", "-published_at", "pk"
    )


def public_project(pk) -> InvestmentProject:
    pk = parse_int(pk, minimum=1)
    project = published_projects().filter(pk=pk).first() if pk else None
    if project is None:
        raise Http404("招商项目不存在或已下线")
    return project


def published_policies() -> QuerySet[InvestmentPolicy]:
    return (
        InvestmentPolicy.objects.filter(is_published=True, published_at__lte=timezone.now())
        .select_related("document")
        .order_by("-published_at", "pk")
    )
