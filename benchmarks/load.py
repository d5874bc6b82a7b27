"""Load test of the service path: HTTP API -> Redis -> 2 Celery workers -> storage, on loopback only.

Run from anywhere: ``python benchmarks/load.py [--jobs 200] [--concurrency 16]``. A script, not a
test: it prints a table (and ``--json`` writes every number); ``README.md`` keeps a result.

What it starts, all on 127.0.0.1 and all stopped again at the end (also on Ctrl-C, SIGTERM or an
error): a fresh PostgreSQL schema in the local ``test`` database (``--storage sqlite``: a temporary
SQLite file; ``--database-url``: one of your own, left as it is), the API under uvicorn on a free
port, and ``--workers`` ``celery worker`` processes (default 2, concurrency 1 each) consuming this
run's own summarise and translate queues, in the service's order (summaries first), in a dedicated
Redis database (``--redis-db``, must be empty; it is flushed afterwards). With API keys on (the
default), a key for tenant ``load`` is created in the run's database with ``python -m service.cli
keys create``; ``--no-auth`` runs the API with ``INTERLINEAR_AUTH_REQUIRED=false`` instead.

The model: by default the tiny random-weight MarianMT of ``workers/tiny`` (d_model 32, 1+1 layers),
so a task's model time is small and the run measures the API, the queue and the storage, not
translation speed; ``--model-dir`` takes a real model directory (a Hugging Face one; ``--engine
ctranslate2`` has the workers run its CTranslate2 conversion from ``--model-store``, made there on
first use). ``--worker-pool``, ``--worker-concurrency`` and ``--engine-threads`` set the workers'
``INTERLINEAR_*`` settings of the same names (``benchmarks/service.py`` runs one threaded worker so).

What it does: submits ``--jobs`` distinct short German articles (``--sentences`` lines of
newstest2019 each, under a title line) with ``POST /v1/jobs``, at most ``--concurrency`` requests in
flight; polls ``GET /v1/jobs/{id}`` (the oldest unfinished ``--poll-window`` jobs, every
``--poll-interval`` seconds) until every job has succeeded or failed, or ``--timeout`` seconds have
passed, or nothing was queued or running and no job finished for ``--stall-after`` seconds (tasks
lost, e.g. Redis restarted): it always stops by itself. Every ``--sample-every`` seconds it reads
the queue depth (Redis ``LLEN`` of both queues, and the tasks the workers hold unacknowledged). The
report includes the CPU seconds of the API, the workers, this script, PostgreSQL and Redis during
the run, read from ``/proc``.

Exit code 0 only if every job succeeded; 1 if not; 2 if the setup failed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import math
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from machine import cpu_model  # benchmarks/machine.py (the script's own folder is on sys.path)

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"
SOURCE_FILE = SHARED / "eval" / "newstest2019-deen" / "newstest2019.deu"
ARTICLES_DIR = SHARED / "articles"

WORKERS = 2  # the setup: two worker processes, one task at a time each (--workers)
LOAD_TENANT = "load"
LOAD_RATE_LIMIT = "100000/minute"
DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
DEFAULT_REDIS = "redis://127.0.0.1:6379"
FINAL = ("succeeded", "failed")
PRIORITY_SUFFIXES = ("", "\x06\x163", "\x06\x166", "\x06\x169")  # kombu's Redis priority lists

if sys.path[0] != str(REPO_ROOT):  # before benchmarks/, whose service.py would shadow the package
    sys.path.insert(0, str(REPO_ROOT))


class SetupError(Exception):
    """Something the run needs is missing or did not start; the message says what to do."""


# --- input ------------------------------------------------------------------------------------


def german_lines() -> tuple[list[str], str]:
    """Sentences for the articles: newstest2019's German side, else the German sample articles."""
    if SOURCE_FILE.is_file():
        lines = SOURCE_FILE.read_text(encoding="utf-8").splitlines()
        source = str(SOURCE_FILE.relative_to(SHARED.parent))
    elif ARTICLES_DIR.is_dir() and list(ARTICLES_DIR.glob("*.de.txt")):
        lines = []
        for path in sorted(ARTICLES_DIR.glob("*.de.txt")):
            lines += path.read_text(encoding="utf-8").splitlines()
        source = str(ARTICLES_DIR.relative_to(SHARED.parent)) + "/*.de.txt"
    else:
        raise SetupError(
            f"neither {SOURCE_FILE} nor {ARTICLES_DIR}/*.de.txt exists: the load test builds its articles "
            "from the shared/ folder beside the repository"
        )
    # Sentences, not headlines or bylines: long enough and ending like a sentence.
    sentences = [s.strip() for s in lines if len(s.strip()) >= 40 and s.strip()[-1] in '.!?"']
    return sentences, source


def make_articles(count: int, per_article: int) -> tuple[list[str], str]:
    """``count`` distinct short articles: a title line and one paragraph of ``per_article`` sentences."""
    sentences, source = german_lines()
    articles = []
    for i in range(count):
        body = " ".join(sentences[(i * per_article + j) % len(sentences)] for j in range(per_article))
        articles.append(f"Meldung {i + 1} aus dem Archiv\n\n{body}\n")  # the number keeps them distinct
    return articles, source


