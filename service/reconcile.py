"""Requeue jobs whose tasks were lost (a broker restarted without persistence, a purge).

Safe to run at any time and as often as wanted: translation tasks are idempotent, so a job
that was only slow gets a duplicate task that finds nothing left to do.
"""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy.orm import Session

from service.dispatch import Dispatcher
from service.jobs import heartbeat, job_progress, stale_jobs
from service.storage.tables import JobEvent

log = logging.getLogger(__name__)


def requeue_stale(session: Session, dispatcher: Dispatcher, older_than: dt.timedelta) -> int:
    """Send the missing (job, language) tasks of stale jobs again; returns how many were sent."""
    sent = 0
    for job in stale_jobs(session, older_than):
        missing = [lang for lang, p in job_progress(session, job).items() if p.done < p.total]
        for target in missing or job.targets:
            dispatcher.translate(job.id, target)
            sent += 1
        session.add(
            JobEvent(job_id=job.id, state=job.state, detail=f"requeued: {', '.join(missing or job.targets)}")
        )
        heartbeat(session, job.id)
        log.warning("requeued stale job %s (%s)", job.id, ", ".join(missing or job.targets))
    return sent
