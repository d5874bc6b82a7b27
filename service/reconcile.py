"""Requeue jobs whose tasks were lost (a broker restarted without persistence, a purge).

Safe to run at any time and as often as wanted: translation tasks are idempotent, so a job
that was only slow gets a duplicate task that finds nothing left to do. A job that went silent
again after ``max_requeues`` requeues while running (counted from its "requeued" events) is
failed instead: it is poison (it keeps killing its worker), and sending it again would never end.
"""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.dispatch import Dispatcher
from service.job_records import (
    JobState,
    heartbeat,
    job_progress,
    stale_jobs,
    summarised_languages,
    transition,
)
from service.settings import get_settings
from service.storage.tables import Job, JobEvent

log = logging.getLogger(__name__)

REQUEUED = "requeued"  # how the detail of every requeue event starts


def requeue_stale(
    session: Session,
    dispatcher: Dispatcher,
    older_than: dt.timedelta,
    with_summaries: bool = True,
    max_requeues: int | None = None,
    summaries_inline: bool | None = None,
) -> int:
    """Send the missing tasks of stale jobs again; returns how many were sent.

    A stale job already requeued ``max_requeues`` times (default: the setting) is failed instead.
    ``summaries_inline`` (default: the setting): a language's task makes its summaries.
    """
    settings = get_settings()
    limit = settings.max_requeues if max_requeues is None else max_requeues
    inline = settings.summaries_inline if summaries_inline is None else summaries_inline
    stale = stale_jobs(session, older_than)
    # A task still waiting in its queue is not lost, only behind others: it is not sent again.
    waiting = dispatcher.waiting_tasks() if stale else None
    sent = 0
    for job in stale:
        if job.document_id is None and (job.options or {}).get("url"):  # its fetch was lost
            if (waiting is not None and ("fetch", job.id, "") in waiting) or give_up_if_poison(
                session, job, limit
            ):
                continue
            dispatcher.fetch(job.id)
            sent += 1
            session.add(JobEvent(job_id=job.id, state=job.state, detail=f"{REQUEUED}: fetch"))
            heartbeat(session, job.id)
            continue
        progress = job_progress(session, job)
        missing = [lang for lang, p in progress.items() if p.done < p.total]
        # Summaries of the source and of every fully translated language that has none yet; where
        # a language's task makes them, the source's is due once a language is translated.
        translated = [lang for lang in job.targets if lang not in missing]
        source_due = bool(translated) or not inline
        ready = ([job.source_lang or ""] if source_due else []) + translated
        done = summarised_languages(session, job)
        unsummarised = [lang for lang in ready if lang not in done] if with_summaries else []
        if not missing and not unsummarised:  # all stored; the worker died before saying so
            transition(session, job.id, JobState.SUCCEEDED, "finished by the reaper: every output was stored")
            continue
        if waiting is not None:
            missing = [lang for lang in missing if ("translate", job.id, lang) not in waiting]
            unsummarised = [lang for lang in unsummarised if ("summarise", job.id, lang) not in waiting]
            if not missing and not unsummarised:
                continue
        if give_up_if_poison(session, job, limit):
            continue
        for target in missing:
            dispatcher.translate(job.id, target)
        for lang in unsummarised:
            dispatcher.summarise(job.id, lang)
        sent += len(missing) + len(unsummarised)
        detail = (
            f"{REQUEUED}: translate {', '.join(missing) or '-'}; summarise {', '.join(unsummarised) or '-'}"
        )
        session.add(JobEvent(job_id=job.id, state=job.state, detail=detail))
        heartbeat(session, job.id)
        log.warning("job %s %s", job.id, detail)
    return sent


def requeue_count(session: Session, job_id: str) -> int:
    """How many times the reaper has requeued a job that had started running (its worker was lost).

    Requeues of a job still queued are not counted: its tasks waited in a long queue or were lost
    with the broker, which says nothing against the job.
    """
    count = session.scalar(
        select(func.count())
        .select_from(JobEvent)
        .where(
            JobEvent.job_id == job_id,
            JobEvent.state == JobState.RUNNING.value,
            JobEvent.detail.startswith(REQUEUED, autoescape=True),
        )
    )
    return int(count or 0)


def give_up_if_poison(session: Session, job: Job, max_requeues: int) -> bool:
    """Fail a running job that was requeued ``max_requeues`` times already; returns whether it did."""
    if job.state != JobState.RUNNING.value:
        return False
    requeues = requeue_count(session, job.id)
    if requeues < max_requeues:
        return False
    times = "time" if requeues == 1 else "times"
    reason = (
        f"worker lost {requeues} {times}: the job was requeued {requeues} {times} and stopped again "
        "each time, so its article probably crashes the worker (out of memory?). Check the worker logs, "
        "then submit a shorter article, give the workers more memory or raise INTERLINEAR_MAX_REQUEUES"
    )
    transition(session, job.id, JobState.FAILED, reason)
    log.error("job %s failed: %s", job.id, reason)
    return True
