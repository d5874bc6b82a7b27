"""The reaper, run by every worker: jobs whose tasks were lost get them sent again, without an operator.

Each worker's main process runs :class:`ReaperLoop` in a thread. Every ``reconcile_every``
seconds one of them (whoever takes the lock in Redis first) looks for stale jobs and requeues
what they miss (:func:`requeue_stale`): a job whose worker was killed, or whose tasks vanished
with a broker restarted without persistence. celery beat may run the same step as a task
(``interlinear.translate_reconcile``); the lock keeps the two from overlapping.

The lock lives only a few seconds (:func:`lock_ttl`: ``reconcile_every``, from 5 to 10 s), and a
small thread of the pass that holds it renews it while the pass runs, so a worker killed in the
middle of a pass holds the other reapers up for those few seconds only, however long a pass may
take. A pass stuck for longer than :func:`max_hold` stops renewing it, so that a worker hung on
the database or the broker does not keep every other reaper out. A pass that loses its lock
(Redis restarted or stalled) goes on and says so in the log; another reaper may then run beside
it, which is harmless.

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
import time
from collections.abc import Iterator

import redis
from redis.exceptions import LockError
from redis.lock import Lock
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
    setting (0: every unfinished job). Safe to call from several threads and processes at once
    (each worker's :class:`ReaperLoop`, celery beat's task): one of them runs the pass, the others
    return 0 at once."""
    with _pass_lock(settings) as ours:
        if not ours:
            return 0  # another worker is reaping right now
        with database_for(settings.database_url).session() as session:
            return requeue_stale(
                session,
                dispatcher or CeleryDispatcher(settings),
                dt.timedelta(seconds=settings.stale_after if stale_after is None else stale_after),
                settings,
            )


def lock_ttl(settings: Settings) -> float:
    """Seconds the reapers' lock lives in Redis unless its holder renews it: ``reconcile_every``,
    from 5 to 10 s. A worker killed in the middle of a pass holds the other reapers up this long
    (one of their passes at most, with the default 30 s between passes)."""
    return float(min(10, max(5, settings.reconcile_every)))


def max_hold(settings: Settings) -> float:
    """Seconds after which a pass stops renewing its lock: ``2 * reconcile_every``, at least 60 s
    (no pass takes that long unless it is stuck on the database or the broker)."""
    return float(max(60, 2 * settings.reconcile_every))


@contextlib.contextmanager
def _pass_lock(settings: Settings) -> Iterator[bool]:
    """Yields whether this process may run a pass now: True with the embedded queue (one process),
    else whether it took the lock in Redis, which it then renews until the pass ends and releases."""
    if not settings.redis_broker:
        yield True
        return
    ttl = lock_ttl(settings)
    renew_every = ttl / 5  # four renewals may fail (a Redis stall) before the lock expires
    client = redis.Redis.from_url(
        settings.broker_url, socket_timeout=renew_every, socket_connect_timeout=renew_every
    )
    try:
        # thread_local=False: the keeper's thread renews the token this thread took.
        lock = client.lock(LOCK_KEY, timeout=ttl, thread_local=False)
        if not lock.acquire(blocking=False):
            yield False
            return
        keeper = _LockKeeper(lock, renew_every, max_hold(settings))
        try:
            yield True
        finally:
            keeper.release()
    finally:
        client.close()


class _LockKeeper:
    """A daemon thread that renews a held lock every ``renew_every`` seconds (back to its full
    timeout) until :meth:`release`, or until the lock is lost or held ``max_hold`` seconds."""

    def __init__(self, lock: Lock, renew_every: float, max_hold: float) -> None:
        self.lock = lock
        self.renew_every = renew_every
        self.max_hold = max_hold
        self.done = threading.Event()
        self.given_up = False  # the log already says why the lock is no longer held
        self.thread = threading.Thread(target=self._renew, name="interlinear-reaper-lock", daemon=True)
        self.thread.start()

    def _renew(self) -> None:
        started = time.monotonic()
        failing = False
        while not self.done.wait(self.renew_every):
            held = time.monotonic() - started
            if held >= self.max_hold:
                self.given_up = True
                log.warning(
                    "reaper: pass still running after %d s (stuck on the database or the broker?); "
                    "no longer renewing its lock, so that other workers' reapers can run", held,
                )  # fmt: skip
                return
            try:
                self.lock.reacquire()
            except LockError as exc:  # not ours any more (LockNotOwnedError): expired or gone
                if self.done.is_set():  # released meanwhile: the pass is over
                    return
                self.given_up = True
                log.warning(
                    "reaper: lost its lock in Redis in the middle of a pass (Redis restarted, or "
                    "stalled for over %d s: %s); the pass goes on, and another worker's reaper may "
                    "run beside it (harmless: requeueing is idempotent)", self.lock.timeout, exc,
                )  # fmt: skip
                return
            except redis.RedisError as exc:  # unreachable for now: the lock may still be there
                if not failing:
                    log.warning(
                        "reaper: could not renew its lock (%s: %s); trying again", type(exc).__name__, exc
                    )
                failing = True
            else:
                if failing:
                    log.info("reaper: renewed its lock again")
                failing = False

    def release(self) -> None:
        """Stop renewing, and release the lock if it is still ours; never raises."""
        self.done.set()
        self.thread.join(timeout=10 * self.renew_every)
        try:
            self.lock.release()
        except LockError as exc:
            if not self.given_up:
                log.warning(
                    "reaper: its lock had gone from Redis before the pass ended (Redis restarted, "
                    "or stalled: %s); another worker's reaper may have run beside it (harmless)", exc,
                )  # fmt: skip
        except redis.RedisError as exc:
            log.warning(
                "reaper: could not release its lock (%s: %s); it expires by itself within %d s",
                type(exc).__name__, exc, self.lock.timeout,
            )  # fmt: skip


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
            held = {lang for lang in job.targets if ("translate", job.id, lang) in waiting}
            missing = [lang for lang in missing if lang not in held]
            # where a language's task makes the summaries, a task still held or waiting makes its
            # language's and the source's: a live task storing them is not sent again
            covered = (held | {job.source_lang or ""}) if inline and held else set()
            unsummarised = [
                lang
                for lang in unsummarised
                if ("summarise", job.id, lang) not in waiting and lang not in covered
            ]
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
