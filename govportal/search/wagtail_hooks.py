"""站内搜索 in the Wagtail admin.

- 同义词, 热门搜索 and 搜索分析 (zero-result and abandoned queries by week, each turned into a
  synonym or a best bet in one step): the information office (superusers) only.
- 推荐结果 (best bets): the office keeps the cluster-wide ones and sees all; each agency
  keeps its own (another agency's row is a 404 on every screen). Rules: `search.access`.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.forms import modelform_factory
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from govportal.core.admin_scope import AgencyScopedViewSetMixin
from govportal.core.errors import GovPortalError
from govportal.search import access, actions, admin_views
from govportal.search.models import BestBet, SearchQueryStat, SynonymGroup


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


class BestBetForm(forms.ModelForm):
    """Resolves the address to the indexed item it names (or asks for a title)."""

    def _post_clean(self):
        super()._post_clean()
        if self.errors:
            return
        if not self.instance.keyword_list():
            self.add_error("keywords", _("请至少填写一个搜索词。"))
            return
        try:
            actions.resolve_best_bet(self.instance)
        except GovPortalError as error:
            self.add_error("target_url", ValidationError(error.message))


class _BestBetIndex(generic.IndexView):
    def get_base_queryset(self):
        return access.best_bets_for(self.request.user, super().get_base_queryset())


class _BestBetForms:
    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        access.limit_agency_field(form, self.request.user)
        return form


class _BestBetCreate(_BestBetForms, generic.CreateView):
    pass


class _BestBetEdit(_BestBetForms, generic.EditView):
    pass


class BestBetViewSet(AgencyScopedViewSetMixin, ModelViewSet):
    model = BestBet
    icon = "pick"
    menu_label = _("推荐结果")
    name = "search-best-bets"
    form_fields = ["keywords", "target_url", "title", "description", "agency", "sort_order", "is_active"]
    list_display = ["keywords", "title", "target_url", "agency", "is_active", "updated_at"]
    list_filter = ["is_active"]
    search_fields = ["keywords", "title", "target_url"]
    index_view_class = _BestBetIndex
    add_view_class = _BestBetCreate
    edit_view_class = _BestBetEdit

    def get_form_class(self, for_update=False):
        return modelform_factory(
            self.model, form=BestBetForm, formfield_callback=self.formfield_for_dbfield, fields=self.form_fields
        )


class AnalysisMenuItem(MenuItem):
    def is_shown(self, request):
        return access.may_use_analysis(request.user)


class AnalysisViewSet(ViewSet):
    """搜索分析: zero-result and abandoned queries by week (admin_views)."""

    name = "search-analysis"
    icon = "table"
    menu_label = _("搜索分析")
    menu_item_class = AnalysisMenuItem

    def get_urlpatterns(self):
        return admin_views.urlpatterns


class SearchAdminGroup(ModelViewSetGroup):
    menu_label = _("站内搜索")
    menu_icon = "search"
    menu_order = 910
    items = (BestBetViewSet, SynonymViewSet, HotQueryViewSet, AnalysisViewSet)


register_permission_policy(SynonymGroup, access.SYNONYM_POLICY)
register_permission_policy(SearchQueryStat, access.HOT_QUERY_POLICY)
register_permission_policy(BestBet, access.BEST_BET_POLICY)


@hooks.register("register_admin_viewset")
def register_search_admin():
    return SearchAdminGroup()
