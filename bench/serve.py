"""`bin/bench serve`: reads at the speed of static files (issue 9), on the production shape.

Starts `bin/serve` (nginx → gunicorn, the worker, PostgreSQL + Redis, production settings)
on a fresh PostgreSQL database with the demo cluster, then measures and prints:

1. throughput (wrk, same settings for all) of the portal home, a column list and an
   article through nginx — the pre-rendered files — and of the same bytes as a plain
   static file from the same nginx; the ratio. Also the live Django path for reference;
2. cache-miss rendering: median ms and SQL queries per page type (full Django stack,
   in this process, anonymous), on the demo cluster and after `generate_load_data`
   (500 sites, 200,000 articles at --load-scale 1);
3. publish-to-visible latency, p50/p95 over N publishes: the department column through
   nginx, the portal column after the sync offer is accepted, the search results;
4. submission load: C concurrent clients (asyncio, keep-alive) for S seconds through nginx
   to the app on PostgreSQL, by spec (SPECS: `letters` — letters to the mayor's mailbox through
   POST /api/v1/letters — by default, `cases` for the bare kernel): responses by status,
   p50/p95, and whether every 2xx has its row;
5. peak RSS (VmHWM) of each web worker, the background worker and nginx.

Client, servers and database share this machine's CPUs (and other people's jobs), so the
figures are a floor. Options: --phases throughput,render,publish,load,submit,memory.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
PHASES = ["throughput", "render", "publish", "load", "submit", "memory"]
WEB_THREADS = 4  # bin/serve's default


def step(text: str) -> None:
    print(f"· {text}", flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def wait_port(port: int, timeout: float, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("bench: a server exited during start-up (see its log)")
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"bench: nothing answered on {port} within {timeout:.0f} s")


def fetch(port: int, path: str, host: str = "localhost", cookie: str = "") -> tuple[int, dict, bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    headers = {"Host": f"{host}:{port}"}
    if cookie:
        headers["Cookie"] = cookie
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def pct(values: list[float], p: int) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


# --- 1. throughput -------------------------------------------------------------------------


def wrk(url: str, host: str, seconds: float, threads: int, connections: int, cookie: str = "") -> dict:
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds:g}s", "-H", f"Host: {host}"]
    if cookie:
        cmd += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors:.*", out)
    return {"rps": rps, "non2xx": int(bad.group(1)) if bad else 0, "socket_errors": errors.group(0) if errors else ""}


def phase_throughput(ctx, args) -> list[str]:
    port, static_root = ctx["port"], ctx["static_root"]
    plain_dir = static_root / "bench-plain"
    plain_dir.mkdir(exist_ok=True)
    lines = []
    for label, host, path in ctx["targets"]:
        for _ in range(2):
            status, headers, body = fetch(port, path, host)
        if status != 200 or headers.get("x-prerender") != "hit":
            raise SystemExit(f"bench: {host}{path} is not served from a file ({status}, {headers.get('x-prerender')})")
        name = f"{label.replace(' ', '-')}.html"
        (plain_dir / name).write_bytes(body)
        (plain_dir / name).chmod(0o644)
        url = f"http://{HOST}:{port}{path}"
        served = wrk(url, f"{host}:{port}", args.seconds, args.wrk_threads, args.wrk_connections)
        plain = wrk(
            f"http://{HOST}:{port}/static/bench-plain/{quote(name)}",
            f"{host}:{port}",
            args.seconds,
            args.wrk_threads,
            args.wrk_connections,
        )
        live = wrk(url, f"{host}:{port}", min(args.seconds, 5), args.wrk_threads, args.wrk_connections, "csrftoken=x")
        ratio = served["rps"] / plain["rps"]
        lines.append(
            f"{label:<14} {len(body) / 1024:6.1f} KiB  served {served['rps']:9.0f} req/s   plain file "
            f"{plain['rps']:9.0f} req/s   ratio {ratio:4.2f} {'✓' if ratio >= 0.5 else '✗ (target ≥ 0.5)'}   "
            f"live Django {live['rps']:6.0f} req/s" + (f"   non-2xx {served['non2xx']}" if served["non2xx"] else "")
        )
    return [f"wrk -t{args.wrk_threads} -c{args.wrk_connections} -d{args.seconds:g}s, same run, same nginx:", *lines]


# --- 2. cache-miss rendering ------------------------------------------------------------


def wait_for_worker_idle(limit: float = 600) -> float:
    """Wait until the background worker has no task queued or running (after the demo load
    or a publish burst it indexes and re-renders for a while), so that cache-miss renders
    are measured on their own, not against the worker's backlog. Returns the seconds waited."""
    from django_tasks_db.models import DBTaskResult

    started = time.monotonic()
    while time.monotonic() - started < limit:
        if not DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists():
            break
        time.sleep(0.5)
    return time.monotonic() - started


