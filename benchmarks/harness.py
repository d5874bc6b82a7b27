"""What the service benchmarks share: the articles, the services they start on loopback (a fresh
PostgreSQL schema or SQLite file, a Redis database, the API, Celery workers), keys, readiness waits,
CPU counters and the small formatting helpers of their tables. Used by ``load.py``, ``mixed.py``,
``concurrency.py`` and ``service.py``; not a script."""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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


def preloaded(child: Child, pairs: list[str]) -> bool:
    """Whether the worker has loaded every pair of INTERLINEAR_PRELOAD_PAIRS (it logs each apart, in
    the background); a pair it could not load is a setup error."""
    text = log_tail(child.log, 200_000)
    for line in text.splitlines():
        if "could not preload" in line:
            raise SetupError(f"{child.name}: {line.strip()}")
    return all(f"preloaded {pair} in " in text for pair in pairs)


def model_settings(args: argparse.Namespace, settings: dict[str, str], tmp: Path, console: Any) -> str:
    """The worker's model settings from ``load.py``'s options, into ``settings``; says which model:
    ``--models`` (registry routes over those directories, pivots included), ``--model-dir`` (one
    model for every pair), else the tiny random-weight MarianMT."""
    if args.models:
        settings["models"] = args.models  # JSON, as INTERLINEAR_MODELS takes it
        model = f"models {args.models} (given)"
        if args.engine:
            settings["engine"] = args.engine
    elif args.model_dir:
        model_dir = args.model_dir.resolve()
        if not (model_dir / "config.json").is_file():
            raise SetupError(f"--model-dir {model_dir} has no config.json")
        model = f"{model_dir} (given)"
        settings["model_dir"] = str(model_dir)
    else:
        with console.status("building the tiny random-weight model"):
            from transformers.utils import logging as transformers_logging

            from workers.tiny.build import build_tiny_marian

            transformers_logging.disable_progress_bar()
            settings["model_dir"] = str(build_tiny_marian(tmp / "tiny-marian"))
        model = "tiny random-weight MarianMT (workers/tiny, d_model 32, 1+1 layers): plumbing only"
    if args.engine:
        if "model_dir" in settings:
            settings["model_dir_engine"] = args.engine
        model += f"; engine {args.engine}"
    if args.worker_pool:
        settings["worker_pool"] = args.worker_pool
    if args.model_store:
        settings["model_store"] = str(args.model_store.resolve())
    if args.engine_threads is not None:
        settings["engine_threads"] = str(args.engine_threads)
    if args.preload:
        settings["preload_pairs"] = json.dumps([f"{args.source_lang}-{t}" for t in args.targets])
    return model


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


@contextlib.contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    def handler(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
