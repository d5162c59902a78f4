"""Writes of 站内搜索 outside the index itself: the weekly query counts (searched, found
nothing, clicked), best bets (推荐结果) and the one-step fixes of the zero-result analysis
(a query becomes a synonym or a best bet). Who may do what is in `access`."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from govportal.core.errors import InvalidInput as Invalid
from govportal.search import access, text
from govportal.search.models import BestBet, SearchQueryWeek, SynonymGroup


def week_of(day: date) -> date:
    """The Monday of the week a day is in."""
    return day - timedelta(days=day.weekday())


def _week_key(q: str) -> str:
    return " ".join(text.normalize(q or "").split())[:100]


def count_week(q: str, *, hits: int) -> None:
    """One search of `q` this week; a search that found nothing is counted as such."""
    key = _week_key(q)
    if not key:
        return
    week = week_of(timezone.localdate())
    zero = 1 if hits == 0 else 0
    updated = SearchQueryWeek.objects.filter(query=key, week=week).update(
        searches=F("searches") + 1, zero_hits=F("zero_hits") + zero, last_hits=hits
    )
    if not updated:
        try:
            with transaction.atomic():
                SearchQueryWeek.objects.create(query=key, week=week, searches=1, zero_hits=zero, last_hits=hits)
        except IntegrityError:  # a concurrent first search this week; count it on the row
            SearchQueryWeek.objects.filter(query=key, week=week).update(
                searches=F("searches") + 1, zero_hits=F("zero_hits") + zero
            )


def count_click(q: str) -> None:
    """A reader opened a result of `q` (the query was not abandoned)."""
    key = _week_key(q)
    if key:
        SearchQueryWeek.objects.filter(query=key, week=week_of(timezone.localdate())).update(clicks=F("clicks") + 1)


def resolve_best_bet(bet: BestBet) -> None:
    """Point the bet at the indexed item at its address (or at nothing: then its title is
    required, as nothing else names it)."""
    from govportal.search.selectors import find_entry

    entry = find_entry(bet.target_url)
    if entry is not None:
        bet.entry_source, bet.entry_object_id = entry.source, entry.object_id
    else:
        bet.entry_source, bet.entry_object_id = "", None
        if not bet.title:
            raise Invalid("该地址不是站内已公开的页面或事项，请填写显示标题，或换一个地址。")
        if not (bet.target_url.startswith("/") or bet.target_url.startswith(("http://", "https://"))):
            raise Invalid("推荐的页面地址应以 / 或 http(s):// 开头。")


def save_best_bet(user, bet: BestBet) -> BestBet:
    access.require_best_bet(user, bet)
    if not bet.keyword_list():
        raise Invalid("请至少填写一个搜索词。")
    resolve_best_bet(bet)
    bet.save()
    return bet


def query_to_synonym(user, *, query: str, term: str) -> SynonymGroup:
    """Zero-result analysis, one step: the query means the same as an existing term."""
    access.require_office(user)
    query, term = _week_key(query), _week_key(term)
    if not query or not term or query == term:
        raise Invalid("请填写与该搜索词同义、且站内能搜到的词。")
    group = SynonymGroup.objects.create(terms=f"{query} = {term}", note="由无结果搜索分析添加")
    from govportal.search.selectors import forget_synonyms

    forget_synonyms()
    return group


def query_to_best_bet(user, *, query: str, target_url: str, title: str = "") -> BestBet:
    """Zero-result analysis, one step: the query shows this page first from now on."""
    bet = BestBet(keywords=_week_key(query), target_url=target_url.strip(), title=title.strip())
    if not access.is_office(user):
        bet.agency_id = access.agency_id_of(user)
    return save_best_bet(user, bet)
