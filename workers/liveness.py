"""A running task marks its job alive on a timer, so that the reaper tells a slow job from a lost one.

Progress alone is not enough: one batch of a large model can take longer than the reaper waits.
The timer runs in a thread of the task's process with a session of its own; it stops with the
task, and dies with the process, which is exactly when the job should go stale.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from service.job_records import heartbeat

log = logging.getLogger(__name__)


@contextmanager
def keep_alive(
    engine: Engine, job_id: str, every: float, what: str = "task", redelivered_after: float | None = None
) -> Iterator[None]:
    """Mark the job alive every ``every`` seconds while the block runs. ``redelivered_after``: the
    broker's visibility timeout, past which the task is warned about once (the broker hands a task
    not acknowledged by then to another worker, which runs it again at the same time)."""
    stop = threading.Event()
    started = time.monotonic()
    warned = redelivered_after is None

    def beat() -> None:
        nonlocal warned
        while not stop.wait(every):
            if not warned and time.monotonic() - started > redelivered_after:  # type: ignore[operator]
                warned = True
                log.warning(
                    "job %s: %s has run %.0f s, longer than the broker's visibility timeout (%.0f s): "
                    "another worker may be running it again at the same time (its outputs are still "
                    "stored once); set INTERLINEAR_VISIBILITY_TIMEOUT above the longest task",
                    job_id,
                    what,
                    time.monotonic() - started,
                    redelivered_after,
                )
            try:
                with Session(engine) as session:
                    heartbeat(session, job_id)
            except Exception as exc:  # the database restarting: the next beat tries again
                log.warning("job %s: could not mark it alive (%s)", job_id, exc)

    thread = threading.Thread(target=beat, name=f"keep-alive-{job_id[:8]}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=10)
