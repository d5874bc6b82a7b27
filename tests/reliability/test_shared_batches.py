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

from sqlalchemy import func, select

from service.api.app import create_app
from service.parse import parse_article
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
from workers.engines.batching import CHARS_PER_TOKEN

SHARED_START = re.compile(r"batch (\d+) started: \d+ sentences \(\d+ distinct\) from \d+ requests of 2 jobs")
COMMIT_EVERY = 24


def chunk_tokens(text: str) -> list[int]:
    """The batch-budget tokens of each chunk a task hands the batching engine for this article."""
    texts = [s.text for s in parse_article(text, None, "de").translatable_segments()]
    chunks = [texts[i : i + COMMIT_EVERY] for i in range(0, len(texts), COMMIT_EVERY)]
    return [sum(len(t) // CHARS_PER_TOKEN + 1 for t in dict.fromkeys(chunk)) for chunk in chunks]


def test_worker_killed_in_a_shared_batch_loses_and_duplicates_nothing(
    service_settings: Settings, start_worker: StartWorker, tmp_path: Path
) -> None:
    articles = [long_article(60, 120), long_article(0, 60)]  # three chunks, then two
    first, second = chunk_tokens(articles[0]), chunk_tokens(articles[1])
    # A task hands in its three chunks at once. The second job is sent as bulk, so the first job's
    # chunks go first (jobs of one priority would take turns chunk by chunk). A budget of the first
    # job's first two chunks makes batch 1 those two (committed when it ends), and batch 2 the
    # first job's last chunk with the second job's first: shared by both jobs, and killed.
    budget = first[0] + first[1]
    assert len(first) == 3 and first[2] + second[0] <= budget < first[2] + second[0] + second[1], (
        first,
        second,
    )
    settings = service_settings.model_copy(
        update={
            "reaper_enabled": True,
            "stale_after": 4,
            "reconcile_every": 1,
            "visibility_timeout": 3600,  # the reaper, not Redis's redelivery, must recover the tasks
            "commit_every": COMMIT_EVERY,
            "batch_wait_ms": 3000.0,  # the second job's chunks arrive before batch 2 is made
            "batch_max_tokens": budget,
        }
    )
    # The worker to be killed runs the reaper too, as every worker does: killed in the middle of a
    # pass (one a second), it leaves the reapers' lock in Redis for a few seconds only.
    worker = start_worker(settings, concurrency=2)
    log_path = tmp_path / "worker1.log"

    def worker_log() -> str:
        return log_path.read_text(errors="replace") if log_path.exists() else ""

    with api_client(create_app(settings)) as client:
        job_ids = []
        for number, article in enumerate(articles):
            if number:  # the second job once batch 1 (the first job's) is under way: it cannot join it
                wait_until(
                    lambda: "batch 1 started" in worker_log(), 300, "the worker log to show batch 1 started"
                )
            priority = "bulk" if number else "normal"
            body = {"text": article, "source_lang": "de", "targets": ["en"], "priority": priority}
            response = client.post("/v1/jobs", json=body)
            assert response.status_code == 202, response.text
            job_ids.append(response.json()["id"])

        database = client.app.state.database  # type: ignore[attr-defined]

        def shared_batch() -> str | None:
            """The number of the batch shared by both jobs, once batch 1's outputs are committed."""
            numbers = [m.group(1) for m in SHARED_START.finditer(worker_log())]
            if not numbers:
                return None
            with database.session() as session:
                committed = session.scalar(select(func.count()).select_from(TranslationRow))
            return numbers[0] if committed else None

        what = "the worker log to show a batch shared by the 2 jobs, with batch 1's outputs committed"
        wait_until(lambda: shared_batch() is not None, 300, what, interval=0.01)
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
        number = shared_batch()
        log = worker_log()
        assert number != "1", "the first batch must not be the shared one: its outputs are the ones kept"
        assert f"batch {number} done" not in log, "the shared batch finished before the kill"

        with database.session() as session:
            before = {row.id: row.text for row in session.scalars(select(TranslationRow))}
        assert before, "batch 1's outputs were not committed before the kill"
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
