"""INTERLINEAR_FETCH_TIMEOUT is a deadline for the whole fetch (service/fetching.py), against a
local server on 127.0.0.1 that is slow in each phase: a body sent a byte a second, an answer
that never comes, a chain of slow redirects. Before, the timeout was per read: the slow body ran
for as long as the server liked (20 s here, 124 s in the audit) and then was taken."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from service.fetching import FetchError, fetch_page
from service.settings import Settings
from tests.reliability.harness import free_port
from tests.support import embedded_client, table_counts, wait_for_job

DEADLINE = 2.0
SLOW_BYTES = 20  # the slow body: 20 bytes, one a second, of a declared 100,000


class SlowSite:
    def __init__(self) -> None:
        self.port = free_port()
        self.stop = threading.Event()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if self.path == "/trickle":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Content-Length", "100000")
                    self.end_headers()
                    for _ in range(SLOW_BYTES):
                        if site.stop.is_set():
                            return
                        try:
                            self.wfile.write(b"x")
                            self.wfile.flush()
                        except OSError:
                            return  # the client hung up: what the deadline should do
                        time.sleep(1)
                elif self.path == "/silent":
                    site.stop.wait(SLOW_BYTES)  # accepts, reads the request, never answers
                elif self.path.startswith("/hop"):
                    hop = int(self.path.removeprefix("/hop"))
                    time.sleep(0.7)
                    self.send_response(302)
                    self.send_header("Location", f"/hop{hop + 1}")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                else:
                    body = b"<p>Ein kurzer Artikel.</p>"
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


@pytest.fixture
def site() -> Iterator[SlowSite]:
    served = SlowSite()
    yield served
    served.stop.set()
    served.server.shutdown()
    served.server.server_close()


def settings_for(site: SlowSite) -> Settings:
    return Settings(
        fetch_timeout=DEADLINE, fetch_max_redirects=10, fetch_allowed_hosts=[f"127.0.0.1:{site.port}"]
    )


@pytest.mark.parametrize(
    ("path", "phase"),
    [
        ("/trickle", "while reading the page"),  # each read is quick; the whole is not
        ("/silent", "connecting or waiting for the answer"),
        ("/hop0", "connecting or waiting for the answer"),  # each redirect within the limit, not all
    ],
)
def test_the_fetch_timeout_is_a_deadline_for_the_whole_fetch(site: SlowSite, path: str, phase: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError) as raised:
        fetch_page(site.url(path), settings_for(site))
    elapsed = time.monotonic() - started
    message = str(raised.value)
    assert "within 2 s" in message and "INTERLINEAR_FETCH_TIMEOUT" in message, message
    assert phase in message, message
    # a bound far from the deadline (slow machines) and far below what the server would take
    assert elapsed < DEADLINE + 5, elapsed


def test_a_trickled_body_says_how_much_arrived(site: SlowSite) -> None:
    with pytest.raises(FetchError, match=r"\d+ bytes of the page after 2 s"):
        fetch_page(site.url("/trickle"), settings_for(site))


def test_a_quick_page_is_fetched_and_no_watchdog_fires_later(site: SlowSite) -> None:
    def timers() -> int:
        return sum(isinstance(thread, threading.Timer) for thread in threading.enumerate())

    before = timers()
    fetched = fetch_page(site.url("/quick"), settings_for(site))
    assert fetched.body == b"<p>Ein kurzer Artikel.</p>"
    time.sleep(DEADLINE + 0.5)  # the deadline's timer was cancelled: nothing to shut, nothing raised
    assert timers() <= before, "the fetch left its deadline's timer running"


def test_an_unreachable_port_is_a_connection_error_not_the_deadline() -> None:
    port = free_port()
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0
    settings = Settings(fetch_timeout=DEADLINE, fetch_allowed_hosts=[f"127.0.0.1:{port}"])
    with pytest.raises(FetchError, match="cannot fetch"):
        fetch_page(f"http://127.0.0.1:{port}/", settings)


def test_a_job_for_a_trickling_page_fails_at_the_deadline_saying_so_and_stores_nothing(
    site: SlowSite, tmp_path: Path, tiny_marian_dir: Path
) -> None:
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'f.db'}", broker_url="memory://", model_dir=tiny_marian_dir,
        fetch_timeout=DEADLINE, fetch_allowed_hosts=[f"127.0.0.1:{site.port}"],
    )  # fmt: skip
    with embedded_client(settings) as client:
        response = client.post("/v1/jobs", json={"url": site.url("/trickle"), "targets": ["en"]})
        assert response.status_code == 202, response.text
        job = wait_for_job(client, response.json()["id"], timeout=60)
        assert job["state"] == "failed" and "INTERLINEAR_FETCH_TIMEOUT" in job["error"], job
        assert "while reading the page" in job["error"] and job["document_id"] is None
        assert table_counts(client.app)["documents"] == 0  # type: ignore[arg-type]


HANGING_HOSTS = ("slow-dns.example", "slow-later.example")


@pytest.fixture
def hanging_resolver(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The system resolver (no real DNS here) hangs for the test's host names: always for the
    first, from its second lookup on for the other (the URL's check passes, the connection's
    lookup hangs). Other names resolve as before."""
    real = socket.getaddrinfo
    release = threading.Event()
    asked: list[str] = []

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host in HANGING_HOSTS:
            asked.append(host)
            if host == "slow-dns.example" or asked.count(host) > 1:
                release.wait(SLOW_BYTES)
                raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield asked
    release.set()


@pytest.mark.parametrize(
    ("host", "phase"),
    [
        ("slow-dns.example", "while resolving the host name"),  # the URL's check
        ("slow-later.example", "while resolving, connecting or waiting for the answer"),  # the connection's
    ],
)
def test_the_deadline_covers_the_dns_lookup(hanging_resolver: list[str], host: str, phase: str) -> None:
    """Before, the lookup sat outside the deadline: the fetch waited for the resolver (20 s here)
    and then said "cannot resolve"."""
    started = time.monotonic()
    with pytest.raises(FetchError) as raised:
        fetch_page(f"http://{host}/artikel", Settings(fetch_timeout=DEADLINE))
    elapsed = time.monotonic() - started
    message = str(raised.value)
    assert "within 2 s" in message and "INTERLINEAR_FETCH_TIMEOUT" in message, message
    assert phase in message, message
    assert elapsed < DEADLINE + 5, elapsed
    assert host in hanging_resolver
