"""The reaper (``requeue_stale``) sends silent jobs again, and gives up on a job that keeps losing
its worker: after ``max_requeues`` requeues the job is failed with the reason. SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from service.job_records import JobState, transition
from service.settings import get_settings
from service.storage.db import Database
from service.storage.tables import Job, SegmentRow, TranslationRow
from tests.reliability.harness import QueuedTasks, running_job
from workers.reaper import requeue_stale

NOW = dt.timedelta(0)  # every unfinished job counts as silent


def _deployed_with(monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> Iterator[None]:
    """``INTERLINEAR_<name>=value`` for the reaper's settings, as a deployment would set it."""
    monkeypatch.setenv(f"INTERLINEAR_{name}", value)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
def max_requeues_2(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    yield from _deployed_with(monkeypatch, "MAX_REQUEUES", "2")


def test_job_that_keeps_losing_its_worker_fails_after_max_requeues(
    database: Database, max_requeues_2: None, queued_tasks: QueuedTasks
) -> None:
    job_id = running_job(database)
    dispatcher = queued_tasks.dispatcher
    taken: list[tuple[str, str, str]] = []  # what a worker took from the queue, then died on
    with database.session() as session:
        assert (
            requeue_stale(session, dispatcher, NOW, get_settings()) == 1
        )  # translate en (its task summarises)
        taken += queued_tasks.drain()
        assert requeue_stale(session, dispatcher, NOW, get_settings()) == 1
        taken += queued_tasks.drain()
        assert requeue_stale(session, dispatcher, NOW, get_settings()) == 0  # lost a third time: given up
        assert requeue_stale(session, dispatcher, NOW, get_settings()) == 0  # failed is final: left alone
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
    assert taken + queued_tasks.drain() == [("translate", job_id, "en")] * 2


def test_tasks_still_waiting_in_their_queue_are_not_sent_again(
    database: Database, queued_tasks: QueuedTasks
) -> None:
    """A silent job whose tasks wait behind others is only slow: nothing is sent twice, nothing
    is held against it; once a worker has taken them (and died), they are sent again."""
    job_id = running_job(database)
    dispatcher = queued_tasks.dispatcher
    with database.session() as session:
        assert requeue_stale(session, dispatcher, NOW, get_settings(), max_requeues=1) == 1
        for _ in range(3):
            assert requeue_stale(session, dispatcher, NOW, get_settings(), max_requeues=1) == 0
        job = session.get(Job, job_id)
        assert job is not None and job.state == JobState.RUNNING.value
        assert queued_tasks.drain() == [("translate", job_id, "en")]
        assert (
            requeue_stale(session, dispatcher, NOW, get_settings(), max_requeues=1) == 0
        )  # taken and lost again
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
            assert requeue_stale(session, queued_tasks.dispatcher, NOW, get_settings(), max_requeues=1) == 1
            queued_tasks.drain()  # lost with the broker
        transition(session, job_id, JobState.RUNNING, "en: started")
        assert requeue_stale(session, queued_tasks.dispatcher, NOW, get_settings(), max_requeues=1) == 1
        queued_tasks.drain()
        assert requeue_stale(session, queued_tasks.dispatcher, NOW, get_settings(), max_requeues=1) == 0
        job = session.get(Job, job_id)
        assert job is not None and job.state == JobState.FAILED.value
        assert job.error is not None and job.error.startswith("worker lost 1 time:")


@pytest.fixture
def abstractive(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Summaries by a model: tasks of their own."""
    yield from _deployed_with(monkeypatch, "SUMMARY_METHOD", "abstractive")


def test_a_model_summary_of_the_source_is_sent_with_the_translation(
    database: Database, abstractive: None, queued_tasks: QueuedTasks
) -> None:
    """Where summaries are tasks of their own, the source's was queued with the job: a lost one is
    sent again at once, not only once a language is translated."""
    job_id = running_job(database)
    with database.session() as session:
        assert requeue_stale(session, queued_tasks.dispatcher, NOW, get_settings()) == 2
    assert sorted(queued_tasks.drain()) == [("summarise", job_id, "de"), ("translate", job_id, "en")]


def translated_into_english(session: Session, job_id: str) -> None:
    """Every translatable segment of the job's document translated into English, as a task stores
    it, and no summary made yet."""
    job = session.get(Job, job_id)
    assert job is not None and job.document_id is not None
    segments = session.scalars(select(SegmentRow).where(SegmentRow.document_id == job.document_id))
    model = {"model_id": "m", "model_revision": "r", "engine": "ct2", "route": "de-en"}
    session.add_all(
        TranslationRow(segment_id=s.id, target_lang="en", text=f"stored {s.key}", **model)
        for s in segments
        if s.translatable
    )
    session.commit()


def test_a_translated_language_without_summaries_gets_them_and_the_source_s(
    database: Database, queued_tasks: QueuedTasks
) -> None:
    """A worker that died between storing the last translation and making the (extractive)
    summaries: the reaper sends summary tasks for that language and for the source, and nothing
    for the language still untranslated, which its own task will summarise."""
    job_id = running_job(database, targets=("en", "ko"))
    with database.session() as session:
        translated_into_english(session, job_id)
        assert requeue_stale(session, queued_tasks.dispatcher, NOW, get_settings()) == 3
    assert sorted(queued_tasks.drain()) == [
        ("summarise", job_id, "de"),
        ("summarise", job_id, "en"),
        ("translate", job_id, "ko"),
    ]


def test_summaries_a_waiting_or_held_translate_task_makes_are_not_sent_again(
    database: Database, queued_tasks: QueuedTasks
) -> None:
    """Where a language's task makes the (extractive) summaries, every translation stored but the
    task still waiting or held by a live worker (storing its summaries): the task makes them, the
    reaper sends nothing (it sent the summaries of the language and the source again)."""
    job_id = running_job(database)
    dispatcher = queued_tasks.dispatcher
    with database.session() as session:
        translated_into_english(session, job_id)
        dispatcher.translate(job_id, "en")  # the job's task, not taken yet
        assert requeue_stale(session, dispatcher, NOW, get_settings()) == 0
    assert queued_tasks.drain() == [("translate", job_id, "en")]
