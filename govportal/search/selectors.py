"""Reads: run a search, highlight, suggest, hot searches. Public data only (the index holds
nothing else), so nothing here depends on who asks."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from time import monotonic

from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.db.models import Q as models_q
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from govportal.search import backends, sources, text
from govportal.search import query as query_module
from govportal.search.models import BestBet, SearchEntry, SearchQueryStat, SearchQueryWeek, SynonymGroup
from govportal.search.query import ParsedQuery, Synonyms, Term, parse, relaxed

PER_PAGE = 10
MAX_PAGE = 100
SNIPPET_CHARS = 120

SYNONYM_CHECK_SECONDS = 5.0
_synonym_cache: dict = {"stamp": None, "value": Synonyms([]), "checked": -1e9}


def forget_synonyms(**kwargs) -> None:
    """Edited in this process: the next query reloads (other processes within seconds)."""
    _synonym_cache["checked"] = -1e9


def synonyms() -> Synonyms:
    """Reloaded when the table changed (count or last edit): checked at most every few
    seconds per process, at once in the process that saved the edit."""
    now = monotonic()
    if now - _synonym_cache["checked"] < SYNONYM_CHECK_SECONDS:
        return _synonym_cache["value"]
    stamp = tuple(SynonymGroup.objects.aggregate(n=Count("id"), t=Max("updated_at")).values())
    if stamp != _synonym_cache["stamp"]:
        groups = [g.term_list() for g in SynonymGroup.objects.all()]
        _synonym_cache.update(stamp=stamp, value=Synonyms([g for g in groups if len(g) > 1]))
    _synonym_cache["checked"] = now
    return _synonym_cache["value"]


@dataclass
class Hit:
    entry: SearchEntry
    type_label: str
    title_html: SafeString
    snippet_html: SafeString
    snippet_text: str


@dataclass
class Answer:
    """A direct answer or a best bet, shown above the results."""

    title: str
    url: str
    label: str  # its type (办事服务, 信箱) or 推荐
    summary: str = ""
    site_name: str = ""
    action_url: str = ""
    action_label: str = ""
    kind: str = "best_bet"  # or "direct"


@dataclass
class SearchResult:
    query: str
    parsed: ParsedQuery | None
    total: int = 0
    total_exact: bool = True  # False: `total` is an estimate (very common words, PostgreSQL)
    facets: list[dict] = field(default_factory=list)  # [{key, label, count}]
    hits: list[Hit] = field(default_factory=list)
    page: int = 1
    pages: int = 0
    relaxed: bool = False  # the hits are nearest matches, not matches of every word
    suggestions: list[str] = field(default_factory=list)
    direct_answers: list[Answer] = field(default_factory=list)  # the query names these items
    best_bets: list[Answer] = field(default_factory=list)  # 推荐结果 for these words

    def top_urls(self) -> list[str]:
        """What a reader sees first, in order: direct answers, best bets, then the hits."""
        urls = [a.url for a in [*self.direct_answers, *self.best_bets]] + [h.entry.url for h in self.hits]
        return list(dict.fromkeys(urls))


def day_range(date_from: date | None, date_to: date | None) -> tuple[datetime | None, datetime | None]:
    tz = timezone.get_current_timezone()
    start = datetime.combine(date_from, time.min, tzinfo=tz) if date_from else None
    end = datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=tz) if date_to else None
    return start, end


def _spans(normalized: str, terms: list[str]) -> list[tuple[int, int]]:
    spans = []
    for term in sorted({t for t in terms if t}, key=len, reverse=True):
        start = normalized.find(term)
        while start >= 0:
            end = start + len(term)
            if not any(s < end and start < e for s, e in spans):
                spans.append((start, end))
            start = normalized.find(term, end)
    return sorted(spans)


def highlight(original: str, terms: list[str], *, window: int | None = None) -> tuple[SafeString, str]:
    """Escape, mark the matched terms, and (with window) cut a snippet around the first one.

    Matching runs on the normalised text, so a Traditional source is highlighted for a
    Simplified query; OpenCC's t2s keeps the length for almost all text, and when it does
    not we show the normalised text rather than mis-placed marks.
    """
    normalized = text.normalize(original)
    shown = original if len(normalized) == len(original) else normalized
    spans = _spans(normalized, terms)
    start, end = 0, len(shown)
    if window is not None:
        first = spans[0][0] if spans else 0
        start = max(0, first - window // 4)
        end = min(len(shown), start + window)
        spans = [(s, e) for s, e in spans if s >= start and e <= end]
    out, pos = [], start
    for s, e in spans:
        out.append(escape(shown[pos:s]))
        out.append(f"<mark>{escape(shown[s:e])}</mark>")
        pos = e
    out.append(escape(shown[pos:end]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(shown) else ""
    return mark_safe(prefix + "".join(out) + suffix), prefix + shown[start:end] + suffix


def _hits(rows, parsed: ParsedQuery) -> list[Hit]:
    entries = SearchEntry.objects.defer("title_seg", "title_extra", "body_seg", "body_extra").in_bulk(
        [r[0] for r in rows]
    )
    labels = {s.key: str(s.label) for s in sources.all_sources()}
    hits = []
    for entry_id, _score in rows:
        entry = entries.get(entry_id)
        if entry is None:
            continue
        title_html, _ = highlight(entry.title, parsed.highlight)
        snippet_html, snippet_text = highlight(entry.body, parsed.highlight, window=SNIPPET_CHARS)
        hits.append(Hit(entry, labels.get(entry.source, entry.source), title_html, snippet_html, snippet_text))
    return hits


def _facets(counts: dict, estimated: set) -> list[dict]:
    return [
        {"key": s.key, "label": str(s.label), "count": counts.get(s.key, 0), "exact": s.key not in estimated}
        for s in sources.all_sources()
        if counts.get(s.key, 0) or s.page_model is None or s.key == "article"
    ]


def search(
    q: str,
    *,
    filters: backends.Filters | None = None,
    sort: str = "relevance",
    page: int = 1,
    per_page: int = PER_PAGE,
) -> SearchResult:
    filters = filters or backends.Filters()
    page = max(1, min(page, MAX_PAGE))
    parsed = parse(q, synonyms())
    result = SearchResult(query=parsed.raw, parsed=parsed, page=page)
    if parsed.is_empty:
        return result
    engine = backends.backend()
    sort = "date" if sort == "date" else "relevance"
    keys = [s.key for s in sources.all_sources()]
    found = engine.search(parsed, filters, sort=sort, offset=(page - 1) * per_page, limit=per_page, source_keys=keys)
    if not found.counts and parsed.tree is not None:
        # Never a dead end: the items sharing any word with the query, marked as such.
        loose = relaxed(parsed)
        if loose.tree is not None:
            found = engine.search(
                loose, filters, sort=sort, offset=(page - 1) * per_page, limit=per_page, source_keys=keys
            )
            result.relaxed = bool(found.counts)
            parsed = loose if found.counts else parsed
    counts = found.counts
    result.facets = _facets(counts, found.estimated)
    if filters.source:
        result.total = counts.get(filters.source, 0)
        result.total_exact = filters.source not in found.estimated
    else:
        result.total = sum(counts.values())
        result.total_exact = not found.estimated
    result.pages = min(MAX_PAGE, math.ceil(result.total / per_page)) if result.total else 0
    result.hits = _hits(found.rows, parsed)
    if page == 1 and not filters.source:
        result.direct_answers = direct_answers(q)
        shown = {a.url for a in result.direct_answers}
        result.best_bets = [b for b in best_bets(q, filters=filters) if b.url not in shown]
    if not result.total or result.relaxed:
        result.suggestions = did_you_mean(parsed.normalized)
    return result


def query_key(q: str) -> str:
    """A query as one comparable string: normalised, without spaces or quotes."""
    return "".join(c for c in text.normalize(q or "") if not c.isspace() and c not in '"“”「」')[:100]


def _label(source_key: str) -> str:
    source = sources.get(source_key)
    return str(source.label) if source else source_key


def direct_answers(q: str, limit: int = 3) -> list[Answer]:
    """Items a query names exactly (title or 常用名称), of the sources that answer directly
    (services, mailboxes): shown as cards with their entry button."""
    key = query_key(q)
    keys = [s.key for s in sources.all_sources() if s.direct_answer]
    if len(key) < 2 or not keys or "|" in key:
        return []
    entries = (
        SearchEntry.objects.filter(source__in=keys, names__contains=f"|{key}|")
        .only("source", "title", "url", "body", "site_name", "action_url", "action_label")
        .order_by("source", "id")[:limit]
    )
    return [
        Answer(
            title=e.title,
            url=e.url,
            label=_label(e.source),
            summary=e.body[:SNIPPET_CHARS],
            site_name=e.site_name,
            action_url=e.action_url,
            action_label=e.action_label,
            kind="direct",
        )
        for e in entries
    ]


# What a citizen adds to the words of a best bet without asking for anything else.
QUESTION_WORDS = frozenset(
    "怎么办 怎么 如何 办理 在哪 在哪里 哪里 去哪 流程 手续 需要 什么 材料 申请 条件 查询 入口 网上 在线 多久 要 办 咋办".split()
)

_best_bet_cache: dict = {"stamp": None, "value": {}, "checked": -1e9}


def forget_best_bets(**kwargs) -> None:
    _best_bet_cache["checked"] = -1e9


def _best_bet_keys() -> dict[str, list[int]]:
    """Every active best bet under its keywords, their toneless pinyin and their initials
    (营业执照 → yingyezhizhao, yyzz); reloaded like the synonyms."""
    now = monotonic()
    if now - _best_bet_cache["checked"] < SYNONYM_CHECK_SECONDS:
        return _best_bet_cache["value"]
    stamp = tuple(BestBet.objects.aggregate(n=Count("id"), t=Max("updated_at")).values())
    if stamp != _best_bet_cache["stamp"]:
        index: dict[str, list[int]] = {}
        for bet in BestBet.objects.filter(is_active=True).order_by("sort_order", "pk"):
            for keyword in bet.keyword_list():
                forms = {keyword}
                if text.is_cjk(keyword):
                    forms |= {text.pinyin(keyword), text.initials(keyword)}
                for form in forms - {""}:
                    index.setdefault(form, [])
                    if bet.pk not in index[form]:
                        index[form].append(bet.pk)
        _best_bet_cache.update(stamp=stamp, value=index)
    _best_bet_cache["checked"] = now
    return _best_bet_cache["value"]


def best_bets(q: str, *, filters: backends.Filters | None = None, limit: int = 3) -> list[Answer]:
    """推荐结果 for a query: its keyword typed as is, in pinyin or initials, or contained in a
    longer query (营业执照怎么办). Only while the item it points to is public."""
    key = query_key(q)
    if not key:
        return []
    index = _best_bet_keys()
    ids = list(index.get(key, []))
    if len(key) > 2:
        for keyword, bet_ids in index.items():
            if len(keyword) >= 2 and keyword != key and text.is_cjk(keyword) and keyword in key:
                # 营业执照怎么办 asks for the bet's subject; 公积金贷款 asks for something narrower.
                rest = text.words(key.replace(keyword, " ", 1))
                if all(w in QUESTION_WORDS or w in query_module.STOP_CHARS for w in rest):
                    ids += [i for i in bet_ids if i not in ids]
    if not ids:
        return []
    bets = BestBet.objects.filter(pk__in=ids, is_active=True).select_related("agency")
    if filters is not None and filters.agency_id is not None:
        bets = bets.filter(models_q(agency_id=filters.agency_id) | models_q(agency__isnull=True))
    out = []
    for bet in sorted(bets, key=lambda b: (ids.index(b.pk), b.sort_order)):
        entry = _bet_entry(bet)
        if entry is False:
            continue  # the item is no longer public
        out.append(
            Answer(
                title=bet.title or (entry.title if entry else bet.target_url),
                url=entry.url if entry else bet.target_url,
                label=_label(entry.source) if entry else str(_("推荐")),
                summary=bet.description or (entry.body[:SNIPPET_CHARS] if entry else ""),
                site_name=entry.site_name if entry else (bet.agency.short_name if bet.agency else ""),
                action_url=entry.action_url if entry else "",
                action_label=entry.action_label if entry else "",
            )
        )
    return out[:limit]


def _bet_entry(bet: BestBet):
    """The indexed item a best bet points to; None when it points elsewhere (a list page);
    False when its item is no longer public."""
    if bet.entry_source:
        entry = SearchEntry.objects.filter(source=bet.entry_source, object_id=bet.entry_object_id).first()
        return entry if entry is not None else False
    entry = find_entry(bet.target_url)
    if entry is not None:  # resolved once (bets made before their item was indexed, the demo)
        BestBet.objects.filter(pk=bet.pk).update(entry_source=entry.source, entry_object_id=entry.object_id)
    return entry


def entry_url(entry_id: int) -> str | None:
    if not 0 < entry_id < 2**63:
        return None
    return SearchEntry.objects.filter(pk=entry_id).values_list("url", flat=True).first()


def find_entry(url: str) -> SearchEntry | None:
    """The indexed item at this address (site-relative or absolute)."""
    from urllib.parse import urlsplit

    url = (url or "").strip()
    if not url:
        return None
    path = urlsplit(url).path or url
    return SearchEntry.objects.filter(url=url).first() or SearchEntry.objects.filter(url__endswith=path).first()


def record_query(q: str, hits: int) -> None:
    """Count a citizen's query for hot searches (normalised, so 社保/社保 count once)."""
    key = " ".join(text.normalize(q).split())[:100]
    if len(key) < 2 and not text.is_cjk(key):
        return
    from django.db.models import F

    updated = SearchQueryStat.objects.filter(query=key).update(
        count=F("count") + 1, last_hits=hits, last_searched_at=timezone.now()
    )
    if not updated:
        try:
            with transaction.atomic():
                SearchQueryStat.objects.get_or_create(query=key, defaults={"count": 1, "last_hits": hits})
        except IntegrityError:  # a concurrent first search of the same words; one count lost
            pass
    from govportal.search import actions  # actions reads selectors (find_entry)

    actions.count_week(key, hits=hits)


