"""站内搜索 in the Wagtail admin, for the information office (superusers) only: the synonym
list, and the hot-search counts where an unsuitable query can be hidden."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from govportal.core.wagtail_hooks import InformationOfficeOnlyPolicy
from govportal.search.models import SearchQueryStat, SynonymGroup


class SynonymViewSet(ModelViewSet):
    model = SynonymGroup
    icon = "list-ul"
    menu_label = _("同义词")
    name = "search-synonyms"
    form_fields = ["terms", "note"]
    list_display = ["__str__", "note", "updated_at"]


class HotQueryViewSet(ModelViewSet):
    model = SearchQueryStat
    icon = "pick"
    menu_label = _("热门搜索")
    name = "search-hot-queries"
    form_fields = ["is_hidden"]
    list_display = ["query", "count", "last_hits", "last_searched_at", "is_hidden"]
    list_filter = ["is_hidden"]


class SearchAdminGroup(ModelViewSetGroup):
    menu_label = _("站内搜索")
    menu_icon = "search"
    menu_order = 910
    items = (SynonymViewSet, HotQueryViewSet)


register_permission_policy(SynonymGroup, InformationOfficeOnlyPolicy(SynonymGroup))
register_permission_policy(SearchQueryStat, InformationOfficeOnlyPolicy(SearchQueryStat))


@hooks.register("register_admin_viewset")
def register_search_admin():
    return SearchAdminGroup()
