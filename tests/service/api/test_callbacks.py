"""Job callbacks through the real service (API + in-process worker + tiny model) on SQLite and
PostgreSQL: a signed POST reaches a local receiver; a receiver that is down gets retries until it
is up; URLs the service must not call are refused with 422 and nothing stored."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from service.settings import Settings
from service.storage.tables import CallbackDelivery
from tests.reliability.harness import free_port, wait_until
from tests.support import embedded_client, table_counts, wait_for_job

ARTICLE = "Neue Regeln\n\nDie Regierung hat am Montag neue Regeln angekündigt. Sie gelten ab Januar.\n"


class Receiver:
    """A local HTTP server that records what it is sent (answers 204)."""

    def __init__(self, port: int) -> None:
        self.received: list[tuple[dict[str, str], bytes]] = []
        received = self.received

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                received.append(({k.lower(): v for k, v in self.headers.items()}, body))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def settings(database_url: str, tiny_marian_dir: Path) -> Settings:
    return Settings(
        database_url=database_url,
        broker_url="memory://",
        model_dir=tiny_marian_dir,
        callback_allow_private=True,  # the receiver is on loopback
        callback_backoff=0.2,
        callback_poll=0.1,
    )


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with embedded_client(settings) as test_client:
        yield test_client


def test_signed_callback_arrives_and_a_receiver_that_is_down_gets_retries(client: TestClient) -> None:
    secret = client.post("/v1/callbacks/secret").json()["secret"]
    port = free_port()
    url = f"http://127.0.0.1:{port}/hook"
    job = client.post("/v1/jobs", json={"text": ARTICLE, "targets": ["en"], "callback_url": url}).json()
    assert wait_for_job(client, job["id"], timeout=300)["state"] == "succeeded"

    database = client.app.state.database  # type: ignore[attr-defined]

    def attempts() -> int:
        with database.session() as session:
            return int(session.scalar(select(CallbackDelivery.attempts)) or 0)

    def delivery_state() -> str | None:
        with database.session() as session:
            return session.scalar(select(CallbackDelivery.state))

    wait_until(lambda: attempts() >= 2, 60, "two failed delivery attempts to the receiver that is down")
    receiver = Receiver(port)  # the receiver comes up: the next retry reaches it
    try:
        wait_until(lambda: bool(receiver.received), 60, "the callback to reach the receiver once it is up")
        # the receiver records the POST before it answers; the delivery is marked after the answer
        wait_until(lambda: delivery_state() == "delivered", 60, "the delivery to be marked delivered")
    finally:
        receiver.close()
    headers, body = receiver.received[0]
    expected = hmac.new(
        secret.encode(), headers["x-interlinear-timestamp"].encode() + b"." + body, hashlib.sha256
    )
    assert headers["x-interlinear-signature"] == f"sha256={expected.hexdigest()}"
    assert abs(int(headers["x-interlinear-timestamp"]) - time.time()) < 300
    event = json.loads(body)
    assert event["event"] == "job.succeeded" and event["job"]["id"] == job["id"]
    assert event["job"]["state"] == "succeeded" and event["delivery"] == headers["x-interlinear-delivery"]
    with database.session() as session:
        delivery = session.scalars(select(CallbackDelivery)).one()
        assert delivery.state == "delivered" and delivery.attempts >= 3 and delivery.delivered_at is not None


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "only http and https"),
        ("http://127.0.0.1:8000/hook", "internal address"),
        ("http://169.254.169.254/latest/meta-data/", "internal address"),
        ("http://10.1.2.3/hook", "internal address"),
        ("http://[::1]/hook", "internal address"),
        ("http://localhost/hook", "internal address"),
        ("http://user:pw@example.com/hook", "credentials"),
    ],
)
def test_callback_urls_the_service_must_not_call_are_refused(
    database_url: str, tiny_marian_dir: Path, url: str, reason: str
) -> None:
    settings = Settings(database_url=database_url, broker_url="memory://", model_dir=tiny_marian_dir)
    with embedded_client(settings) as client:
        before = table_counts(client.app)  # type: ignore[arg-type]
        response = client.post("/v1/jobs", json={"text": ARTICLE, "targets": ["en"], "callback_url": url})
        assert response.status_code == 422, response.text
        assert "callback_url refused" in response.json()["detail"] and reason in response.json()["detail"]
        assert table_counts(client.app) == before  # type: ignore[arg-type]


class OddReceiver:
    """A receiver that answers every POST with a redirect to ``location``, or (``location`` None)
    trickles its answer's header lines a byte every half second: it hangs without ever being
    silent long enough for a per-read timeout."""

    def __init__(self, location: str | None) -> None:
        self.port = free_port()
        self.posts = 0
        self.stop = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers["Content-Length"]))
                receiver.posts += 1
                if location is not None:
                    self.send_response(302)
                    self.send_header("Location", location)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                for byte in b"X-Slow: " + b"x" * 40:
                    if receiver.stop.wait(0.5):
                        return
                    try:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                    except OSError:
                        return  # the sender hung up at its deadline
                self.wfile.write(b"\r\nContent-Length: 0\r\n\r\n")

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.stop.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.parametrize("kind", ["redirect", "hangs"])
def test_a_redirect_or_a_receiver_that_hangs_is_not_a_delivery_and_the_record_says_why(
    settings: Settings, kind: str
) -> None:
    """Before: a 302 was marked 'delivered' after one attempt (the event never reached anyone);
    a receiver trickling its answer held the sender for 20 s and was then marked 'delivered'."""
    final = Receiver(free_port())  # where the redirect points: it must get nothing
    odd = OddReceiver(f"http://127.0.0.1:{final.server.server_port}/hook" if kind == "redirect" else None)
    limited = settings.model_copy(update={"callback_max_attempts": 2, "callback_timeout": 1.0})
    try:
        with embedded_client(limited) as client:
            url = f"http://127.0.0.1:{odd.port}/hook"
            job = client.post(
                "/v1/jobs", json={"text": ARTICLE, "targets": ["en"], "callback_url": url}
            ).json()
            assert wait_for_job(client, job["id"], timeout=300)["state"] == "succeeded"
            database = client.app.state.database  # type: ignore[attr-defined]

            def delivery() -> CallbackDelivery:
                with database.session() as session:
                    return session.scalars(select(CallbackDelivery)).one()

            wait_until(lambda: delivery().state != "pending", 15, "the delivery to be given up")
            record = delivery()
    finally:
        odd.close()
        final.close()
    assert record.state == "failed" and record.attempts == 2 and record.delivered_at is None, (
        record.last_error
    )
    assert odd.posts == 2 and not final.received
    if kind == "redirect":
        assert "HTTP 302" in str(record.last_error) and "redirect" in str(record.last_error)
        assert "set callback_url to the receiver's final address" in str(record.last_error)
    else:
        assert "did not answer within 1 s" in str(record.last_error), record.last_error
