"""Reads: run a search, highlight, suggest, hot searches. Public data only (the index holds
nothing else), so nothing here depends on who asks."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from time import monotonic

from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from govportal.search import backends, sources, text
from govportal.search.models import SearchEntry, SearchQueryStat, SynonymGroup
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
    if not result.total or result.relaxed:
        result.suggestions = did_you_mean(parsed.normalized)
    return result


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
