"""Who may do what in 站内搜索's admin (built on `govportal.core.access`).

- Synonyms, hot searches and the zero-result analysis: the information office alone.
- Best bets (推荐结果): the information office keeps the cluster-wide ones (no agency) and
  sees every row; each agency's staff keep their own agency's and see no other (404).
"""

from __future__ import annotations

from django.db.models import QuerySet

from govportal.core import access as core
from govportal.core.access import ScopedPolicy, information_office_only
from govportal.core.errors import NotAllowed, NotFound
from govportal.core.models import Agency
from govportal.search.models import BestBet, SearchQueryStat, SearchQueryWeek, SynonymGroup

is_office = core.is_information_office
agency_id_of = core.agency_id_of

BEST_BET_POLICY = ScopedPolicy(BestBet, agency_path="agency_id")
SYNONYM_POLICY = information_office_only(SynonymGroup)
HOT_QUERY_POLICY = information_office_only(SearchQueryStat)
QUERY_WEEK_POLICY = information_office_only(SearchQueryWeek)


def may_use_best_bets(user) -> bool:
    return core.is_information_office(user) or core.has_agency(user)


def best_bets_for(user, qs: QuerySet[BestBet] | None = None) -> QuerySet[BestBet]:
    """The best bets a member of staff keeps: all for the office, their agency's otherwise."""
    return core.scope_to_agency(user, BestBet.objects.select_related("agency") if qs is None else qs)


def require_best_bet(user, bet: BestBet) -> None:
    """The office keeps any bet; an agency's staff only their own agency's."""
    if core.is_information_office(user):
        return
    if not core.has_agency(user):
        raise NotFound("页面不存在")
    if bet.agency_id != core.agency_id_of(user):
        raise NotAllowed("只能维护本单位的推荐结果")


def may_use_analysis(user) -> bool:
    return core.is_information_office(user)


def require_office(user) -> None:
    if not core.is_information_office(user):
        raise NotFound("页面不存在")


def limit_agency_field(form, user) -> None:
    """An agency's staff file best bets under their own agency only."""
    if "agency" in form.fields and not core.is_information_office(user):
        form.fields["agency"].queryset = Agency.objects.filter(pk=core.agency_id_of(user))
        form.fields["agency"].required = True
        form.fields["agency"].empty_label = None
