"""The service for real: HTTP API → Redis broker → Celery worker processes → PostgreSQL.

Each test starts real ``celery worker`` processes against Redis on 127.0.0.1:6379 and the
real PostgreSQL, on queue names private to this test run.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis
from fastapi.testclient import TestClient
from sqlalchemy import func, select, text

from service.api.app import create_app
from service.settings import Settings
from service.storage.tables import SegmentRow, TranslationRow
from tests.conftest import REDIS_URL, SHARED, TABLES, require_shared

REDIS_TEST_URL = REDIS_URL.rsplit("/", 1)[0] + "/9"


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
        visibility_timeout=3,
        batch_size=4,
        commit_every=4,
    )
    yield settings
    from service.storage.db import make_engine

    engine = make_engine(postgres_schema_url)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {TABLES} CASCADE"))
    engine.dispose()


def worker_env(settings: Settings) -> dict[str, str]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    for name, value in settings.model_dump().items():
        if value is not None:
            env[f"INTERLINEAR_{name.upper()}"] = str(value)
    return env


@pytest.fixture
def start_worker(
    service_settings: Settings, tmp_path: Path
) -> Iterator[Callable[[], subprocess.Popen[bytes]]]:
    workers: list[subprocess.Popen[bytes]] = []

    def start() -> subprocess.Popen[bytes]:
        n = len(workers) + 1
        log = (tmp_path / f"worker{n}.log").open("wb")
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "workers.celery_app", "worker",
             "-Q", f"{service_settings.translation_queue},{service_settings.summary_queue},"
                   f"{service_settings.bulk_queue}",
             "-n", f"test{n}-{uuid.uuid4().hex[:6]}@%h",
             "--concurrency", "1", "--loglevel", "INFO", "--without-gossip", "--without-mingle"],
            env=worker_env(service_settings), stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        workers.append(process)
        return process

    yield start
    for process in workers:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def wait_until(predicate: Callable[[], bool], timeout: float, what: str, interval: float = 0.1) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(interval)


def long_article(start: int, stop: int) -> str:
    """German news sentences, four per paragraph: long enough to kill a worker in the middle."""
    path = require_shared(SHARED / "eval/newstest2019-deen/newstest2019.deu")
    lines = path.read_text(encoding="utf-8").splitlines()[start:stop]
    return "\n\n".join(" ".join(lines[i : i + 4]) for i in range(0, len(lines), 4))


def assert_one_output_per_segment(client: TestClient, total: int) -> None:
    database = client.app.state.database  # type: ignore[attr-defined]
    with database.session() as session:
        per_segment = session.execute(
            select(TranslationRow.segment_id, func.count()).group_by(TranslationRow.segment_id)
        ).all()
    assert len(per_segment) == total and all(count == 1 for _, count in per_segment)


def job_state(client: TestClient, job_id: str) -> dict:
    return client.get(f"/v1/jobs/{job_id}").json()


def test_seed_article_through_api_queue_and_worker(
    service_settings: Settings, start_worker: Callable[[], subprocess.Popen[bytes]], seed_text: str
) -> None:
    start_worker()
    with TestClient(create_app(service_settings)) as client:
        assert client.get("/readyz").json()["checks"] == {"database": "ok", "broker": "ok"}
        response = client.post("/v1/jobs", json={"text": seed_text, "targets": ["en", "ko"]})
        assert response.status_code == 202, response.text
        job_id = response.json()["id"]
        wait_until(
            lambda: job_state(client, job_id)["state"] in ("succeeded", "failed"), 240, "the job to finish"
        )
        job = job_state(client, job_id)
        assert job["state"] == "succeeded", job
        assert job["progress"] == {"en": {"done": 43, "total": 43}, "ko": {"done": 43, "total": 43}}
        states = [event["state"] for event in job["events"]]
        assert states[0] == "queued" and "running" in states and states[-1] == "succeeded"

        database = client.app.state.database  # type: ignore[attr-defined]
        with database.session() as session:
            rows = session.execute(
                select(SegmentRow.key, TranslationRow.target_lang, func.count())
                .join(TranslationRow, TranslationRow.segment_id == SegmentRow.id)
                .group_by(SegmentRow.key, TranslationRow.target_lang)
            ).all()
            translatable = session.scalar(
                select(func.count()).select_from(SegmentRow).where(SegmentRow.translatable.is_(True))
            )
        assert translatable == 43
        assert len(rows) == 2 * 43 and all(count == 1 for _, _, count in rows)
        assert "interlinear_segments_translated" in client.get("/metrics").text

        # Summaries per section and for the article, in the source and both targets (issue 5).
        assert job["summaries"] == ["de", "en", "ko"]
        document = client.get(f"/v1/documents/{job['document_id']}").json()
        assert set(document["summaries"]) == {"de", "en", "ko"}
        for lang in ("en", "ko"):
            summary = document["summaries"][lang]
            assert summary["method"] == "extractive" and summary["model_id"] == str(
                service_settings.model_dir
            )
            by_id = {s["id"]: s for section in document["sections"] for s in section["segments"]}
            expected = " ".join(by_id[key]["translations"][lang]["text"] for key in summary["sentence_ids"])
            assert summary["text"] == expected
        assert all(set(section["summaries"]) == {"de", "en", "ko"} for section in document["sections"])


def test_killed_worker_job_completes_without_duplicates(
    service_settings: Settings, start_worker: Callable[[], subprocess.Popen[bytes]]
) -> None:
    article = long_article(0, 240)
    first = start_worker()
    with TestClient(create_app(service_settings)) as client:
        response = client.post("/v1/jobs", json={"text": article, "source_lang": "de", "targets": ["en"]})
        assert response.status_code == 202, response.text
        job_id = response.json()["id"]

        def progress() -> tuple[int, int]:
            p = job_state(client, job_id)["progress"]["en"]
            return p["done"], p["total"]

        wait_until(lambda: progress()[0] >= 8, 180, "the first batches to be stored", interval=0.05)
        os.killpg(first.pid, signal.SIGKILL)  # the whole worker, as when a container dies
        first.wait(timeout=10)
        done, total = progress()
        assert 0 < done < total, "the worker must die in the middle of the job"
        assert job_state(client, job_id)["state"] == "running"

        start_worker()  # Redis hands the unacknowledged task to the new worker
        wait_until(
            lambda: job_state(client, job_id)["state"] in ("succeeded", "failed"), 300, "the job to finish"
        )
        job = job_state(client, job_id)
        assert job["state"] == "succeeded", job
        assert job["progress"]["en"] == {"done": total, "total": total}

        assert_one_output_per_segment(client, total)


def test_broker_down_gives_503_and_loses_nothing(service_settings: Settings, seed_text: str) -> None:
    settings = service_settings.model_copy(
        update={"broker_url": "redis://127.0.0.1:6390/0"}
    )  # nothing listens
    with TestClient(create_app(settings)) as client:
        ready = client.get("/readyz")
        assert ready.status_code == 503 and ready.json()["checks"]["broker"] == "unreachable"
        response = client.post(
            "/v1/jobs", json={"text": seed_text, "targets": ["en"]}, headers={"Idempotency-Key": "k"}
        )
        assert response.status_code == 503
        assert "retry" in response.json()["detail"]
    with TestClient(create_app(service_settings)) as client:
        # The same request with the same key, once the broker is back, is accepted as a new job.
        retry = client.post(
            "/v1/jobs", json={"text": seed_text, "targets": ["en"]}, headers={"Idempotency-Key": "k"}
        )
        assert retry.status_code == 202, retry.text
        assert retry.json()["state"] == "queued"


def redis_restart() -> None:
    """Restart the machine's Redis as the machine starts it (it keeps nothing on disk)."""
    subprocess.run(["redis-cli", "-h", "127.0.0.1", "-p", "6379", "shutdown", "nosave"], capture_output=True)
    client = redis.Redis.from_url(REDIS_TEST_URL)
    wait_until(lambda: not _pings(client), 20, "Redis to stop")
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


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs the local redis-server to restart it")
def test_redis_restart_loses_queue_and_reconcile_recovers(
    service_settings: Settings, start_worker: Callable[[], subprocess.Popen[bytes]], seed_text: str
) -> None:
    with TestClient(create_app(service_settings)) as client:
        response = client.post("/v1/jobs", json={"text": seed_text, "targets": ["en"]})
        assert response.status_code == 202
        job_id = response.json()["id"]
        redis_restart()  # no worker took the task yet: it is lost with Redis's memory
        assert client.get("/readyz").status_code == 200
        assert job_state(client, job_id)["state"] == "queued"

        start_worker()
        result = subprocess.run(
            [sys.executable, "-m", "service.cli", "jobs", "requeue-stale", "--older-than", "0"],
            env=worker_env(service_settings), capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert "requeued 2 task(s)" in result.stdout  # the translation and the source summaries
        wait_until(
            lambda: job_state(client, job_id)["state"] in ("succeeded", "failed"), 240, "the job to finish"
        )
        job = job_state(client, job_id)
        assert job["state"] == "succeeded", job
        assert job["progress"]["en"] == {"done": 43, "total": 43}
        assert any((e["detail"] or "").startswith("requeued") for e in job["events"])


def _postgres_cluster() -> list[str] | None:
    if shutil.which("pg_ctlcluster") is None or not Path("/etc/postgresql").is_dir():
        return None
    versions = sorted(p.name for p in Path("/etc/postgresql").iterdir())
    return [versions[-1], "main"] if versions else None


@pytest.mark.skipif(_postgres_cluster() is None, reason="needs the local PostgreSQL cluster to restart it")
def test_postgres_restart_mid_job_is_retried_and_completes(
    service_settings: Settings, start_worker: Callable[[], subprocess.Popen[bytes]]
) -> None:
    article = long_article(240, 480)
    start_worker()
    with TestClient(create_app(service_settings)) as client:
        response = client.post("/v1/jobs", json={"text": article, "source_lang": "de", "targets": ["en"]})
        assert response.status_code == 202, response.text
        job_id = response.json()["id"]

        def done() -> int:
            return int(job_state(client, job_id)["progress"]["en"]["done"])

        wait_until(lambda: done() >= 8, 180, "the first batches to be stored", interval=0.05)
        cluster = _postgres_cluster()
        assert cluster is not None
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", *cluster, "restart"], check=True, timeout=120
        )

        def finished() -> bool:
            try:
                return job_state(client, job_id)["state"] in ("succeeded", "failed")
            except Exception:
                return False  # the API's pool reconnects on the next request

        wait_until(finished, 300, "the job to finish after the restart")
        job = job_state(client, job_id)
        assert job["state"] == "succeeded", job
        total = job["progress"]["en"]["total"]
        assert job["progress"]["en"]["done"] == total
        assert_one_output_per_segment(client, total)


