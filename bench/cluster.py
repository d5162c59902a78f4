"""`bin/bench cluster`: GovPortal over several app nodes on this machine, one of them killed.

Builds (as root, with `ip netns` and veth pairs):

    letter-writers (this process, asyncio) ─► nginx 127.0.0.1:PORT (deploy/nginx/govportal.conf)
        ├─► node 1: netns gpb…n1, 10.213.1.2:8001 — gunicorn + run_worker (queue) + run_worker (scheduler)
        ├─► node 2: netns gpb…n2, 10.213.2.2:8001 — the same
        └─► node 3: …
    one PostgreSQL (the machine's, a fresh database, reached over its Unix socket) and one Redis
    (started for the run on a Unix socket); PRERENDER_DIR and MEDIA_ROOT on the shared disk.

Each node reaches the data tier over the file system's sockets and is reached by nginx only at
its namespace address: nothing listens beyond loopback and the namespaces' own addresses.

Then C letter-writers (default 200) for S seconds (default 60) write a letter each through
`POST /api/v1/letters` and look it up with its tracking number and query code; at S/2 the
last node's whole process group gets SIGKILL (a machine lost); --restart-after seconds later
it is started again (a machine back). After the load, the bench waits (bounded) until every
outbox message is sent, then prints: letters acknowledged (201), letters in the database,
acknowledged but missing (lost), duplicates, lookups that work, 5xx, p95, requests each node
served while the killed one was down, and how many times the SMS gateway received each
message (the bench's gateway stand-in appends every send to a file).

Everything is removed on exit, failure or Ctrl-C: processes, namespaces, the database.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
TOKEN = "bench-cluster-token"
TITLE = "集群压测来信"
SUBNET = "10.213"
APP_PORT = 8001
PG_SOCKET_DIR = os.environ.get("BENCH_PG_SOCKET_DIR", "/var/run/postgresql")


def step(text: str) -> None:
    print(f"· {text}", flush=True)


def run(*cmd: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, check=check)


class FileSmsBackend:
    """The SMS gateway of the bench: appends `key` to BENCH_SMS_LOG for every send (one short
    O_APPEND write: lines of several processes do not interleave)."""

    def send(self, *, key: str, phone: str, text: str) -> None:
        fd = os.open(os.environ["BENCH_SMS_LOG"], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, f"{key}\n".encode())
        finally:
            os.close(fd)


# --- the machines -----------------------------------------------------------------------


@dataclass
class Node:
    index: int
    netns: str
    veth: str
    proc: subprocess.Popen | None = None
    log: Path | None = None
    access_log: Path | None = None

    @property
    def host_addr(self) -> str:
        return f"{SUBNET}.{self.index}.1"

    @property
    def addr(self) -> str:
        return f"{SUBNET}.{self.index}.2"

    def create(self) -> None:
        run("ip", "netns", "add", self.netns)
        run("ip", "link", "add", self.veth, "type", "veth", "peer", "name", "eth0", "netns", self.netns)
        run("ip", "addr", "add", f"{self.host_addr}/24", "dev", self.veth)
        run("ip", "link", "set", self.veth, "up")
        run("ip", "-n", self.netns, "addr", "add", f"{self.addr}/24", "dev", "eth0")
        run("ip", "-n", self.netns, "link", "set", "eth0", "up")
        run("ip", "-n", self.netns, "link", "set", "lo", "up")

    def start(self, env: dict, var: Path, web_workers: int, threads: int) -> None:
        """gunicorn, the queue worker and the scheduler in one process group in the namespace."""
        self.log = var / f"node{self.index}.log"
        self.access_log = var / f"node{self.index}-access.log"
        script = (
            f"{GUNICORN} govportal.config.wsgi:application --bind {self.addr}:{APP_PORT} "
            f"--workers {web_workers} --threads {threads} --worker-class gthread "
            f"--worker-connections {threads} --keep-alive 0 --backlog 2048 --graceful-timeout 5 "
            f"--log-level warning --access-logfile {self.access_log} &\n"
            f"{PY} manage.py run_worker --no-scheduler -v 0 &\n"
            f"{PY} manage.py run_worker --no-queue -v 0 &\n"
            "wait\n"
        )
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                ["ip", "netns", "exec", self.netns, "sh", "-c", script],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def kill(self) -> None:
        """SIGKILL to the node's whole process group: the machine is gone."""
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        if self.proc is not None:
            try:  # what was left in the group (gunicorn's workers) goes too
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def served(self) -> int:
        try:
            with open(self.access_log, "rb") as f:
                return sum(1 for _ in f)
        except OSError:
            return 0

    def remove(self) -> None:
        run("ip", "netns", "del", self.netns, check=False)  # takes the veth pair with it
        run("ip", "link", "del", self.veth, check=False)


