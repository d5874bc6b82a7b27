"""Sending due callbacks: a POST per delivery, signed, retried with backoff until the receiver
answers 2xx or the attempts run out.

Every worker runs :class:`CallbackLoop` (and so does the API with its embedded worker). A sender
claims a delivery by moving its ``next_attempt_at`` forward by a lease before sending, so two
senders do not send it at the same moment; a sender killed mid-send leaves it to be sent again
when the lease ends. Delivery is therefore at least once: receivers deduplicate by
``X-Interlinear-Delivery``.

Only a 2xx answer is a delivery. A redirect (3xx) is not followed (its target would need the
address checks again, and a receiver that moved should be configured with its new URL): it is
recorded as a failed attempt naming the status and the ``Location``, and retried like any other
failure, so a receiver fixed in the meantime still gets the event. Each POST runs under a total
deadline of ``callback_timeout`` seconds (:class:`service.http_deadline.Deadline`), so a receiver
that hangs or trickles its answer is a failed attempt too. The delivery's ``last_error`` says
what happened at the last failed attempt. No database transaction stays open during the POST.
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
from service.http_deadline import Deadline
from service.netguard import UnsafeURL, check_url
from service.settings import Settings
from service.storage.tables import CallbackDelivery, Job, utcnow

log = logging.getLogger(__name__)

LEASE = dt.timedelta(seconds=60)  # longer than one POST may take (callback_timeout, plus this)


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
    due = session.execute(
        select(CallbackDelivery.id, CallbackDelivery.next_attempt_at)
        .where(CallbackDelivery.state == "pending", CallbackDelivery.next_attempt_at <= now)
        .order_by(CallbackDelivery.next_attempt_at)
        .limit(limit)
    ).all()
    session.rollback()  # a read: no transaction stays open between the sends
    lease = LEASE + dt.timedelta(seconds=settings.callback_timeout)
    delivered = 0
    for delivery_id, due_at in due:
        claimed = session.execute(
            update(CallbackDelivery)
            .where(CallbackDelivery.id == delivery_id, CallbackDelivery.next_attempt_at == due_at)
            .values(next_attempt_at=now + lease)
        )
        session.commit()
        if not getattr(claimed, "rowcount", 0):
            continue  # another sender took it
        delivered += _send(session, settings, client, delivery_id)
    return delivered


def _send(session: Session, settings: Settings, client: httpx.Client, delivery_id: str) -> int:
    delivery = session.get(CallbackDelivery, delivery_id)
    job = session.get(Job, delivery.job_id) if delivery is not None else None
    if delivery is None or job is None:
        session.rollback()
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
    session.commit()  # ends the read: no transaction is open while the receiver answers
    delivery.attempts += 1  # written with the attempt's outcome
    try:
        check_url(delivery.url, settings.callback_allow_private)  # resolved again: it may have changed
    except UnsafeURL as exc:
        return _give_up(session, delivery, str(exc))
    deadline = Deadline(settings.callback_timeout)
    try:
        request = client.build_request(
            "POST", delivery.url, content=body, headers=headers, timeout=deadline.timeout(),
            extensions={"trace": deadline.trace},
        )  # fmt: skip
        response = client.send(request, stream=True)  # the status is the answer: its body is not read
        response.close()
    except httpx.HTTPError as exc:
        if deadline.passed or isinstance(exc, httpx.TimeoutException):
            return _retry(session, settings, delivery, _too_slow(settings))
        return _retry(session, settings, delivery, f"{type(exc).__name__}: {exc}")
    finally:
        deadline.cancel()
    if deadline.passed:
        return _retry(session, settings, delivery, _too_slow(settings))
    if 200 <= response.status_code < 300:
        delivery.state = "delivered"
        delivery.delivered_at = utcnow()
        delivery.last_error = None
        session.commit()
        log.info("callback %s of job %s delivered to %s", delivery.event, job.id, delivery.url)
        return 1
    if response.is_redirect:
        where = response.headers.get("location", "")
        return _retry(session, settings, delivery,
                      f"the receiver answered HTTP {response.status_code}, a redirect to {where[:300]!r}: "
                      "not delivered (redirects are not followed); set callback_url to the receiver's "
                      "final address")  # fmt: skip
    return _retry(session, settings, delivery, f"the receiver answered HTTP {response.status_code}")


def _too_slow(settings: Settings) -> str:
    return (
        f"the receiver did not answer within {settings.callback_timeout:g} s "
        "(INTERLINEAR_CALLBACK_TIMEOUT, for the whole request: connecting, sending and its answer)"
    )


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

        # No redirects: a redirect could lead to an address the URL check refused. No kept-alive
        # connections: each POST's deadline watches the connection it opens (Deadline).
        limits = httpx.Limits(max_keepalive_connections=0)
        with httpx.Client(
            timeout=self.settings.callback_timeout, follow_redirects=False, limits=limits
        ) as client:
            while not self.stopped.wait(self.settings.callback_poll):
                try:
                    with database_for(self.settings.database_url).session() as session:
                        deliver_due(session, self.settings, client)
                except Exception as exc:  # the database restarting: the next round tries again
                    log.warning("callbacks: round failed (%s: %s)", type(exc).__name__, exc)
