"""Bulk-load N bench cases with their events into the (fresh) bench database.

Not through HTTP: COPY into `core_case` (tracking numbers on past days, so they never meet
the numbers the create phase hands out today; query codes hashed by the real
`hash_query_code`), then the events by INSERT … SELECT. Writes a sample of (tracking
number, query code) pairs for the lookup phase. Run by `bench.run` as a subprocess with
DJANGO_SETTINGS_MODULE=bench.settings.
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import datetime, time, timedelta

import django

PER_DAY = 140  # ≈ 2 years of cases at this rate for 100k
TITLES = (
    "关于{n}号地块规划许可信息的公开申请",
    "申请公开{n}年度财政预算执行情况",
    "关于{n}路段道路改造的咨询",
    "申请查询{n}号企业环评批复",
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--sample", required=True, help="JSON file for (tracking number, query code) pairs")
    parser.add_argument("--sample-size", type=int, default=5000)
    args = parser.parse_args()
    django.setup()

    from django.db import connection, transaction
    from django.utils import timezone

    from govportal.core.cases.actions import QUERY_CODE_ALPHABET, QUERY_CODE_LENGTH, hash_query_code

    rng = random.Random(20261127)
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    sample_every = max(args.count // args.sample_size, 1)
    sample = []
    with transaction.atomic(), connection.cursor() as cursor:
        columns = (
            "case_type, tracking_number, query_code_hash, title, state, is_open, created_at, updated_at, "
            "due_date, due_explanation, overdue_level"
        )
        with cursor.copy(f"COPY core_case ({columns}) FROM STDIN") as copy:
            for i in range(args.count):
                day = today - timedelta(days=1 + i // PER_DAY)
                number = f"BN{day:%Y%m%d}-{i % PER_DAY + 1:05d}"
                code = "".join(rng.choices(QUERY_CODE_ALPHABET, k=QUERY_CODE_LENGTH))
                created = datetime.combine(day, time(9 + i % 8, i % 60), tz)
                # Older cases are answered; the last ~2 months are still open.
                is_open = day > today - timedelta(days=60)
                state = "accepted" if is_open else "replied"
                due = day + timedelta(days=28) if is_open else None
                explanation = f"提交日 {day:%Y-%m-%d}，20个工作日，截止 {due:%Y-%m-%d}" if due else ""
                title = TITLES[i % len(TITLES)].format(n=i)
                copy.write_row(
                    (
                        "bench_request",
                        number,
                        hash_query_code(number, code),
                        title,
                        state,
                        is_open,
                        created,
                        created,
                        due,
                        explanation,
                        "on_time",
                    )
                )
                if i % sample_every == 0:
                    sample.append((number, code))
        event = (
            "INSERT INTO core_caseevent (case_id, type, label, actor_kind, from_state, to_state, payload, "
            "is_public, created_at) SELECT id, %s, %s, %s, %s, %s, '{}'::jsonb, true, created_at + %s "
            "FROM core_case WHERE case_type = 'bench_request' AND state = ANY(%s)"
        )
        cursor.execute(event, ["create", "提交", "citizen", "", "submitted", timedelta(0), ["accepted", "replied"]])
        cursor.execute(
            event, ["accept", "受理", "clerk", "submitted", "accepted", timedelta(days=1), ["accepted", "replied"]]
        )
        cursor.execute(event, ["reply", "答复", "clerk", "accepted", "replied", timedelta(days=15), ["replied"]])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE core_case")
        cursor.execute("ANALYZE core_caseevent")
        cursor.execute("SELECT count(*) FROM core_case")
        cases = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM core_caseevent")
        events = cursor.fetchone()[0]
    with open(args.sample, "w", encoding="utf-8") as f:
        json.dump({"cases": cases, "events": events, "sample": sample}, f)


if __name__ == "__main__":
    main()
