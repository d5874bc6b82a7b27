"""Celery tasks: small, idempotent, take ids not objects (the bodies live in :mod:`workers.jobs`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from celery import Task
from celery.signals import worker_process_init
from sqlalchemy.exc import InterfaceError, OperationalError

from service.settings import get_settings
from service.storage.db import database_for
from workers.celery_app import RECONCILE_TASK, SUMMARISE_TASK, TRANSLATE_TASK, TRANSLATE_TEXT_TASK, app
from workers.jobs import PermanentError, run_summary, run_translation, translate_sentences
from workers.model_cache import ModelCache
from workers.summarise_document import MissingTranslations

# The worker's model cache: one per worker process, filled on first use and kept.
_cache: ModelCache | None = None

# Database or broker unavailable for a moment (a restart): retried with backoff.
TRANSIENT = (OperationalError, InterfaceError, ConnectionError, TimeoutError)


def model_cache() -> ModelCache:
    global _cache
    if _cache is None:
        _cache = ModelCache(get_settings())
    return _cache


@worker_process_init.connect
def _init_worker_process(**_: Any) -> None:
    # Forked children must not share the parent's database connections.
    database_for(get_settings().database_url).engine.dispose(close=False)
    model_cache()


@app.task(
    name=TRANSLATE_TASK,
    bind=True,
    ignore_result=True,
    autoretry_for=TRANSIENT,
    retry_backoff=2,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=get_settings().task_max_retries,
)
def translate(self: Task, job_id: str, target_lang: str) -> int:
    settings = get_settings()

    def queue_summaries(lang: str) -> None:
        app.send_task(SUMMARISE_TASK, args=[job_id, lang], queue=settings.summary_queue)

    with database_for(settings.database_url).session() as session:
        try:
            return run_translation(session, model_cache(), job_id, target_lang, on_translated=queue_summaries)
        except PermanentError:
            return 0  # the job is marked failed with the reason; retrying cannot help


@app.task(
    name=SUMMARISE_TASK,
    bind=True,
    ignore_result=True,
    autoretry_for=(*TRANSIENT, MissingTranslations),
    retry_backoff=2,
    retry_backoff_max=60,
    max_retries=get_settings().task_max_retries,
)
def summarise(self: Task, job_id: str, lang: str) -> int:
    with database_for(get_settings().database_url).session() as session:
        try:
            return run_summary(session, model_cache(), job_id, lang)
        except PermanentError:
            return 0


@app.task(name=TRANSLATE_TEXT_TASK, autoretry_for=TRANSIENT, max_retries=2)
def translate_text(sentences: list[str], source_lang: str, target_lang: str) -> dict[str, Any]:
    return translate_sentences(model_cache(), sentences, source_lang, target_lang)


@app.task(name=RECONCILE_TASK, ignore_result=True)
def reconcile() -> int:
    """Run by celery beat: requeue jobs whose tasks were lost."""
    from service.dispatch import CeleryDispatcher
    from service.reconcile import requeue_stale

    settings = get_settings()
    with database_for(settings.database_url).session() as session:
        return requeue_stale(
            session,
            CeleryDispatcher(settings),
            dt.timedelta(seconds=settings.stale_after),
            settings.summaries_enabled,
        )
