"""What 便民服务 publishes into search and navigation (read by `ConvenienceConfig.ready`)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from govportal.cluster import areas
from govportal.search import registry as search
from govportal.search.registry import Document

# --- minimal entry (helper "query" only; the tourism helper owns the area's real entry) ----
# The 便民服务 entry of every site, leading to the area's index (which links 公共查询). At
# merge the lead keeps the tourism helper's `register_area` and drops this block.


def _city_link():
    return areas.Link(reverse("convenience:index"))


areas.register_area(
    areas.Area(
        key="bianmin",
        label=_("便民服务"),
        intro=_("公共查询、便民信息"),
        order=50,
        city_link=_city_link,
    )
)
# --- end minimal entry ---------------------------------------------------------------------

# --- 公共查询 (public query systems) — helper "query" ------------------------------------------
from govportal.convenience.models import QuerySystem  # noqa: E402


def _query_systems():
    return QuerySystem.objects.select_related("agency").order_by("pk")


def query_system_document(system) -> Document | None:
    """A published query system is found by its name (水费查询) as a direct answer with its
    查询 button; its data never is."""
    from govportal.convenience import selectors

    if not system.is_published or selectors.config_problems(system):
        return None
    url = reverse("convenience:chaxun:query", args=[system.slug])
    return Document(
        object_id=system.pk,
        title=system.name,
        body=f"{system.intro} {system.provider}".strip(),
        url=url,
        published_at=system.data_as_of,
        agency_id=system.agency_id,
        site_name=system.provider,
        keywords=[str(_("公共查询"))],
        action_url=url,
        action_label=str(_("查询")),
    )


search.register(
    search.SearchSource(
        key="query_system",
        label=_("公共查询"),
        order=60,
        items=_query_systems,
        document=query_system_document,
        model=QuerySystem,
        direct_answer=True,
    )
)
# --- end 公共查询 ------------------------------------------------------------------------------
