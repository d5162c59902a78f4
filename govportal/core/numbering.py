"""Numbering (编号): the one function that makes every human-readable number of the
platform — case tracking numbers, disclosure index numbers (索引号), decision letter numbers
(告知书文号), approval numbers (批准文号) and whatever the next areas need.

An area declares a series once — its key, its format and the period its count runs in:

    LETTER_NUMBERS = numbering.register_series(
        numbering.Series(key="disclosure.letter", format="{agency}依申复〔{year}〕{seq}号")
    )

and takes the next number with `number_next(LETTER_NUMBERS, scope=agency.pk, agency=...)`.
The count of a (series, scope, period) lives in one counter row (`TrackingSequence`, the
kernel's counter table), incremented by one atomic upsert inside the caller's transaction:
unique under any concurrency, never reused, and rolled back with a failed submission.
Tracking numbers (``{prefix}{yyyymmdd}-{seq:05d}``, a series per case type's prefix) are
the busiest: their count is spread over shards on PostgreSQL (`_next_sequence`).

``floor`` (a callable) seeds a counter the first time a (series, scope, period) is used:
the numbers an area handed out before its series moved here, so none is given twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db import connection
from django.utils import timezone

from govportal.core.cases.models import TrackingSequence
from govportal.core.errors import Conflict

PERIODS = ("day", "year", "ever")


@dataclass(frozen=True)
class Series:
    key: str  # unique; also the counter's name (with the scope)
    # str.format template: {seq}, {year}, {on} (the date), {prefix}, and the caller's fields;
    # or a callable returning it (a template from settings).
    format: str | Callable[[], str]
    period: str = "year"
    sharded: bool = False  # spread the count over shards (only the case tracking numbers)

    def template(self) -> str:
        return self.format() if callable(self.format) else self.format


_series: dict[str, Series] = {}


def register_series(series: Series) -> Series:
    if series.period not in PERIODS:
        raise ValueError(f"{series.key}: unknown period {series.period}")
    existing = _series.get(series.key)
    if existing is not None and existing != series:
        raise ValueError(f"number series {series.key} declared twice")
    _series[series.key] = series
    return series


def registered_series() -> list[Series]:
    return list(_series.values())


def _period_start(period: str, on: date) -> date:
    if period == "day":
        return on
    if period == "year":
        return date(on.year, 1, 1)
    return date(2000, 1, 1)


def _counter(series: Series, scope) -> str:
    name = series.key if scope in (None, "") else f"{series.key}:{scope}"
    if len(name) > TrackingSequence._meta.get_field("prefix").max_length:
        raise ValueError(f"counter name too long: {name}")
    return name


def _next_plain(name: str, day: date, floor: Callable[[], int] | None) -> int:
    """One counter row (shard 0): increment it, or create it from ``floor``."""
    table = TrackingSequence._meta.db_table
    day = day if connection.vendor == "postgresql" else day.isoformat()
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET last = last + 1 WHERE prefix = %s AND day = %s AND shard = 0 RETURNING last",
            [name, day],
        )
        row = cursor.fetchone()
        if row is not None:
            return row[0]
        start = (floor() if floor else 0) + 1
        cursor.execute(
            f"INSERT INTO {table} (prefix, day, shard, last) VALUES (%s, %s, 0, %s) "
            f"ON CONFLICT (prefix, day, shard) DO UPDATE SET last = {table}.last + 1 RETURNING last",
            [name, day, start],
        )
        return cursor.fetchone()[0]


def number_next(
    series: Series | str,
    *,
    scope="",
    on: date | None = None,
    floor: Callable[[], int] | None = None,
    **fields,
) -> tuple[int, str]:
    """The next (sequence, number) of a series. Call it inside the transaction that stores
    the number: the count rolls back with it."""
    if isinstance(series, str):
        series = _series[series]
    on = on or timezone.localdate()
    name = _counter(series, scope)
    day = _period_start(series.period, on)
    if series.sharded:
        seq = _next_sequence(name, day)
    else:
        seq = _next_plain(name, day, floor)
    return seq, series.template().format(seq=seq, year=on.year, on=on, prefix=series.key, **fields)


def tracking_series(prefix: str) -> Series:
    """The series of a case type's tracking numbers: its prefix, the day, five digits."""
    return register_series(Series(key=prefix, format="{prefix}{on:%Y%m%d}-{seq:05d}", period="day", sharded=True))