def render_samples(targets: list[tuple[str, str, list[tuple[str, str]]]], repeat: int) -> list[str]:
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    enabled, settings.PRERENDER_DIR = settings.PRERENDER_DIR, ""  # Django's work only
    lines = []
    try:
        client = Client()
        for label, target, urls in targets:
            times, queries = [], []
            for i in range(max(repeat, len(urls))):
                host, path = urls[i % len(urls)]
                with CaptureQueriesContext(connection) as captured:
                    t0 = time.perf_counter()
                    response = client.get(path, HTTP_HOST=host)
                    elapsed = time.perf_counter() - t0
                if response.status_code != 200:
                    raise SystemExit(f"bench: {host}{path} answered {response.status_code}")
                times.append(elapsed * 1000)
                queries.append(len(captured.captured_queries))
            median = statistics.median(times)
            verdict = ""
            if target:
                verdict = "✓" if median <= target else f"✗ (target ≤ {target} ms)"
            lines.append(
                f"{label:<22} median {median:6.1f} ms  p95 {pct(times, 95):6.1f} ms   queries median "
                f"{statistics.median(queries):4.0f}  max {max(queries):3d}   ({len(times)} renders) {verdict}"
            )
    finally:
        settings.PRERENDER_DIR = enabled
    return lines


def demo_render_targets(limit: int = 20):
    from wagtail.models import Site

    from govportal.cluster import selectors
    from govportal.cluster.models import ArticlePage, ColumnLayout, ColumnPage, SiteHomePage, SiteKind

    hosts = {s.pk: s.hostname for s in Site.objects.all()}

    def url(page):
        site_id, _root, path = page.get_url_parts()
        return hosts[site_id], path

    portal = SiteHomePage.objects.filter(kind=SiteKind.PORTAL).first()
    depts = list(SiteHomePage.objects.filter(kind=SiteKind.DEPARTMENT).order_by("path")[:limit])
    columns = [
        c
        for c in ColumnPage.objects.live().filter(layout=ColumnLayout.LIST).order_by("path")
        if selectors.column_articles(c).exists()
    ][:limit]
    rng = random.Random(7)
    article_ids = list(ArticlePage.objects.live().values_list("pk", flat=True))
    articles = ArticlePage.objects.filter(pk__in=rng.sample(article_ids, min(limit, len(article_ids))))
    per_page = 20
    deep = []
    for c in columns:
        n = selectors.column_articles(c).count()
        if n > per_page:
            host, path = url(c)
            deep.append((host, f"{path}?page={(n + per_page - 1) // per_page}"))
    return [
        ("portal home", 60, [url(portal)]),
        ("department home", 60, [url(h) for h in depts]),
        ("column list p.1", 0, [url(c) for c in columns]),
        ("column list last page", 0, deep or [url(columns[0])]),
        ("article", 30, [url(a) for a in articles]),
        ("column RSS", 0, [(h, p + "rss/") for h, p in (url(c) for c in columns)]),
    ]


