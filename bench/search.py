"""Search bench (make bench, section "search"): the cluster search on a generated corpus, on
SQLite FTS5 and on PostgreSQL tsvector/GIN, in one run.

For each engine, in a child process with its own fresh database (a temporary SQLite file;
a new PostgreSQL database, dropped afterwards):
1. migrate; generate N documents averaging C Chinese characters (bench/search_corpus.py,
   seeded: the same corpus on both engines);
2. index them through the real code path (normalise, segment with rjieba, pinyin, upsert in
   batches) and report documents indexed per second and the index size;
3. run 50 fixed queries (single words, multi-word, phrases, Traditional, pinyin, no-hit)
   through the real search (`selectors.search`: facets count + first page + highlighted
   snippets), 3 rounds after a warm-up round, and report p50 / p95;
4. run the same queries as a naive `icontains` scan over title and body (count + newest 10)
   for comparison.

The issue's target size is 100,000 documents of ~1,500 characters (`--docs 100000`); the
default is smaller so that `make bench` finishes in minutes on a 2-core machine — the size
used is printed with the figures.

    .venv/bin/python -m bench.search                     # default size, both engines
    .venv/bin/python -m bench.search --docs 100000       # the issue's full size
    .venv/bin/python -m bench.search --engines sqlite    # one engine
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

QUERIES = [
    # single words
    "社保",
    "公积金",
    "招生",
    "垃圾分类",
    "营商环境",
    "乡村振兴",
    "养老服务",
    "安全生产",
    "疫苗接种",
    "不动产登记",
    "就业",
    "补贴",
    "防汛",
    "森林防火",
    "人才引进",
    # multi-word
    "社会保险 缴费基数",
    "住房公积金 提取",
    "义务教育 招生 方案",
    "医疗保险 待遇标准",
    "食品安全 专项检查",
    "老旧小区改造 实施方案",
    "技能培训 补贴",
    "电动自行车 管理",
    "残疾人 补贴 申请",
    "政务服务 一网通办",
    # phrases
    '"一网通办"',
    '"缴费基数"',
    '"政务服务便民热线"',
    '"办事指南"',
    '"实施方案"',
    '"现场推进会"',
    '"家庭医生签约"',
    '"最低生活保障"',
    '"高标准农田建设"',
    '"同比增长"',
    # Traditional
    "網站建設",
    "社會保險",
    "義務教育招生",
    "營商環境",
    "垃圾分類",
    # pinyin
    "shebao",
    "she bao",
    "gongjijin",
    "zhaosheng",
    "yingshanghuanjing",
    # no hit
    "火星探测",
    "量子计算机",
    "深海采矿",
    "航天发射",
    "冰川融化",
]
assert len(QUERIES) == 50


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def child(args) -> None:
    """Runs inside the engine's process: Django is configured from DATABASE_URL."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Q

    from bench.search_corpus import documents
    from govportal.search import indexing, selectors
    from govportal.search.models import SearchEntry
    from govportal.search.sources import Document

    call_command("migrate", "--noinput", verbosity=0)
    started = time.perf_counter()
    segment_seconds = write_seconds = 0.0
    batch, n = [], 0
    utc = __import__("datetime").UTC
    for doc in documents(args.docs, chars=args.chars):
        t0 = time.perf_counter()
        batch.append(
            indexing.entry_for(
                "article",
                Document(
                    object_id=doc.n + 1,
                    title=doc.title,
                    body=doc.body,
                    url=f"/bench/{doc.n}/",
                    published_at=doc.published_at.replace(tzinfo=utc),
                    site_id=doc.site,
                    site_name=f"网站{doc.site}",
                ),
            )
        )
        segment_seconds += time.perf_counter() - t0
        n += 1
        if len(batch) >= 500:
            t0 = time.perf_counter()
            indexing.upsert(batch)
            write_seconds += time.perf_counter() - t0
            batch = []
    t0 = time.perf_counter()
    indexing.upsert(batch)
    indexing.finish_bulk()  # what rebuild_search_index does at the end
    write_seconds += time.perf_counter() - t0
    # Indexing = segmenting + writing; generating the corpus text is not part of it.
    generate_seconds = time.perf_counter() - started - segment_seconds - write_seconds
    index_seconds = segment_seconds + write_seconds
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_total_relation_size('search_searchentry')")
            table_bytes = cursor.fetchone()[0]
            cursor.execute(
                "SELECT pg_relation_size('search_entry_vector_gin') + pg_relation_size('search_entry_title_gin')"
            )
            fts_bytes = cursor.fetchone()[0]
        else:
            try:
                cursor.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name")
                sizes = dict(cursor.fetchall())
                fts_bytes = sum(v for k, v in sizes.items() if k.startswith("search_fts"))
                table_bytes = sum(v for k, v in sizes.items() if k.startswith("search_") or "searchentry" in k)
            except Exception:  # noqa: BLE001 - dbstat is optional in SQLite builds
                fts_bytes = None
                table_bytes = os.path.getsize(connection.settings_dict["NAME"])

    per_query: dict[str, float] = {}

    def measure(fn, record=False, rounds=None, warm=True) -> list[float]:
        if warm:
            for q in QUERIES:  # warm-up round
                fn(q)
        times = []
        for _ in range(rounds or args.rounds):
            for q in QUERIES:
                t0 = time.perf_counter()
                fn(q)
                elapsed = (time.perf_counter() - t0) * 1000
                times.append(elapsed)
                if record:
                    per_query[q] = max(per_query.get(q, 0.0), elapsed)
        return times

    hits = {q: selectors.search(q).total for q in QUERIES}
    fts = measure(lambda q: selectors.search(q), record=True)

    def naive(q):
        needle = q.strip('"')
        qs = SearchEntry.objects.filter(Q(title__icontains=needle) | Q(body__icontains=needle))
        qs.count()
        list(qs.order_by("-published_at").values_list("id", "title")[:10])

    # One round, no warm-up: each scan reads the whole table anyway (and takes seconds).
    naive_times = measure(naive, rounds=1, warm=False) if args.naive_rounds else []
    print(
        json.dumps(
            {
                "engine": connection.vendor,
                "docs": n,
                "chars": args.chars,
                "index_seconds": index_seconds,
                "docs_per_second": n / index_seconds,
                "segment_seconds": segment_seconds,
                "generate_seconds": generate_seconds,
                "write_seconds": write_seconds,
                "table_bytes": table_bytes,
                "fts_bytes": fts_bytes,
                "p50": percentile(fts, 0.5),
                "p95": percentile(fts, 0.95),
                "naive_p50": percentile(naive_times, 0.5) if naive_times else None,
                "naive_p95": percentile(naive_times, 0.95) if naive_times else None,
                "no_hit_queries": [q for q, t in hits.items() if t == 0],
                "hits": hits,
                "slowest": sorted(per_query.items(), key=lambda kv: -kv[1])[:5],
                "load": os.getloadavg(),
            },
            ensure_ascii=False,
        )
    )


