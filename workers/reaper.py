"""The reaper, run by every worker: jobs whose tasks were lost get them sent again, without an operator.

Each worker's main process runs :class:`ReaperLoop` in a thread. Every ``reconcile_every``
seconds one of them (whoever takes the lock in Redis first) looks for stale jobs and requeues
what they miss (:func:`service.reconcile.requeue_stale`): a job whose worker was killed, or whose
tasks vanished with a broker restarted without persistence. celery beat may run the same step as
a task (``interlinear.translate_reconcile``); the lock keeps the two from overlapping.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import threading
from typing import Any

from service.dispatch import Dispatcher
from service.settings import Settings

log = logging.getLogger(__name__)

LOCK_KEY = "interlinear:reaper"


def reap(settings: Settings, dispatcher: Dispatcher | None = None, stale_after: float | None = None) -> int:
    """One pass of the reaper, if no other process is in one; returns how many tasks it sent
    (through ``dispatcher``, by default to the workers' broker). ``stale_after`` overrides the
    setting (0: every unfinished job)."""
    from service.dispatch import CeleryDispatcher
    from service.reconcile import requeue_stale
    from service.storage.db import database_for

    lock = _lock(settings)
    if lock is not None and not lock.acquire(blocking=False):
        return 0  # another worker is reaping right now
    try:
        with database_for(settings.database_url).session() as session:
            return requeue_stale(
                session,
                dispatcher or CeleryDispatcher(settings),
                dt.timedelta(seconds=settings.stale_after if stale_after is None else stale_after),
                settings.summaries_enabled,
                settings.max_requeues,
                settings.summaries_inline,
            )
    finally:
        if lock is not None:
            with contextlib.suppress(Exception):  # expired meanwhile, or Redis restarted
                lock.release()


def _lock(settings: Settings) -> Any:
    if not settings.redis_broker:
        return None
    import redis

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