def load_render_targets(limit: int = 20):
    from wagtail.models import Site

    from govportal.cluster.models import ArticlePage, SiteHomePage, SiteKind

    rng = random.Random(11)
    sites = list(Site.objects.filter(hostname__endswith=".load.localhost"))
    picks = rng.sample(sites, min(limit, len(sites)))
    portal = SiteHomePage.objects.filter(kind=SiteKind.PORTAL).first()
    portal_site = Site.objects.get(root_page=portal)
    articles = []
    for site in picks:
        ids = list(
            ArticlePage.objects.filter(path__startswith=site.root_page.path).values_list("url_path", flat=True)[:400]
        )
        articles.append((site.hostname, rng.choice(ids).removeprefix(site.root_page.url_path[:-1])))
    return [
        ("portal home", 60, [(portal_site.hostname, "/")]),
        ("department home", 60, [(s.hostname, "/") for s in picks]),
        ("column list p.1", 0, [(s.hostname, "/gzdt/") for s in picks]),
        ("column list last page", 0, [(s.hostname, "/gzdt/?page=4") for s in picks]),
        ("article", 30, articles),
        ("column RSS", 0, [(s.hostname, "/gzdt/rss/") for s in picks]),
    ]


# --- 3. publish to visible ----------------------------------------------------------------


def phase_publish(ctx, args) -> list[str]:
    from django.db import transaction

    from govportal.cluster import actions, selectors
    from govportal.cluster.models import ArticlePage, ColumnPage, SiteHomePage
    from govportal.core.models import User

    port = ctx["port"]
    dept = SiteHomePage.objects.get(slug="jyj")
    col = ColumnPage.objects.child_of(dept).get(slug="gzdt").specific
    portal_col = selectors.portal_offer_columns().first()
    editor = User.objects.get(username="jyj_editor")
    leader = User.objects.get(username="jyj_leader")  # the last step of the review signs off
    reviewer = User.objects.get(username="portal_reviewer")
    dept_host = "jyj.localhost"
    portal_url = portal_col.get_url_parts()[2]
    col_url = col.get_url_parts()[2]
    # Readers are looking at both pages: their files exist before each publish.
    dept_ms, portal_ms, search_ms, misses = [], [], [], 0
    rng = random.Random(5)
    words = "春夏秋冬山水林田湖草沙江河星月云海"
    for i in range(args.publishes):
        fetch(port, col_url, dept_host)
        fetch(port, portal_url)
        token = "".join(rng.choice(words) for _ in range(4))
        title = f"发布时效测试{token}第{i + 1}号通知"
        t0 = time.perf_counter()
        with transaction.atomic():
            article = ArticlePage(title=title, body=f"<p>{title}。</p>", summary=title)
            col.add_child(instance=article)
            article.save_revision(user=editor).publish(user=leader)
        seen = {"dept": None, "search": None}
        deadline = t0 + 10
        while time.perf_counter() < deadline and None in seen.values():
            if seen["dept"] is None and title.encode() in fetch(port, col_url, dept_host)[2]:
                seen["dept"] = time.perf_counter() - t0
            if seen["search"] is None and title.encode() in fetch(port, f"/search/?q={quote(title)}")[2]:
                seen["search"] = time.perf_counter() - t0
            time.sleep(0.02)
        t1 = time.perf_counter()
        with transaction.atomic():
            [offer] = actions.article_offer(actor=editor, article=article, columns=[portal_col])
            actions.sync_offer_accept(actor=reviewer, offer=offer)
        portal_seen = None
        while time.perf_counter() < t1 + 10:
            if title.encode() in fetch(port, portal_url)[2]:
                portal_seen = time.perf_counter() - t1
                break
            time.sleep(0.02)
        for key, bucket in (("dept", dept_ms), ("search", search_ms)):
            if seen[key] is None:
                misses += 1
            else:
                bucket.append(seen[key] * 1000)
        if portal_seen is None:
            misses += 1
        else:
            portal_ms.append(portal_seen * 1000)
    lines = [f"{args.publishes} publishes (each: new article, then its sync offer accepted by the portal):"]
    for label, values in (
        ("department column", dept_ms),
        ("portal column (accept)", portal_ms),
        ("search results", search_ms),
    ):
        p95 = pct(values, 95)
        lines.append(
            f"{label:<24} p50 {pct(values, 50):7.0f} ms   p95 {p95:7.0f} ms   max {max(values or [0]):6.0f} ms  "
            + ("✓" if p95 <= 2000 else "✗ (target p95 ≤ 2000 ms)")
        )
    if misses:
        lines.append(f"NOT visible within 10 s: {misses}")
    lines += urgent_notice_to_visible(port, args.publishes)
    return lines


