"""A running task marks its job alive on a timer, so that the reaper tells a slow job from a lost one.

Progress alone is not enough: one batch of a large model can take longer than the reaper waits.
The timer runs in a thread of the task's process with a session of its own; it stops with the
task, and dies with the process, which is exactly when the job should go stale.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from service.jobs import heartbeat

log = logging.getLogger(__name__)


@contextmanager
def keep_alive(engine: Engine, job_id: str, every: float) -> Iterator[None]:
    stop = threading.Event()

    def beat() -> None:
        while not stop.wait(every):
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
