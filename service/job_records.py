"""Jobs: creation (with idempotency keys), state transitions with timestamps, progress."""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from service.callbacks.outbox import record_delivery
from service.document import Article
from service.errors import RequestRefused
from service.storage.document_store import save_article
from service.storage.files import SourceUpload
from service.storage.tables import Job, JobEvent, SegmentRow, SummaryRow, TranslationRow, utcnow

T = TypeVar("T")


class JobState(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


FINAL_STATES = (JobState.SUCCEEDED, JobState.FAILED)


class IdempotencyConflict(RequestRefused):
    """The idempotency key was used before with a different request body."""

    def __str__(self) -> str:
        return "this Idempotency-Key was used with a different request body; use a new key for a new request"


def request_hash(payload: dict[str, object]) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def find_by_idempotency_key(session: Session, key: str, digest: str, tenant: str = "") -> Job | None:
    job = session.scalar(select(Job).where(Job.tenant == tenant, Job.idempotency_key == key))
    if job is not None and job.request_hash != digest:
        raise IdempotencyConflict(key)
    return job


def create_job(
    session: Session,
    document_id: str | None,
    source_lang: str | None,
    targets: list[str],
    digest: str,
    idempotency_key: str | None = None,
    tenant: str = "",
    before_commit: Callable[[], None] | None = None,
    options: dict[str, str] | None = None,
) -> tuple[Job, bool]:
    """Create a queued job; returns ``(job, created)``. A repeated idempotency key returns the first job.

    ``before_commit`` adds what must be stored with the job, in the same transaction (usage).
    """
    if idempotency_key is not None:
        existing = find_by_idempotency_key(session, idempotency_key, digest, tenant)
        if existing is not None:
            return existing, False
    try:
        job = _new_job(session, document_id, source_lang, targets, digest, idempotency_key, tenant, options)
        if before_commit is not None:
            before_commit()
        session.commit()
    except IntegrityError:
        # Two identical requests raced on the same key: the other one won.
        session.rollback()
        if idempotency_key is None:
            raise
        existing = find_by_idempotency_key(session, idempotency_key, digest, tenant)
        if existing is None:
            raise
        return existing, False
    return job, True


def submit_article(
    session: Session,
    text: str,
    article: Article,
    lang_hint: str | None,
    targets: list[str],
    digest: str,
    idempotency_key: str | None = None,
    tenant: str = "",
    before_commit: Callable[[], None] | None = None,
    options: dict[str, str] | None = None,
    external_id: str | None = None,
    source_file: SourceUpload | None = None,
) -> tuple[Job, bool]:
    """Store the article and its queued job in one transaction; returns ``(job, created)``.
    With ``external_id`` the article is a new revision of the tenant's article with that id
    (:func:`service.storage.document_store.save_article`).

    Concurrent requests (in any API process) with the same Idempotency-Key get one job: the loser
    of the race rolls back everything it wrote, document included, and gets the winner's job, or
    :class:`IdempotencyConflict` if its body differs. An identical article submitted at the same
    moment without a key races on the document's unique content hash, and revisions of one
    ``external_id`` race on their number: the loser tries again, and then finds the stored
    document or takes the next revision number.
    """

    def attempt() -> tuple[Job, bool]:
        if idempotency_key is not None:
            existing = find_by_idempotency_key(session, idempotency_key, digest, tenant)
            if existing is not None:
                return existing, False
        document = save_article(session, article, text, lang_hint, tenant, external_id, source_file)
        job = _new_job(session, document.id, article.metadata.source_lang, targets, digest,
                       idempotency_key, tenant, options)  # fmt: skip
        if before_commit is not None:
            before_commit()
        session.commit()
        return job, True

    return again_after_race(session, attempt)


def again_after_race(session: Session, attempt: Callable[[], T], attempts: int = 25) -> T:
    """``attempt()`` (which writes and commits), run again after losing a race on a unique
    constraint (the same document, the next revision number): the loser rolls back everything it
    wrote and, on its next try, finds what the winner stored. Each round of a race has one winner,
    so the unluckiest of N requests at once needs N tries: ``attempts`` covers the 20 an API process
    admits at once by default (5 was too few: 8 revisions of one article at once failed one)."""
    for number in range(attempts):
        try:
            return attempt()
        except IntegrityError:
            session.rollback()  # nothing of this attempt stays stored
            if number == attempts - 1:
                raise
    raise AssertionError("unreachable")


def _new_job(
    session: Session,
    document_id: str | None,
    source_lang: str | None,
    targets: list[str],
    digest: str,
    idempotency_key: str | None,
    tenant: str,
    options: dict[str, str] | None = None,
) -> Job:
    job = Job(
        id=str(uuid.uuid4()),
        tenant=tenant,
        document_id=document_id,
        state=JobState.QUEUED.value,
        source_lang=source_lang,
        targets=targets,
        idempotency_key=idempotency_key,
        request_hash=digest,
        options=options or None,
    )
    job.events.append(JobEvent(state=JobState.QUEUED.value))
    session.add(job)
    session.flush()  # a unique violation (the same Idempotency-Key) shows here, not at commit
    return job


def transition(session: Session, job_id: str, state: JobState, detail: str | None = None) -> bool:
    """Move a job to ``state`` unless it is already there or final; records the event. Commits."""
    allowed_from = [s.value for s in JobState if s not in FINAL_STATES and s is not state]
    result = session.execute(
        update(Job)
        .where(Job.id == job_id, Job.state.in_(allowed_from))
        .values(state=state.value, updated_at=utcnow(), error=detail if state is JobState.FAILED else None)
    )
    changed = bool(getattr(result, "rowcount", 0))
    if changed:
        session.add(JobEvent(job_id=job_id, state=state.value, detail=detail))
        if state in FINAL_STATES:
            record_delivery(session, job_id, state.value)  # the callback, committed with the state
    session.commit()
    return changed


RESTARTED = (
    "started again: an earlier run of this language did not finish (its worker stopped, or its task "
    "was delivered again); what that run stored is kept and not translated twice"
)


def language_started(session: Session, job_id: str, target_lang: str) -> None:
    """Record that a task began ``target_lang`` of a job: the job's move to running, else an event
    for this language, which says so where it had begun before (a redelivered or requeued task).
    Nothing is recorded on a job that is no longer running. Commits."""
    detail = f"{target_lang}: started"
    if transition(session, job_id, JobState.RUNNING, detail):
        return
    if session.scalar(select(Job.state).where(Job.id == job_id)) != JobState.RUNNING.value:
        return
    before = session.scalar(
        select(func.count()).select_from(JobEvent).where(JobEvent.job_id == job_id, JobEvent.detail == detail)
    )
    again = f"{target_lang}: {RESTARTED}"
    session.add(JobEvent(job_id=job_id, state=JobState.RUNNING.value, detail=again if before else detail))
    session.commit()


def heartbeat(session: Session, job_id: str) -> None:
    """Mark a running job as alive (its worker stored another batch). Commits."""
    session.execute(update(Job).where(Job.id == job_id).values(updated_at=utcnow()))
    session.commit()


def stale_jobs(session: Session, older_than: dt.timedelta) -> list[Job]:
    """Unfinished jobs with no sign of life for ``older_than``: their task may have been lost."""
    cutoff = utcnow() - older_than
    return list(
        session.scalars(
            select(Job)
            .where(Job.state.in_([JobState.QUEUED.value, JobState.RUNNING.value]), Job.updated_at <= cutoff)
            .order_by(Job.created_at)
        )
    )


@dataclass(frozen=True)
class LanguageProgress:
    done: int
    total: int


def job_progress(session: Session, job: Job) -> dict[str, LanguageProgress]:
    """Per target language: translatable segments that have at least one output / all of them."""
    return progress_by_job(session, [job])[job.id]


def progress_by_job(session: Session, jobs: Sequence[Job]) -> dict[str, dict[str, LanguageProgress]]:
    """:func:`job_progress` of each job, by its id, in two queries however many jobs there are (a
    list of jobs shows every row's progress). A job without a document yet has none."""
    documents = {job.document_id for job in jobs if job.document_id is not None}
    if not documents:
        return {job.id: {} for job in jobs}
    segments = (
        select(SegmentRow.document_id, func.count())
        .where(SegmentRow.document_id.in_(documents), SegmentRow.translatable.is_(True))
        .group_by(SegmentRow.document_id)
    )
    totals = {document: int(count) for document, count in session.execute(segments)}
    translated = (
        select(SegmentRow.document_id, TranslationRow.target_lang, func.count(func.distinct(SegmentRow.id)))
        .join(SegmentRow, SegmentRow.id == TranslationRow.segment_id)
        .where(
            SegmentRow.document_id.in_(documents),
            TranslationRow.target_lang.in_({target for job in jobs for target in job.targets}),
        )
        .group_by(SegmentRow.document_id, TranslationRow.target_lang)
    )
    done = {(document, target): int(count) for document, target, count in session.execute(translated)}
    progress: dict[str, dict[str, LanguageProgress]] = {job.id: {} for job in jobs}
    for job in jobs:
        if (document := job.document_id) is not None:
            progress[job.id] = {
                target: LanguageProgress(done.get((document, target), 0), totals.get(document, 0))
                for target in job.targets
            }
    return progress


def summarised_languages(session: Session, job: Job) -> list[str]:
    """Languages of the job (source and targets) that have an article summary stored."""
    return summarised_by_job(session, [job])[job.id]


def summarised_by_job(session: Session, jobs: Sequence[Job]) -> dict[str, list[str]]:
    """:func:`summarised_languages` of each job, by its id, in one query however many jobs there are."""
    documents = {job.document_id for job in jobs if job.document_id is not None}
    found: dict[str | None, set[str]] = {}
    if documents:
        summaries = select(SummaryRow.document_id, SummaryRow.lang).where(
            SummaryRow.document_id.in_(documents), SummaryRow.scope == "article"
        )
        for document, lang in session.execute(summaries.distinct()):
            found.setdefault(document, set()).add(lang)
    return {
        job.id: [
            lang for lang in [job.source_lang or "", *job.targets] if lang in found.get(job.document_id, ())
        ]
        for job in jobs
    }


def is_complete(session: Session, job: Job, with_summaries: bool) -> bool:
    translated = all(p.done >= p.total for p in job_progress(session, job).values())
    if not with_summaries or not translated:
        return translated
    return len(summarised_languages(session, job)) == len(job.targets) + 1
