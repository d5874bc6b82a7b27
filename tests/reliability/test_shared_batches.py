"""Two jobs' tasks in one worker process share an engine batch, and the worker is killed before
either task has stored its part of that batch: every output committed before the kill stays as it
was, the reaper resends the tasks, and each segment ends with exactly one output (real Celery
worker, Redis, PostgreSQL, tiny random-weight model)."""

from __future__ import annotations

import os
import re
import signal
import time
from pathlib import Path

from sqlalchemy import select

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
from tests.reliability.holds import stores_held, translatable_ids
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
    # A task hands in its chunks at once. The second job is sent as bulk, so the first job's
    # chunks go first (jobs of one priority would take turns chunk by chunk). A budget of the first
    # job's first two chunks makes batch 1 those two (committed when it ends), and batch 2 the
    # first job's last chunk with the second job's first: shared by both jobs.
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
            # A batch waits for more chunks until the budget is in hand (then not at all), so batches
            # 1 and 2 are as above on any machine, whichever task hands in its chunks first.
            "batch_wait_ms": 120_000.0,
            "batch_max_tokens": budget,
        }
    )
    # The worker to be killed runs the reaper too, as every worker does: killed in the middle of a
    # pass (one a second), it leaves the reapers' lock in Redis for a few seconds only.
    worker = start_worker(settings, concurrency=2)
    log_path = tmp_path / "worker1.log"

    def worker_log() -> str:
        return log_path.read_text(errors="replace") if log_path.exists() else ""

    with api_client(create_app(settings)) as client, stores_held(settings.database_url) as held:
        job_ids = []
        for number, article in enumerate(articles):
            priority = "bulk" if number else "normal"
            body = {"text": article, "source_lang": "de", "targets": ["en"], "priority": priority}
            response = client.post("/v1/jobs", json=body)
            assert response.status_code == 202, response.text
            job_ids.append(response.json()["id"])

        database = client.app.state.database  # type: ignore[attr-defined]
        segments = [translatable_ids(database, job_id) for job_id in job_ids]
        kept = segments[0][: 2 * COMMIT_EVERY]  # batch 1's: the first job's first two chunks

        def stored() -> set[int]:
            with database.session() as session:
                return set(session.scalars(select(TranslationRow.segment_id)))

        def shared_then_waiting() -> str | None:
            """The number of the batch shared by both jobs, once batch 1's outputs are committed and
            both tasks wait to store their part of the shared batch (held by the test)."""
            numbers = [m.group(1) for m in SHARED_START.finditer(worker_log())]
            done = stored()
            assert done <= set(kept), "outputs of a held segment were stored"
            return numbers[0] if numbers and done == set(kept) and held.waiting() == 2 else None

        # Killed mid-job on any machine: the test holds every segment after batch 1's, so each task
        # waits to store its part of the shared batch (the tiny model could make and store it
        # between two polls).
        held.only_from(segments[0][len(kept) :] + segments[1])
        what = (
            "the worker log to show a batch shared by the 2 jobs, batch 1's outputs committed, and "
            "both tasks waiting to store the shared batch's (held by the test)"
        )
        wait_until(lambda: shared_then_waiting() is not None, 300, what)
        shared = shared_then_waiting()
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
        held.release()
        assert shared != "1", "the first batch must not be the shared one: its outputs are the ones kept"
        with database.session() as session:
            before = {row.id: row.text for row in session.scalars(select(TranslationRow))}
        assert stored() == set(kept), "only batch 1's outputs are kept"
        assert all(job_state(client, j)["state"] in {"queued", "running"} for j in job_ids)

        started = time.monotonic()
        # batch_wait_ms back to its default: nothing here depends on which batch a chunk joins
        default_wait = Settings.model_fields["batch_wait_ms"].default
        start_worker(settings.model_copy(update={"batch_wait_ms": default_wait}), concurrency=2)
        jobs = [wait_for_job(client, job_id, 420) for job_id in job_ids]
        assert all(job["state"] == "succeeded" for job in jobs), (jobs, time.monotonic() - started)
        assert all(any((e["detail"] or "").startswith("requeued") for e in job["events"]) for job in jobs)
        total = sum(job["progress"]["en"]["total"] for job in jobs)
        assert_one_output_per_segment(client, total)
        with database.session() as session:
            after = {row.id: row.text for row in session.scalars(select(TranslationRow))}
        changed = {key for key in before if after.get(key) != before[key]}
        assert not changed, f"outputs committed before the kill changed or went: {changed}"
