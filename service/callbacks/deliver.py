"""Sending due callbacks: a POST per delivery, signed, retried with backoff until the receiver
answers 2xx or the attempts run out.

Every worker runs :class:`CallbackLoop` (and so does the API with its embedded worker). A sender
claims a delivery by moving its ``next_attempt_at`` forward by a lease before sending, so two
senders do not send it at the same moment; a sender killed mid-send leaves it to be sent again
when the lease ends. Delivery is therefore at least once: receivers deduplicate by
``X-Interlinear-Delivery``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
import time

import httpx
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from service.callbacks.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER, signature, tenant_secret
from service.netguard import UnsafeURL, check_url
from service.settings import Settings
from service.storage.tables import CallbackDelivery, Job, utcnow

log = logging.getLogger(__name__)

LEASE = dt.timedelta(seconds=60)  # longer than one POST may take (its timeout)


def payload(job: Job, delivery: CallbackDelivery) -> bytes:
    body = {
        "event": delivery.event,
        "delivery": delivery.id,
        "job": {
            "id": job.id,
            "state": job.state,
            "document_id": job.document_id,
            "targets": list(job.targets),
            "error": job.error,
            "links": {"self": f"/v1/jobs/{job.id}"}
            | ({"document": f"/v1/documents/{job.document_id}"} if job.document_id else {}),
        },
    }
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()


def deliver_due(session: Session, settings: Settings, client: httpx.Client, limit: int = 20) -> int:
    """Send the deliveries that are due; returns how many were delivered."""
    now = utcnow()
    due = session.scalars(
        select(CallbackDelivery)
        .where(CallbackDelivery.state == "pending", CallbackDelivery.next_attempt_at <= now)
        .order_by(CallbackDelivery.next_attempt_at)
        .limit(limit)
    ).all()
    delivered = 0
    for delivery in due:
        claimed = session.execute(
            update(CallbackDelivery)
            .where(
                CallbackDelivery.id == delivery.id,
                CallbackDelivery.next_attempt_at == delivery.next_attempt_at,
            )
            .values(next_attempt_at=now + LEASE)
        )
        session.commit()
        if not getattr(claimed, "rowcount", 0):
            continue  # another sender took it
        delivered += _send(session, settings, client, delivery.id)
    return delivered


def _send(session: Session, settings: Settings, client: httpx.Client, delivery_id: str) -> int:
    delivery = session.get(CallbackDelivery, delivery_id)
    job = session.get(Job, delivery.job_id) if delivery is not None else None
    if delivery is None or job is None:
        return 0
    body = payload(job, delivery)
    stamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "Interlinear-Callback/1",
        "X-Interlinear-Event": delivery.event,
        "X-Interlinear-Delivery": delivery.id,
        TIMESTAMP_HEADER: stamp,
        SIGNATURE_HEADER: signature(tenant_secret(session, job.tenant), stamp, body),
    }
    delivery.attempts += 1
    try:
        check_url(delivery.url, settings.callback_allow_private)  # resolved again: it may have changed
        response = client.post(delivery.url, content=body, headers=headers)
    except UnsafeURL as exc:
        return _give_up(session, delivery, str(exc))
    except httpx.HTTPError as exc:
        return _retry(session, settings, delivery, f"{type(exc).__name__}: {exc}")
    if 200 <= response.status_code < 300:
        delivery.state = "delivered"
        delivery.delivered_at = utcnow()
        delivery.last_error = None
        session.commit()
        log.info("callback %s of job %s delivered to %s", delivery.event, job.id, delivery.url)
        return 1
    return _retry(session, settings, delivery, f"the receiver answered HTTP {response.status_code}")


def _retry(session: Session, settings: Settings, delivery: CallbackDelivery, error: str) -> int:
    if delivery.attempts >= settings.callback_max_attempts:
        return _give_up(session, delivery, error)
    wait = min(settings.callback_backoff * 2 ** (delivery.attempts - 1), settings.callback_backoff_max)
    delivery.last_error = error
    delivery.next_attempt_at = utcnow() + dt.timedelta(seconds=wait)
    session.commit()
    log.warning("callback %s to %s failed (%s); attempt %d in %.1f s", delivery.id, delivery.url, error,
                delivery.attempts + 1, wait)  # fmt: skip
    return 0


def _give_up(session: Session, delivery: CallbackDelivery, error: str) -> int:
    delivery.state = "failed"
    delivery.last_error = error
    session.commit()
    log.error(
        "callback %s to %s given up after %d attempts: %s",
        delivery.id,
        delivery.url,
        delivery.attempts,
        error,
    )
    return 0


class CallbackLoop:
    """A daemon thread that sends due callbacks every ``settings.callback_poll`` seconds."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, name="interlinear-callbacks", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.stopped.set()
        if self.thread.is_alive():
            self.thread.join(timeout=self.settings.callback_timeout + 5)

    def _run(self) -> None:
        from service.storage.db import database_for

        # No redirects: a redirect could lead to an address the URL check refused.
        with httpx.Client(timeout=self.settings.callback_timeout, follow_redirects=False) as client:
            while not self.stopped.wait(self.settings.callback_poll):
                try:
                    with database_for(self.settings.database_url).session() as session:
                        deliver_due(session, self.settings, client)
                except Exception as exc:  # the database restarting: the next round tries again
                    log.warning("callbacks: round failed (%s: %s)", type(exc).__name__, exc)