# --- the services -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Child:
    name: str
    process: subprocess.Popen[bytes]
    log: Path


@dataclass
class Services:
    """Everything the run started, stopped in reverse order by :meth:`close`."""

    tmp: Path
    children: list[Child] = field(default_factory=list)
    cleanups: list[tuple[str, Any]] = field(default_factory=list)  # (what, callable)

    def start(self, name: str, command: list[str], env: dict[str, str]) -> Child:
        log = self.tmp / f"{name}.log"
        with log.open("wb") as handle:
            process = subprocess.Popen(
                command,
                cwd=REPO_ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=handle,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: Ctrl-C reaches only this script
            )
        child = Child(name, process, log)
        self.children.append(child)
        return child

    def close(self) -> list[str]:
        problems = []
        for child in reversed(self.children):  # workers first, the API last
            if child.process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(child.process.pid, signal.SIGTERM)  # celery: warm shutdown
        for child in reversed(self.children):
            try:
                child.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                problems.append(f"{child.name} did not stop in 30 s; killed")
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(child.process.pid, signal.SIGKILL)
                child.process.wait(timeout=10)
        for what, cleanup in reversed(self.cleanups):
            try:
                cleanup()
            except Exception as exc:  # keep cleaning up the rest
                problems.append(f"cleanup of {what} failed: {exc}")
        return problems


def log_tail(path: Path, chars: int = 3000) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")[-chars:]
    except OSError:
        return ""


def prepare_redis(services: Services, redis_url: str, db: int, flush_first: bool) -> str:
    import redis

    url = f"{redis_url.rstrip('/')}/{db}"
    client = redis.Redis.from_url(url, socket_timeout=5)
    try:
        client.ping()
    except redis.RedisError as exc:
        raise SetupError(f"Redis at {url} is not reachable ({exc}); start it (`bash .ci/run` does)") from exc
    size = int(client.dbsize())
    if size and not flush_first:
        client.close()
        raise SetupError(
            f"Redis database {db} at {redis_url} holds {size} keys: the load test needs a database of its "
            f"own (it flushes it afterwards). Choose another with --redis-db, or clear it with "
            f"--redis-flush-first (`redis-cli -n {db} flushdb`)"
        )
    if size:
        client.flushdb()

    def flush() -> None:
        client.flushdb()  # this database was empty when the run began: everything in it is ours
        client.close()

    services.cleanups.append((f"Redis database {db}", flush))
    return url


def prepare_database(services: Services, args: argparse.Namespace, run: str) -> tuple[str, str]:
    """The storage URL for the run and how to describe it; creates (and later drops) what it makes."""
    from sqlalchemy import create_engine, text

    if args.database_url:
        return args.database_url, f"{redact(args.database_url)} (given; left as it is)"
    if args.storage == "sqlite":
        path = services.tmp / "load.db"
        return f"sqlite:///{path}", "SQLite file in a temporary directory"
    schema = f"load_{run}"
    admin = create_engine(args.postgres_url, pool_pre_ping=True)
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:
        admin.dispose()
        raise SetupError(
            f"PostgreSQL at {redact(args.postgres_url)} is not reachable ({type(exc).__name__}: {exc}); "
            "start it (`bash .ci/run` does), pass --postgres-url, or use --storage sqlite"
        ) from exc

    def drop() -> None:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()

    services.cleanups.append((f"PostgreSQL schema {schema}", drop))
    url = f"{args.postgres_url}?options=-csearch_path%3D{schema}"
    version = ""
    with contextlib.suppress(Exception), admin.connect() as connection:
        version = " " + str(connection.execute(text("SHOW server_version")).scalar()).split()[0]
    return url, f"PostgreSQL{version}, fresh schema {schema} in {redact(args.postgres_url)} (dropped after)"


