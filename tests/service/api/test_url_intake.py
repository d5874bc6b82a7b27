"""Articles by URL through the real service (API + in-process worker + tiny model) on SQLite and
PostgreSQL, against a local web server that the settings allow by host and port (nothing else
internal): fetched, extracted, stored with the page's metadata; SSRF attempts refused with 422
(or, found only when fetching, the job fails) and nothing stored."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.settings import Settings
from tests.reliability.harness import free_port
from tests.support import embedded_client, new_key, table_counts, wait_for_job

PAGE = """<!doctype html><html lang="de"><head><meta charset="utf-8">
<title>Neue Regeln für Drohnen | Beispielzeitung</title>
<link rel="canonical" href="https://news.example/2026/11/drohnen-regeln">
<meta property="article:published_time" content="2026-11-20T08:00:00+01:00">
</head><body><nav><a href="/">Startseite</a> <a href="/politik">Politik</a></nav>
<article><h1>Neue Regeln für Drohnen</h1>
<p>Die Regierung hat am Montag neue Regeln für Drohnen angekündigt. Sie gelten ab Januar und betreffen
alle Geräte über 250 Gramm.</p>
<h2>Kritik aus der Opposition</h2>
<p>{last}</p></article>
<footer>© Beispielzeitung · Impressum · Datenschutz</footer></body></html>"""
FIRST = "Die Opposition hält die Regeln für zu streng. Sie fordert Nachbesserungen bis zum Sommer."
SECOND = "Die Opposition hält die Regeln für zu streng. Sie will im Bundestag dagegen stimmen."


class Site:
    """A local web server: the article, a redirect to it, redirects to internal addresses, an image
    and an oversized page."""

    def __init__(self) -> None:
        self.port = free_port()
        self.last = FIRST
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                routes: dict[str, tuple[int, dict[str, str], bytes]] = {
                    "/article": (200, {"Content-Type": "text/html; charset=utf-8"},
                                 PAGE.format(last=site.last).encode()),
                    "/moved": (301, {"Location": "/article"}, b""),
                    "/long-canonical": (200, {"Content-Type": "text/html; charset=utf-8"},
                                          PAGE.replace("/2026/11/drohnen", "/2026/11/" + "drohnen-" * 40)
                                          .format(last=site.last).encode()),
                    "/to-metadata": (302, {"Location": "http://169.254.169.254/latest/meta-data/"}, b""),
                    "/to-loopback": (302, {"Location": f"http://localhost:{free_port()}/admin"}, b""),
                    "/photo": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n" + b"\0" * 64),
                    "/huge": (200, {"Content-Type": "text/html"}, b"<p>" + b"Wort " * 300_000 + b"</p>"),
                }  # fmt: skip
                if self.path.startswith("/long-address/"):  # a page with no canonical URL, a long address
                    page = PAGE.replace(
                        '<link rel="canonical" href="https://news.example/2026/11/drohnen-regeln">', ""
                    )
                    routes[self.path] = (
                        200,
                        {"Content-Type": "text/html; charset=utf-8"},
                        page.format(last=site.last).encode(),
                    )
                status, headers, body = routes.get(self.path, (404, {}, b"not here"))
                self.send_response(status)
                for name, value in {**headers, "Content-Length": str(len(body))}.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


@pytest.fixture
def site() -> Iterator[Site]:
    served = Site()
    yield served
    served.server.shutdown()
    served.server.server_close()


@pytest.fixture
def client(database_url: str, tiny_marian_dir: Path, site: Site) -> Iterator[TestClient]:
    settings = Settings(
        database_url=database_url,
        broker_url="memory://",
        model_dir=tiny_marian_dir,
        fetch_allowed_hosts=[
            f"127.0.0.1:{site.port}"
        ],  # this server only: every other internal address is refused
        max_article_bytes=1_000_000,
    )
    with embedded_client(settings) as test_client:
        yield test_client


def finished(client: TestClient, body: dict[str, Any]) -> dict[str, Any]:
    response = client.post("/v1/jobs", json=body)
    assert response.status_code == 202, response.text
    return wait_for_job(client, response.json()["id"], timeout=300)


def test_fetched_extracted_stored_with_metadata_and_updated_as_a_revision(
    client: TestClient, site: Site
) -> None:
    job = finished(client, {"url": site.url("/moved"), "targets": ["en"]})
    assert job["state"] == "succeeded", job
    document = client.get(f"/v1/documents/{job['document_id']}").json()
    assert document["external_id"] == "https://news.example/2026/11/drohnen-regeln"
    assert document["title"] == "Neue Regeln für Drohnen"
    assert document["date"] == "2026-11-20"
    texts = [s["text"] for s in document["front_matter"]] + [
        seg["text"] for section in document["sections"] for seg in section["segments"]
    ]
    assert any("Die Regierung hat am Montag" in t for t in texts)
    assert not any("Impressum" in t or "Startseite" in t for t in texts)  # page chrome left out
    assert all("en" in seg["translations"] for section in document["sections"] for seg in section["segments"]
               if seg["translatable"])  # fmt: skip

    site.last = SECOND  # the page is updated: fetching it again makes revision 2
    again = finished(client, {"url": site.url("/article"), "targets": ["en"]})
    assert again["state"] == "succeeded", again
    revisions = client.get(f"/v1/documents/{again['document_id']}/revisions").json()
    assert [r["revision"] for r in revisions] == [1, 2] and revisions[0]["id"] == job["document_id"]


def test_a_canonical_url_that_is_no_id_is_not_taken(client: TestClient, site: Site) -> None:
    """The canonical URL becomes the document's external_id: one that a client's id would be
    refused for (service.external_ids: here over 300 characters, the column's length, which failed
    the job on PostgreSQL) is not taken; the URL the page was fetched from is the id instead. (A
    hidden character in it, the rule's other refusal, comes percent-encoded from trafilatura.)"""
    job = finished(client, {"url": site.url("/long-canonical"), "targets": ["en"]})
    assert job["state"] == "succeeded", job
    document = client.get(f"/v1/documents/{job['document_id']}").json()
    assert document["external_id"] == site.url("/long-canonical")


def test_a_long_address_with_no_canonical_url_stores_the_article_without_an_id(
    client: TestClient, site: Site
) -> None:
    """A URL job's address may be up to 2,000 characters (tracking parameters); where the page
    names no canonical URL and the address is over the id's 300, the article is stored with no
    external_id (it failed the job on PostgreSQL, whose column holds 300)."""
    url = site.url("/long-address/" + "drohnen-" * 40 + "?utm_source=" + "x" * 40)
    assert len(url) > 300
    job = finished(client, {"url": url, "targets": ["en"]})
    assert job["state"] == "succeeded", job
    document = client.get(f"/v1/documents/{job['document_id']}").json()
    assert document["external_id"] is None


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "only http and https"),
        ("http://169.254.169.254/latest/meta-data/", "internal address"),
        ("http://10.0.0.5/article", "internal address"),
        ("http://192.168.1.1/", "internal address"),
        ("http://localhost:9/", "internal address"),
        ("http://[64:ff9b::7f00:1]/", "points to 127.0.0.1"),  # NAT64: found from outside
        ("http://[2002:a00:5::1]/", "points to 10.0.0.5"),  # 6to4
    ],
)
def test_internal_or_non_http_urls_are_refused_with_422(client: TestClient, url: str, reason: str) -> None:
    before = table_counts(client.app)  # type: ignore[arg-type]
    response = client.post("/v1/jobs", json={"url": url, "targets": ["en"]})
    assert response.status_code == 422 and "url refused" in response.json()["detail"], response.text
    assert reason in response.json()["detail"]
    assert table_counts(client.app) == before  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/to-metadata", "169.254.169.254"),
        ("/to-loopback", "internal address"),
        ("/photo", "not a web page"),
        ("/huge", "larger than"),
        ("/missing", "HTTP 404"),
    ],
)
def test_what_is_found_only_when_fetching_fails_the_job_and_stores_nothing(
    client: TestClient, site: Site, path: str, reason: str
) -> None:
    job = finished(client, {"url": site.url(path), "targets": ["en"]})
    assert job["state"] == "failed" and reason in job["error"], job
    assert job["document_id"] is None
    assert table_counts(client.app)["documents"] == 0  # type: ignore[arg-type]


