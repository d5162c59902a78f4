"""`make bench` (bin/bench): case creation and citizen lookup on PostgreSQL over HTTP.

1. create a fresh PostgreSQL database and migrate it (bench.settings: the project plus the
   bench app); Redis at REDIS_URL on a db number and key prefix of the bench's own;
2. bulk-load N cases (default 100k) with their events (bench.fill, COPY — not HTTP);
3. serve the app with gunicorn on a free loopback port;
4. measure with a thread-pool client (http.client, keep-alive, 127.0.0.1 only; every phase
   is bounded by a request count and a time limit):
   - cases created per second, POST /bench-api/cases (bench-only endpoint calling the real
     `case_create`), with 1 and 16 concurrent clients;
   - latency of GET /api/v1/cases/{tracking_number}?query_code= (the real citizen lookup),
     1 and 16 clients, and a wrong-code sample (404);
5. print the table; stop gunicorn, drop the database, delete the bench's Redis keys.

Client and server share the machine's CPUs, so the figures are a floor, not a capacity plan.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import psycopg
import redis
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
WRONG_CODE = "ZZZZ2222"


@dataclass
class Result:
    name: str
    clients: int
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    elapsed: float = 0.0

    @property
    def done(self) -> int:
        return len(self.latencies)

    def pct(self, p: int) -> float:
        if len(self.latencies) < 2:
            return float("nan")
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[p - 1] * 1000


def _request(conn: http.client.HTTPConnection, method: str, path: str, body: dict | None = None):
    payload = json.dumps(body, ensure_ascii=False).encode() if body is not None else None
    headers = {"Content-Type": "application/json"} if payload is not None else {}
    conn.request(method, path, body=payload, headers=headers)
    response = conn.getresponse()
    return response.status, response.read()


def measure(name: str, port: int, clients: int, call, max_requests: int, max_seconds: float) -> Result:
    """Run ``call(conn, i) -> error or None`` from ``clients`` threads until ``max_requests``
    have been issued or ``max_seconds`` have passed."""
    result = Result(name, clients)
    lock = threading.Lock()
    issued = 0
    start = time.perf_counter()
    deadline = start + max_seconds

    def worker() -> None:
        nonlocal issued
        conn = http.client.HTTPConnection(HOST, port, timeout=60)
        try:
            while True:
                with lock:
                    if issued >= max_requests or time.perf_counter() >= deadline:
                        return
                    i = issued
                    issued += 1
                t0 = time.perf_counter()
                try:
                    error = call(conn, i)
                except (OSError, http.client.HTTPException) as exc:
                    error = f"{type(exc).__name__}: {exc}"
                    conn.close()
                    conn = http.client.HTTPConnection(HOST, port, timeout=60)
                elapsed = time.perf_counter() - t0
                with lock:
                    if error:
                        result.errors.append(error)
                    else:
                        result.latencies.append(elapsed)
        finally:
            conn.close()

    with ThreadPoolExecutor(max_workers=clients) as pool:
        for future in [pool.submit(worker) for _ in range(clients)]:
            future.result()
    result.elapsed = time.perf_counter() - start
    return result


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def wait_ready(port: int, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("bench: gunicorn exited during start-up (see its log above)")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=5)
            status, _ = _request(conn, "GET", "/bench-api/openapi.json")
            conn.close()
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit("bench: gunicorn did not answer within 60 s")


def step(text: str) -> None:
    print(f"· {text}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=100_000, help="cases bulk-loaded before measuring")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=20, help="time limit of each phase")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1), help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=4, help="gunicorn threads per worker")
    args = parser.parse_args()
    n = args.concurrency

    pg_base = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12")
    database = f"govportal_bench_{os.getpid()}"
    prefix = f"govportal-bench-{os.getpid()}"
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"TASKS_BACKEND", "DJANGO_SETTINGS_MODULE"}},
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "PYTHONPATH": str(ROOT),
        "GOVPORTAL_ENV": "development",
        "DATABASE_URL": f"{pg_base}/{database}",
        "REDIS_URL": redis_url,
        "CACHE_KEY_PREFIX": prefix,
        "TASKS_QUEUE": "database",
        "LOG_LEVEL": "WARNING",
    }
    python = sys.executable
    gunicorn = str(Path(python).parent / "gunicorn")
    started = time.monotonic()
    admin = psycopg.connect(f"{pg_base}/postgres", autocommit=True)
    pg_version = admin.execute("SHOW server_version").fetchone()[0]
    admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
    server = None
    tmp = tempfile.TemporaryDirectory(prefix="govportal-bench-")
    log_path = Path(tmp.name) / "gunicorn.log"
    try:
        step(f"fresh database {database} on PostgreSQL {pg_version}; migrating …")
        subprocess.run([python, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)

        step(f"bulk-loading {args.cases:,} cases (COPY, not HTTP) …")
        t0 = time.monotonic()
        sample_path = Path(tmp.name) / "sample.json"
        subprocess.run(
            [python, "-m", "bench.fill", "--count", str(args.cases), "--sample", str(sample_path)],
            cwd=ROOT,
            env=env,
            check=True,
        )
        loaded = json.loads(sample_path.read_text(encoding="utf-8"))
        sample = loaded["sample"]
        step(f"loaded {loaded['cases']:,} cases, {loaded['events']:,} events in {time.monotonic() - t0:.1f} s")

        port = free_port()
        step(f"gunicorn on {HOST}:{port}: {args.workers} workers × {args.threads} threads (gthread)")
        with open(log_path, "wb") as log:
            server = subprocess.Popen(
                [gunicorn, "govportal.config.wsgi:application", "--bind", f"{HOST}:{port}"]
                + ["--workers", str(args.workers), "--threads", str(args.threads), "--worker-class", "gthread"]
                + ["--keep-alive", "75", "--timeout", "120", "--chdir", str(ROOT)],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_ready(port, server)

        created: list[tuple[str, str]] = []
        created_lock = threading.Lock()

        def create(conn, i):
            body = {
                "title": f"压测申请：关于第{i}号事项的信息公开",
                "phone": f"138{i:08d}",
                "body": "申请公开的内容。" * 20,
            }
            status, data = _request(conn, "POST", "/bench-api/cases", body)
            if status != 201:
                return f"create: HTTP {status} {data[:200]!r}"
            answer = json.loads(data)
            with created_lock:
                created.append((answer["tracking_number"], answer["query_code"]))
            return None

        def lookup(conn, i):
            number, code = sample[(i * 7919) % len(sample)]
            status, data = _request(conn, "GET", f"/api/v1/cases/{quote(number)}?query_code={quote(code)}")
            if status != 200:
                return f"lookup {number}: HTTP {status} {data[:200]!r}"
            if json.loads(data)["tracking_number"] != number:
                return f"lookup {number}: wrong case in answer"
            return None

        def lookup_wrong(conn, i):
            number, _ = sample[(i * 104729) % len(sample)]
            status, data = _request(conn, "GET", f"/api/v1/cases/{quote(number)}?query_code={WRONG_CODE}")
            return None if status == 404 else f"wrong-code lookup {number}: HTTP {status} {data[:200]!r}"

        step("warming up every worker (not measured) …")
        for warm in (measure("warm", port, n, create, 4 * n, 30), measure("warm", port, n, lookup, 4 * n, 30)):
            if warm.errors:
                raise SystemExit(f"bench: warm-up failed: {warm.errors[0]}")

        results = []
        for label, clients, call, cap in (
            ("create case  POST /bench-api/cases", 1, create, 2000),
            ("create case  POST /bench-api/cases", n, create, 10000),
            ("lookup       GET /api/v1/cases/{no}?query_code=", 1, lookup, 5000),
            ("lookup       GET /api/v1/cases/{no}?query_code=", n, lookup, 20000),
            ("lookup, wrong code (404)", 1, lookup_wrong, 2000),
        ):
            step(f"{label}, {clients} client(s), ≤ {cap} requests or {args.seconds:.0f} s …")
            results.append(measure(label, port, clients, call, cap, args.seconds))

        with psycopg.connect(env["DATABASE_URL"]) as db:
            cases_now = db.execute("SELECT count(*) FROM core_case").fetchone()[0]
            outbox = db.execute("SELECT count(*) FROM core_outboxmessage").fetchone()[0]
        numbers = [number for number, _ in created]
        distinct = len(set(numbers)) == len(numbers)

        print()
        print(f"GovPortal bench — PostgreSQL {pg_version}, {os.cpu_count()} CPUs shared by server and client")
        print(f"server: gunicorn {args.workers} workers × {args.threads} threads, DEBUG off, cache Redis {redis_url}")
        print(f"table:  {loaded['cases']:,} cases bulk-loaded before measuring ({cases_now:,} at the end)")
        print()
        header = f"{'measurement':<50} {'clients':>7} {'requests':>8} {'errors':>6} {'req/s':>8} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}"
        print(header)
        print("-" * len(header))
        for r in results:
            rate = r.done / r.elapsed if r.elapsed else 0.0
            print(
                f"{r.name:<50} {r.clients:>7} {r.done:>8} {len(r.errors):>6} {rate:>8.1f} "
                f"{r.pct(50):>7.1f} {r.pct(95):>7.1f} {r.pct(99):>7.1f}"
            )
        print()
        print("Cases created per second = the req/s of the create rows. Notes:")
        print("- No generic case-creation API exists (real case types come with their areas): the create rows use")
        print("  the bench's own case type `bench_request` (bench/casetype.py) and POST /bench-api/cases, an endpoint")
        print("  that exists only under bench/settings.py and calls the real action `case_create` (tracking-number")
        print("  upsert, hashed query code, create event, due date from the calendar, one outbox SMS whose delivery")
        print("  task is queued in the database; no worker runs during the bench).")
        print("- Lookups go through the real citizen API and selector, rate limiter included; bench/settings.py raises")
        print("  the failure ceilings (GOVPORTAL_CASE_LOOKUP_MAX_FAILURES_PER_*) so the wrong-code sample is not")
        print("  throttled (all bench requests come from 127.0.0.1).")
        print(
            f"- {len(numbers):,} cases created over HTTP (incl. warm-up), tracking numbers all distinct: "
            f"{'yes' if distinct else 'NO'}; {outbox:,} outbox messages written"
        )
        print(f"- total bench time {time.monotonic() - started:.0f} s")
        failed = [r for r in results if r.errors]
        for r in failed:
            print(f"! {r.name} ({r.clients} clients): {len(r.errors)} errors, first: {r.errors[0]}")
        return 1 if failed or not distinct else 0
    finally:
        if server is not None and server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
        if server is not None and server.returncode not in (0, -signal.SIGTERM) and log_path.exists():
            sys.stderr.write(log_path.read_text(encoding="utf-8", errors="replace")[-4000:])
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database)))
        admin.close()
        client = redis.Redis.from_url(redis_url)
        keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
        if keys:
            client.delete(*keys)
        tmp.cleanup()


if __name__ == "__main__":
    sys.exit(main())
