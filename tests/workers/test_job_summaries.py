"""Where a job's summaries are made: extractive ones by the task that finishes a language (with the
source's), a model's as tasks of their own. SQLite and PostgreSQL, with a tiny random-weight model."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from service.ingest import store_article
from service.job_records import JobState, create_job, request_hash, summarised_languages
from service.parse import parse_article
from service.settings import Settings
from service.storage.db import Database
from service.storage.tables import Job, SummaryRow
from workers.model_cache import ModelCache
from workers.summarise_document import summarise_document
from workers.task_bodies import run_translation


class RecordedQueue:
    """Where the task sends what follows it: the summaries it queues are recorded, by language."""

    def __init__(self) -> None:
        self.summaries: list[str] = []

    def summarise(self, job_id: str, lang: str) -> None:
        self.summaries.append(lang)


def _job(database: Database, text: str, targets: list[str]) -> tuple[str, str]:
    with database.session() as session:
        document = store_article(session, text, parse_article(text), "de")
        job, _ = create_job(session, document.id, "de", targets, request_hash({"text": text}))
        return job.id, document.id


def test_the_task_that_finishes_a_language_makes_its_summaries_and_the_source_s(
    database: Database, seed_text: str, tiny_marian_dir: Path
) -> None:
    cache = ModelCache(Settings(database_url=database.url, model_dir=tiny_marian_dir))
    job_id, document_id = _job(database, seed_text, ["en"])
    queued = RecordedQueue()
    with database.session() as session:
        assert run_translation(session, cache, job_id, "en", queued) > 0  # type: ignore[arg-type]
        job = session.get(Job, job_id)
        assert job is not None
        assert queued.summaries == []  # no summary task
        assert summarised_languages(session, job) == ["de", "en"]
        assert job.state == JobState.SUCCEEDED.value  # done with its last language, nothing queued
        stored = session.scalar(select(func.count()).select_from(SummaryRow))
        # the same summaries as separate calls would make: those find nothing to add
        assert summarise_document(session, cache, document_id, "de") == 0
        assert summarise_document(session, cache, document_id, "en") == 0
        assert session.scalar(select(func.count()).select_from(SummaryRow)) == stored
        rows = {r.lang: r for r in session.scalars(select(SummaryRow).where(SummaryRow.scope == "article"))}
        assert set(rows) == {"de", "en"} and all(r.job_id == job_id for r in rows.values())
        assert rows["en"].sentence_keys == rows["de"].sentence_keys  # one reading for both


def test_a_model_summariser_gets_summary_tasks(
    database: Database, seed_text: str, tiny_marian_dir: Path
) -> None:
    settings = Settings(database_url=database.url, model_dir=tiny_marian_dir, summary_method="abstractive")
    assert not settings.summaries_inline
    job_id, _ = _job(database, seed_text, ["en"])
    queued = RecordedQueue()
    with database.session() as session:
        run_translation(session, ModelCache(settings), job_id, "en", queued)  # type: ignore[arg-type]
        job = session.get(Job, job_id)
        assert job is not None
        assert queued.summaries == ["en"]
        assert summarised_languages(session, job) == []
        assert job.state == JobState.RUNNING.value  # its summaries are still to come


def test_one_reading_serves_several_languages(
    database: Database, seed_text: str, tiny_marian_dir: Path
) -> None:
    """``summarise_document`` with two languages stores what two calls would, from one reading."""
    cache = ModelCache(Settings(database_url=database.url, model_dir=tiny_marian_dir))
    job_id, document_id = _job(database, seed_text, ["en"])
    with database.session() as session:
        from workers.document_translation import translate_document

        translate_document(session, document_id, "de", "en", cache.engine_for("de", "en"))
        read: list[str] = []
        summariser = cache.summariser()
        original = summariser.summarise
        summariser.summarise = lambda request: read.append(request.task) or original(request)  # type: ignore[method-assign]
        added = summarise_document(session, cache, document_id, ["de", "en", "de"], job_id=job_id)
        assert added == 2 * len(read)  # each scope read once, stored in both languages
        assert session.scalar(select(func.count()).select_from(SummaryRow)) == added
