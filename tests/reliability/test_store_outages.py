"""Redis down or restarted (its queue lost), PostgreSQL restarted in the middle of a job."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from fastapi.testclient import TestClient

from service.api.app import create_app
from service.settings import Settings
from tests.reliability.harness import (
    StartWorker,
    assert_one_output_per_segment,
    job_state,
    long_article,
    postgres_cluster,
    postgres_restart,
    redis_restart,
    wait_until,
    worker_env,
)
from tests.reliability.holds import stores_held, translatable_ids
from tests.support import api_client, table_counts, wait_for_job

KEPT = 8  # segments a task stores (two batches of commit_every 4) before those the test holds


def test_broker_down_gives_503_and_loses_nothing(service_settings: Settings, seed_text: str) -> None:
    settings = service_settings.model_copy(
        update={"broker_url": "redis://127.0.0.1:6390/0"}
    )  # nothing listens
    with api_client(create_app(settings)) as client:
        ready = client.get("/readyz")
        assert ready.status_code == 503 and ready.json()["checks"]["broker"] == "unreachable"
        before = table_counts(client.app)  # type: ignore[arg-type]
        response = client.post(
            "/v1/jobs", json={"text": seed_text, "targets": ["en"]}, headers={"Idempotency-Key": "k"}
        )
        assert response.status_code == 503
        assert "retry" in response.json()["detail"] and response.headers["Retry-After"]
        url_job = client.post("/v1/jobs", json={"url": "http://93.184.215.14/artikel", "targets": ["en"]})
        assert url_job.status_code == 503, url_job.text
        # Refused before anything was stored: no job, no document, no quota used (it was a failed
        # job and a document, visible to the tenant, and the characters were charged).
        assert table_counts(client.app) == before  # type: ignore[arg-type]
        # The same for a synchronous translation, whose result store (Redis too) was never reached:
        # Celery's bare RuntimeError after its retries (about 20 s) made this a 500.
        response = client.post("/v1/translate", json={"text": "Die Regierung tagt.", "target_lang": "en"})
        assert response.status_code == 503, response.text
        assert "unreachable" in response.json()["detail"] and response.headers["Retry-After"]
    with api_client(create_app(service_settings)) as client:
        # The same request with the same key, once the broker is back, is accepted as a new job.
        retry = client.post(
            "/v1/jobs", json={"text": seed_text, "targets": ["en"]}, headers={"Idempotency-Key": "k"}
        )
        assert retry.status_code == 202, retry.text
        assert retry.json()["state"] == "queued"


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs the local redis-server to restart it")
@pytest.mark.serial  # restarts the shared Redis
def test_redis_restart_loses_queue_and_reconcile_recovers(
    service_settings: Settings, start_worker: StartWorker, seed_text: str
) -> None:
    with api_client(create_app(service_settings)) as client:
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
        assert "requeued 1 task(s)" in result.stdout  # the translation (its task makes the summaries)
        job = wait_for_job(client, job_id, 240)
        assert job["state"] == "succeeded", job
        assert job["progress"]["en"] == {"done": 43, "total": 43}
        assert any((e["detail"] or "").startswith("requeued") for e in job["events"])
        assert_one_output_per_segment(client, 43)


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs the local redis-server to restart it")
@pytest.mark.serial  # restarts the shared Redis
def test_redis_restart_under_a_running_task_leaves_the_worker_taking_tasks(
    service_settings: Settings, start_worker: StartWorker
) -> None:
    """Redis restarted while a task runs: the task finishes and the same worker takes the next job.

    kombu raised ``AttributeError`` giving the running task's message back over the dead
    connection; Celery took it for unrecoverable, and the worker, still alive, took no task again
    (``workers/broker_reconnect.py``)."""
    start_worker(service_settings, concurrency=4)  # with 1 task thread kombu's error did not show
    url = service_settings.database_url
    with api_client(create_app(service_settings)) as client, stores_held(url) as held:
        body = {"text": long_article(200, 240), "source_lang": "de", "targets": ["en"]}
        first = client.post("/v1/jobs", json=body).json()["id"]
        database = client.app.state.database  # type: ignore[attr-defined]
        # The task stores two batches, then waits at the segments the test holds until Redis is back:
        # it runs all through the outage, however fast the machine (the tiny model could end it
        # before the restart, and the test would pass without a task running under it).
        held.only_from(translatable_ids(database, first)[KEPT:])
        wait_until(
            lambda: held.reached(done(client, first), KEPT), 300,
            f"the first job's task to store {KEPT} segments, then wait at the next (held by the test)",
        )  # fmt: skip
        # Down long enough for the worker to see it gone (the running task's message is lost with
        # Redis's memory; the task goes on, and ends once Redis is back)
        redis_restart(down_for=5)
        assert held.waiting() > 0, "the task was not running all through the outage"
        held.release()
        short = {"text": "Die Regierung hat am Montag neue Regeln angekündigt.", "targets": ["en"]}
        second = client.post("/v1/jobs", json=short)
        assert second.status_code == 202, second.text
        try:
            earlier = wait_for_job(client, first, 300)
            later = wait_for_job(client, second.json()["id"], 300)
        except AssertionError as exc:
            raise AssertionError(f"the worker stopped working after Redis restarted: {exc}") from exc
        assert earlier["state"] == "succeeded", earlier
        assert later["state"] == "succeeded", later
        assert_one_output_per_segment(client, earlier["progress"]["en"]["total"] + 1)


@pytest.mark.skipif(postgres_cluster() is None, reason="needs the local PostgreSQL cluster to restart it")
@pytest.mark.serial  # restarts the shared PostgreSQL
def test_postgres_restart_mid_job_is_retried_and_completes(
    service_settings: Settings, start_worker: StartWorker
) -> None:
    article = long_article(240, 280)
    start_worker()
    url = service_settings.database_url
    with api_client(create_app(service_settings)) as client, stores_held(url) as held:
        response = client.post("/v1/jobs", json={"text": article, "source_lang": "de", "targets": ["en"]})
        assert response.status_code == 202, response.text
        job_id = response.json()["id"]
        database = client.app.state.database  # type: ignore[attr-defined]
        # The task stores two batches, then waits at the segments the test holds: the restart
        # comes in the middle of the job, however fast the machine (the tiny model could end it
        # before the restart, and the test would pass without a retry). The restart ends the hold.
        held.only_from(translatable_ids(database, job_id)[KEPT:])
        wait_until(
            lambda: held.reached(done(client, job_id), KEPT), 180,
            f"the task to store {KEPT} segments, then wait to store the next (held by the test)",
        )  # fmt: skip
        postgres_restart()
        held.release()
        job = wait_for_job(client, job_id, 300)
        assert job["state"] == "succeeded", job
        total = job["progress"]["en"]["total"]
        assert job["progress"]["en"]["done"] == total
        assert_one_output_per_segment(client, total)


def done(client: TestClient, job_id: str) -> int:
    """Segments of the job stored in English."""
    return int(job_state(client, job_id)["progress"]["en"]["done"])
