"""`bin/bench interviews`: a live 在线访谈 on the production shape (issue 21, ADR 0015).

Starts `bin/serve` (nginx → gunicorn gthread, the worker, PostgreSQL + Redis, production
settings; no demo: `SERVE_NO_DEMO=1`) on a fresh PostgreSQL database, creates one interview
with a guest and starts its live, then for ``--seconds`` (default 30):

- ``--readers`` (default 2,000) concurrent readers, each on its own keep-alive connection to
  nginx, poll ``/fangtan/<id>/live.json`` every ``--poll`` s (default 1, as `live.js` does)
  with ``If-None-Match`` (nginx answers 304 while the file is unchanged);
- ``--rate`` (default 50) citizens' questions a second are submitted through nginx
  (``POST /api/v1/interviews/<id>/questions``, paced open loop, as a trusted API client: all
  come from one address, which the per-IP limit would otherwise stop — as bench/serve.py);
- this process, as the moderator and typist on one more app node (same settings, same
  database, same PRERENDER_DIR), approves one question and enters a guest's answer to it
  every ``--answer-every`` s (default 1).

It prints the time from "answer entered" (the typist's action called) to "visible" (the
first poll by each reader that carries it) over every (reader, answer) pair — p50/p95/max
(bar: p95 ≤ 2 s) — the readers' request rate, status counts and latency, the questions'
statuses and latency, and whether every acknowledged question is in the database (bar:
0 lost). Client, servers and database share this machine's CPUs, so the figures are a floor.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from bench.serve import HOST, ROOT, free_port, pct, step, wait_port

TOKEN = "bench-interviews-token"
_POST_ID = re.compile(rb'\{"id":(\d+),"kind":')


class Readers:
    def __init__(self) -> None:
        self.first_seen: dict[int, list[float]] = {}  # post id -> the moment each reader first had it
        self.statuses: dict = {}
        self.latencies: list[float] = []
        self.errors: list[str] = []


async def _http(reader, writer, head: bytes) -> tuple[int, dict, bytes]:
    writer.write(head)
    await writer.drain()
    status = int((await reader.readline()).split()[1])
    headers = {}
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    body = await reader.readexactly(length) if length else b""
    return status, headers, body


async def _reader(port: int, path: str, poll: float, deadline: float, out: Readers) -> None:
    seen: set[int] = set()
    etag = ""
    conn = None
    await asyncio.sleep(random.uniform(0, poll))  # readers arrive spread over one period
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        try:
            if conn is None:
                conn = await asyncio.open_connection(HOST, port)
            head = (
                f"GET {path} HTTP/1.1\r\nHost: localhost\r\n" + (f"If-None-Match: {etag}\r\n" if etag else "") + "\r\n"
            )
            status, headers, body = await _http(*conn, head.encode())
        except (OSError, ValueError, IndexError, asyncio.IncompleteReadError) as exc:
            out.statuses["connection error"] = out.statuses.get("connection error", 0) + 1
            if len(out.errors) < 10:
                out.errors.append(f"{type(exc).__name__}: {exc}")
            if conn is not None:
                conn[1].close()
            conn = None
            await asyncio.sleep(poll)
            continue
        now = time.perf_counter()
        out.latencies.append(now - started)
        out.statuses[status] = out.statuses.get(status, 0) + 1
        if status == 200:
            etag = headers.get("etag", "")
            for match in _POST_ID.finditer(body):  # the posts' ids, without decoding the whole body
                pk = int(match.group(1))
                if pk not in seen:
                    seen.add(pk)
                    out.first_seen.setdefault(pk, []).append(now)
        await asyncio.sleep(max(0.0, poll - (time.perf_counter() - started)))
    if conn is not None:
        conn[1].close()


def _reader_process(port: int, path: str, poll: float, deadline: float, count: int) -> Readers:
    """One client process with `count` readers (asyncio). Several of them: one Python
    process cannot drive 2,000 polls a second. Times are `perf_counter` — CLOCK_MONOTONIC,
    the same clock in every process of the machine."""
    out = Readers()

    async def run():
        await asyncio.gather(*(_reader(port, path, poll, deadline, out) for _ in range(count)))

    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < count + 256:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(count + 256, hard), hard))
    asyncio.run(run())
    return out


class Askers:
    def __init__(self) -> None:
        self.statuses: dict = {}
        self.latencies: list[float] = []
        self.ids: list[int] = []
        self.errors: list[str] = []


async def _asker(port: int, path: str, counter, period: float, deadline: float, out: Askers) -> None:
    conn = None
    next_at = time.perf_counter() + random.uniform(0, period)
    while next_at < deadline:
        await asyncio.sleep(max(0.0, next_at - time.perf_counter()))
        next_at += period  # open loop: the next citizen comes on time, whatever this one took
        i = next(counter)
        body = json.dumps(
            {"content": f"请问第{i}号小区加装电梯的补贴如何申请？", "name": "张三", "phone": f"138{i % 10**8:08d}"},
            ensure_ascii=False,
        ).encode()
        head = (
            f"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            f"Authorization: Bearer {TOKEN}\r\nIdempotency-Key: bench-question-{os.getpid()}-{i:08d}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        ).encode()
        started = time.perf_counter()
        try:
            if conn is None:
                conn = await asyncio.open_connection(HOST, port)
            status, headers, data = await _http(*conn, head + body)
        except (OSError, ValueError, IndexError, asyncio.IncompleteReadError) as exc:
            out.statuses["connection error"] = out.statuses.get("connection error", 0) + 1
            if len(out.errors) < 10:
                out.errors.append(f"{type(exc).__name__}: {exc}")
            if conn is not None:
                conn[1].close()
            conn = None
            continue
        out.latencies.append(time.perf_counter() - started)
        out.statuses[status] = out.statuses.get(status, 0) + 1
        if status == 200:
            out.ids.append(json.loads(data)["question"])
        elif len(out.errors) < 10:
            out.errors.append(f"HTTP {status}: {data[:160]!r}")
        if headers.get("connection", "").lower() == "close":
            conn[1].close()
            conn = None
    if conn is not None:
        conn[1].close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--readers", type=int, default=2000)
    parser.add_argument("--rate", type=float, default=50, help="questions submitted per second")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--poll", type=float, default=1.0, help="seconds between two polls of one reader")
    parser.add_argument("--answer-every", type=float, default=1.0)
    parser.add_argument("--askers", type=int, default=25, help="connections the questions are spread over")
    parser.add_argument("--reader-procs", type=int, default=2, help="client processes the readers are spread over")
    parser.add_argument("--web-workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()

    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = args.readers + args.askers + 512
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(want, hard), hard))

    import psycopg
    import redis
    from psycopg import sql

    pg_base = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12")
    database = f"govportal_bench_interviews_{os.getpid()}"
    prefix = f"govportal-bench-interviews-{os.getpid()}"
    var = Path(tempfile.mkdtemp(prefix="govportal-bench-interviews-"))
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
        "SERVE_NO_DEMO": "1",
        "SUBMISSION_API_TOKENS": TOKEN,
        "LOG_LEVEL": "WARNING",
    }
    admin = psycopg.connect(f"{pg_base}/postgres", autocommit=True)
    pg_version = admin.execute("SHOW server_version").fetchone()[0]
    admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
    serve = None
    started = time.monotonic()
    lines: list[str] = []
    try:
        step(f"database {database} (PostgreSQL {pg_version}); bin/serve on :{port} (gunicorn :{app_port}) …")
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

        for name in ("wagtail", "django_tasks", "django.request"):
            logging.getLogger(name).setLevel(logging.ERROR)
        from django.utils import timezone

        from govportal.core.models import Agency, AgencyKind, User
        from govportal.interviews import actions
        from govportal.interviews.models import Guest, Interview, Question

        agency = Agency.objects.create(
            code="FT-BENCH", name="示例市住房和城乡建设局", short_name="住建局", kind=AgencyKind.DEPARTMENT
        )
        office = User.objects.create_superuser("bench_office", password=None)
        now = timezone.now()
        interview = Interview.objects.create(
            title="老旧小区改造和加装电梯",
            agency=agency,
            host="主持人",
            starts_at=now,
            ends_at=now + timedelta(hours=2),
            intro="在线访谈压测。",
        )
        Guest.objects.create(interview=interview, name="吴卫东", post="市住建局副局长")
        actions.interview_saved(interview=interview, actor=office)
        actions.interview_start(interview=interview, actor=office)
        live_path = f"/fangtan/{interview.pk}/live.json"
        ask_path = f"/api/v1/interviews/{interview.pk}/questions"

        import threading

        readers, askers, entered = Readers(), Askers(), {}
        stop = threading.Event()
        deadline = time.perf_counter() + args.seconds
        step(
            f"{args.readers} readers polling every {args.poll:g} s, {args.rate:g} questions/s, "
            f"an answer every {args.answer_every:g} s, for {args.seconds:g} s …"
        )

        typist_interview = Interview.objects.get(pk=interview.pk)
        typist_interview._bench_typist = office

        def typist():
            try:
                _typist_with(typist_interview, args.answer_every, deadline - 2 * args.poll, entered, stop)
            except Exception as exc:  # noqa: BLE001 — reported, the run goes on
                readers.errors.append(f"typist: {type(exc).__name__}: {exc}")

        worker = threading.Thread(target=typist, daemon=True)
        worker.start()

        async def run():
            counter = itertools.count()
            period = args.askers / args.rate
            await asyncio.gather(
                *(_asker(port, ask_path, counter, period, deadline, askers) for _ in range(args.askers))
            )

        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        t_run = time.perf_counter()
        procs = max(1, args.reader_procs)
        shares = [args.readers // procs + (1 if i < args.readers % procs else 0) for i in range(procs)]
        with ProcessPoolExecutor(procs, mp_context=multiprocessing.get_context("spawn")) as pool:
            futures = [pool.submit(_reader_process, port, live_path, args.poll, deadline, n) for n in shares]
            asyncio.run(run())
            for future in futures:
                part = future.result()
                for pk, moments in part.first_seen.items():
                    readers.first_seen.setdefault(pk, []).extend(moments)
                for key, value in part.statuses.items():
                    readers.statuses[key] = readers.statuses.get(key, 0) + value
                readers.latencies += part.latencies
                readers.errors += part.errors
        run_seconds = time.perf_counter() - t_run
        stop.set()
        worker.join(timeout=30)

        delays = [seen - entered[pk] for pk, moments in readers.first_seen.items() if pk in entered for seen in moments]
        missing = sum(max(0, args.readers - len(readers.first_seen.get(pk, []))) for pk in entered)
        stored = set(Question.objects.filter(pk__in=askers.ids).values_list("pk", flat=True))
        lost = len(set(askers.ids) - stored)
        total_reads = sum(v for k, v in readers.statuses.items() if isinstance(k, int))
        lines = [
            f"answers entered: {len(entered)}; answer → visible over {len(delays):,} (reader, answer) pairs: "
            f"p50 {pct(delays, 50):.2f} s, p95 {pct(delays, 95):.2f} s, max {max(delays, default=float('nan')):.2f} s "
            f"(bar: p95 ≤ 2 s); pairs never seen by the end: {missing}",
            f"reads: {total_reads:,} in {run_seconds:.0f} s = {total_reads / run_seconds:,.0f}/s; statuses "
            f"{dict(sorted(readers.statuses.items(), key=str))}; latency p50 {pct(readers.latencies, 50) * 1000:.1f} ms, "
            f"p95 {pct(readers.latencies, 95) * 1000:.1f} ms",
            f"questions: {sum(askers.statuses.values()):,} sent = {sum(askers.statuses.values()) / run_seconds:.1f}/s; "
            f"statuses {dict(sorted(askers.statuses.items(), key=str))}; latency p50 "
            f"{pct(askers.latencies, 50) * 1000:.0f} ms, p95 {pct(askers.latencies, 95) * 1000:.0f} ms",
            f"acknowledged questions: {len(askers.ids):,}; in the database: {len(stored):,}; lost: {lost} (bar: 0)",
        ]
        for err in (readers.errors + askers.errors)[:8]:
            lines.append(f"error: {err}")
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
        f"GovPortal interviews bench — {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
        f"{os.cpu_count()} CPUs, PostgreSQL {pg_version}, {args.web_workers} gunicorn workers"
    )
    for line in lines:
        print(f"  {line}")
    print(f"\n(total {time.monotonic() - started:.0f} s)")
    return 0


def _typist_with(interview, every: float, deadline: float, entered: dict, stop) -> None:
    from govportal.interviews import actions
    from govportal.interviews.models import PostKind, QuestionState

    typist, guest = interview._bench_typist, interview.guests.get()
    n = 0
    try:
        while time.perf_counter() < deadline and not stop.is_set():
            time.sleep(every)
            question = interview.questions.filter(state=QuestionState.PENDING).order_by("pk").first()
            if question is None:
                continue
            n += 1
            actions.question_approve(question=question, actor=typist)
            t0 = time.perf_counter()
            post = actions.post_add(
                interview=interview,
                actor=typist,
                kind=PostKind.ANSWER,
                text_=f"第{n}个问题的答复：符合条件的小区可向所在街道申请补贴。",
                guest=guest,
                question=question,
            )
            entered[post.pk] = t0
    finally:
        from django.db import connection

        connection.close()


if __name__ == "__main__":
    raise SystemExit(main())
