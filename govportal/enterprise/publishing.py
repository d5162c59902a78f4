"""What 企业风采 and 招商引资 publish into search, the navigation and the portal home, and
what their changes refresh (read by `EnterpriseConfig.ready`).

- search (`search.registry`): published enterprises (type 企业风采), enterprises' featured
  products and village products (type 名优新特产品), published investment projects (type
  招商项目). Model sources: a saved or deleted row re-indexes itself on commit; approving
  or withdrawing an enterprise re-indexes its products (`actions`).
- navigation (`cluster.areas`): the 企业风采 entry of every site (the city's pages), and two
  portal home blocks: the image windows (形象窗口, first) and 企业风采.
- pre-rendered pages (`prerender.registry`): a window that starts or ends refreshes its
  site's home (`actions.image_windows_refresh`, run every minute by `tasks`); the
  enterprise and investment pages are plain Django views: a saved row refreshes their URLs.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from govportal.cluster import areas
from govportal.cluster.models import SiteKind, VillageProduct
from govportal.enterprise import selectors
from govportal.enterprise.models import (
    Enterprise,
    EnterpriseProduct,
    EnterpriseState,
    InvestmentPolicy,
    InvestmentProject,
)
from govportal.prerender import registry as prerender
from govportal.search import registry as search
from govportal.search.registry import Document

# --- search ------------------------------------------------------------------------------


def _enterprises():
    return Enterprise.objects.filter(state=EnterpriseState.APPROVED).order_by("pk")


def enterprise_document(enterprise) -> Document | None:
    if enterprise.state != EnterpriseState.APPROVED:
        return None
    return Document(
        object_id=enterprise.pk,
        title=enterprise.name,
        body=f"{enterprise.profile} {enterprise.honours}",
        url=reverse("enterprise:detail", args=[enterprise.pk]),
        published_at=enterprise.decided_at,
        agency_id=enterprise.agency_id,
        site_name=str(_("企业风采")),
        keywords=[enterprise.get_industry_display(), enterprise.township],
    )


def _products():
    return (
        EnterpriseProduct.objects.filter(is_featured=True, enterprise__state=EnterpriseState.APPROVED)
        .select_related("enterprise")
        .order_by("pk")
    )


def product_document(product) -> Document | None:
    if not product.is_featured or product.enterprise.state != EnterpriseState.APPROVED:
        return None
    return Document(
        object_id=product.pk,
        title=product.name,
        body=f"{product.description} {product.enterprise.name}",
        url=reverse("enterprise:detail", args=[product.enterprise_id]),
        published_at=product.enterprise.decided_at,
        agency_id=product.enterprise.agency_id,
        site_name=str(_("名优新特产品")),
        keywords=[product.get_category_display()],
    )


def _village_products():
    return (
        VillageProduct.objects.filter(home__live=True, home__kind=SiteKind.VILLAGE)
        .select_related("home")
        .order_by("pk")
    )


def village_product_document(product) -> Document | None:
    home = product.home
    if not home.live or home.kind != SiteKind.VILLAGE:
        return None
    return Document(
        object_id=product.pk,
        title=product.name,
        body=f"{product.description} {product.producer} {product.where_to_buy}",
        url=f"{reverse('enterprise:products')}?q={product.name}",
        published_at=None,
        agency_id=home.agency_id,
        site_name=home.title,
        keywords=[product.get_category_display(), "一村一品" if product.is_signature else "农特产品"],
    )


def _projects():
    return selectors.published_projects().order_by("pk")


def project_document(project) -> Document | None:
    if not project.is_published:
        return None
    return Document(
        object_id=project.pk,
        title=project.title,
        body=f"{project.description} {project.terms} {project.location} {project.scale}",
        url=reverse("enterprise:project", args=[project.pk]),
        published_at=project.published_at,
        agency_id=project.agency_id,
        site_name=str(_("招商引资")),
        keywords=[project.get_sector_display()],
    )


search.register(
    search.SearchSource(
        key="enterprise",
        label=_("企业风采"),
        order=60,
        items=_enterprises,
        document=enterprise_document,
        model=Enterprise,
    )
)
search.register(
    search.SearchSource(
        key="enterprise_product",
        label=_("名优新特产品"),
        order=61,
        items=_products,
        document=product_document,
        model=EnterpriseProduct,
    )
)
search.register(
    search.SearchSource(
        key="village_product",
        label=_("农特产品"),
        order=62,
        items=_village_products,
        document=village_product_document,
        model=VillageProduct,
    )
)
search.register(
    search.SearchSource(
        key="investment_project",
        label=_("招商项目"),
        order=63,
        items=_projects,
        document=project_document,
        model=InvestmentProject,
    )
)


# --- pre-rendered pages: the area's own views ------------------------------------------------


def _area_urls_changed(sender, instance, **kwargs):
    urls = [reverse("enterprise:index"), reverse("enterprise:products"), reverse("enterprise:investment")]
    if isinstance(instance, Enterprise):
        urls.append(reverse("enterprise:detail", args=[instance.pk]))
    elif isinstance(instance, InvestmentProject):
        urls.append(reverse("enterprise:project", args=[instance.pk]))
    prerender.urls_changed(urls)


for _model in (Enterprise, EnterpriseProduct, InvestmentProject, InvestmentPolicy):
    _name = _model.__name__
    post_save.connect(_area_urls_changed, sender=_model, dispatch_uid=f"enterprise_urls_save_{_name}")
    post_delete.connect(_area_urls_changed, sender=_model, dispatch_uid=f"enterprise_urls_delete_{_name}")


# --- the cluster's navigation and the portal home (cluster.areas) -------------------------


def _portal_windows(request) -> dict | None:
    home_id = selectors.portal_home_id()
    windows = selectors.live_windows(home_id) if home_id else []
    return {"windows": windows} if windows else None


def _portal_enterprises(request) -> dict | None:
    enterprises = selectors.portal_enterprises()
    return {"enterprises": enterprises} if enterprises else None


areas.register_area(
    areas.Area(
        key="qiye",
        label=_("企业风采"),
        intro=_("企业风采、名优新特产品、招商引资"),
        order=50,
        city_link=lambda: areas.Link(reverse("enterprise:index")),
    )
)
areas.register_portal_block(
    areas.PortalBlock(
        key="image_windows", order=1, template="enterprise/includes/portal_windows.html", context=_portal_windows
    )
)
areas.register_portal_block(
    areas.PortalBlock(
        key="enterprises", order=50, template="enterprise/includes/portal_block.html", context=_portal_enterprises
    )
)
