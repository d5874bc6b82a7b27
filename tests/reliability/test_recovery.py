"""Recovery without an operator: the reaper in every worker resends what a killed worker or a
restarted broker lost; a broker with its queue on disk loses nothing; an API started while its
database is down answers 503 until the database is back, then works by itself."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
from pathlib import Path

import httpx
import pytest

from service.api.app import create_app
from service.settings import Settings
from tests.reliability.harness import (
    StartApi,
    StartWorker,
    assert_one_output_per_segment,
    free_port,
    job_state,
    key_for,
    long_article,
    postgres_cluster,
    postgres_ctl,
    redis_restart,
    redis_server,
    redis_shutdown,
    wait_until,
)
from tests.reliability.holds import stores_held, translatable_ids
from tests.support import api_client, wait_for_job
from workers.dispatchers import CeleryDispatcher
from workers.reaper import requeue_stale

# The reaper as a deployment runs it, on a test's time scale: a job silent for 4 s is stale.
REAPER = {"reaper_enabled": True, "stale_after": 4, "reconcile_every": 1}
KEPT = 8  # segments a task stores (two batches of commit_every 4) before those the test holds


def test_whole_worker_killed_job_completes_without_a_command(
    service_settings: Settings, start_worker: StartWorker
) -> None:
    # Redis would hand the killed worker's task on only after an hour: the reaper must do it.
    settings = service_settings.model_copy(update={**REAPER, "visibility_timeout": 3600})
    # The worker to be killed runs the reaper too, as every worker does: killed in the middle of a
    # pass (one a second), it leaves the reapers' lock in Redis for a few seconds only.
    first = start_worker(settings)
    with api_client(create_app(settings)) as client, stores_held(settings.database_url) as held:
        response = client.post(
            "/v1/jobs", json={"text": long_article(0, 40), "source_lang": "de", "targets": ["en"]}
        )
        assert response.status_code == 202, response.text
        job_id = response.json()["id"]
        database = client.app.state.database  # type: ignore[attr-defined]

        def done() -> int:
            return int(job_state(client, job_id)["progress"]["en"]["done"])

        # Killed mid-job on any machine: the worker stores two batches (commit_every 4), then waits
        # at the third, whose segments the test holds (the tiny model could finish the article
        # between two polls).
        held.only_from(translatable_ids(database, job_id)[KEPT:])
        wait_until(
            lambda: held.reached(done(), KEPT), 300,
            f"the worker to store {KEPT} segments, then wait to store the next (held by the test)",
        )  # fmt: skip
        os.killpg(first.pid, signal.SIGKILL)  # main process and children, as when a container dies
        first.wait(timeout=10)
        held.release()
        assert done() == KEPT, "the batch the worker was storing when killed was kept"
        assert job_state(client, job_id)["state"] == "running"

        start_worker(settings)
        job = wait_for_job(client, job_id, 420)
        assert job["state"] == "succeeded", job
        total = job["progress"]["en"]["total"]
        assert job["progress"]["en"]["done"] == total
        assert any((e["detail"] or "").startswith("requeued") for e in job["events"]), job["events"]
        assert_one_output_per_segment(client, total)


@pytest.mark.serial  # the reaper gives a live worker 3 s to say what it holds
def test_task_a_live_worker_holds_is_not_sent_again(
    service_settings: Settings, start_worker: StartWorker
) -> None:
    """A job that looks silent while a live worker runs its task is left alone: the reaper asks the
    workers what they hold (an outside tester saw such tasks sent twice)."""
    settings = service_settings.model_copy(update={"stale_after": 3600})  # no heartbeat in this test
    start_worker(settings)
    with api_client(create_app(settings)) as client, stores_held(settings.database_url) as held:
        response = client.post(
            "/v1/jobs", json={"text": long_article(120, 140), "source_lang": "de", "targets": ["en"]}
        )
        job_id = response.json()["id"]
        database = client.app.state.database  # type: ignore[attr-defined]

        def done() -> int:
            return int(job_state(client, job_id)["progress"]["en"]["done"])

        # The task stores two batches, then waits at the segments the test holds: it is running, and
        # stays so through the reaper's pass, however fast the machine (unheld, the tiny model
        # could end it before the pass, which then has nothing to send whatever it does).
        held.only_from(translatable_ids(database, job_id)[KEPT:])
        wait_until(
            lambda: held.reached(done(), KEPT), 300,
            f"the task to store {KEPT} segments, then wait to store the next (held by the test)",
        )  # fmt: skip
        with database.session() as session:
            sent = requeue_stale(
                session, CeleryDispatcher(settings), dt.timedelta(0), settings, max_requeues=3
            )
        assert sent == 0, "a task held by a live worker was sent again"
        assert done() == KEPT and held.waiting() > 0, "the task was not running all through the pass"
        held.release()
        job = wait_for_job(client, job_id, 300)
        assert job["state"] == "succeeded", job
        assert_one_output_per_segment(client, job["progress"]["en"]["total"])


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs the local redis-server to restart it")
@pytest.mark.serial  # restarts the shared Redis
def test_broker_restart_without_persistence_recovers_without_a_command(
    service_settings: Settings, start_worker: StartWorker, seed_text: str
) -> None:
    settings = service_settings.model_copy(update=REAPER)
    with api_client(create_app(settings)) as client:
        response = client.post("/v1/jobs", json={"text": seed_text, "targets": ["en"]})
        assert response.status_code == 202
        job_id = response.json()["id"]
        redis_restart()  # no worker took the tasks yet: they are lost with Redis's memory
        start_worker(settings)
        job = wait_for_job(client, job_id, 420)
        assert job["state"] == "succeeded", job
        assert any((e["detail"] or "").startswith("requeued") for e in job["events"])
        assert_one_output_per_segment(client, job["progress"]["en"]["total"])


@pytest.mark.skipif(
    shutil.which("redis-server") is None, reason="needs redis-server to run a broker of its own"
)
def test_broker_with_its_queue_on_disk_loses_no_task(
    service_settings: Settings, start_worker: StartWorker, tmp_path: Path
) -> None:
    """Redis with an append-only file (as docker-compose runs it) restarted with tasks queued: every
    job finishes with the reaper off, so nothing was resent: the queue itself survived."""
    port = free_port()
    directory = tmp_path / "redis"
    directory.mkdir()
    redis_server(port, directory, persistent=True)
    broker = f"redis://127.0.0.1:{port}/0"
    settings = service_settings.model_copy(update={"broker_url": broker, "reaper_enabled": False})
    try:
        with api_client(create_app(settings)) as client:
            texts = [f"Meldung {i}: Der Stadtrat hat am Montag über den Haushalt beraten." for i in range(5)]
            ids = []
            for text in texts:
                response = client.post(
                    "/v1/jobs", json={"text": text, "source_lang": "de", "targets": ["en"]}
                )
                assert response.status_code == 202, response.text
                ids.append(response.json()["id"])
            redis_shutdown(port)
            redis_server(port, directory, persistent=True)
            start_worker(settings)
            for job_id in ids:
                job = wait_for_job(client, job_id, 300)
                assert job["state"] == "succeeded", job
                assert not any((e["detail"] or "").startswith("requeued") for e in job["events"])
    finally:
        redis_shutdown(port)


@pytest.mark.skipif(postgres_cluster() is None, reason="needs the local PostgreSQL cluster to stop it")
@pytest.mark.serial  # stops the shared PostgreSQL
def test_api_started_without_its_database_is_not_ready_until_it_is_back(
    service_settings: Settings, start_api: StartApi
) -> None:
    headers = key_for(service_settings)  # the schema exists; the key is stored before the outage
    postgres_ctl("stop")
    try:
        url = start_api(service_settings)  # starts, although its database is down
        ready = httpx.get(f"{url}/readyz", timeout=10)
        assert ready.status_code == 503
        assert ready.json()["checks"]["database"].startswith("unreachable"), ready.json()
        for response in (
            httpx.get(f"{url}/v1/documents", headers=headers, timeout=30),
            httpx.post(
                f"{url}/v1/jobs", headers=headers, timeout=30, json={"text": "Ein Satz.", "targets": ["en"]}
            ),
        ):
            assert response.status_code == 503, response.text
            assert response.headers["content-type"] == "application/json"
            assert int(response.headers["Retry-After"]) > 0
            assert "database" in response.json()["detail"] and "retry" in response.json()["detail"]
    finally:
        postgres_ctl("start")

    def ready_again() -> bool:
        return httpx.get(f"{url}/readyz", timeout=10).status_code == 200

    wait_until(ready_again, 60, "the API to report ready once PostgreSQL is back", interval=0.5)
    assert httpx.get(f"{url}/v1/documents", headers=headers, timeout=10).status_code == 200
    # And down again while it runs: JSON 503 naming the database, then back by itself.
    postgres_ctl("stop")
    try:
        response = httpx.get(f"{url}/v1/documents", headers=headers, timeout=30)
        assert response.status_code == 503, response.text
        assert "database" in response.json()["detail"] and response.headers["Retry-After"]
    finally:
        postgres_ctl("start")
    wait_until(ready_again, 60, "the API to report ready once PostgreSQL is back", interval=0.5)
    assert httpx.get(f"{url}/v1/documents", headers=headers, timeout=10).status_code == 200