def test_text_and_url_together_are_refused(client: TestClient, site: Site) -> None:
    response = client.post(
        "/v1/jobs", json={"text": "Ein Satz.", "url": site.url("/article"), "targets": ["en"]}
    )
    assert response.status_code == 422 and "exactly one" in str(response.json()["detail"])


def test_a_fetched_page_counts_against_the_quota_of_the_key_that_sent_it(
    client: TestClient, site: Site
) -> None:
    """The page's size is known only once it is fetched: the worker charges it to the submitting
    key then, and a page that would pass that key's daily quota fails the job and stores nothing."""
    from sqlalchemy import select

    from service.storage.tables import Document, UsageRow

    app = client.app
    small = new_key(app, "tests", daily_chars=200)  # type: ignore[arg-type]
    body = {"url": site.url("/article"), "targets": ["en"]}
    response = client.post("/v1/jobs", json=body, headers={"Authorization": f"Bearer {small}"})
    assert response.status_code == 202, response.text
    job = wait_for_job(client, response.json()["id"], timeout=300)
    assert job["state"] == "failed" and "daily quota of 200 characters" in job["error"], job
    assert job["document_id"] is None
    counts = table_counts(app)  # type: ignore[arg-type]
    assert counts["documents"] == 0 and counts["usage"] == 0

    enough = new_key(app, "tests", daily_chars=5_000)  # type: ignore[arg-type]
    response = client.post("/v1/jobs", json=body, headers={"Authorization": f"Bearer {enough}"})
    job = wait_for_job(client, response.json()["id"], timeout=300)
    assert job["state"] == "succeeded", job
    with app.state.database.session() as session:  # type: ignore[attr-defined]
        stored = session.scalar(select(Document.source_text).where(Document.id == job["document_id"]))
        charged = [(row.kind, row.chars) for row in session.scalars(select(UsageRow))]
    assert stored and charged == [("job", len(stored))]


