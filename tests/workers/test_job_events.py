"""What a job's events say about its languages' tasks: each language's start, and a start again
where a task is run a second time (redelivered after its worker died, or requeued). SQLite and
PostgreSQL, with a tiny random-weight model."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from service.ingest import store_article
from service.job_records import RESTARTED, JobState, create_job, request_hash
from service.parse import parse_article
from service.settings import Settings
from service.storage.db import Database
from service.storage.tables import Job, TranslationRow
from workers.model_cache import ModelCache
from workers.task_bodies import run_translation

TEXT = "Neue Regeln\n\nDie Regierung hat am Montag neue Regeln angekündigt. Sie gelten ab Januar.\n"


def test_each_language_start_and_a_second_run_are_events(database: Database, tiny_marian_dir: Path) -> None:
    cache = ModelCache(Settings(database_url=database.url, model_dir=tiny_marian_dir))
    with database.session() as session:
        document = store_article(session, TEXT, parse_article(TEXT), "de")
        job, _ = create_job(session, document.id, "de", ["en", "ko"], request_hash({"text": TEXT}))
        job_id = job.id
        session.commit()

        assert run_translation(session, cache, job_id, "en") > 0
        stored = session.scalar(select(func.count()).select_from(TranslationRow))
        # the same task again, as a redelivery runs it: nothing new, and the job's events say why it ran
        assert run_translation(session, cache, job_id, "en") == 0
        assert session.scalar(select(func.count()).select_from(TranslationRow)) == stored
        assert run_translation(session, cache, job_id, "ko") > 0

        session.expire_all()
        job = session.get(Job, job_id)
        assert job is not None and job.state == JobState.SUCCEEDED.value
        events = [(e.state, e.detail) for e in job.events]
    assert events == [
        ("queued", None),
        ("running", "en: started"),
        ("running", f"en: {RESTARTED}"),
        ("running", "ko: started"),
        ("succeeded", None),
    ]
