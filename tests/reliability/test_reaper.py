"""The reaper (``requeue_stale``) sends silent jobs again, and gives up on a job that keeps losing
its worker: after ``max_requeues`` requeues the job is failed with the reason. SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import update

from service.jobs import JobState, transition
from service.reconcile import requeue_stale
from service.settings import get_settings
from service.storage.db import Database
from service.storage.tables import Job
from tests.reliability.harness import QueuedTasks, running_job

NOW = dt.timedelta(0)  # every unfinished job counts as silent


@pytest.fixture
def max_requeues_2(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """INTERLINEAR_MAX_REQUEUES=2, as a deployment would set it."""
    monkeypatch.setenv("INTERLINEAR_MAX_REQUEUES", "2")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_job_that_keeps_losing_its_worker_fails_after_max_requeues(
    database: Database, max_requeues_2: None, queued_tasks: QueuedTasks
) -> None:
    job_id = running_job(database)
    dispatcher = queued_tasks.dispatcher
    taken: list[tuple[str, str, str]] = []  # what a worker took from the queue, then died on
    with database.session() as session:
        assert requeue_stale(session, dispatcher, NOW) == 2  # translate en, summarise de
        taken += queued_tasks.drain()
        assert requeue_stale(session, dispatcher, NOW) == 2
        taken += queued_tasks.drain()
        assert requeue_stale(session, dispatcher, NOW) == 0  # lost a third time: given up
        assert requeue_stale(session, dispatcher, NOW) == 0  # failed is final: left alone
        job = session.get(Job, job_id)
        assert job is not None and job.state == JobState.FAILED.value
        assert job.error is not None and job.error.startswith("worker lost 2 times"), job.error
        assert "check the worker logs" in job.error.lower()
        details = [(e.state, (e.detail or "").split(":")[0]) for e in job.events]
    assert details[-3:] == [
        ("running", "requeued"),
        ("running", "requeued"),
        ("failed", "worker lost 2 times"),
    ]
    assert sorted(taken + queued_tasks.drain()) == sorted(
        [("translate", job_id, "en"), ("summarise", job_id, "de")] * 2
    )


def test_tasks_still_waiting_in_their_queue_are_not_sent_again(
    database: Database, queued_tasks: QueuedTasks
) -> None:
    """A silent job whose tasks wait behind others is only slow: nothing is sent twice, nothing
    is held against it; once a worker has taken them (and died), they are sent again."""
    job_id = running_job(database)
    dispatcher = queued_tasks.dispatcher
    with database.session() as session:
        assert requeue_stale(session, dispatcher, NOW, max_requeues=1) == 2
        for _ in range(3):
            assert requeue_stale(session, dispatcher, NOW, max_requeues=1) == 0
        job = session.get(Job, job_id)
        assert job is not None and job.state == JobState.RUNNING.value
        assert sorted(queued_tasks.drain()) == [("summarise", job_id, "de"), ("translate", job_id, "en")]
        assert requeue_stale(session, dispatcher, NOW, max_requeues=1) == 0  # taken and lost again
        session.expire_all()
        job = session.get(Job, job_id)
        assert job is not None and job.state == JobState.FAILED.value


def test_requeues_of_a_job_that_never_started_are_not_held_against_it(
    database: Database, queued_tasks: QueuedTasks
) -> None:
    """Tasks lost with the broker or waiting in a long queue say nothing against the job."""
    job_id = running_job(database)
    with database.session() as session:
        session.execute(update(Job).where(Job.id == job_id).values(state=JobState.QUEUED.value))
        session.commit()
        for _ in range(3):
            assert requeue_stale(session, queued_tasks.dispatcher, NOW, max_requeues=1) == 2
            queued_tasks.drain()  # lost with the broker
        transition(session, job_id, JobState.RUNNING, "en: started")
        assert requeue_stale(session, queued_tasks.dispatcher, NOW, max_requeues=1) == 2
        queued_tasks.drain()
        assert requeue_stale(session, queued_tasks.dispatcher, NOW, max_requeues=1) == 0
        job = session.get(Job, job_id)
        assert job is not None and job.state == JobState.FAILED.value
        assert job.error is not None and job.error.startswith("worker lost 1 time:")
