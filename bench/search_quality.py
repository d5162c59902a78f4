"""Search quality bench (make bench, section "search quality"): the judged query set of
bench/search_judged.py — 100 citizens' queries over the demo cluster with graded judgments —
run through the real search on each engine; prints nDCG@10 and recall@10.

For each engine, in a child process with its own fresh database: migrate, load the demo
(`load_demo`, full size, seeded: the same content every time), fill the index
(`rebuild_search_index`), then run every query through `selectors.search` and score what a
reader sees first, in order: direct answers, best bets, then the hits (`top_urls`).

- Grades: 3 the answer a citizen wants (the service, mailbox, column or document), 2 highly
  relevant, 1 related; unjudged items count 0.
- nDCG@10: DCG of the first 10 (gain 2^grade − 1, discount log2(rank + 1)) over the ideal
  ordering of every judged item.
- recall@10: the judged items (grade ≥ 1) in the first 10, over min(10, judged items).

    .venv/bin/python -m bench.search_quality                     # both engines
    .venv/bin/python -m bench.search_quality --engines sqlite    # one engine
    .venv/bin/python -m bench.search_quality --show 20           # also the 20 worst queries
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time

from bench.search import ROOT, run_child_process

K = 10


def dcg(grades: list[int]) -> float:
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades[:K]))


def matches(spec: str, entry) -> bool:
    """``source=title`` (exact title) or ``source~text`` (title contains the text)."""
    if "~" in spec:
        source, needle = spec.split("~", 1)
        return entry.source == source and needle in entry.title
    source, title = spec.split("=", 1)
    return entry.source == source and entry.title == title


def child(args) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    from bench.search_judged import JUDGED
    from govportal.search import selectors
    from govportal.search.models import SearchEntry

    started = time.monotonic()
    call_command("migrate", "--noinput", verbosity=0)
    call_command("load_demo", verbosity=0)
    call_command("rebuild_search_index", "--no-progress", verbosity=0)
    setup_seconds = time.monotonic() - started
    entries = list(SearchEntry.objects.only("id", "source", "title", "url"))
    by_url = {}
    for e in entries:
        by_url.setdefault(e.url, e)
    rows = []
    for query, judgments in JUDGED:
        judged = {}
        for e in entries:
            grade = max((g for spec, g in judgments.items() if matches(spec, e)), default=0)
            if grade:
                judged[e.url] = grade
        result = selectors.search(query)
        shown = result.top_urls()[:K]
        grades = [judged.get(url, 0) for url in shown]
        ideal = dcg(sorted(judged.values(), reverse=True))
        found = sum(1 for url in shown if url in judged)
        rows.append(
            {
                "query": query,
                "ndcg": dcg(grades) / ideal if ideal else 0.0,
                "recall": found / min(K, len(judged)) if judged else 0.0,
                "judged": len(judged),
                "top3": [getattr(by_url.get(u), "title", u) for u in shown[:3]],
            }
        )
    print(
        json.dumps(
            {
                "engine": __import__("django.db").db.connection.vendor,
                "queries": len(rows),
                "ndcg": sum(r["ndcg"] for r in rows) / len(rows),
                "recall": sum(r["recall"] for r in rows) / len(rows),
                "unjudgeable": [r["query"] for r in rows if not r["judged"]],
                "rows": rows,
                "setup_seconds": setup_seconds,
            },
            ensure_ascii=False,
        )
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--show", type=int, default=10, help="print the N worst queries")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return 0
    from bench.search_judged import JUDGED

    print(f"search quality: {len(JUDGED)} judged queries over the demo cluster (bench/search_judged.py)")
    results = []
    for engine in [e.strip() for e in args.engines.split(",") if e.strip()]:
        print(f"  {engine}: migrating, loading the demo, indexing, querying …", flush=True)
        t0 = time.monotonic()
        results.append(
            run_child_process(
                "postgres" if engine.startswith("postg") else "sqlite", ["-m", "bench.search_quality", "--child"]
            )
        )
        print(f"    done in {time.monotonic() - t0:,.0f} s", flush=True)
    print()
    print(f"{'engine':<11}{'queries':>9}{'nDCG@10':>10}{'recall@10':>11}")
    for r in results:
        print(f"{r['engine']:<11}{r['queries']:>9}{r['ndcg']:>10.3f}{r['recall']:>11.3f}")
    for r in results:
        if r["unjudgeable"]:
            print(f"{r['engine']}: queries whose judged items are not in the index: {', '.join(r['unjudgeable'])}")
        worst = sorted(r["rows"], key=lambda row: row["ndcg"])[: args.show]
        print(f"{r['engine']}: the {len(worst)} lowest nDCG@10:")
        for row in worst:
            print(f"  {row['ndcg']:.2f}  {row['query']}  → " + " | ".join(row["top3"]))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