def urgent_notice_to_visible(port: int, rounds: int) -> list[str]:
    """紧急信息 (issue 19): from the leader's publish to the notice in `/jinji.json` through
    nginx, which every page's banner script loads — the page's own HTML is not re-rendered,
    so this is what a reader opening any page sees. Target p95 ≤ 2 s."""
    from django.db import transaction

    from govportal.cluster import actions
    from govportal.core.models import User

    office = User.objects.filter(is_superuser=True).order_by("pk").first()
    seen_ms, misses = [], 0
    for i in range(max(1, rounds)):
        title = f"紧急信息时效测试第{i + 1}号"
        t0 = time.perf_counter()
        with transaction.atomic():
            notice = actions.urgent_notice_publish(actor=office, title=title, body="测试正文，随即撤下。")
        seen = None
        while time.perf_counter() < t0 + 10:
            if title.encode() in fetch(port, "/jinji.json", "jyj.localhost")[2]:
                seen = time.perf_counter() - t0
                break
            time.sleep(0.02)
        with transaction.atomic():
            actions.urgent_notice_withdraw(actor=office, notice=notice)
        if seen is None:
            misses += 1
        else:
            seen_ms.append(seen * 1000)
    p95 = pct(seen_ms, 95)
    line = (
        f"{'urgent notice (banner)':<24} p50 {pct(seen_ms, 50):7.0f} ms   p95 {p95:7.0f} ms   "
        f"max {max(seen_ms or [0]):6.0f} ms  " + ("✓" if p95 <= 2000 and not misses else "✗ (target p95 ≤ 2000 ms)")
    )
    return [line] + ([f"urgent notice NOT visible within 10 s: {misses}"] if misses else [])


# --- 4. submissions ------------------------------------------------------------------------


@dataclass
class SubmissionSpec:
    """One citizen submission endpoint: how to build request i, where the id is in the
    answer, and how to find the rows of the ids in the database."""

    name: str
    method: str
    path: str
    settings_module: str
    build: object  # (i) -> dict (JSON body)
    ok_status: tuple[int, ...]
    extract: object  # (answer dict) -> id
    rows_sql: str  # "select <id column> from <table> where <id column> = any(%s)"
    note: str = ""
    headers: dict = field(default_factory=dict)  # sent with every request
    server_env: dict = field(default_factory=dict)  # added to the app server's environment


SPECS = {
    # The case kernel's creation, as every citizen submission does it (bench-only endpoint:
    # there is no public submission on this branch yet).
    "cases": SubmissionSpec(
        name="cases",
        method="POST",
        path="/bench-api/cases",
        settings_module="bench.settings",
        build=lambda i: {
            "title": f"压测申请：关于第{i}号事项的信息公开",
            "phone": f"139{i:08d}",
            "body": "申请内容。" * 20,
        },
        ok_status=(201,),
        extract=lambda answer: answer["tracking_number"],
        rows_sql="select tracking_number from core_case where tracking_number = any(%s)",
    ),
    # 写信 (interaction area, POST /api/v1/letters, JSON). All clients come from one address,
    # so they authenticate as a trusted API client (LETTER_API_TOKENS), which skips the
    # per-IP/per-phone limits that would otherwise answer 429 — see docs/interaction.md.
    "letters": SubmissionSpec(
        name="letters",
        method="POST",
        path="/api/v1/letters",
        settings_module="govportal.config.settings",
        build=lambda i: {
            "mailbox": "szxx",
            "category": "suggest",
            "title": f"关于小区门前道路积水的建议（{i}）",
            "content": "小区门前道路每逢下雨积水严重，建议尽快修缮排水设施。" * 5,
            "name": "张三",
            "phone": f"138{i % 10**8:08d}",
            "may_publish": False,
        },
        ok_status=(201,),
        extract=lambda answer: answer["tracking_number"],
        rows_sql="select tracking_number from core_case where tracking_number = any(%s)",
        headers={"Authorization": "Bearer bench-load-token"},
        server_env={"LETTER_API_TOKENS": "bench-load-token"},
    ),
}