def test_fetches_of_one_page_at_the_same_moment_store_one_document_within_the_quota(
    database_url: str, tiny_marian_dir: Path, site: Site
) -> None:
    """Four jobs fetch the same page at once (the worker's fetch step in four threads, as four task
    threads would): the first revision is inserted once (the losers of that race find it), and the
    key's quota, enough for two fetches, is charged for exactly two on PostgreSQL (its row locked);
    the other two jobs fail saying so."""
    from concurrent.futures import ThreadPoolExecutor

    from sqlalchemy import func, select, update

    from service.api_keys import Principal, charge_options, create_key
    from service.job_records import create_job
    from service.storage.db import Database
    from service.storage.tables import ApiKey, Document, Job, UsageRow
    from workers.model_cache import ModelCache
    from workers.task_bodies import PermanentError, run_fetch

    settings = Settings(database_url=database_url, model_dir=tiny_marian_dir,
                        fetch_allowed_hosts=[f"127.0.0.1:{site.port}"], summaries_enabled=False)  # fmt: skip
    database = Database(database_url, upgrade=True)
    page_chars = 0
    with database.session() as session:
        row, _ = create_key(session, "tests", daily_chars=100_000)
        jobs = []
        for n in range(4):
            job, _ = create_job(session, None, None, ["en"], f"digest-{n}", tenant="tests",
                                options={"url": site.url("/article"), "charge_key": row.id})  # fmt: skip
            jobs.append(job.id)
    cache = ModelCache(settings)

    class Sent:  # where the fetch step sends the job's next tasks
        def translate(self, job_id: str, target_lang: str, bulk: bool = False) -> None: ...

        def summarise(self, job_id: str, lang: str) -> None: ...

    # The quota: what two fetches of the page take (its size, measured by one fetch in a scratch job).
    def fetch(job_id: str) -> str:
        with database.session() as session:
            try:
                run_fetch(session, cache, job_id, Sent())
            except PermanentError as exc:
                return str(exc)
            return "stored"

    with database.session() as session:
        scratch, _ = create_job(session, None, None, ["en"], "digest-scratch", tenant="tests",
                                options={"url": site.url("/article")})  # fmt: skip
    assert fetch(scratch.id) == "stored"
    with database.session() as session:
        page_chars = len(session.scalar(select(Document.source_text)) or "")
        session.execute(update(ApiKey).where(ApiKey.id == row.id).values(daily_chars=2 * page_chars))
        session.commit()
    for job_id in jobs:  # the limit the API would have put in the job's options
        with database.session() as session:
            stored = session.get(Job, job_id)
            assert stored is not None
            stored.options = {
                **(stored.options or {}),
                **charge_options(Principal("tests", row.id, daily_chars=2 * page_chars)),
            }
            session.commit()
    with ThreadPoolExecutor(4) as pool:
        outcomes = list(pool.map(fetch, jobs))
    assert all(o == "stored" or "daily quota" in o for o in outcomes), outcomes
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 1  # the same page: one document
        charged = session.scalar(select(func.sum(UsageRow.chars)).where(UsageRow.key_id == row.id))
    database.engine.dispose()
    if database_url.startswith("sqlite"):
        # SQLite has no row locks: fetches at the same moment can pass the quota together. The
        # embedded worker runs one task at a time, so only Celery threads on SQLite can race here.
        return
    assert sorted(o if o == "stored" else "quota" for o in outcomes) == ["quota", "quota", "stored", "stored"]
    assert charged == 2 * page_chars