def run_engine(engine: str, args) -> dict:
    command = [
        "-m",
        "bench.search",
        "--child",
        "--docs",
        str(args.docs),
        "--chars",
        str(args.chars),
        "--rounds",
        str(args.rounds),
        "--naive-rounds",
        str(args.naive_rounds),
    ]
    return run_child_process(engine, command)


def run_child_process(engine: str, command: list[str]) -> dict:
    """Run ``python <command>`` on a fresh database of the engine; its last line is JSON."""
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"TASKS_BACKEND", "DJANGO_SETTINGS_MODULE"}},
        "DJANGO_SETTINGS_MODULE": "govportal.config.settings",
        "PYTHONPATH": str(ROOT),
        "GOVPORTAL_ENV": "development",
        "LOG_LEVEL": "WARNING",
        "DEBUG": "false",
    }
    cleanup = None
    tmp = tempfile.TemporaryDirectory(prefix="govportal-searchbench-")
    if engine == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{tmp.name}/bench.sqlite3"
        env["GOVPORTAL_VAR_DIR"] = tmp.name
    else:
        import psycopg
        from psycopg import sql

        base = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
        database = f"govportal_searchbench_{os.getpid()}"
        admin = psycopg.connect(f"{base}/postgres", autocommit=True)
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
        env["DATABASE_URL"] = f"{base}/{database}"
        env["GOVPORTAL_VAR_DIR"] = tmp.name

        def cleanup():
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database)))
            admin.close()

    try:
        out = subprocess.run([sys.executable, *command], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
        return json.loads(out.stdout.strip().splitlines()[-1])
    except subprocess.CalledProcessError as error:
        sys.stderr.write(error.stderr[-4000:])
        raise
    finally:
        if cleanup:
            cleanup()
        tmp.cleanup()


def mb(value) -> str:
    return "n/a" if value is None else f"{value / 1e6:,.1f} MB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=int(os.environ.get("SEARCH_BENCH_DOCS", 20_000)))
    parser.add_argument("--chars", type=int, default=1500, help="average characters per document")
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--rounds", type=int, default=3, help="measured rounds over the 50 queries")
    parser.add_argument("--naive-rounds", type=int, default=1, help="0 skips the icontains comparison")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.rounds = max(1, args.rounds)
    if args.child:
        args.rounds_naive = args.naive_rounds
        child(args)
        return 0
    if args.naive_rounds:
        args.naive_rounds = 1
    print(f"search bench: {args.docs:,} generated documents × ~{args.chars:,} characters, 50 fixed queries")
    if args.docs < 100_000:
        print(f"  (size used: {args.docs:,}; the issue's full size is `python -m bench.search --docs 100000`)")
    results = []
    for engine in [e.strip() for e in args.engines.split(",") if e.strip()]:
        print(f"  {engine}: migrating, indexing, querying …", flush=True)
        t0 = time.monotonic()
        results.append(run_engine("postgres" if engine.startswith("postg") else "sqlite", args))
        print(f"    done in {time.monotonic() - t0:,.0f} s", flush=True)
    print()
    header = f"{'engine':<11}{'docs':>9}{'indexed/s':>11}{'table+index':>14}{'FTS index':>12}{'p50 ms':>9}{'p95 ms':>9}{'icontains p50':>15}{'p95':>9}"
    print(header)
    print("-" * len(header))
    for r in results:
        naive50 = "-" if r["naive_p50"] is None else f"{r['naive_p50']:,.1f}"
        naive95 = "-" if r["naive_p95"] is None else f"{r['naive_p95']:,.1f}"
        print(
            f"{r['engine']:<11}{r['docs']:>9,}{r['docs_per_second']:>11,.0f}{mb(r['table_bytes']):>14}"
            f"{mb(r['fts_bytes']):>12}{r['p50']:>9.1f}{r['p95']:>9.1f}{naive50:>15}{naive95:>9}"
        )
    print()
    print("latency: the full search call (facet counts + first page of 10 + highlighted snippets);")
    print("icontains: naive scan of title/body for the same 50 queries (count + newest 10).")
    for r in results:
        print(f"{r['engine']}: queries with no hit: {', '.join(r['no_hit_queries']) or '(none)'}")
        print(f"{r['engine']}: slowest queries (ms): " + ", ".join(f"{q} {ms:,.0f}" for q, ms in r["slowest"]))
        print(
            f"{r['engine']}: indexing {r['index_seconds']:,.0f} s = segmenting {r['segment_seconds']:,.0f} s "
            f"+ database writes {r['write_seconds']:,.0f} s (corpus generation "
            f"{r.get('generate_seconds', 0):,.0f} s not counted); load average at the end "
            + " / ".join(f"{x:.1f}" for x in r["load"])
            + f" ({os.cpu_count()} cores)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