@dataclass
class SubmitResult:
    statuses: dict = field(default_factory=dict)
    latencies: list = field(default_factory=list)
    ids: list = field(default_factory=list)
    errors: list = field(default_factory=list)


async def _client(
    spec: SubmissionSpec, port: int, counter, deadline: float, result: SubmitResult, think: float = 0.0
) -> None:
    reader = writer = None
    try:
        if think:
            # Citizens arrive at random, not all at the first second: each client starts
            # after a random wait (exponential, mean `think`), as in the steady state.
            await asyncio.sleep(min(random.expovariate(1 / think), max(0.0, deadline - time.perf_counter())))
        while time.perf_counter() < deadline:
            if writer is None:
                reader, writer = await asyncio.open_connection(HOST, port)
            i = next(counter)
            body = json.dumps(spec.build(i), ensure_ascii=False).encode()
            head = (
                f"{spec.method} {spec.path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "".join(f"{k}: {v}\r\n" for k, v in spec.headers.items())
                + f"Content-Length: {len(body)}\r\n\r\n"
            ).encode()
            t0 = time.perf_counter()
            try:
                writer.write(head + body)
                await writer.drain()
                status_line = await reader.readline()
                status = int(status_line.split()[1])
                length, close = 0, False
                while (line := await reader.readline()) not in (b"\r\n", b""):
                    name, _, value = line.decode("latin-1").partition(":")
                    if name.lower() == "content-length":
                        length = int(value.strip())
                    elif name.lower() == "connection" and value.strip().lower() == "close":
                        close = True
                data = await reader.readexactly(length)
            except (OSError, ValueError, IndexError, asyncio.IncompleteReadError) as exc:
                result.errors.append(f"{type(exc).__name__}: {exc}")
                result.statuses["connection error"] = result.statuses.get("connection error", 0) + 1
                writer.close()
                writer = None
                continue
            result.latencies.append(time.perf_counter() - t0)
            result.statuses[status] = result.statuses.get(status, 0) + 1
            if status in spec.ok_status:
                try:
                    result.ids.append(spec.extract(json.loads(data)))
                except (ValueError, KeyError) as exc:
                    result.errors.append(f"2xx without an id: {exc}")
            elif len(result.errors) < 20:
                result.errors.append(f"HTTP {status}: {data[:160]!r}")
            if close:
                writer.close()
                writer = None
            if think:
                # A citizen takes a while between two submissions (exponential, mean `think`).
                await asyncio.sleep(min(random.expovariate(1 / think), max(0.0, deadline - time.perf_counter())))
    finally:
        if writer is not None:
            writer.close()


def run_submissions(spec: SubmissionSpec, port: int, clients: int, seconds: float, think: float = 0.0) -> SubmitResult:
    import itertools

    result = SubmitResult()
    counter = itertools.count()

    async def main():
        deadline = time.perf_counter() + seconds
        await asyncio.gather(*(_client(spec, port, counter, deadline, result, think) for _ in range(clients)))

    asyncio.run(main())
    return result