def hot_queries(limit: int = 10) -> list[str]:
    return list(
        SearchQueryStat.objects.filter(is_hidden=False, last_hits__gt=0)
        .order_by("-count", "-last_searched_at")
        .values_list("query", flat=True)[:limit]
    )


def did_you_mean(normalized: str, limit: int = 5) -> list[str]:
    """A corrected query for a no-hit one, then hot searches — never a dead end.

    Corrections are words that sound the same (homophone typos, the commonest mistake with
    pinyin input: 社报 → 社保, 防训 → 防汛): synonym terms and hot searches, and indexed
    title words, found through the toneless pinyin the index keeps for every title word and
    adjacent pair.
    """
    if not normalized:
        return hot_queries(limit)
    sound = "".join(text.pinyin(w) or w for w in text.words(normalized))
    found = []
    hot = hot_queries(50)
    for candidate in [*synonyms().by_term, *hot]:
        if candidate != normalized and "".join(text.pinyin(w) or w for w in text.words(candidate)) == sound:
            found.append(candidate)
    found.extend(w for w in _title_words_sounding(sound) if w != normalized)
    found.extend(query for query in hot[:limit] if query != normalized)
    return list(dict.fromkeys(found))[:limit]


def _title_words_sounding(sound: str, limit: int = 3) -> list[str]:
    if not sound.isascii() or not sound.isalpha() or len(sound) < 4:
        return []
    parsed = ParsedQuery(raw=sound, normalized=sound, tree=Term(sound))
    rows = (
        backends.backend()
        .search(
            parsed,
            backends.Filters(),
            sort="relevance",
            offset=0,
            limit=10,
            source_keys=[s.key for s in sources.all_sources()],
        )
        .rows
    )
    words = []
    for title_seg in SearchEntry.objects.filter(id__in=[r[0] for r in rows]).values_list("title_seg", flat=True):
        tokens = [t for t in title_seg.split() if text.is_cjk(t)]
        for candidate in [*tokens, *(a + b for a, b in zip(tokens, tokens[1:], strict=False))]:
            if text.pinyin(candidate) == sound:
                words.append(candidate)
    return list(dict.fromkeys(words))[:limit]


