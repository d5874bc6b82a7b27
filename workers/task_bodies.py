"""Task bodies: what a worker does for one (job, target language). No queue code here.

Celery tasks (:mod:`workers.tasks`) and the embedded in-process runner both call these.
"""

from __future__ import annotations

import logging
from contextlib import AbstractContextManager
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from service.api_keys import QuotaExceeded, charged_principal
from service.dispatch import Dispatcher, queue_after_translation, queue_intake
from service.errors import InputError, ModelError, RequestRefused, without_paths
from service.fetching import canonical_url, fetch_page
from service.glossary import glossary_store
from service.glossary.glossary_store import entries_of
from service.job_records import (
    JobState,
    again_after_race,
    heartbeat,
    is_complete,
    language_started,
    transition,
)
from service.priorities import priority_of, rank
from service.storage.document_store import save_article
from service.storage.tables import Document, Job
from service.usecases.intake import charge, read_for_targets
from workers.document_translation import translate_document
from workers.engines.batching import INTERACTIVE, job_priority
from workers.liveness import keep_alive
from workers.model_cache import ModelCache
from workers.summarise_document import summarise_document

log = logging.getLogger(__name__)


class PermanentError(Exception):
    """A failure that retrying cannot fix (bad input, missing model)."""


def run_translation(
    session: Session,
    cache: ModelCache,
    job_id: str,
    target_lang: str,
    queue: Dispatcher | None = None,
) -> int:
    """Translate what is missing of the job's document into ``target_lang``; returns segments done.

    Safe to run twice: only segments without an output from the configured model are translated.
    Once the language is complete, its summaries and the source's are made here where they are
    cheap (``Settings.summaries_inline``); else what follows is sent to ``queue``
    (:func:`service.dispatch.queue_after_translation`).
    """
    job = session.get(Job, job_id)
    if job is None:
        raise PermanentError(f"job {job_id} does not exist")
    if job.state in (JobState.SUCCEEDED.value, JobState.FAILED.value):
        return 0
    if job.document_id is None or job.source_lang is None:
        raise PermanentError(f"job {job_id} has no document")
    language_started(session, job_id, target_lang)
    with _alive(session, cache, job_id, f"its {target_lang} task"):
        return _translate(session, cache, job, target_lang, queue)


def alive_every(cache: ModelCache) -> float:
    """How often a running task marks its job alive: four times within the reaper's patience."""
    return max(0.5, cache.settings.stale_after / 4)


def _alive(session: Session, cache: ModelCache, job_id: str, what: str) -> AbstractContextManager[None]:
    """:func:`keep_alive` for a task of the job, warned about past the Redis visibility timeout."""
    settings = cache.settings
    visibility = settings.visibility_timeout if settings.redis_broker else None
    return keep_alive(session.get_bind(), job_id, alive_every(cache), what, visibility)  # type: ignore[arg-type]


def _translate(
    session: Session,
    cache: ModelCache,
    job: Job,
    target_lang: str,
    queue: Dispatcher | None,
) -> int:
    job_id = job.id
    assert job.source_lang is not None and job.document_id is not None
    try:
        engine = cache.engine_for(job.source_lang, target_lang, (job.options or {}).get("model"))
    except LookupError as exc:
        raise failed(session, job_id, str(exc)) from exc
    except ModelError as exc:
        raise failed(session, job_id, model_unavailable(target_lang, exc)) from exc
    glossary_id = (job.options or {}).get("glossary")
    glossary = glossary_store.get(session, job.tenant, glossary_id) if glossary_id else None
    if glossary_id and glossary is None:
        reason = (
            f"{target_lang}: glossary {glossary_id} was deleted after the job was submitted; "
            "submit the article again (with another glossary, or none)"
        )
        raise failed(session, job_id, reason)
    try:
        # Shared batches serve more urgent jobs first; among equals, jobs take turns chunk by chunk.
        with job_priority(job.created_at.timestamp(), rank(priority_of(job)), job.tenant):
            done = translate_document(
                session,
                job.document_id,
                job.source_lang,
                target_lang,
                engine,
                job_id=job_id,
                chunk_size=cache.settings.commit_every,
                progress=lambda _done, _total: heartbeat(session, job_id),
                glossary=entries_of(glossary) if glossary is not None else (),
            )
    except (InputError, ModelError) as exc:  # bad input, or out of memory on a single sentence
        raise failed(session, job_id, f"{target_lang}: {exc}") from exc
    log.info("job %s: %d segment%s translated into %s", job_id, done, "" if done == 1 else "s", target_lang)
    if cache.settings.summaries_inline:  # cheap: made here, read once for both languages
        summarise_document(session, cache, job.document_id, [job.source_lang, target_lang], job_id=job_id)
    elif queue is not None:
        queue_after_translation(queue, cache.settings, job_id, target_lang)
    finish_if_complete(session, cache, job_id)
    return done


