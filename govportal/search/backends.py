"""The two engines behind one interface: SQLite FTS5 (embedded) and PostgreSQL tsvector/GIN.

Both get the same boolean tree from `govportal.search.query` and the same filters; they
differ only in how a match is written and scored:

- SQLite: `search_fts MATCH '("a" AND ("b" OR "c"))'`, score = -bm25 with column weights
  (title 10, title sub-words/pinyin 8, body 1, body sub-words 0.8).
- PostgreSQL: `search_vector @@ to_tsquery('simple', '(''a'' & (''b'' | ''c''))')` through the
  GIN index (bitmap scan forced: a sequential scan would detoast every body vector), score
  = ts_rank_cd over the short title vector (migration 0003). Body matches therefore tie
  and are ordered by date; FTS5 also weighs body term frequency. Hit sets are identical.

Both multiply by the same gentle recency factor: 1 + 0.3 / (1 + age in days / 180), so a
new item gains at most 30 % — never enough to lift a body match over a title match.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import connection, transaction

from govportal.search.query import And, Or, ParsedQuery, Phrase, Term

TABLE = "search_searchentry"


@dataclass
class Filters:
    site_id: int | None = None
    agency_id: int | None = None
    column_id: int | None = None
    source: str | None = None
    date_from: datetime | None = None
    date_to: datetime | None = None  # exclusive


def _render(node, *, term, phrase, and_, or_) -> str:
    if isinstance(node, Term):
        return term(node.word)
    if isinstance(node, Phrase):
        return phrase(node.words)
    sep = and_ if isinstance(node, And) else or_
    assert isinstance(node, And | Or)
    return "(" + sep.join(_render(c, term=term, phrase=phrase, and_=and_, or_=or_) for c in node.children) + ")"


@dataclass
class SearchPage:
    counts: dict[str, int]  # per type (without the type filter: the facets)
    estimated: set[str]  # the types whose count is the planner's estimate, not exact
    rows: list[tuple[int, float]]  # (entry id, score) of the page asked for


class Backend:
    vendor = ""

    def match(self, tree, *, vector: str = "search_vector") -> tuple[str, str, str, list]:
        """(extra FROM, WHERE condition, score expression, params for FROM+WHERE)."""
        raise NotImplementedError

    def age_days(self) -> str:
        raise NotImplementedError

    def prepare(self, cursor) -> None:
        pass

    def no_match_score(self) -> str:
        return "1.0"

    def _where(
        self, parsed: ParsedQuery, filters: Filters, *, with_source: bool, vector: str = "search_vector"
    ) -> tuple[str, str, str, list]:
        joins, conditions, params = "", [], []
        score = self.no_match_score()
        if parsed.tree is not None:
            joins, condition, score, params = self.match(parsed.tree, vector=vector)
            conditions.append(condition)
        for s in parsed.substrings:
            # Lone characters only (CJK), so no LIKE wildcard can reach here.
            conditions.append("(e.title_seg LIKE %s OR e.body_seg LIKE %s)")
            params += [f"%{s}%", f"%{s}%"]
        for column, value in [
            ("site_id", filters.site_id),
            ("agency_id", filters.agency_id),
            ("column_id", filters.column_id),
        ]:
            if value is not None:
                conditions.append(f"e.{column} = %s")
                params.append(value)
        if with_source and filters.source:
            conditions.append("e.source = %s")
            params.append(filters.source)
        if filters.date_from:
            conditions.append("e.published_at >= %s")
            params.append(connection.ops.adapt_datetimefield_value(filters.date_from))
        if filters.date_to:
            conditions.append("e.published_at < %s")
            params.append(connection.ops.adapt_datetimefield_value(filters.date_to))
        where = " AND ".join(conditions) or "1=1"
        boost = f"(1.0 + 0.3 / (1.0 + COALESCE({self.age_days()}, 3650.0) / 180.0))"
        return joins, where, f"({score}) * {boost}", params

    def search(
        self, parsed: ParsedQuery, filters: Filters, *, sort: str, offset: int, limit: int, source_keys: list[str]
    ) -> SearchPage:
        """Per-type counts (without the type filter, for the facets) and one page of hits."""
        with transaction.atomic(), connection.cursor() as cursor:
            self.prepare(cursor)
            counts, estimated = self.counts(cursor, parsed, filters, source_keys)
            counts = {key: n for key, n in counts.items() if n}
            wanted = counts.get(filters.source, 0) if filters.source else sum(counts.values())
            rows = (
                self.rows(cursor, parsed, filters, sort=sort, offset=offset, limit=limit, common=bool(estimated))
                if wanted
                else []
            )
        return SearchPage(counts, estimated, rows)

    def counts(self, cursor, parsed, filters, source_keys) -> tuple[dict[str, int], set[str]]:
        joins, where, _score, params = self._where(parsed, filters, with_source=False)
        cursor.execute(f"SELECT e.source, COUNT(*) FROM {TABLE} e {joins} WHERE {where} GROUP BY e.source", params)
        return {key: n for key, n in cursor.fetchall() if key in source_keys}, set()

    def rows(self, cursor, parsed, filters, *, sort, offset, limit, common) -> list[tuple[int, float]]:
        joins, where, score, params = self._where(parsed, filters, with_source=True)
        order = "e.published_at DESC, e.id DESC" if sort == "date" else "score DESC, e.published_at DESC, e.id DESC"
        cursor.execute(
            f"SELECT e.id, {score} AS score FROM {TABLE} e {joins} WHERE {where} ORDER BY {order} LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )
        return cursor.fetchall()


class SQLiteBackend(Backend):
    """One exact GROUP BY count (FTS5 walks the matches once) and bm25 over the matches."""

    vendor = "sqlite"

    def match(self, tree, *, vector="search_vector"):
        expression = _render(
            tree,
            term=lambda w: '"' + w.replace('"', '""') + '"',
            # Only the precise-mode columns: sub-word lists are not running text.
            phrase=lambda ws: '{title_seg body_seg} : "' + " ".join(ws).replace('"', '""') + '"',
            and_=" AND ",
            or_=" OR ",
        )
        return (
            "JOIN search_fts ON search_fts.rowid = e.id",
            "search_fts MATCH %s",
            "-bm25(search_fts, 10.0, 8.0, 1.0, 0.8)",
            [expression],
        )

    def age_days(self) -> str:
        return "(julianday('now') - julianday(e.published_at))"

    TITLE_BONUS = 1000.0  # a title match always ranks above a body-only match (as on PostgreSQL)

    def rows(self, cursor, parsed, filters, *, sort, offset, limit, common) -> list[tuple[int, float]]:
        """bm25 over title and body (title words weigh 10, body words 1), plus: a match of
        every word in the title lifts the item above all body-only matches; each run of words
        typed together found as the exact phrase doubles the score; times recency."""
        if sort == "date" or parsed.tree is None:
            return super().rows(cursor, parsed, filters, sort=sort, offset=offset, limit=limit, common=common)
        joins, where, score, params = self._where(parsed, filters, with_source=True)
        match_expr = params[0]
        in_fts = "e.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)"
        extra = [f"CASE WHEN {in_fts} THEN {self.TITLE_BONUS} ELSE 0 END"]
        extra_params = ["{title_seg title_extra} : (" + match_expr + ")"]
        multiplier, phrase_params = [], []
        for words in parsed.boost_phrases:
            multiplier.append(f"(CASE WHEN {in_fts} THEN 2.0 ELSE 1.0 END)")
            phrase_params.append('{title_seg body_seg} : "' + " ".join(words).replace('"', '""') + '"')
        body, boost = score.split(" * ", 1)  # (bm25) * (recency)
        ranked = f"(({body}) + {' + '.join(extra)}) * {' * '.join([*multiplier, boost])}"
        cursor.execute(
            f"SELECT e.id, {ranked} AS score FROM {TABLE} e {joins} WHERE {where} "
            "ORDER BY score DESC, e.published_at DESC, e.id DESC LIMIT %s OFFSET %s",
            [*extra_params, *phrase_params, *params, limit, offset],
        )
        return cursor.fetchall()


def _has_phrase(node) -> bool:
    if isinstance(node, Phrase):
        return True
    return isinstance(node, And | Or) and any(_has_phrase(c) for c in node.children)


def _significant(n: float) -> int:
    """An estimate shown to two significant figures (约 19,000), at least 1."""
    n = max(1, round(n))
    digits = len(str(n)) - 2
    return n if digits <= 0 else round(n, -digits)


class PostgresBackend(Backend):
    """Designed so that a query reads about a page's worth of rows, however common its words.

    Counting or ranking every match is linear in the number of matches: building the GIN
    bitmap of a word found in most documents, visiting every row, and — for a phrase —
    reading back each document's positions (docs/search.md, measured). So:

    - counts: exact (one GROUP BY over the GIN bitmap) while the planner expects at most
      EXACT_LIMIT matches (PHRASE_EXACT_LIMIT with a phrase, which rechecks each row);
      beyond that the planner's estimate from the tsvector statistics, per type, shown as
      "约 N";
    - relevance: title matches first — through the small title GIN index, ranked by
      ts_rank_cd over the short title vector times the recency factor; when the words are in
      more than EXACT_LIMIT titles, the newest TOP_TITLES of them are ranked — then the other matches newest first (their title rank is 0);
    - newest first, for a common query: walk the (published_at, id) index, checking rows
      until the page is full (at most WALK_ROWS rows, else the exact path below);
      otherwise the GIN bitmap and a top-N sort.
    """

    vendor = "postgresql"
    EXACT_LIMIT = 3000
    PHRASE_EXACT_LIMIT = 500
    WALK_ROWS = 20000
    TOP_TITLES = 1000
    BODY_RANK_ROWS = 200
    BODY_WEIGHTS = "{0.05, 0.2, 0.8, 1.0}"  # D body sub-words/pinyin, C body, B title extra, A title

    def match(self, tree, *, vector="search_vector"):
        expression = _render(
            tree,
            term=lambda w: "'" + w.replace("'", "''") + "'",
            # Weights A (title words) and C (body words): not the sub-word lists (B, D).
            phrase=lambda ws: "(" + " <-> ".join("'" + w.replace("'", "''") + "':AC" for w in ws) + ")",
            and_=" & ",
            or_=" | ",
        )
        return (
            ", to_tsquery('simple', %s) AS q",
            f"e.{vector} @@ q",
            "ts_rank_cd('{0.08, 0.1, 0.8, 1.0}', e.title_vector, q, 1)",
            [expression],
        )

    def age_days(self) -> str:
        return "(EXTRACT(EPOCH FROM (NOW() - e.published_at)) / 86400.0)"

    def prepare(self, cursor) -> None:
        # A common word matches a large share of rows and the planner then prefers a
        # sequential scan, which evaluates @@ on every detoasted vector (docs/search.md).
        cursor.execute("SET LOCAL enable_seqscan = off")

    @staticmethod
    def _estimate(cursor, sql: str, params: list) -> float:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
        if isinstance(plan, str):
            import json

            plan = json.loads(plan)
        return float(plan[0]["Plan"]["Plan Rows"])

    def _limit(self, parsed) -> int:
        return self.PHRASE_EXACT_LIMIT if _has_phrase(parsed.tree) else self.EXACT_LIMIT

    def counts(self, cursor, parsed, filters, source_keys):
        joins, where, _score, params = self._where(parsed, filters, with_source=False)
        base = f"SELECT 1 FROM {TABLE} e {joins} WHERE {where}"
        if parsed.tree is None or self._estimate(cursor, base, params) <= self._limit(parsed):
            # Through the GIN bitmap, never a walk along the type index checking every row.
            found = self._bitmap(
                cursor,
                f"WITH m AS MATERIALIZED (SELECT e.source FROM {TABLE} e {joins} WHERE {where}) "
                "SELECT source, COUNT(*) FROM m GROUP BY source",
                params,
            )
            return {key: n for key, n in found if key in source_keys}, set()
        counts = {}
        for key in source_keys:
            n = self._estimate(cursor, f"{base} AND e.source = %s", [*params, key])
            if n >= 1:
                counts[key] = _significant(n)
        return counts, set(counts)

    def _bitmap(self, cursor, sql, params):
        # Only reached when few rows are expected. The matching sits in a MATERIALIZED CTE
        # so the planner cannot trade the GIN bitmap for a walk along the date or type index
        # that checks (and detoasts) every row: with LIMIT it sometimes did (measured 445 ms).
        cursor.execute(sql, params)
        return cursor.fetchall()

    def _newest(self, cursor, joins, where, params, *, offset, limit, common) -> list[tuple[int, float]]:
        order = "ORDER BY e.published_at DESC NULLS LAST, e.id DESC"
        if common:
            # The newest WALK_ROWS items through the date index, checked one by one until the
            # page is full: a common query fills it after a few dozen rows.
            cursor.execute(
                f"SELECT e.id, 0.0 FROM (SELECT * FROM {TABLE} e {order} LIMIT %s) e {joins} WHERE {where} "
                f"{order} LIMIT %s OFFSET %s",
                [self.WALK_ROWS, *params, limit, offset],
            )
            rows = cursor.fetchall()
            if len(rows) == limit:
                return rows
        return self._bitmap(
            cursor,
            f"WITH m AS MATERIALIZED (SELECT e.id, e.published_at FROM {TABLE} e {joins} WHERE {where}) "
            "SELECT m.id, 0.0 FROM m ORDER BY m.published_at DESC NULLS LAST, m.id DESC LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )

    def rows(self, cursor, parsed, filters, *, sort, offset, limit, common) -> list[tuple[int, float]]:
        joins, where, score, params = self._where(parsed, filters, with_source=True)
        if sort == "date" or parsed.tree is None:
            return self._newest(cursor, joins, where, params, offset=offset, limit=limit, common=common)
        # 1. Title matches (the title vector alone satisfies the query), ranked.
        t_joins, t_where, t_score, t_params = self._where(parsed, filters, with_source=True, vector="title_vector")
        t_boost, t_boost_params = self._phrase_boost(parsed, "title_vector")
        t_score = f"{t_score} * {t_boost}"
        ranked = "ORDER BY score DESC, e.published_at DESC NULLS LAST, e.id DESC LIMIT %s"
        if self._estimate(cursor, f"SELECT 1 FROM {TABLE} e {t_joins} WHERE {t_where}", t_params) > self.EXACT_LIMIT:
            # The words are in very many titles: rank the newest TOP_TITLES of those.
            cursor.execute(
                f"SELECT e.id, e.score FROM (SELECT e.id, {t_score} AS score, e.published_at "
                f"FROM (SELECT * FROM {TABLE} e ORDER BY e.published_at DESC NULLS LAST, e.id DESC LIMIT %s) e "
                f"{t_joins} WHERE {t_where} LIMIT %s) e {ranked}",
                [*t_boost_params, self.WALK_ROWS, *t_params, self.TOP_TITLES, offset + limit],
            )
            titled = cursor.fetchall()
        else:
            titled = self._bitmap(
                cursor,
                f"SELECT e.id, {t_score} AS score FROM {TABLE} e {t_joins} WHERE {t_where} {ranked}",
                [*t_boost_params, *t_params, offset + limit],
            )
        if len(titled) >= offset + limit:
            return titled[offset:]
        # 2. Then the body-only matches: the newest BODY_RANK_ROWS of them ranked by relevance
        # (all of them when there are fewer), the rest newest first.
        body_offset = max(0, offset - len(titled))
        body_limit = offset + limit - max(offset, len(titled))
        body_where = f"{where} AND NOT (e.title_vector @@ q)"
        scored = self._ranked_body(cursor, parsed, joins, body_where, params, common=common)
        rest: list[tuple[int, float]] = []
        if body_offset + body_limit > len(scored) and len(scored) == self.BODY_RANK_ROWS:
            rest = self._newest(
                cursor,
                joins,
                body_where,
                params,
                offset=max(body_offset, len(scored)),
                limit=body_offset + body_limit - max(body_offset, len(scored)),
                common=common,
            )
        return titled[offset:] + scored[body_offset : body_offset + body_limit] + rest

    def _phrase_boost(self, parsed, vector: str) -> tuple[str, list]:
        """× 2 for each run of words typed together found as the exact phrase."""
        parts, params = [], []
        weights = "A" if vector == "title_vector" else "AC"
        for words in parsed.boost_phrases:
            parts.append(f"(CASE WHEN e.{vector} @@ to_tsquery('simple', %s) THEN 2.0 ELSE 1.0 END)")
            params.append(" <-> ".join("'" + w.replace("'", "''") + f"':{weights}" for w in words))
        return (" * ".join(parts) or "1.0"), params

    def _ranked_body(self, cursor, parsed, joins, where, params, *, common) -> list[tuple[int, float]]:
        """The newest BODY_RANK_ROWS body-only matches, ordered by ts_rank_cd over the whole
        vector (cover density: the words' frequency and proximity, normalised by the
        document's length) × exact-phrase boost × recency. Bounded work: ranking reads each
        candidate's vector once (~20-40 µs at 1,500 characters)."""
        order = "ORDER BY e.published_at DESC NULLS LAST, e.id DESC"
        if common:
            cursor.execute(
                f"SELECT e.id FROM (SELECT * FROM {TABLE} e {order} LIMIT %s) e {joins} WHERE {where} {order} LIMIT %s",
                [self.WALK_ROWS, *params, self.BODY_RANK_ROWS],
            )
            ids = [r[0] for r in cursor.fetchall()]
            if len(ids) < self.BODY_RANK_ROWS:
                common = False  # fewer in the newest rows than expected: take them all below
        if not common:
            ids = [
                r[0]
                for r in self._bitmap(
                    cursor,
                    f"WITH m AS MATERIALIZED (SELECT e.id, e.published_at FROM {TABLE} e {joins} WHERE {where}) "
                    "SELECT m.id FROM m ORDER BY m.published_at DESC NULLS LAST, m.id DESC LIMIT %s",
                    [*params, self.BODY_RANK_ROWS],
                )
            ]
        if not ids:
            return []
        boost, boost_params = self._phrase_boost(parsed, "search_vector")
        _j, _w, _s, match_params = self.match(parsed.tree)
        recency = f"(1.0 + 0.3 / (1.0 + COALESCE({self.age_days()}, 3650.0) / 180.0))"
        cursor.execute(
            f"SELECT e.id, ts_rank_cd('{self.BODY_WEIGHTS}', e.search_vector, to_tsquery('simple', %s), 1) "
            f"* {boost} * {recency} AS score FROM {TABLE} e WHERE e.id = ANY(%s) "
            "ORDER BY score DESC, e.published_at DESC NULLS LAST, e.id DESC",
            [match_params[0], *boost_params, ids],
        )
        return cursor.fetchall()


def backend() -> Backend:
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    raise RuntimeError(f"search: no full-text backend for {connection.vendor}")