def suggest(prefix: str, limit: int = 8) -> list[str]:
    """While typing: hot searches that start with the prefix, then matching titles."""
    key = " ".join(text.normalize(prefix).split())[:50]
    if not key:
        return []
    out = list(
        SearchQueryStat.objects.filter(is_hidden=False, last_hits__gt=0, query__startswith=key)
        .order_by("-count")
        .values_list("query", flat=True)[:limit]
    )
    if len(out) < limit:
        parsed = parse(key, synonyms())
        if not parsed.is_empty:
            rows = (
                backends.backend()
                .search(
                    parsed,
                    backends.Filters(),
                    sort="relevance",
                    offset=0,
                    limit=limit * 2,
                    source_keys=[s.key for s in sources.all_sources()],
                )
                .rows
            )
            titles = SearchEntry.objects.filter(id__in=[r[0] for r in rows]).values_list("id", "title")
            by_id = dict(titles)
            out.extend(by_id[r[0]] for r in rows if r[0] in by_id)
    return list(dict.fromkeys(out))[:limit]


@dataclass
class WeekReport:
    week: date
    weeks: list[date]  # the weeks with data, newest first (at most 26)
    zero: list[SearchQueryWeek]  # queries that found nothing, most searched first
    abandoned: list[SearchQueryWeek]  # found something, nobody opened a result


def week_report(week: date | None = None, limit: int = 100) -> WeekReport:
    """搜索分析: one week's queries that found nothing and those abandoned (no result opened)."""
    from django.db.models import ExpressionWrapper, F, IntegerField

    weeks = list(SearchQueryWeek.objects.order_by("-week").values_list("week", flat=True).distinct()[:26])
    if week is None:
        week = weeks[0] if weeks else timezone.localdate() - timedelta(days=timezone.localdate().weekday())
    rows = SearchQueryWeek.objects.filter(week=week)
    zero = list(rows.filter(zero_hits__gt=0).order_by("-zero_hits", "query")[:limit])
    left = ExpressionWrapper(F("searches") - F("zero_hits") - F("clicks"), output_field=IntegerField())
    abandoned = list(rows.annotate(left=left).filter(left__gt=0, last_hits__gt=0).order_by("-left", "query")[:limit])
    return WeekReport(week=week, weeks=weeks, zero=zero, abandoned=abandoned)