def redact(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urllib.parse.urlunsplit(parts._replace(netloc=netloc))
    return url


def service_env(settings: dict[str, str]) -> dict[str, str]:
    # INTERLINEAR_* knobs the caller set (decoding, say) stay; what the run controls is set here.
    env = dict(os.environ)
    env.update(
        HF_HUB_OFFLINE="1",
        TOKENIZERS_PARALLELISM="false",
        HF_HUB_DISABLE_PROGRESS_BARS="1",
        PYTHONUNBUFFERED="1",
    )
    env.update({f"INTERLINEAR_{k.upper()}": v for k, v in settings.items()})
    return env


def migrate(database_url: str) -> None:
    """Bring the database's tables up to date: once, before the API and the workers start."""
    from service.storage.db import Database

    Database(database_url).engine.dispose()


def create_key(
    env: dict[str, str], tmp: Path, tenant: str = LOAD_TENANT, rate_limit: str = LOAD_RATE_LIMIT
) -> str:
    command = [
        sys.executable, "-m", "service.cli", "keys", "create",
        "--tenant", tenant, "--rate-limit", rate_limit,
    ]  # fmt: skip
    result = subprocess.run(
        command, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=180, stdin=subprocess.DEVNULL
    )
    lines = [line.strip() for line in result.stdout.splitlines() if line.strip()]
    if result.returncode != 0 or not lines:
        (tmp / "keys-create.log").write_text(result.stdout + result.stderr, encoding="utf-8")
        raise SetupError(
            f"could not create an API key with `python -m service.cli keys create --tenant {tenant} "
            f"--rate-limit {rate_limit}` (exit {result.returncode}):\n{result.stderr.strip()[-1500:]}\n"
            "This needs API-key support in the service; without it run with --no-auth."
        )
    return lines[-1]


def start_api(services: Services, env: dict[str, str]) -> tuple[Child, str]:
    """The API under uvicorn on a free loopback port (not yet waited for), and its base URL."""
    port = free_port()
    api = services.start(
        "api",
        [sys.executable, "-m", "uvicorn", "--factory", "service.api.app:app", "--host", "127.0.0.1",
         "--port", str(port), "--log-level", "warning", "--no-access-log"],
        env,
    )  # fmt: skip
    return api, f"http://127.0.0.1:{port}"


def wait_for(predicate: Any, timeout: float, what: str, child: Child | None = None) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if predicate():
            return
        if child is not None and child.process.poll() is not None:
            raise SetupError(
                f"{child.name} exited with code {child.process.returncode} while waiting for {what}:\n"
                f"{log_tail(child.log)}"
            )
        if time.monotonic() > deadline:
            tail = f":\n{log_tail(child.log)}" if child else ""
            raise SetupError(f"timed out after {timeout:.0f} s waiting for {what}{tail}")
        time.sleep(0.25)


def api_ready(base_url: str) -> bool:
    import httpx

    try:
        return httpx.get(f"{base_url}/readyz", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def check_auth(base_url: str, headers: dict[str, str]) -> str:
    """The API must refuse a request without the key and accept it with the key."""
    import httpx

    probe = f"{base_url}/v1/jobs/{uuid.uuid4()}"
    without, with_key = httpx.get(probe, timeout=10), httpx.get(probe, headers=headers, timeout=10)
    if without.status_code != 401 or with_key.status_code != 404:
        raise SetupError(
            f"expected 401 without the key and 404 (no such job) with it, got {without.status_code} and "
            f"{with_key.status_code}: {with_key.text[:300]}"
        )
    return " (checked: 401 without it)"


def worker_ready(child: Child) -> bool:
    return " ready." in log_tail(child.log, 20000)


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a running process (and of its children it has waited for)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return math.nan
    return sum(int(x) for x in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def servers_cpu_seconds() -> dict[str, float]:
    """CPU seconds so far of every PostgreSQL process (all its databases; the postmaster's count
    includes the backends that exited) and of Redis, found by process name."""
    totals = {"PostgreSQL": 0.0, "Redis": 0.0}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            name = stat.read_text().split("(", 1)[1].split(")", 1)[0]
        except (OSError, IndexError):
            continue
        server = "PostgreSQL" if name == "postgres" else "Redis" if name.startswith("redis-serv") else None
        if server:
            seconds = cpu_seconds(int(stat.parent.name))
            totals[server] += 0.0 if math.isnan(seconds) else seconds
    return totals


def cpu_snapshot(children: list[Child]) -> dict[str, float]:
    """CPU seconds so far of each child, of this script, of PostgreSQL and Redis, and of the whole
    machine (busy and all)."""
    snapshot = {child.name: cpu_seconds(child.process.pid) for child in children}
    snapshot["load client"] = time.process_time()
    snapshot.update(servers_cpu_seconds())
    try:
        ticks = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    except (OSError, ValueError):
        ticks = []
    if len(ticks) == 8:  # user nice system idle iowait irq softirq steal
        tick = os.sysconf("SC_CLK_TCK")
        snapshot["machine busy"] = (sum(ticks) - ticks[3] - ticks[4]) / tick
        snapshot["machine total"] = sum(ticks) / tick
    return snapshot


def cpu_used(before: dict[str, float], after: dict[str, float]) -> dict[str, float]:
    """CPU seconds spent between two snapshots; ``rest`` is the machine's busy time that none of the
    named processes spent (anything else running: other work on the machine, the kernel)."""
    used = {name: round(after[name] - before[name], 1) for name in before if name in after}
    for name in ("PostgreSQL", "Redis"):
        if used.get(name, 0.0) < 0:  # restarted during the run: its count began again
            used[name] = math.nan
    named = sum(v for k, v in used.items() if not k.startswith("machine") and not math.isnan(v))
    if "machine busy" in used:
        used["rest"] = round(used["machine busy"] - named, 1)
    return used


# --- the load ---------------------------------------------------------------------------------


@dataclass
class JobRecord:
    index: int
    post_seconds: float = 0.0
    status: int | None = None
    error: str | None = None
    job_id: str | None = None
    state: str | None = None
    created_at: float | None = None  # server clock (epoch seconds)
    finished_at: float | None = None
    job_error: str | None = None


@dataclass
class Load:
    records: list[JobRecord]
    get_seconds: list[float] = field(default_factory=list)
    get_errors: int = 0
    samples: list[dict[str, float]] = field(default_factory=list)
    started: float = 0.0  # wall clock of the first POST
    submitted_after: float = 0.0  # seconds from the first POST until the last POST answered
    stopped_after: float = 0.0  # seconds from the first POST until the poller stopped
    timed_out: bool = False
    stop_reason: str | None = None  # why it stopped before every job finished
    redis_restarted: bool = False  # Redis's run_id changed: whatever was queued is gone


def epoch(value: str | None) -> float | None:
    if not value:
        return None
    parsed = dt.datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed.timestamp()


def update_record(record: JobRecord, body: dict[str, Any]) -> None:
    record.state = body.get("state")
    record.created_at = epoch(body.get("created_at"))
    if record.state in FINAL:
        at = [epoch(e.get("at")) for e in body.get("events", []) if e.get("state") == record.state]
        record.finished_at = next((a for a in at if a is not None), epoch(body.get("updated_at")))
        record.job_error = body.get("error")


async def run_load(
    args: argparse.Namespace, base_url: str, headers: dict[str, str], articles: list[str], redis_url: str,
    queues: list[str], progress: Any,
) -> Load:  # fmt: skip
    import httpx
    import redis.asyncio as aioredis

    load = Load(records=[JobRecord(i) for i in range(len(articles))])
    deadline = time.monotonic() + args.timeout
    submitted = asyncio.Event()
    connections = args.concurrency + args.poll_concurrency
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    client = httpx.AsyncClient(base_url=base_url, headers=headers, timeout=60, limits=limits)
    redis_client = aioredis.Redis.from_url(redis_url, socket_timeout=5)
    t0 = time.perf_counter()
    load.started = time.time()
    submit_task = progress.add_task("submitted", total=len(articles))
    done_task = progress.add_task("finished", total=len(articles))

    async def post(record: JobRecord, gate: asyncio.Semaphore) -> None:
        body = {"text": articles[record.index], "source_lang": args.source_lang, "targets": args.targets}
        async with gate:
            if time.monotonic() > deadline:
                record.error = "not sent: --timeout passed"
                return
            start = time.perf_counter()
            try:
                response = await client.post("/v1/jobs", json=body)
            except httpx.HTTPError as exc:
                record.error = f"{type(exc).__name__}: {exc}"
                return
            finally:
                record.post_seconds = time.perf_counter() - start
                progress.advance(submit_task)
        record.status = response.status_code
        if response.status_code == 202:
            data = response.json()
            record.job_id = data["id"]
            update_record(record, data)
        else:
            record.error = f"HTTP {response.status_code}: {response.text[:300]}"

    async def submit_all() -> None:
        gate = asyncio.Semaphore(args.concurrency)
        await asyncio.gather(*(post(r, gate) for r in load.records))
        load.submitted_after = time.perf_counter() - t0
        submitted.set()

    async def get(record: JobRecord) -> None:
        start = time.perf_counter()
        try:
            response = await client.get(f"/v1/jobs/{record.job_id}")
        except httpx.HTTPError:
            load.get_errors += 1
            return
        load.get_seconds.append(time.perf_counter() - start)
        if response.status_code != 200:
            load.get_errors += 1
            return
        update_record(record, response.json())

    def finished() -> int:
        return sum(1 for r in load.records if r.state in FINAL or (r.job_id is None and r.error))

    async def poll() -> None:
        gate = asyncio.Semaphore(args.poll_concurrency)

        async def gated(record: JobRecord) -> None:
            async with gate:
                await get(record)

        while time.monotonic() < deadline:
            pending = [r for r in load.records if r.job_id and r.state not in FINAL]
            if submitted.is_set() and not pending:
                break
            await asyncio.gather(*(gated(r) for r in pending[: args.poll_window]))
            progress.update(done_task, completed=finished())
            idle = idle_seconds(load.samples, queues)
            if submitted.is_set() and idle >= args.stall_after:
                load.stop_reason = (
                    f"stalled: nothing queued or running and no job finished for {idle:.0f} s while "
                    f"{len(pending)} jobs are unfinished (their tasks were lost"
                    + (": Redis restarted during the run)" if load.redis_restarted else ")")
                )
                break
            await asyncio.sleep(args.poll_interval)
        else:
            load.timed_out = True
            load.stop_reason = f"--timeout {args.timeout:.0f} s passed"
        load.stopped_after = time.perf_counter() - t0

    async def depth(name: str) -> int:
        total = 0
        for suffix in PRIORITY_SUFFIXES:
            total += int(await redis_client.llen(name + suffix))
        return total

    async def redis_run_id() -> str:
        server: dict[str, Any] = await redis_client.info("server")
        return str(server.get("run_id"))

    async def sample(stop: asyncio.Event) -> None:
        run_id = ""
        with contextlib.suppress(Exception):
            run_id = await redis_run_id()
        while not stop.is_set():
            try:
                if run_id and await redis_run_id() != run_id:
                    load.redis_restarted = True
                row = {"t": round(time.perf_counter() - t0, 2)}
                for queue in queues:
                    row[queue] = await depth(queue)
                row["unacked"] = int(await redis_client.hlen("unacked"))
                row["finished"] = finished()
                load.samples.append(row)
                progress.update(
                    done_task,
                    description=f"finished (queued now {sum(row[q] for q in queues)})",
                )
            except Exception:  # a missed sample must not stop the run
                pass
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=args.sample_every)

    stop = asyncio.Event()
    sampler = asyncio.create_task(sample(stop))
    try:
        submitter = asyncio.create_task(submit_all())
        poller = asyncio.create_task(poll())
        await asyncio.wait([poller], timeout=args.timeout + 120)
        if not submitter.done():  # only after --timeout: stop whatever is left
            submitter.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await submitter
            load.submitted_after = time.perf_counter() - t0
        if not poller.done():
            poller.cancel()
            load.timed_out = True
            load.stop_reason = f"--timeout {args.timeout:.0f} s passed"
        progress.update(done_task, completed=finished())
    finally:
        stop.set()
        with contextlib.suppress(Exception):
            await sampler
        await client.aclose()
        await redis_client.aclose()
    return load


# --- report -----------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile; NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def ms(value: float) -> str:
    return "-" if math.isnan(value) else f"{value * 1000:.0f} ms"


def seconds(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:.1f} s"


def idle_seconds(samples: list[dict[str, float]], queues: list[str]) -> float:
    """How long the latest samples show nothing queued, nothing unacknowledged, no job finishing."""
    if not samples or any(samples[-1][q] for q in [*queues, "unacked"]):
        return 0.0
    first = samples[-1]
    for row in reversed(samples):
        if any(row[q] for q in [*queues, "unacked"]) or row["finished"] != samples[-1]["finished"]:
            break
        first = row
    return samples[-1]["t"] - first["t"]


def triple(result: dict[str, Any], name: str, fmt: Any) -> str:
    return " / ".join(fmt(result[f"{name}_{q}"]) for q in ("p50", "p95", "max"))


def depth_series(samples: list[dict[str, float]], queues: list[str], every: int) -> tuple[str, int, float]:
    """Queued tasks (both queues) every ``every`` seconds (longer for long runs: at most 30 points;
    repeats written ``0 x12``), the last sample, and the maximum with its time."""
    if samples:
        every = max(every, math.ceil(samples[-1]["t"] / 30))
    points: list[int] = []
    next_t = 0.0
    top, top_t = 0, 0.0
    for row in samples:
        queued = int(sum(row[q] for q in queues))
        if queued > top:
            top, top_t = queued, row["t"]
        if row["t"] >= next_t:
            points.append(queued)
            next_t = (math.floor(row["t"] / every) + 1) * every
    runs: list[str] = []
    i = 0
    while i < len(points):
        j = i
        while j < len(points) and points[j] == points[i]:
            j += 1
        runs.append(f"{points[i]} x{j - i}" if j - i > 2 else " ".join([str(points[i])] * (j - i)))
        i = j
    text = f"(every {every} s) " + " ".join(runs)
    if samples:
        last = samples[-1]
        text += f"; at the end ({last['t']:.0f} s): {int(sum(last[q] for q in queues))}"
    return text, top, top_t


def queue_maxima(samples: list[dict[str, float]], queues: list[str]) -> str:
    kinds = ("translate", "summarise")
    return ", ".join(
        f"{kind} {max((int(row[q]) for row in samples), default=0)}"
        for kind, q in zip(kinds, queues, strict=True)
    )


def tasks_run(log: Path) -> tuple[int, float]:
    """Tasks a worker ran, and its longest (its first translation, which loads the model)."""
    times = [float(t) for t in re.findall(r" succeeded in ([0-9.]+)s", log_tail(log, 10**9))]
    return len(times), max(times, default=math.nan)


def summarise(load: Load, args: argparse.Namespace) -> dict[str, Any]:
    records = load.records
    succeeded = [r for r in records if r.state == "succeeded"]
    failed = [r for r in records if r.state == "failed"]
    refused = [r for r in records if r.job_id is None]
    finishes = [r.finished_at for r in records if r.finished_at is not None]
    # Wall time: the first POST (client clock) to the last job's final event (server clock, same
    # machine); if some job never finished, until the run stopped.
    all_final = len(succeeded) + len(failed) + len(refused) == len(records)
    wall = (max(finishes) - load.started) if finishes and all_final else load.stopped_after
    posts = [r.post_seconds for r in records if r.status is not None]
    job_latency = [
        r.finished_at - r.created_at
        for r in succeeded
        if r.finished_at is not None and r.created_at is not None
    ]
    return {
        "jobs": len(records),
        "submitted": len(records) - len(refused),
        "refused_or_unsent": len(refused),
        "succeeded": len(succeeded),
        "failed": len(failed),
        "unfinished": len(records) - len(succeeded) - len(failed) - len(refused),
        "all_succeeded": len(succeeded) == len(records),
        "all_final": all_final,
        "timed_out": load.timed_out,
        "stop_reason": load.stop_reason,
        "redis_restarted": load.redis_restarted,
        "wall_seconds": wall,
        "jobs_per_minute": len(succeeded) / wall * 60 if wall > 0 else math.nan,
        "submit_seconds": load.submitted_after,
        "post_p50": percentile(posts, 0.50),
        "post_p95": percentile(posts, 0.95),
        "post_max": max(posts, default=math.nan),
        "gets": len(load.get_seconds),
        "get_errors": load.get_errors,
        "get_p50": percentile(load.get_seconds, 0.50),
        "get_p95": percentile(load.get_seconds, 0.95),
        "get_max": max(load.get_seconds, default=math.nan),
        "job_p50": percentile(job_latency, 0.50),
        "job_p95": percentile(job_latency, 0.95),
        "job_max": max(job_latency, default=math.nan),
        "first_done_seconds": (min(finishes) - load.started) if finishes else math.nan,
        "errors": sorted({r.error or r.job_error or "" for r in records if r.error or r.job_error})[:10],
    }


def report(result: dict[str, Any], load: Load, info: dict[str, Any], queues: list[str], console: Any) -> None:
    from rich.table import Table

    series, top, top_t = depth_series(load.samples, queues, info["depth_every"])
    workers = info["workers"]
    table = Table(title=f"Load test: {result['jobs']} jobs through the API to {workers} workers")
    table.add_column("measure", no_wrap=True)
    table.add_column("value")
    r = result
    completed = "yes" if r["all_succeeded"] else "NO" + (f" ({r['stop_reason']})" if r["stop_reason"] else "")
    tasks = " / ".join(str(n) for n, _ in info["tasks_per_worker"])
    longest = " / ".join(seconds(t) for _, t in info["tasks_per_worker"])
    until = "last job done" if r["all_final"] else "stop"
    rows = [
        ("jobs submitted / completed", f"{r['submitted']} / {r['succeeded']}"),
        ("failed / unfinished / refused", f"{r['failed']} / {r['unfinished']} / {r['refused_or_unsent']}"),
        ("every job completed", completed),
        (f"wall time (first POST -> {until})", seconds(r["wall_seconds"])),
        ("first job done after", seconds(r["first_done_seconds"])),
        ("jobs per minute", f"{r['jobs_per_minute']:.1f}"),
        ("all POSTs answered after", seconds(r["submit_seconds"])),
        ("POST /v1/jobs p50 / p95 / max", triple(r, "post", ms)),
        (f"GET /v1/jobs/{{id}} p50 / p95 / max ({r['gets']} GETs)", triple(r, "get", ms)),
        ("job latency p50 / p95 / max (queued -> done)", triple(r, "job", seconds)),
        ("queued tasks over time", series),
        ("queued tasks, max", f"{top} (at {top_t:.0f} s); per queue: {queue_maxima(load.samples, queues)}"),
        (
            "workers",
            f"{workers} x concurrency {info['worker_concurrency']}, pool {info['worker_pool']}; tasks run "
            f"{tasks}; longest task {longest}",
        ),
        (
            "CPU seconds during the run",
            cpu_line(info["cpu_seconds"]),
        ),
        ("storage", info["storage"]),
        ("broker", info["broker"]),
        ("model", info["model"]),
        ("auth", info["auth"]),
    ]
    for name, value in rows:
        table.add_row(name, value)
    console.print(table)
    console.print(
        f"date {dt.date.today().isoformat()}; machine: {cpu_model()}, {os.cpu_count()} cores; "
        f"load average (1 min) before the run {info['load_before']:.2f}\n"
        f"settings: concurrency {info['concurrency']}, {info['sentences']} sentences per article "
        f"({info['article_chars']} characters on average, from {info['articles_from']}), targets "
        f"{','.join(info['targets'])}, poll window {info['poll_window']} every {info['poll_interval']} s, "
        f"timeout {info['timeout']} s; torch threads per worker {info['worker_threads']}"
        f"{', engine threads ' + str(info['engine_threads']) if info['engine_threads'] is not None else ''}\n"
        f"versions: python {platform.python_version()}, {info['versions']}"
    )
    if info["tiny"]:
        console.print(
            "[bold]Note:[/] the model is the tiny random-weight MarianMT (plumbing only): this measures the "
            "API, the queue and the storage path, not translation speed or quality."
        )
    if result["errors"]:
        console.print("errors (first 10 distinct):")
        for error in result["errors"]:
            console.print(f"  {error}")


def cpu_line(used: dict[str, float]) -> str:
    named = [
        f"{k} {v:.0f}" if not math.isnan(v) else f"{k} ? (restarted during the run)"
        for k, v in used.items()
        if not k.startswith("machine") and k != "rest"
    ]
    text = ", ".join(named)
    if "rest" in used:
        busy, total = used["machine busy"], used["machine total"]
        text += (
            f", the rest (other work, kernel) {max(0.0, used['rest']):.0f}; machine busy {busy:.0f} of "
            f"{total:.0f} ({busy / total:.0%})"
        )
    return text


def versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    out = []
    for package in ("celery", "fastapi", "uvicorn", "sqlalchemy", "httpx", "torch", "transformers"):
        with contextlib.suppress(PackageNotFoundError):
            out.append(f"{package} {version(package)}")
    return ", ".join(out)


# --- main -------------------------------------------------------------------------------------


@contextlib.contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    def handler(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0] if __doc__ else None,
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--jobs", type=int, default=200, help="articles to submit")
    parser.add_argument("--concurrency", type=int, default=16, help="POST requests in flight at most")
    parser.add_argument("--sentences", type=int, default=3, help="sentences per article")
    parser.add_argument("--targets", default="en", help="comma-separated target languages")
    parser.add_argument("--source-lang", default="auto", help="sent with each job ('auto': detected)")
    parser.add_argument(
        "--timeout", type=float, default=900, help="seconds from the first POST; then it stops"
    )
    parser.add_argument("--poll-interval", type=float, default=1.0, help="seconds between polling rounds")
    parser.add_argument("--poll-window", type=int, default=32, help="oldest unfinished jobs polled per round")
    parser.add_argument("--poll-concurrency", type=int, default=4, help="GET requests in flight at most")
    parser.add_argument("--sample-every", type=float, default=1.0, help="seconds between queue-depth samples")
    parser.add_argument(
        "--stall-after",
        type=float,
        default=120,
        help="stop early when nothing is queued or running and no job finished for this long",
    )
    parser.add_argument("--depth-every", type=int, default=10, help="seconds between depths in the table")
    parser.add_argument("--storage", choices=["postgres", "sqlite"], default="postgres", help="job store")
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES, help="server for --storage postgres")
    parser.add_argument("--database-url", help="use this database as it is (no schema made or dropped)")
    parser.add_argument("--redis-url", default=DEFAULT_REDIS, help="Redis server, without a database number")
    parser.add_argument(
        "--redis-db", type=int, default=13, help="Redis database for this run (must be empty)"
    )
    parser.add_argument("--redis-flush-first", action="store_true", help="empty --redis-db before the run")
    parser.add_argument("--model-dir", type=Path, help="a real model directory (else: tiny random weights)")
    parser.add_argument("--worker-threads", type=int, default=1, help="torch threads per worker process")
    parser.add_argument(
        "--preload", action="store_true",
        help="workers load their models at start (INTERLINEAR_PRELOAD_PAIRS); the run starts once they have",
    )  # fmt: skip
    parser.add_argument("--workers", type=int, default=WORKERS, help="celery worker processes")
    parser.add_argument(
        "--worker-concurrency", type=int, default=1, help="tasks each worker runs at once (its --concurrency)"
    )
    parser.add_argument(
        "--worker-pool",
        choices=["threads", "prefork", "solo"],
        help="INTERLINEAR_WORKER_POOL (default: the service's own, threads)",
    )
    parser.add_argument(
        "--engine",
        choices=["transformers", "ctranslate2"],
        help="INTERLINEAR_MODEL_DIR_ENGINE: how the workers run --model-dir (default: the service's own)",
    )
    parser.add_argument(
        "--model-store", type=Path, help="INTERLINEAR_MODEL_STORE: where CTranslate2 conversions are kept"
    )
    parser.add_argument(
        "--engine-threads", type=int, help="INTERLINEAR_ENGINE_THREADS: CTranslate2 intra_threads per model"
    )
    parser.add_argument(
        "--no-auth", action="store_true", help="run the API with INTERLINEAR_AUTH_REQUIRED=false"
    )
    parser.add_argument("--json", type=Path, help="also write the report and every sample here")
    parser.add_argument("--keep-logs", type=Path, help="copy the API and worker logs into this folder")
    args = parser.parse_args(argv)
    args.targets = [t.strip() for t in args.targets.split(",") if t.strip()]
    if min(args.jobs, args.concurrency, args.sentences, args.workers, args.worker_concurrency) < 1:
        parser.error(
            "--jobs, --concurrency, --sentences, --workers and --worker-concurrency must be at least 1"
        )
    if not args.targets:
        parser.error("--targets must not be empty")
    if args.preload and args.source_lang == "auto":
        parser.error("--preload needs --source-lang: the pairs to load")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(width=max(Console().width, 120))
    try:
        articles, articles_from = make_articles(args.jobs, args.sentences)
    except SetupError as exc:
        console.print(f"[red]{exc}[/]")
        return 2
    run = uuid.uuid4().hex[:8]
    queues = [f"load-translate-{run}", f"load-summarise-{run}"]
    load_before = os.getloadavg()[0]
    tmp = Path(tempfile.mkdtemp(prefix="interlinear-load-"))
    services = Services(tmp)
    services.cleanups.append(("temporary directory", lambda: shutil.rmtree(tmp, ignore_errors=True)))
    load: Load | None = None
    info: dict[str, Any] = {}
    code = 2
    with sigterm_as_interrupt():
        try:
            console.print(f"run {run}: everything on 127.0.0.1, temporary files in {tmp}")
            broker = prepare_redis(services, args.redis_url, args.redis_db, args.redis_flush_first)
            database_url, storage = prepare_database(services, args, run)
            if args.model_dir:
                model_dir = args.model_dir.resolve()
                if not (model_dir / "config.json").is_file():
                    raise SetupError(f"--model-dir {model_dir} has no config.json")
                model = f"{model_dir} (given)"
            else:
                with console.status("building the tiny random-weight model"):
                    from transformers.utils import logging as transformers_logging

                    from workers.tiny.build import build_tiny_marian

                    transformers_logging.disable_progress_bar()

                    model_dir = build_tiny_marian(tmp / "tiny-marian")
                model = "tiny random-weight MarianMT (workers/tiny, d_model 32, 1+1 layers): plumbing only"
            settings = {
                "database_url": database_url,
                "broker_url": broker,
                "translation_queue": queues[0],
                "summary_queue": queues[1],
                "bulk_queue": f"load-bulk-{run}",
                "model_dir": str(model_dir),
                "worker_concurrency": str(args.worker_concurrency),
            }
            if args.worker_pool:
                settings["worker_pool"] = args.worker_pool
            if args.engine:
                settings["model_dir_engine"] = args.engine
                model += f"; engine {args.engine}"
            if args.model_store:
                settings["model_store"] = str(args.model_store.resolve())
            if args.engine_threads is not None:
                settings["engine_threads"] = str(args.engine_threads)
            if args.preload:
                settings["preload_pairs"] = json.dumps([f"{args.source_lang}-{t}" for t in args.targets])
            env = service_env(settings)
            with console.status("migrating the database"):
                migrate(database_url)
            headers: dict[str, str] = {}
            api_env = dict(env)
            if args.no_auth:
                api_env["INTERLINEAR_AUTH_REQUIRED"] = "false"
                auth = "off (--no-auth: INTERLINEAR_AUTH_REQUIRED=false)"
            else:
                with console.status(f"creating an API key for tenant {LOAD_TENANT!r}"):
                    key = create_key(env, tmp)
                headers["Authorization"] = f"Bearer {key}"
                auth = f"API key of tenant {LOAD_TENANT!r}, rate limit {LOAD_RATE_LIMIT}"
            api, base_url = start_api(services, api_env)
            worker_env = dict(env, OMP_NUM_THREADS=str(args.worker_threads))
            worker_command = [
                sys.executable, "-m", "celery", "-A", "workers.celery_app", "worker",
                # the service's order (Settings.worker_queues): summaries, which finish jobs, first
                "-Q", f"{queues[1]},{queues[0]}",
                "--concurrency", str(args.worker_concurrency), "--loglevel", "INFO",
                "--without-gossip", "--without-mingle", "--without-heartbeat",
            ]  # fmt: skip
            workers = [
                services.start(f"worker{n}", [*worker_command, "-n", f"load{n}-{run}@%h"], worker_env)
                for n in range(1, args.workers + 1)
            ]
            with console.status(f"starting the API and the {args.workers} workers"):
                wait_for(lambda: api_ready(base_url), 120, "the API's /readyz", api)
                if not args.no_auth:
                    auth += check_auth(base_url, headers)
                for worker in workers:
                    wait_for(lambda w=worker: worker_ready(w), 120, f"{worker.name} to be ready", worker)
                    if args.preload:  # as a deployment warms its workers before traffic reaches them
                        wait_for(lambda w=worker: "preloaded" in log_tail(w.log, 20000), 300,
                                 f"{worker.name} to load its models", worker)  # fmt: skip
            console.print(
                f"API {base_url}, workers on {', '.join(queues)}, broker {broker}, storage: {storage}"
            )
            with Progress(
                TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                console=console, transient=True,
            ) as progress:  # fmt: skip
                cpu_before = cpu_snapshot([api, *workers])
                load = asyncio.run(run_load(args, base_url, headers, articles, broker, queues, progress))
                cpu_during = cpu_used(cpu_before, cpu_snapshot([api, *workers]))
            for child in [api, *workers]:
                if child.process.poll() is not None:
                    console.print(
                        f"[red]{child.name} exited during the run (code {child.process.returncode})[/]"
                    )
            info = {
                "storage": storage,
                "broker": f"Redis {broker}, queues {', '.join(queues)} (flushed after)",
                "model": model,
                "tiny": args.model_dir is None,
                "auth": auth,
                "tasks_per_worker": [tasks_run(w.log) for w in workers],
                "cpu_seconds": cpu_during,
                "depth_every": args.depth_every,
                "load_before": load_before,
                "concurrency": args.concurrency,
                "sentences": args.sentences,
                "article_chars": round(sum(len(a) for a in articles) / len(articles)),
                "articles_from": articles_from,
                "targets": args.targets,
                "poll_window": args.poll_window,
                "poll_interval": args.poll_interval,
                "timeout": args.timeout,
                "worker_threads": args.worker_threads,
                "workers": args.workers,
                "worker_concurrency": args.worker_concurrency,
                "worker_pool": args.worker_pool or "threads (the service's default)",
                "engine": args.engine or "the service's default",
                "engine_threads": args.engine_threads,
                "versions": versions(),
            }
            if args.keep_logs:
                args.keep_logs.mkdir(parents=True, exist_ok=True)
                for child in services.children:
                    shutil.copy(child.log, args.keep_logs / child.log.name)
        except SetupError as exc:
            console.print(f"[red]setup failed:[/] {exc}")
        except KeyboardInterrupt:
            console.print("[yellow]interrupted: stopping everything[/]")
            code = 130
        finally:
            with console.status("stopping the API and the workers, cleaning up"):
                problems = services.close()
            for problem in problems:
                console.print(f"[yellow]{problem}[/]")
    if load is None:
        return code
    result = summarise(load, args)
    report(result, load, info, queues, console)
    if args.json:
        payload = {
            "result": {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in result.items()},
            "info": info,
            "args": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
            "samples": load.samples,
            "jobs": [vars(r) for r in load.records],
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, indent=2), encoding="utf-8")
        console.print(f"JSON report: {args.json}")
    return 0 if result["all_succeeded"] else 1


if __name__ == "__main__":
    sys.exit(main())
