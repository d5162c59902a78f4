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


class Backend:
    vendor = ""

    def match(self, tree) -> tuple[str, str, str, list]:
        """(extra FROM, WHERE condition, score expression, params for FROM+WHERE)."""
        raise NotImplementedError

    def age_days(self) -> str:
        raise NotImplementedError

    def prepare(self, cursor) -> None:
        pass

    def no_match_score(self) -> str:
        return "1.0"

    def _where(self, parsed: ParsedQuery, filters: Filters, *, with_source: bool) -> tuple[str, str, str, list]:
        joins, conditions, params = "", [], []
        score = self.no_match_score()
        if parsed.tree is not None:
            joins, condition, score, params = self.match(parsed.tree)
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

    def search(self, parsed: ParsedQuery, filters: Filters, *, sort: str, offset: int, limit: int):
        """→ (facets {source: count}, [(entry id, score)]) for the page asked for."""
        joins, where, _score, params = self._where(parsed, filters, with_source=False)
        with transaction.atomic(), connection.cursor() as cursor:
            self.prepare(cursor)
            cursor.execute(f"SELECT e.source, COUNT(*) FROM {TABLE} e {joins} WHERE {where} GROUP BY e.source", params)
            facets = dict(cursor.fetchall())
            joins, where, score, params = self._where(parsed, filters, with_source=True)
            order = "e.published_at DESC, e.id DESC" if sort == "date" else "score DESC, e.published_at DESC, e.id DESC"
            cursor.execute(
                f"SELECT e.id, {score} AS score FROM {TABLE} e {joins} WHERE {where} "
                f"ORDER BY {order} LIMIT %s OFFSET %s",
                [*params, limit, offset],
            )
            rows = cursor.fetchall()
        return facets, rows


class SQLiteBackend(Backend):
    vendor = "sqlite"

    def match(self, tree):
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


class PostgresBackend(Backend):
    vendor = "postgresql"

    def match(self, tree):
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
            "e.search_vector @@ q",
            "ts_rank_cd('{0.08, 0.1, 0.8, 1.0}', e.title_vector, q, 1)",
            [expression],
        )

    def age_days(self) -> str:
        return "(EXTRACT(EPOCH FROM (NOW() - e.published_at)) / 86400.0)"

    def prepare(self, cursor) -> None:
        # A common word matches a large share of rows and the planner then prefers a
        # sequential scan, which evaluates @@ on every detoasted vector: 10x slower than the
        # bitmap scan over the GIN index (measured, docs/search.md).
        cursor.execute("SET LOCAL enable_seqscan = off")


def backend() -> Backend:
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    raise RuntimeError(f"search: no full-text backend for {connection.vendor}")