def run_fetch(session: Session, cache: ModelCache, job_id: str, queue: Dispatcher) -> None:
    """Fetch the job's article by URL, store it (its canonical URL is the document's external_id,
    so fetching it again later makes a new revision), then queue the job's translations and
    summaries. A page that cannot be fetched or read fails the job with the reason; nothing is
    stored. Safe to run twice: a job that has its document already is left as it is."""
    job = session.get(Job, job_id)
    if job is None:
        raise PermanentError(f"job {job_id} does not exist")
    if job.state in (JobState.SUCCEEDED.value, JobState.FAILED.value) or job.document_id is not None:
        return
    url = (job.options or {}).get("url")
    if not url:
        raise PermanentError(f"job {job_id} has neither a document nor a url")
    settings = cache.settings
    transition(session, job_id, JobState.RUNNING, f"fetching {url}")
    try:  # read and checked as a submitted text is (the same intake)
        fetched = fetch_page(url, settings)
        read = read_for_targets(
            fetched.body, settings, cache.registry, fetched.format, job.source_lang, job.targets
        )
    except (InputError, RequestRefused) as exc:
        raise failed(session, job_id, f"{url}: {exc}") from exc
    text, article, source = read.text, read.article, read.source_lang
    payer = charged_principal(job.tenant, job.options or {})
    lang_hint, tenant = job.source_lang, job.tenant

    def store() -> Document:
        # Charged in the transaction that stores the page (:func:`service.usecases.intake.charge`).
        charge(session, payer, len(text))
        document = save_article(session, article, text, lang_hint, tenant, external_id=canonical_url(fetched))
        session.execute(
            update(Job).where(Job.id == job_id).values(document_id=document.id, source_lang=source)
        )
        session.commit()
        return document

    try:
        document = again_after_race(session, store)  # the same page fetched by two jobs at once
    except QuotaExceeded as exc:
        raise failed(session, job_id, f"{url}: {exc}") from exc
    log.info(
        "job %s: fetched %s as document %s (%d bytes)", job_id, fetched.url, document.id, len(fetched.body)
    )
    queue_intake(queue, settings, job_id, source, job.targets, priority_of(job))


def run_summary(session: Session, cache: ModelCache, job_id: str, lang: str) -> int:
    """Store the job document's summaries in ``lang``. Raises MissingTranslations while its
    translations are not all stored (the caller retries later)."""
    job = session.get(Job, job_id)
    if job is None or job.document_id is None:
        raise PermanentError(f"job {job_id} does not exist or has no document")
    if job.state in (JobState.SUCCEEDED.value, JobState.FAILED.value):
        return 0
    try:
        with _alive(session, cache, job_id, f"its {lang} summary task"):
            added = summarise_document(session, cache, job.document_id, lang, job_id=job_id)
    except ModelError as exc:
        raise failed(session, job_id, str(exc)) from exc
    finish_if_complete(session, cache, job_id)
    return added


def model_unavailable(target_lang: str, exc: ModelError) -> str:
    """A job's error when its model cannot be loaded: the loader's reason, then what to do on the workers."""
    return (
        f"{target_lang}: {exc}. On the workers, set INTERLINEAR_MODEL_DIR (or INTERLINEAR_MODEL_<SRC>_<TGT>) "
        "to a directory saved with save_pretrained or a hub id pulled with `interlinear models pull`, "
        "restart them, then submit the article again"
    )


def finish_if_complete(session: Session, cache: ModelCache, job_id: str) -> None:
    session.expire_all()
    job = session.get(Job, job_id)
    if job is not None and is_complete(session, job, cache.settings.summaries_enabled):
        transition(session, job_id, JobState.SUCCEEDED)


def translate_sentences(
    cache: ModelCache, sentences: list[str], source_lang: str, target_lang: str
) -> dict[str, Any]:
    """Short synchronous text (``POST /v1/translate``): nothing is stored."""
    try:
        engine = cache.engine_for(source_lang, target_lang)
    except LookupError as exc:
        raise ModelError(str(exc)) from exc
    with job_priority(INTERACTIVE):  # before every job's sentences in a shared batch
        hypotheses = engine.translate(sentences, source_lang, target_lang)
    return {
        "translations": [h.text for h in hypotheses],
        "model_id": engine.info.model_id,
        "model_revision": engine.info.revision,
        "engine": engine.info.engine,
    }


def fail(session: Session, job_id: str, message: str) -> None:
    session.rollback()
    transition(session, job_id, JobState.FAILED, message)


def failed(session: Session, job_id: str, reason: str) -> PermanentError:
    """Fail the job with ``reason``; returns the error for the task to raise (not to be retried).
    The reason is the job's ``error`` in responses: file paths in it are cut to their last part."""
    reason = without_paths(reason)
    fail(session, job_id, reason)
    return PermanentError(reason)
