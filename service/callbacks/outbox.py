"""A job that ends with a ``callback_url`` gets a pending delivery, in the transaction that ends it."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.storage.tables import CallbackDelivery, Job, utcnow


def record_delivery(session: Session, job_id: str, state: str) -> None:
    """Add the pending delivery of ``job.{state}`` if the job asked for a callback (not committed)."""
    options = session.scalar(select(Job.options).where(Job.id == job_id)) or {}
    url = options.get("callback_url")
    if url:
        session.add(
            CallbackDelivery(
                id=str(uuid.uuid4()),
                job_id=job_id,
                url=url,
                event=f"job.{state}",
                state="pending",
                attempts=0,
                next_attempt_at=utcnow(),
            )
        )
