"""Requeue jobs whose tasks were lost (a broker restarted without persistence, a purge).

Safe to run at any time and as often as wanted: translation tasks are idempotent, so a job
that was only slow gets a duplicate task that finds nothing left to do.
"""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy.orm import Session

from service.dispatch import Dispatcher
from service.jobs import heartbeat, job_progress, stale_jobs, summarised_languages
from service.storage.tables import JobEvent

log = logging.getLogger(__name__)


def requeue_stale(
    session: Session, dispatcher: Dispatcher, older_than: dt.timedelta, with_summaries: bool = True
) -> int:
    """Send the missing tasks of stale jobs again; returns how many were sent."""
    sent = 0
    for job in stale_jobs(session, older_than):
        progress = job_progress(session, job)
        missing = [lang for lang, p in progress.items() if p.done < p.total]
        for target in missing:
            dispatcher.translate(job.id, target)
        # Summaries of the source and of every fully translated language that has none yet.
        ready = [job.source_lang or "", *(lang for lang in job.targets if lang not in missing)]
        done = summarised_languages(session, job)
        unsummarised = [lang for lang in ready if lang not in done] if with_summaries else []
        for lang in unsummarised:
            dispatcher.summarise(job.id, lang)
        sent += len(missing) + len(unsummarised)
        detail = (
            f"requeued: translate {', '.join(missing) or '-'}; summarise {', '.join(unsummarised) or '-'}"
        )
        session.add(JobEvent(job_id=job.id, state=job.state, detail=detail))
        heartbeat(session, job.id)
        log.warning("job %s %s", job.id, detail)
    return sent
