"""GET /sites, /sites/{id}, /sites/{id}/columns — the cluster's sites and their columns."""

from __future__ import annotations

from typing import Annotated

from ninja import Path, Query, Router

from govportal.api.schemas import ColumnOut, ErrorOut, SiteOut
from govportal.cluster import selectors
from govportal.cluster.models import SiteKind

MAX_ID = 2**63 - 1  # larger ids cannot exist, and SQLite would overflow on them

router = Router(tags=["网站"])

SiteId = Annotated[int, Path(ge=1, le=MAX_ID, description="网站 ID", examples=[14])]


def site_out(home, facts: dict, request) -> dict:
    return {
        "id": home.pk,
        "name": home.title,
        "kind": home.kind,
        "kind_label": str(home.get_kind_display()),
        "agency": {"id": home.agency.pk, "code": home.agency.code, "name": home.agency.name},
        "site_code": facts[home.pk]["site_code"],
        "url": home.get_full_url(request),
        "parent": facts[home.pk]["parent_id"],
    }


@router.get(
    "/sites",
    response={200: list[SiteOut], 422: ErrorOut},
    summary="网站列表",
    description="网站群内全部已发布的网站、子站和村/社区页面，按站点树顺序排列。可按网站类型筛选。",
)
def list_sites(
    request,
    kind: Annotated[
        SiteKind | None,
        Query(description="按网站类型筛选，如 portal、department、township、village", examples=["township"]),
    ] = None,
):
    homes = list(selectors.public_sites(kind))
    facts = selectors.site_tree_facts(homes)
    return [site_out(home, facts, request) for home in homes]


@router.get(
    "/sites/{site_id}",
    response={200: SiteOut, 404: ErrorOut, 422: ErrorOut},
    summary="网站详情",
    description="一个已发布网站的基本信息。网站不存在或未发布时返回 404。",
)
def get_site(request, site_id: SiteId):
    home = selectors.public_site(site_id)
    return site_out(home, selectors.site_tree_facts([home]), request)


@router.get(
    "/sites/{site_id}/columns",
    response={200: list[ColumnOut], 404: ErrorOut, 422: ErrorOut},
    summary="网站栏目",
    description="网站自己的已发布栏目（含子栏目，不含其子站的栏目），按站点树顺序排列。",
)
def list_site_columns(request, site_id: SiteId):
    home = selectors.public_site(site_id)
    columns = list(selectors.site_columns(home))
    ids_by_path = {c.path: c.pk for c in columns}
    return [
        {
            "id": c.pk,
            "title": c.title,
            "slug": c.slug,
            "layout": c.layout,
            "column_type": c.column_type,
            "url": c.get_full_url(request),
            "parent": ids_by_path.get(c.path[: -c.steplen]),
            "expected_update_days": c.expected_update_days,
        }
        for c in columns
    ]
