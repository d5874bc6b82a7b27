"""The service for real, for tests: HTTP API → Redis broker → Celery worker processes → PostgreSQL.

Fixtures start real ``celery worker`` processes against Redis on 127.0.0.1:6379 and the real
PostgreSQL, on queue names private to one test; helpers restart those servers as the machine
starts them. ``tests/reliability/conftest.py`` provides the fixtures to the fault tests; other
modules name this one in ``pytest_plugins``.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis
from fastapi.testclient import TestClient
from sqlalchemy import func, inspect, select, text

from service.ingest import read_article, store_article
from service.job_records import JobState, create_job, request_hash, transition
from service.settings import Settings
from service.storage.db import Database
from service.storage.tables import TranslationRow
from tests.conftest import REDIS_URL, SHARED, TABLES, require_shared
from workers.dispatchers import CeleryDispatcher

# Database 9, less one per further test process (pytest-xdist's gw1 gets 8...): a test flushes it.
_PROCESS = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
REDIS_TEST_URL = REDIS_URL.rsplit("/", 1)[0] + f"/{9 - _PROCESS}"

StartWorker = Callable[..., subprocess.Popen[bytes]]


@pytest.fixture
def redis_broker() -> Iterator[str]:
    client = redis.Redis.from_url(REDIS_TEST_URL)
    try:
        client.ping()
    except redis.ConnectionError as exc:
        pytest.fail(f"Redis at {REDIS_TEST_URL} is not reachable ({exc}); start it (`bash .ci/run` does)")
    client.flushdb()
    yield REDIS_TEST_URL
    client.flushdb()
    client.close()


@pytest.fixture
def service_settings(
    postgres_schema_url: str, redis_broker: str, tiny_marian_dir: Path
) -> Iterator[Settings]:
    run = uuid.uuid4().hex[:8]
    settings = Settings(
        database_url=postgres_schema_url,
        broker_url=redis_broker,
        model_dir=tiny_marian_dir,
        translation_queue=f"translate-{run}",
        summary_queue=f"summarise-{run}",
        bulk_queue=f"bulk-{run}",
        breaking_queue=f"breaking-{run}",
        interactive_queue=f"now-{run}",
        visibility_timeout=3,
        reaper_enabled=False,  # the tests that need it turn it on
        batch_size=4,
        commit_every=4,
    )
    yield settings
    from service.storage.db import make_engine

    engine = make_engine(postgres_schema_url)
    with engine.begin() as connection:
        if inspect(connection).has_table("documents"):
            connection.execute(text(f"TRUNCATE {TABLES} CASCADE"))
    engine.dispose()


def worker_env(settings: Settings) -> dict[str, str]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    for name, value in settings.model_dump(mode="json").items():
        if isinstance(value, dict | list):  # read back as JSON, as pydantic-settings reads such variables
            env[f"INTERLINEAR_{name.upper()}"] = json.dumps(value)
        elif value is not None:
            env[f"INTERLINEAR_{name.upper()}"] = str(value)
        else:
            env.pop(f"INTERLINEAR_{name.upper()}", None)
    return env


@pytest.fixture
def start_worker(service_settings: Settings, tmp_path: Path) -> Iterator[StartWorker]:
    """``start(settings=None, concurrency=1)`` starts one worker process (``service_settings`` unless
    given) running ``concurrency`` tasks at once; its log is ``tmp_path / f"worker{n}.log"``."""
    workers: list[subprocess.Popen[bytes]] = []

    def start(settings: Settings | None = None, concurrency: int = 1) -> subprocess.Popen[bytes]:
        settings = settings or service_settings
        n = len(workers) + 1
        log = (tmp_path / f"worker{n}.log").open("wb")
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "workers.celery_app", "worker",
             "-Q", ",".join(settings.worker_queues),
             "-n", f"test{n}-{uuid.uuid4().hex[:6]}@%h",
             "--concurrency", str(concurrency), "--loglevel", "INFO", "--without-gossip", "--without-mingle"],
            env=worker_env(settings), stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        workers.append(process)
        return process

    yield start
    stop_processes(workers)


def stop_processes(processes: list[subprocess.Popen[bytes]]) -> None:
    """SIGTERM each process group still running, SIGKILL after 20 s."""
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


StartApi = Callable[[Settings], str]


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def start_api(tmp_path: Path) -> Iterator[StartApi]:
    """``start(settings)`` runs the API in a uvicorn process of its own, as in production; returns
    its base URL once it answers /healthz."""
    processes: list[subprocess.Popen[bytes]] = []

    def start(settings: Settings) -> str:
        port = free_port()
        log = (tmp_path / f"api{len(processes) + 1}.log").open("wb")
        process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--factory", "service.api.app:app", "--host", "127.0.0.1",
             "--port", str(port), "--log-level", "warning"],
            env=worker_env(settings), stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        processes.append(process)
        url = f"http://127.0.0.1:{port}"

        def answers() -> bool:
            assert process.poll() is None, f"the API exited: {(tmp_path / log.name).read_text()[-2000:]}"
            try:
                return httpx.get(f"{url}/healthz", timeout=2).status_code == 200
            except httpx.HTTPError:
                return False

        wait_until(answers, 120, f"the API on port {port} to answer /healthz", interval=0.2)
        return url

    yield start
    stop_processes(processes)


def key_for(settings: Settings, tenant: str = "tests") -> dict[str, str]:
    """Headers with a new API key of ``tenant`` (created in the settings' database)."""
    from service.api_keys import create_key
    from tests.support import TEST_RATE_LIMIT

    database = Database(settings.database_url)
    try:
        with database.session() as session:
            _, key = create_key(session, tenant, rate_limit=TEST_RATE_LIMIT)
    finally:
        database.engine.dispose()
    return {"Authorization": f"Bearer {key}"}


def wait_until(predicate: Callable[[], bool], timeout: float, what: str, interval: float = 0.1) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(interval)


def job_state(client: TestClient, job_id: str) -> dict[str, Any]:
    state: dict[str, Any] = client.get(f"/v1/jobs/{job_id}").json()
    return state


class QueuedTasks:
    """A real :class:`CeleryDispatcher` on Redis, on queues of its own, and what it put there."""

    def __init__(self, broker_url: str) -> None:
        run = uuid.uuid4().hex[:8]
        self.settings = Settings(
            broker_url=broker_url, translation_queue=f"translate-{run}", summary_queue=f"summarise-{run}"
        )
        self.dispatcher = CeleryDispatcher(self.settings)
        self.redis = redis.Redis.from_url(broker_url)

    def drain(self) -> list[tuple[str, str, str]]:
        """``(task, job id, language)`` of each message queued since the last call; removes them."""
        found: list[tuple[str, str, str]] = []
        for kind, queue in (("translate", self.settings.translation_queue),
                            ("summarise", self.settings.summary_queue)):  # fmt: skip
            while (raw := self.redis.rpop(queue)) is not None:  # kombu pushes left: oldest on the right
                message = json.loads(raw)
                body = message["body"]
                if message["properties"].get("body_encoding") == "base64":
                    body = base64.b64decode(body)
                args = json.loads(body)[0]
                found.append((kind, str(args[0]), str(args[1])))
        return found

    def close(self) -> None:
        self.redis.delete(self.settings.translation_queue, self.settings.summary_queue)
        self.redis.close()


@pytest.fixture
def queued_tasks(redis_broker: str) -> Iterator[QueuedTasks]:
    queued = QueuedTasks(redis_broker)
    yield queued
    queued.close()


def running_job(database: Database, targets: tuple[str, ...] = ("en",)) -> str:
    """A stored German article and its job, in ``running`` as a worker leaves it; returns the job id."""
    text, article = read_article(b"Erster Satz hier. Zweiter Satz dort.", Settings(), None, "de")
    with database.session() as session:
        document = store_article(session, text, article, "de")
        job, _ = create_job(session, document.id, "de", list(targets), request_hash({"text": text}))
        transition(session, job.id, JobState.RUNNING, f"{targets[0]}: started")
        return job.id


def long_article(start: int, stop: int) -> str:
    """German news sentences (newstest2019's lines ``start`` to ``stop``), four per paragraph: an
    article a task stores in several batches (tests/reliability/holds.py stops it between two)."""
    path = require_shared(SHARED / "eval/newstest2019-deen/newstest2019.deu")
    lines = path.read_text(encoding="utf-8").splitlines()[start:stop]
    return "\n\n".join(" ".join(lines[i : i + 4]) for i in range(0, len(lines), 4))


def assert_one_output_per_segment(client: TestClient, total: int) -> None:
    """Exactly one stored translation for each of the ``total`` segments: none missing, no duplicates."""
    database = client.app.state.database  # type: ignore[attr-defined]
    with database.session() as session:
        per_segment = session.execute(
            select(TranslationRow.segment_id, func.count()).group_by(TranslationRow.segment_id)
        ).all()
    duplicated = [segment for segment, count in per_segment if count != 1]
    assert len(per_segment) == total, f"{len(per_segment)} of {total} segments have an output"
    assert not duplicated, f"segments with more than one output: {duplicated}"


def redis_restart(down_for: float = 0) -> None:
    """Restart the machine's Redis as the machine starts it (it keeps nothing on disk), after
    ``down_for`` seconds without it."""
    subprocess.run(["redis-cli", "-h", "127.0.0.1", "-p", "6379", "shutdown", "nosave"], capture_output=True)
    client = redis.Redis.from_url(REDIS_TEST_URL)
    wait_until(lambda: not _pings(client), 20, "Redis to stop")
    time.sleep(down_for)
    subprocess.run(
        ["redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "-::1", "--port", "6379", "--save", "",
         "--appendonly", "no", "--dir", "/var/lib/redis", "--logfile", "/var/log/redis/ci.log"],
        check=True,
    )  # fmt: skip
    wait_until(lambda: _pings(client), 20, "Redis to start")


def _pings(client: redis.Redis) -> bool:
    try:
        return bool(client.ping())
    except redis.ConnectionError:
        return False


def postgres_cluster() -> list[str] | None:
    """``[version, "main"]`` of the machine's PostgreSQL cluster, or None where it cannot be restarted."""
    if shutil.which("pg_ctlcluster") is None or not Path("/etc/postgresql").is_dir():
        return None
    versions = sorted(p.name for p in Path("/etc/postgresql").iterdir())
    return [versions[-1], "main"] if versions else None


def postgres_restart() -> None:
    postgres_ctl("restart")


def postgres_ctl(action: str) -> None:
    """``start``, ``stop`` or ``restart`` the machine's PostgreSQL cluster."""
    cluster = postgres_cluster()
    assert cluster is not None, "no local PostgreSQL cluster to control"
    command = ["pg_ctlcluster", "--skip-systemctl-redirect", *cluster, action]
    subprocess.run(command, check=True, timeout=120)


def redis_server(port: int, directory: Path, persistent: bool) -> None:
    """Start a Redis server of the test's own on ``port``; ``persistent``: with an append-only file
    in ``directory``, as docker-compose runs it."""
    aof = ["--appendonly", "yes", "--appendfsync", "always"] if persistent else ["--appendonly", "no"]
    subprocess.run(
        ["redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "--port", str(port), "--save", "",
         *aof, "--dir", str(directory), "--logfile", str(directory / "redis.log")],
        check=True,
    )  # fmt: skip
    client = redis.Redis(port=port)
    wait_until(lambda: _pings(client), 20, f"Redis on port {port} to start")


def redis_shutdown(port: int) -> None:
    client = redis.Redis(port=port)
    subprocess.run(["redis-cli", "-p", str(port), "shutdown"], capture_output=True)
    wait_until(lambda: not _pings(client), 20, f"Redis on port {port} to stop")
