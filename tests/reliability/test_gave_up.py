"""Retries exhausted: the job is failed with the reason, never left ``running``.

In-process (Celery's eager ``apply``, retries included) on SQLite and PostgreSQL, and through a
real worker whose database stays unavailable for longer than its retries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, func, select, text

from service.api.app import create_app
from service.job_records import JobState
from service.settings import Settings, get_settings
from service.storage.db import Database
from service.storage.tables import Job, JobEvent, TranslationRow
from tests.reliability.harness import QueuedTasks, StartWorker, running_job
from tests.support import api_client, wait_for_job
from workers import tasks
from workers.reaper import requeue_stale


@pytest.fixture
def worker_database(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """``use(url)``: the in-process task code (which reads the environment) uses that database."""
    monkeypatch.setattr(tasks, "_cache", None)

    def use(url: str) -> None:
        monkeypatch.setenv("INTERLINEAR_DATABASE_URL", url)
        get_settings.cache_clear()

    yield use
    get_settings.cache_clear()


def unreachable(database_url: str) -> str:
    """A database URL of the same kind that cannot be opened: the store is down."""
    if database_url.startswith("sqlite"):
        return "sqlite:////nonexistent-dir/interlinear.db"
    return "postgresql+psycopg://postgres@127.0.0.1:1/test"


def failed_events(database: Database, job_id: str) -> int:
    with database.session() as session:
        return int(
            session.scalar(
                select(func.count()).where(JobEvent.job_id == job_id, JobEvent.state == JobState.FAILED.value)
            )
            or 0
        )


def test_database_down_past_the_retries_leaves_the_job_to_the_reaper(
    database_url: str, database: Database, worker_database: Any, queued_tasks: QueuedTasks
) -> None:
    job_id = running_job(database)
    worker_database(unreachable(database_url))  # the worker cannot open the store at all

    assert tasks.translate.apply(args=[job_id, "en"]).failed()  # no error escapes the failure handler
    assert not tasks.mark_failed(job_id, "en: gave up")

    with database.session() as session:
        job = session.get(Job, job_id)
        assert job is not None and job.state == JobState.RUNNING.value
        assert (
            requeue_stale(session, queued_tasks.dispatcher, dt.timedelta(0), get_settings(), max_requeues=3)
            == 1
        )
    assert queued_tasks.drain() == [("translate", job_id, "en")]  # its task makes the summaries


def test_database_unavailable_past_the_retries_fails_the_job_through_a_real_worker(
    service_settings: Settings, start_worker: StartWorker, seed_text: str, tmp_path: Path
) -> None:
    """PostgreSQL refuses the worker's writes of translations (a held table lock, a short
    lock_timeout) for longer than its two retries; the job table stays writable, so the worker
    records the failure itself."""
    worker_settings = service_settings.model_copy(
        update={
            "database_url": service_settings.database_url + "%20-clock_timeout%3D300",
            "task_max_retries": 2,
        }
    )
    locker = create_engine(service_settings.database_url)
    with api_client(create_app(service_settings)) as client, locker.connect() as lock:
        try:
            lock.execute(text("LOCK TABLE translations IN EXCLUSIVE MODE"))  # reads go on, writes wait
            start_worker(worker_settings)
            article = {"text": seed_text, "source_lang": "de", "targets": ["en"]}
            response = client.post("/v1/jobs", json=article)
            assert response.status_code == 202, response.text
            try:
                job = wait_for_job(client, response.json()["id"], 180)
            except AssertionError as error:  # say where the worker was
                log = (tmp_path / "worker1.log").read_text(errors="replace")[-4000:]
                raise AssertionError(f"{error}\nworker log (end):\n{log}") from None
        finally:
            lock.rollback()
        assert job["state"] == "failed", job
        assert job["error"].startswith("en: interlinear.translate gave up after 2 retries (OperationalError")
        assert "lock timeout" in job["error"] and "submit the article again" in job["error"]
        assert [e["state"] for e in job["events"]].count("failed") == 1
        database = client.app.state.database  # type: ignore[attr-defined]
        with database.session() as session:
            assert session.scalar(select(func.count()).select_from(TranslationRow)) == 0
    locker.dispose()
