"""The reaper, run by every worker: jobs whose tasks were lost get them sent again, without an operator.

Each worker's main process runs :class:`ReaperLoop` in a thread. Every ``reconcile_every``
seconds one of them (whoever takes the lock in Redis first) looks for stale jobs and requeues
what they miss (:func:`requeue_stale`): a job whose worker was killed, or whose tasks vanished
with a broker restarted without persistence. celery beat may run the same step as a task
(``interlinear.translate_reconcile``); the lock keeps the two from overlapping.

:func:`requeue_stale` is safe to run at any time and as often as wanted: translation tasks are
idempotent, so a job that was only slow gets a duplicate task that finds nothing left to do. A
job that went silent again after ``max_requeues`` requeues while running (counted from its
"requeued" events) is failed instead: it is poison (it keeps killing its worker), and sending it
again would never end.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import threading
from typing import Any

import redis
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
from service.priorities import priority_of
from service.settings import Settings
from service.storage.db import database_for
from service.storage.tables import Job, JobEvent
from workers.dispatchers import CeleryDispatcher

log = logging.getLogger(__name__)

LOCK_KEY = "interlinear:reaper"
REQUEUED = "requeued"  # how the detail of every requeue event starts


def reap(settings: Settings, dispatcher: Dispatcher | None = None, stale_after: float | None = None) -> int:
    """One pass of the reaper, if no other process is in one; returns how many tasks it sent
    (through ``dispatcher``, by default to the workers' broker). ``stale_after`` overrides the
    setting (0: every unfinished job)."""
    lock = _lock(settings)
    if lock is not None and not lock.acquire(blocking=False):
        return 0  # another worker is reaping right now
    try:
        with database_for(settings.database_url).session() as session:
            return requeue_stale(
                session,
                dispatcher or CeleryDispatcher(settings),
                dt.timedelta(seconds=settings.stale_after if stale_after is None else stale_after),
                settings,
            )
    finally:
        if lock is not None:
            with contextlib.suppress(Exception):  # expired meanwhile, or Redis restarted
                lock.release()


def _lock(settings: Settings) -> Any:
    if not settings.redis_broker:
        return None
    client = redis.Redis.from_url(settings.broker_url, socket_timeout=10)
    # Expires by itself if its holder dies in the middle of a pass.
    return client.lock(LOCK_KEY, timeout=max(60, 2 * settings.reconcile_every))


class ReaperLoop:
    """A daemon thread that calls :func:`reap` every ``settings.reconcile_every`` seconds (the first
    time at once). With the embedded queue the API process runs one with its in-process
    ``dispatcher``: a job left unfinished when the process was killed is sent to it again, at once
    (``orphans_at_start``: no other process can be running it, so the first pass takes every
    unfinished job, not only those silent for ``stale_after``)."""

    def __init__(
        self, settings: Settings, dispatcher: Dispatcher | None = None, orphans_at_start: bool = False
    ) -> None:
        self.settings = settings
        self.dispatcher = dispatcher
        self.orphans_at_start = orphans_at_start
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, name="interlinear-reaper", daemon=True)

    def start(self) -> None:
        log.info(
            "reaper: every %d s, requeueing jobs silent for %d s", self.settings.reconcile_every,
            self.settings.stale_after,
        )  # fmt: skip
        self.thread.start()

    def stop(self) -> None:
        self.stopped.set()

    def _run(self) -> None:
        wait = 0.0
        stale_after: float | None = 0 if self.orphans_at_start else None
        while not self.stopped.wait(wait):
            wait = self.settings.reconcile_every
            try:
                sent = reap(self.settings, self.dispatcher, stale_after)
                stale_after = None
            except Exception as exc:  # the database or broker down: the next pass tries again
                log.warning("reaper: pass failed (%s: %s); trying again later", type(exc).__name__, exc)
                continue
            if sent:
                log.warning("reaper: requeued %d task(s) of stale jobs", sent)


def requeue_stale(
    session: Session,
    dispatcher: Dispatcher,
    older_than: dt.timedelta,
    settings: Settings,
    max_requeues: int | None = None,
) -> int:
    """Send the missing tasks of stale jobs again; returns how many were sent.

    A stale job already requeued ``max_requeues`` times (default: ``settings.max_requeues``) is
    failed instead. Summaries are sent where ``settings`` makes them (``summaries_enabled``), as
    tasks of their own unless a language's task makes them (``summaries_inline``).
    """
    limit = settings.max_requeues if max_requeues is None else max_requeues
    inline = settings.summaries_inline
    with_summaries = settings.summaries_enabled
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
            dispatcher.fetch(job.id, priority_of(job))
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
            dispatcher.translate(job.id, target, priority_of(job))
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