def tracking_number_next(prefix: str, day: date) -> str:
    return number_next(tracking_series(prefix), on=day)[1]


# --- the sharded counter of tracking numbers ---------------------------------------------------

ADVISORY_NAMESPACE = 0x6770  # first key of our advisory locks ("gp")

# (prefix, day) → the lowest shard that may still have numbers, in this process: shards fill
# from 0 up, and a shard found full stays full (its count only grows), so a busy day's
# creations do not retry every used-up shard one statement at a time. Learnt once per shard.
_first_open: dict[tuple[str, date], int] = {}


def forget_full_shards() -> None:
    """Tests: a rolled-back transaction can empty a shard again."""
    _first_open.clear()


def _next_sequence(prefix: str, day: date) -> int:
    """The next number of this prefix and day, unique under any concurrency.

    The row lock an increment takes lasts until the creating transaction commits — the
    whole submission. With one counter row, concurrent submissions of one type would run one
    at a time. On PostgreSQL the numbers of a day come from `TrackingSequence.SHARDS` rows:
    one statement claims the lowest shard no open transaction holds (a non-blocking advisory
    lock, released at commit like the row lock, tried shard by shard until one is got) and
    increments only that row; only when all shards are held does it wait for one. Without
    contention every number comes from shard 0. SQLite serialises writers anyway: one
    upsert on shard 0."""
    table = TrackingSequence._meta.db_table
    size, shards = TrackingSequence.SHARD_SIZE, TrackingSequence.SHARDS
    upsert = (
        f"INSERT INTO {table} (prefix, day, shard, last) SELECT %s, %s, shard, 1 FROM pick "
        f"ON CONFLICT (prefix, day, shard) DO UPDATE SET last = {table}.last + 1 RETURNING shard, last"
    )
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute(
                f"INSERT INTO {table} (prefix, day, shard, last) VALUES (%s, %s, 0, 1) "
                f"ON CONFLICT (prefix, day, shard) DO UPDATE SET last = {table}.last + 1 RETURNING last",
                [prefix, day.isoformat()],
            )
            return cursor.fetchone()[0]
        key = f"{prefix}:{day}:"
        start = _first_open.get((prefix, day), 0)
        while start < shards:
            # The LIMIT stops the scan at the first lock got: no other shard is locked.
            cursor.execute(
                "WITH pick AS (SELECT s AS shard FROM generate_series(%s, %s) AS s "
                "WHERE pg_try_advisory_xact_lock(%s, hashtext(%s || s::text)) LIMIT 1) " + upsert,
                [start, shards - 1, ADVISORY_NAMESPACE, key, prefix, day],
            )
            row = cursor.fetchone()
            if row is None:
                # Every shard from `start` on is held: wait for one (spread by backend).
                shard = start + connection.connection.info.backend_pid % (shards - start)
                cursor.execute(
                    "WITH pick AS (SELECT %s::int AS shard FROM (SELECT pg_advisory_xact_lock(%s, hashtext(%s))) AS l) "
                    + upsert,
                    [shard, ADVISORY_NAMESPACE, f"{key}{shard}", prefix, day],
                )
                row = cursor.fetchone()
            shard, last = row
            if last <= size:
                return shard * size + last
            # This shard's numbers are used up today (before this statement: it counted past
            # the end under our lock, so the full count was already committed). Below `start`
            # every shard is known full; the ones skipped between were only held by others.
            if shard == start:
                if len(_first_open) > 256:  # earlier days and other prefixes
                    _first_open.clear()
                _first_open[(prefix, day)] = shard + 1
            start = shard + 1
    raise Conflict("今日该类办件编号已用完，请联系网站管理员")