def test_retranslate_queues_bulk_jobs_for_the_workers(
    service_settings: Settings,
    start_worker: Callable[[], subprocess.Popen[bytes]],
    seed_text: str,
    tiny_marian_b_dir: Path,
) -> None:
    start_worker()
    with TestClient(create_app(service_settings)) as client:
        job_id = client.post("/v1/jobs", json={"text": seed_text, "targets": ["en"]}).json()["id"]
        wait_until(lambda: job_state(client, job_id)["state"] == "succeeded", 240, "the first job")

        command = [
            sys.executable,
            "-m",
            "service.cli",
            "retranslate",
            "--to",
            "en",
            "--model",
            str(tiny_marian_b_dir),
        ]
        result = subprocess.run(
            command, env=worker_env(service_settings), capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, result.stderr
        assert f"queued 1 job(s) on {service_settings.bulk_queue}" in result.stdout

        database = client.app.state.database  # type: ignore[attr-defined]

        def b_rows() -> int:
            with database.session() as session:
                return int(
                    session.scalar(
                        select(func.count()).where(TranslationRow.model_id == str(tiny_marian_b_dir))
                    )
                    or 0
                )

        wait_until(lambda: b_rows() == 43, 240, "the bulk job to translate every segment with model B")
        with database.session() as session:
            models = set(session.scalars(select(TranslationRow.model_id)))
        assert models == {str(service_settings.model_dir), str(tiny_marian_b_dir)}  # A's rows kept