def phase_submit(ctx, args) -> list[str]:
    """The production topology when the spec runs on production settings (`letters`:
    through nginx to bin/serve's gunicorn, which got the spec's server_env at start);
    otherwise a gunicorn of the same shape on the spec's settings, without nginx."""
    import psycopg

    spec = SPECS[args.spec]
    server = log = None
    if spec.settings_module == "govportal.config.settings":
        port = ctx["port"]
        shape = f"nginx → gunicorn {args.web_workers} workers × {WEB_THREADS} threads (bin/serve)"
    else:
        port = free_port()
        env = {**ctx["env"], "DJANGO_SETTINGS_MODULE": spec.settings_module, "PYTHONPATH": str(ROOT), **spec.server_env}
        log = open(ctx["var"] / "submit-gunicorn.log", "wb")  # noqa: SIM115 — closed below
        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "govportal.config.wsgi:application"]
            + ["--bind", f"{HOST}:{port}", "--workers", str(args.web_workers), "--threads", str(WEB_THREADS)]
            + ["--worker-class", "gthread", "--worker-connections", str(WEB_THREADS), "--keep-alive", "0"]
            + ["--backlog", "2048", "--timeout", "120"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        shape = f"gunicorn {args.web_workers} workers × {WEB_THREADS} threads as in bin/serve, no nginx"
    runs = [(args.think, args.clients)]
    if args.paced_think and not args.think:
        runs.append((args.paced_think, args.clients))
    results = []
    try:
        if server is not None:
            wait_port(port, 60, server)
        run_submissions(spec, port, 8, 3)  # warm every worker (not counted)
        step(f"background worker idle after {wait_for_worker_idle():.0f} s")  # the demo's indexing done
        for think, clients in runs:
            # As pgbench does before each run: the dirty pages of what ran before (the demo
            # load, 200,000 generated articles) written out now, not by a checkpoint that
            # falls inside this run and makes its first writes full-page images.
            with psycopg.connect(ctx["env"]["DATABASE_URL"], autocommit=True) as db:
                try:
                    db.execute("CHECKPOINT")
                except psycopg.errors.InsufficientPrivilege:
                    step("CHECKPOINT not allowed for this role (superuser or pg_checkpoint): run without it")
            step(f"{clients} clients × {args.submit_seconds:g} s, {spec.method} {spec.path}, think {think:g} s …")
            results.append((think, run_submissions(spec, port, clients, args.submit_seconds, think)))
            wait_for_worker_idle()  # the SMS of this run sent before the next run or phase
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
            log.close()
    lines = [
        f"spec {spec.name}: {spec.method} {spec.path} — {shape}, {args.clients} clients,"
        f" {args.submit_seconds:g} s per run" + (f" ({spec.note})" if spec.note else "")
    ]
    with psycopg.connect(ctx["env"]["DATABASE_URL"]) as db:
        for think, result in results:
            found = {row[0] for row in db.execute(spec.rows_sql, [result.ids]).fetchall()}
            lines += _submit_lines(think, args.submit_seconds, result, found)
    return lines


def _submit_lines(think: float, seconds: float, result: SubmitResult, found: set) -> list[str]:
    lost = len(set(result.ids) - found)
    total = sum(result.statuses.values())
    five = sum(n for s, n in result.statuses.items() if isinstance(s, int) and s >= 500)
    p95 = pct(result.latencies, 95) * 1000
    lines = [
        (f"paced — each client waits {think:g} s on average between letters" if think else "back to back (closed loop)")
        + f": {total} responses ({total / seconds:.0f}/s) by status: "
        + ", ".join(f"{s}: {n}" for s, n in sorted(result.statuses.items(), key=str)),
        f"  latency p50 {pct(result.latencies, 50) * 1000:.0f} ms   p95 {p95:.0f} ms   "
        + ("✓" if p95 <= 500 else "✗ (target p95 ≤ 500 ms)"),
        f"  2xx with their row: {len(found)} of {len(set(result.ids))}; lost {lost} {'✓' if lost == 0 else '✗'}; "
        f"5xx {five} {'✓' if five == 0 else '✗'}",
    ]
    if result.errors:
        lines.append(f"  first error: {result.errors[0]}")
    return lines


# --- 5. memory --------------------------------------------------------------------------


def _hwm(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def _children(pid: int) -> list[int]:
    try:
        out = subprocess.run(["ps", "--ppid", str(pid), "-o", "pid="], capture_output=True, text=True).stdout
    except OSError:
        return []
    return [int(x) for x in out.split()]


def phase_memory(ctx, args) -> list[str]:
    rows = []
    for pid in _children(ctx["serve"].pid):
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        if "gunicorn" in cmd:
            rows.append(("gunicorn master", pid))
            rows += [("web worker", child) for child in _children(pid)]
        elif "run_worker" in cmd:
            rows.append(("background worker", pid))
        elif "nginx" in cmd:
            rows.append(("nginx master", pid))
            rows += [("nginx worker", child) for child in _children(pid)]
    return [f"{label:<18} pid {pid:>7}   peak RSS {_hwm(pid):7.1f} MiB" for label, pid in rows]


class Results(dict):
    """Phase figures, printed as each phase ends (and all together at the end)."""

    def __setitem__(self, title, lines):
        super().__setitem__(title, lines)
        print(f"\n{title}", flush=True)
        for line in lines:
            print(f"  {line}", flush=True)
        print(flush=True)


# --- main ---------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--phases", default=",".join(PHASES))
    parser.add_argument("--seconds", type=float, default=10, help="wrk duration per URL")
    parser.add_argument("--wrk-threads", type=int, default=4)
    parser.add_argument("--wrk-connections", type=int, default=32)
    parser.add_argument("--repeat", type=int, default=20, help="renders per page type")
    parser.add_argument("--publishes", type=int, default=50)
    parser.add_argument("--load-scale", type=float, default=1.0, help="generate_load_data scale (1 = 200k articles)")
    parser.add_argument("--spec", default="letters", choices=sorted(SPECS))
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--submit-seconds", type=float, default=60)
    parser.add_argument(
        "--think", type=float, default=0.0, help="mean seconds a client waits between submissions (0: back to back)"
    )
    parser.add_argument(
        "--paced-think",
        type=float,
        default=1.33,
        help="after the closed-loop run, a second run with this mean think time (≈150 letters/s offered by "
        "200 clients; 0: none)",
    )
    parser.add_argument("--web-workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    phases = [p for p in args.phases.split(",") if p]
    unknown = set(phases) - set(PHASES)
    if unknown:
        parser.error(f"unknown phases: {', '.join(sorted(unknown))}")
    if shutil.which("wrk") is None and "throughput" in phases:
        raise SystemExit("bench: wrk is missing (bin/bench installs it from Debian)")

    import psycopg
    import redis
    from psycopg import sql

    pg_base = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12")
    database = f"govportal_bench_serve_{os.getpid()}"
    prefix = f"govportal-bench-serve-{os.getpid()}"
    var = Path(tempfile.mkdtemp(prefix="govportal-bench-serve-"))
    var.chmod(0o755)
    port, app_port = free_port(), free_port()
    env = {
        **{
            k: v for k, v in os.environ.items() if k not in {"TASKS_BACKEND", "DJANGO_SETTINGS_MODULE", "GOVPORTAL_ENV"}
        },
        "PORT": str(port),
        "APP_PORT": str(app_port),
        "DATABASE_URL": f"{pg_base}/{database}",
        "REDIS_URL": redis_url,
        "CACHE_KEY_PREFIX": prefix,
        "GOVPORTAL_VAR_DIR": str(var),
        "WEB_WORKERS": str(args.web_workers),
        "WEB_THREADS": str(WEB_THREADS),
        **(SPECS[args.spec].server_env if SPECS[args.spec].settings_module == "govportal.config.settings" else {}),
        "LOG_LEVEL": "WARNING",
    }
    admin = psycopg.connect(f"{pg_base}/postgres", autocommit=True)
    pg_version = admin.execute("SHOW server_version").fetchone()[0]
    admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
    serve = None
    results = Results()
    started = time.monotonic()
    try:
        step(
            f"database {database} (PostgreSQL {pg_version}); bin/serve on :{port} (gunicorn :{app_port}) — migrate + demo …"
        )
        serve_log = open(var / "serve.log", "wb")  # noqa: SIM115
        serve = subprocess.Popen(
            [str(ROOT / "bin" / "serve")],
            cwd=ROOT,
            env=env,
            stdout=serve_log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_port(port, 900, serve)
        wait_port(app_port, 120, serve)
        step(f"serving after {time.monotonic() - started:.0f} s")

        # This process is one more app node: same production settings, same database.
        os.environ.update(
            {
                **env,
                "GOVPORTAL_ENV": "production",
                "DEBUG": "0",
                "SECRET_KEY": (var / "secret_key").read_text().strip(),
                "ALLOWED_HOSTS": "localhost,.localhost,127.0.0.1",
                "SECURE_SSL_REDIRECT": "0",
                "PRERENDER_DIR": str(var / "prerender"),
                "STATIC_ROOT": str(var / "static"),
                "MEDIA_ROOT": str(var / "media"),
                "DJANGO_SETTINGS_MODULE": "govportal.config.settings",
            }
        )
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        import logging

        logging.getLogger("wagtail").setLevel(logging.WARNING)
        logging.getLogger("django_tasks").setLevel(logging.WARNING)
        from govportal.cluster.models import ArticlePage

        ctx = {
            "port": port,
            "var": var,
            "env": env,
            "serve": serve,
            "static_root": var / "static",
            "prerender_dir": var / "prerender",
        }
        article = (
            ArticlePage.objects.live().filter(url_path__startswith="/portal/").order_by("-first_published_at").first()
        )
        ctx["targets"] = [
            ("portal home", "localhost", "/"),
            ("column list", "localhost", article.get_parent().get_url_parts()[2]),
            ("article", "localhost", article.get_url_parts()[2]),
        ]
        if "throughput" in phases:
            step("throughput (wrk) …")
            results["1. throughput"] = phase_throughput(ctx, args)
        if "render" in phases:
            step(f"cache-miss rendering, demo cluster (worker idle after {wait_for_worker_idle():.0f} s) …")
            results["2a. cache-miss render, demo cluster"] = render_samples(demo_render_targets(), args.repeat)
        if "publish" in phases:
            step(f"publish to visible × {args.publishes} …")
            results["3. publish to visible"] = phase_publish(ctx, args)
        if "load" in phases:
            from govportal.demo import loadgen

            sites = max(1, round(500 * args.load_scale))
            per_site = max(5, round(200_000 * args.load_scale / sites))
            step(f"generate_load_data: {sites} sites × {per_site} articles …")
            made = loadgen.generate(sites=sites, articles_per_site=per_site, log=lambda m: step(m.strip()))
            with psycopg.connect(env["DATABASE_URL"], autocommit=True) as db:
                db.execute("ANALYZE")
            step(f"worker idle after {wait_for_worker_idle():.0f} s")
            label = f"2b. cache-miss render, generated cluster ({made['sites']} sites, {made['articles']:,} articles, made in {made['seconds']:.0f} s)"
            results[label] = render_samples(load_render_targets(), args.repeat)
        if "submit" in phases:
            step("submission load …")
            results["4. submission load"] = phase_submit(ctx, args)
        if "memory" in phases:
            results["5. peak memory (VmHWM since start)"] = phase_memory(ctx, args)
    finally:
        if serve is not None and serve.poll() is None:
            os.killpg(serve.pid, signal.SIGINT)
            try:
                serve.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(serve.pid, signal.SIGKILL)
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # noqa: BLE001, S110 — Django may not be set up
            pass
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database)))
        admin.close()
        r = redis.Redis.from_url(redis_url)
        for key in r.scan_iter(f"{prefix}*"):
            r.delete(key)
        shutil.rmtree(var, ignore_errors=True)

    print()
    print(
        f"GovPortal serve bench — {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} CPUs, PostgreSQL {pg_version}"
    )
    for title, lines in results.items():
        print(f"\n{title}")
        for line in lines:
            print(f"  {line}")
    print(f"\n(total {time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
