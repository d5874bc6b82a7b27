"""Two jobs' tasks in one worker process share an engine batch, and the worker is killed in the
middle of that batch: every output committed before the kill stays as it was, the reaper resends
the tasks, and each segment ends with exactly one output (real Celery worker, Redis, PostgreSQL,
tiny random-weight model)."""

from __future__ import annotations

import os
import re
import signal
import time
from pathlib import Path

from sqlalchemy import select

from service.api.app import create_app
from service.settings import Settings
from service.storage.tables import TranslationRow
from tests.reliability.harness import (
    StartWorker,
    assert_one_output_per_segment,
    job_state,
    long_article,
    wait_until,
)
from tests.support import api_client, wait_for_job

SHARED_START = re.compile(r"batch (\d+) started: (\d+) sentences \(\d+ distinct\) from 2 requests")


def test_worker_killed_in_a_shared_batch_loses_and_duplicates_nothing(
    service_settings: Settings, start_worker: StartWorker, tmp_path: Path
) -> None:
    settings = service_settings.model_copy(
        update={
            "reaper_enabled": True,
            "stale_after": 4,
            "reconcile_every": 1,
            "visibility_timeout": 3600,  # the reaper, not Redis's redelivery, must recover the tasks
            "commit_every": 24,  # 48 sentences in the shared batch: long enough to kill it mid-way
            "batch_wait_ms": 3000.0,  # both tasks' first requests make one batch
        }
    )
    first = start_worker(settings, concurrency=2)
    log_path = tmp_path / "worker1.log"
    with api_client(create_app(settings)) as client:
        job_ids = []
        for start, stop in ((0, 60), (60, 120)):
            response = client.post(
                "/v1/jobs", json={"text": long_article(start, stop), "source_lang": "de", "targets": ["en"]}
            )
            assert response.status_code == 202, response.text
            job_ids.append(response.json()["id"])

        def second_shared_batch() -> str | None:
            """The number of a shared batch after the first (whose outputs are committed by then)."""
            text = log_path.read_text(errors="replace") if log_path.exists() else ""
            numbers = [int(m.group(1)) for m in SHARED_START.finditer(text)]
            return str(numbers[1]) if len(numbers) > 1 else None

        what = "the worker log to show a second batch shared by the 2 tasks"
        wait_until(lambda: second_shared_batch() is not None, 300, what, interval=0.01)
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
        number = second_shared_batch()
        log = log_path.read_text(errors="replace")
        assert f"batch {number} done" not in log, "the shared batch finished before the kill"

        database = client.app.state.database  # type: ignore[attr-defined]
        with database.session() as session:
            before = {row.id: row.text for row in session.scalars(select(TranslationRow))}
        assert before, "the first shared batch's outputs were not committed before the kill"
        assert all(job_state(client, j)["state"] in {"queued", "running"} for j in job_ids)

        started = time.monotonic()
        start_worker(settings, concurrency=2)
        jobs = [wait_for_job(client, job_id, 420) for job_id in job_ids]
        assert all(job["state"] == "succeeded" for job in jobs), (jobs, time.monotonic() - started)
        assert all(any((e["detail"] or "").startswith("requeued") for e in job["events"]) for job in jobs)
        total = sum(job["progress"]["en"]["total"] for job in jobs)
        assert_one_output_per_segment(client, total)
        with database.session() as session:
            after = {row.id: row.text for row in session.scalars(select(TranslationRow))}
        changed = {key for key in before if after.get(key) != before[key]}
        assert not changed, f"outputs committed before the kill changed or went: {changed}"