def wait_for(predicate, timeout: float, what: str) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if predicate():
            return time.monotonic() - started
        time.sleep(0.25)
    raise SystemExit(f"bench: {what} not within {timeout:.0f} s")


def answers(addr: str, port: int, path: str = "/healthz") -> bool:
    try:
        with socket.create_connection((addr, port), timeout=2) as s:
            s.sendall(f"GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n".encode())
            return s.recv(64).split(b" ")[1:2] == [b"200"]
    except (OSError, IndexError):
        return False


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- the letter-writers -------------------------------------------------------------------


@dataclass
class Load:
    statuses: Counter = field(default_factory=Counter)
    post_latencies: list = field(default_factory=list)
    acked: dict = field(default_factory=dict)  # title -> (tracking number, query code)
    lookups_ok: int = 0
    lookups_failed: Counter = field(default_factory=Counter)
    errors: list = field(default_factory=list)
    connection_errors: int = 0
    retries: int = 0  # POSTs sent again with the same Idempotency-Key after a 5xx or a dropped connection
    retried_then_acked: int = 0


async def _request(
    reader, writer, method: str, path: str, body: bytes = b"", headers: dict | None = None
) -> tuple[int, bytes]:
    head = f"{method} {path} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {TOKEN}\r\n"
    head += "".join(f"{name}: {value}\r\n" for name, value in (headers or {}).items())
    if body:
        head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
    writer.write((head + "\r\n").encode() + body)
    await writer.drain()
    status = int((await reader.readline()).split()[1])
    length = 0
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        if name.lower() == "content-length":
            length = int(value.strip())
    return status, await reader.readexactly(length)


async def _writer(port: int, counter, deadline: float, load: Load) -> None:
    reader = writer = None
    while time.perf_counter() < deadline:
        i = next(counter)
        title = f"{TITLE}（{i}）"
        letter = {
            "mailbox": "szxx",
            "category": "suggest",
            "title": title,
            "content": "小区门前道路每逢下雨积水严重，建议尽快修缮排水设施。" * 3,
            "name": "张三",
            "phone": f"138{i % 10**8:08d}",
        }
        body = json.dumps(letter).encode()
        # A client does what the API documents: one Idempotency-Key per letter, and the same
        # letter sent again with it after a 5xx or a dropped connection (at most 3 tries).
        key = {"Idempotency-Key": f"bench-{i}"}
        for attempt in range(3):
            if attempt:
                load.retries += 1
            try:
                if writer is None:
                    reader, writer = await asyncio.open_connection("127.0.0.1", port)
                t0 = time.perf_counter()
                status, data = await _request(reader, writer, "POST", "/api/v1/letters", body, key)
                load.post_latencies.append(time.perf_counter() - t0)
                load.statuses[status] += 1
                if status >= 500:
                    if len(load.errors) < 10:
                        load.errors.append(f"POST {status}: {data[:120]!r}")
                    continue
                if status != 201:
                    if len(load.errors) < 10:
                        load.errors.append(f"POST {status}: {data[:120]!r}")
                    break
                answer = json.loads(data)
                load.acked[title] = (answer["tracking_number"], answer["query_code"])
                load.retried_then_acked += bool(attempt)
                status, data = await _request(
                    reader,
                    writer,
                    "GET",
                    f"/api/v1/letters/{answer['tracking_number']}",
                    headers={"X-Query-Code": answer["query_code"]},
                )
                load.statuses[status] += 1
                if status == 200 and json.loads(data)["title"] == title:
                    load.lookups_ok += 1
                else:
                    load.lookups_failed[status] += 1
                break
            except (OSError, ValueError, IndexError, KeyError, asyncio.IncompleteReadError) as exc:
                load.connection_errors += 1
                if len(load.errors) < 10:
                    load.errors.append(f"{type(exc).__name__}: {exc}")
                if writer is not None:
                    writer.close()
                reader = writer = None
    if writer is not None:
        writer.close()


def run_load(port: int, clients: int, seconds: float, load: Load) -> None:
    import itertools

    counter = itertools.count()

    async def main():
        deadline = time.perf_counter() + seconds
        await asyncio.gather(*(_writer(port, counter, deadline, load) for _ in range(clients)))

    asyncio.run(main())


def pct(values: list[float], p: int) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


# --- main ---------------------------------------------------------------------------------


def main() -> int:  # noqa: PLR0915 — one linear script, easier to read in one piece
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nodes", type=int, default=3, choices=[2, 3])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--restart-after", type=float, default=15, help="seconds the killed node stays down")
    parser.add_argument("--web-workers", type=int, default=1, help="gunicorn workers per node")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--drain-timeout", type=float, default=180, help="bound on waiting for the outbox")
    args = parser.parse_args()
    if os.geteuid() != 0:
        raise SystemExit("bench cluster: needs root (ip netns)")
    for tool in ("ip", "nginx", "redis-server"):
        if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists():
            raise SystemExit(f"bench cluster: {tool} is missing (bin/bench installs it from Debian)")

    import psycopg
    from psycopg import sql

    from govportal.prerender import nginx

    tag = f"{os.getpid() % 100000}"
    database = f"govportal_bench_cluster_{tag}"
    var = Path(tempfile.mkdtemp(prefix="govportal-bench-cluster-"))
    var.chmod(0o755)
    nodes = [Node(i, f"gpb{tag}n{i}", f"gpb{tag}h{i}") for i in range(1, args.nodes + 1)]
    admin_url = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
    admin = psycopg.connect(f"{admin_url}/postgres", autocommit=True)
    pg_version = admin.execute("SHOW server_version").fetchone()[0]
    redis_sock = var / "redis.sock"
    sms_log = var / "sms.log"
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"TASKS_BACKEND", "DJANGO_SETTINGS_MODULE"}},
        "GOVPORTAL_ENV": "production",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"postgres://postgres@{PG_SOCKET_DIR.replace('/', '%2F')}/{database}",
        "REDIS_URL": f"unix://{redis_sock}?db=0",
        "GOVPORTAL_VAR_DIR": str(var),
        "PRERENDER_DIR": str(var / "prerender"),
        "STATIC_ROOT": str(var / "static"),
        "MEDIA_ROOT": str(var / "media"),
        "TRUSTED_PROXIES": ",".join(n.host_addr for n in nodes),
        "SUBMISSION_API_TOKENS": TOKEN,
        "SMS_BACKEND": "bench.cluster.FileSmsBackend",
        "BENCH_SMS_LOG": str(sms_log),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    redis_proc = nginx_proc = None
    results: list[str] = []
    previous_term = signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.monotonic()
    try:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
        redis_proc = subprocess.Popen(
            ["redis-server", "--port", "0", "--unixsocket", str(redis_sock), "--unixsocketperm", "700"]
            + ["--save", "", "--appendonly", "no", "--dir", str(var)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        step(f"database {database} (PostgreSQL {pg_version}, Unix socket), Redis on {redis_sock}: migrate …")
        # Migrations only: the letter API needs no demo sites and no static files.
        subprocess.run([PY, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
        setup = (
            "from govportal.core.models import Agency, AgencyKind\n"
            "from govportal.interaction.models import Mailbox, MailboxKind\n"
            "city = Agency.objects.create(code='C0001', name='示例市人民政府', short_name='市政府',"
            " kind=AgencyKind.CITY_GOVERNMENT)\n"
            "Mailbox.objects.create(kind=MailboxKind.MAYOR, name='市长信箱', slug='szxx', agency=city,"
            " triage_agency=city)\n"
        )
        subprocess.run([PY, "manage.py", "shell", "-v", "0", "-c", setup], cwd=ROOT, env=env, check=True)

        step(f"{args.nodes} app nodes in network namespaces ({SUBNET}.N.2:{APP_PORT}) …")
        for node in nodes:
            node.create()
            node.start(env, var, args.web_workers, args.threads)
        for node in nodes:
            wait_for(lambda n=node: answers(n.addr, APP_PORT), 120, f"node {node.index}")
        conf = nginx.write(
            var / "nginx",
            listen=f"127.0.0.1:{port}",
            upstreams=[f"{n.addr}:{APP_PORT} max_fails=1 fail_timeout=5s" for n in nodes],
            prerender_dir=var / "prerender",
            static_root=var / "static",
            media_root=var / "media",
            worker_processes="1",
        )
        nginx_proc = subprocess.Popen(
            ["nginx", "-p", str(conf.parent), "-c", str(conf), "-e", str(conf.parent / "error.log")]
            + ["-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_for(lambda: answers("127.0.0.1", port, "/readyz"), 30, "nginx")
        step(f"ready after {time.monotonic() - started:.0f} s; {args.clients} letter-writers × {args.seconds:g} s …")

        victim = nodes[-1]
        load = Load()
        marks: dict[str, float] = {}
        served: dict[str, list[int]] = {}

        def chaos():
            time.sleep(args.seconds / 2)
            served["before kill"] = [n.served() for n in nodes]
            marks["kill"] = time.monotonic()
            victim.kill()
            step(f"node {victim.index}: kill -9 of its process group")
            time.sleep(args.restart_after)
            served["while down"] = [n.served() for n in nodes]
            marks["restart"] = time.monotonic()
            victim.start(env, var, args.web_workers, args.threads)
            step(f"node {victim.index}: started again")

        import threading

        chaos_thread = threading.Thread(target=chaos, daemon=True)
        load_started = time.monotonic()
        chaos_thread.start()
        run_load(port, args.clients, args.seconds, load)
        chaos_thread.join(timeout=args.restart_after + 30)
        served["end"] = [n.served() for n in nodes]
        back = None
        try:
            back = wait_for(lambda: answers(victim.addr, APP_PORT), 60, "the restarted node")
        except SystemExit:
            pass

        step("load over; waiting for every outbox message to be sent …")
        with psycopg.connect(f"{admin_url}/{database}", autocommit=True) as db:

            def drained() -> bool:
                return not db.execute("select 1 from core_outboxmessage where status <> 'sent' limit 1").fetchone()

            try:
                drain = wait_for(drained, args.drain_timeout, "outbox drained")
            except SystemExit:
                drain = None
            titles = Counter(
                t
                for (t,) in db.execute(
                    "select title from interaction_letter where title like %s", [f"{TITLE}%"]
                ).fetchall()
            )
            outbox = dict(db.execute("select status, count(*) from core_outboxmessage group by status").fetchall())
            keys = [k for (k,) in db.execute("select key from core_outboxmessage").fetchall()]
            stuck = db.execute(
                "select attempts, extract(epoch from next_attempt_at - now())::int, left(last_error, 80) "
                "from core_outboxmessage where status <> 'sent' limit 5"
            ).fetchall()
        sends = Counter(sms_log.read_text().split()) if sms_log.exists() else Counter()
        per_message = Counter(sends.get(k, 0) for k in keys)

        acked = set(load.acked)
        in_db = set(titles)
        lost = acked - in_db
        duplicates = sum(n - 1 for n in titles.values() if n > 1)
        five = sum(n for s, n in load.statuses.items() if s >= 500)
        p95 = pct(load.post_latencies, 95) * 1000
        down = [b - a for a, b in zip(served["before kill"], served["while down"], strict=True)]
        after = [b - a for a, b in zip(served["while down"], served["end"], strict=True)]
        results = [
            f"{args.nodes} nodes × gunicorn {args.web_workers}×{args.threads} + queue worker + scheduler; "
            f"nginx least_conn; PostgreSQL {pg_version}; {args.clients} letter-writers × {args.seconds:g} s; "
            f"node {victim.index} kill -9 at {marks['kill'] - load_started:.0f} s, restarted "
            f"{args.restart_after:g} s later"
            + (f" (serving again {back:.0f} s after the load)" if back is not None else ""),
            f"letters acknowledged (201): {len(acked)}   in the database: {len(in_db)}   "
            f"acknowledged but missing (lost): {len(lost)} {'✓' if not lost else '✗'}",
            f"in the database but not acknowledged (in flight at the kill, answered 502): {len(in_db - acked)}",
            f"POSTs sent again with the same Idempotency-Key: {load.retries}   "
            f"letters acknowledged on a retry: {load.retried_then_acked}",
            f"duplicates (a letter stored twice): {duplicates} {'✓' if duplicates == 0 else '✗'}",
            f"lookups that work: {load.lookups_ok} of {load.lookups_ok + sum(load.lookups_failed.values())}"
            + (f" (failed: {dict(load.lookups_failed)})" if load.lookups_failed else ""),
            "responses by status: "
            + ", ".join(f"{s}: {n}" for s, n in sorted(load.statuses.items()))
            + f"; connection errors: {load.connection_errors}",
            f"5xx: {five}   letter POST latency p50 {pct(load.post_latencies, 50) * 1000:.0f} ms, p95 {p95:.0f} ms",
            "requests served while node "
            f"{victim.index} was down: " + ", ".join(f"node {n.index}: {d}" for n, d in zip(nodes, down, strict=True)),
            "requests served after its restart, to the end of the load: "
            + ", ".join(f"node {n.index}: {d}" for n, d in zip(nodes, after, strict=True)),
            f"outbox: {outbox} — "
            + (f"all sent {drain:.0f} s after the load" if drain is not None else "NOT all sent in time ✗"),
            "SMS gateway receipts per message: "
            + ", ".join(f"{times}×: {n}" for times, n in sorted(per_message.items()))
            + (
                " ✓ (each exactly once)"
                if set(per_message) == {1}
                else " (a message sent twice carries the same key: the gateway de-duplicates it)"
            ),
        ]
        if stuck:
            results.append(f"not sent (attempts, next attempt in s, last error): {stuck}")
        if load.errors:
            results.append(f"first errors: {load.errors[:3]}")
    finally:
        signal.signal(signal.SIGTERM, previous_term)
        for node in nodes:
            try:
                node.kill()
            except Exception:  # noqa: BLE001, S110 — cleaning up whatever is left
                pass
            node.remove()
        for proc in (nginx_proc, redis_proc):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database)))
        admin.close()
        if os.environ.get("BENCH_KEEP_VAR"):
            print(f"(kept {var})")
        else:
            shutil.rmtree(var, ignore_errors=True)

    print()
    print(
        f"GovPortal cluster bench — {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
        f"{os.cpu_count()} CPUs (client, nginx, nodes, PostgreSQL and Redis all share them)"
    )
    for line in results:
        print(f"  {line}")
    print(f"(total {time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
