"""Helpers shared by API tests: a test client that talks to the app as an authenticated tenant."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from service.api_keys import create_key
from service.ingest import store_article
from service.parse import parse_article
from service.settings import Settings
from service.storage.tables import Document, SegmentRow

# Tests poll job state many times a second; the default limit is for real clients.
TEST_RATE_LIMIT = "100000/minute"


def new_key(
    app: FastAPI,
    tenant: str,
    rate_limit: str = TEST_RATE_LIMIT,
    daily_chars: int | None = None,
    role: str = "admin",
    name: str | None = None,
    max_priority: str | None = None,
) -> str:
    """Create an API key of ``tenant`` (an admin unless ``role`` says otherwise) in the app's
    database; returns the key."""
    with app.state.database.session() as session:
        _, key = create_key(
            session,
            tenant,
            name=name,
            rate_limit=rate_limit,
            daily_chars=daily_chars,
            role=role,
            max_priority=max_priority,
        )
    return key


@contextmanager
def api_client(app: FastAPI, tenant: str = "tests") -> Iterator[TestClient]:
    """``TestClient(app)`` started (lifespan run), sending an API key of ``tenant`` on every request
    (none where the app runs without auth)."""
    with TestClient(app) as client:
        if app.state.settings.auth_required:
            # The key is a row in the app's database: written once the app's schema is there. An app
            # whose first migration met a busy database migrates from a thread of its own, and a key
            # written before met "no such table: api_keys" in a CI run. (Only here: a test of an app
            # started with its database down and auth off must not wait.)
            ready = app.state.database.schema_ready.wait(120)
            assert ready, f"the app's schema was not ready within 120 s: {app.state.database.schema_problem}"
            client.headers["Authorization"] = f"Bearer {new_key(app, tenant)}"
        yield client


@contextmanager
def embedded_app(settings: Settings) -> Iterator[FastAPI]:
    """The app with the in-process worker (``broker_url="memory://"``), whose worker thread is
    finished and closed afterwards."""
    from service.api.app import create_app
    from workers.dispatchers import InProcessDispatcher

    app = create_app(settings)
    yield app
    dispatcher = app.state.dispatcher
    assert isinstance(dispatcher, InProcessDispatcher)
    dispatcher.close()


@contextmanager
def module_client(folder: Path, model_dir: Path) -> Iterator[TestClient]:
    """:func:`embedded_client` on a SQLite database in ``folder`` (a module's fixture's)."""
    url = f"sqlite:///{folder / 'interlinear.db'}"
    with embedded_client(Settings(database_url=url, broker_url="memory://", model_dir=model_dir)) as client:
        yield client


@contextmanager
def embedded_client(settings: Settings, tenant: str = "tests") -> Iterator[TestClient]:
    """:func:`api_client` on :func:`embedded_app`."""
    with embedded_app(settings) as app, api_client(app, tenant) as client:
        yield client


def table_counts(app: FastAPI) -> dict[str, int]:
    """Rows per table of the app's database: compared before and after a refused request."""
    from sqlalchemy import func, select

    from service.storage.tables import Base

    with app.state.database.session() as session:
        return {
            name: int(session.scalar(select(func.count()).select_from(table)) or 0)
            for name, table in Base.metadata.tables.items()
        }


def wait_for_job(client: httpx.Client, job_id: str, timeout: float = 120) -> dict:
    """Follow a job through the API, as a client would (a TestClient, or an httpx client of a live
    server), until it has succeeded or failed; fails the test after ``timeout`` seconds. An API
    error (a store restarting) counts as not finished yet."""
    import time

    deadline = time.monotonic() + timeout
    last: object = "no answer yet"
    while True:
        try:
            job: dict = client.get(f"/v1/jobs/{job_id}").json()
            last = {key: job.get(key) for key in ("state", "progress", "error", "events")}
            if job["state"] in ("succeeded", "failed"):
                return job
        except Exception as error:
            last = repr(error)  # the API's connection pool reconnects on the next request
        if time.monotonic() > deadline:
            raise AssertionError(
                f"timed out after {timeout}s waiting for job {job_id} to succeed or fail; last seen: {last}"
            )
        time.sleep(0.2)


def form_token(page: str) -> str:
    """The CSRF token a page put in its form."""
    match = re.search(r'name="csrf" value="([^"]+)"', page)
    assert match is not None, f"no CSRF token in the page: {page[:300]}"
    return match[1]


def sql_statements(client: TestClient, path: str) -> tuple[int, httpx.Response]:
    """How many SQL statements answering ``GET path`` ran on the app's engine, and the answer (a
    200: a list that reads the database a fixed number of times is checked by these counts)."""
    engine = client.app.state.database.engine  # type: ignore[attr-defined]
    ran: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        ran.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        answer = client.get(path)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert answer.status_code == 200, answer.text[:500]
    return len(ran), answer


def sign_in(browser: TestClient, key: str, next: str = "/") -> httpx.Response:
    """Sign in as a browser does: open the sign-in page (for its form's token), then post the form."""
    token = form_token(browser.get("/login").text)
    return browser.post("/login", data={"key": key, "next": next, "csrf": token})


def stored_article(session: Session, text: str, translatable: int = 2) -> tuple[Document, list[SegmentRow]]:
    """``text`` stored as an article, and its first ``translatable`` translatable segments."""
    document = store_article(session, text, parse_article(text))
    rows = session.scalars(
        select(SegmentRow)
        .where(SegmentRow.document_id == document.id, SegmentRow.translatable.is_(True))
        .order_by(SegmentRow.order)
        .limit(translatable)
    ).all()
    return document, list(rows)


def pdf_file(objects: list[bytes], info: int | None = None) -> bytes:
    """A PDF written by hand from its numbered objects (the first the catalogue), with its
    cross-reference table: for files no library would write (a bomb, a bare text layer); ``info``:
    the number of the object that is its document information (its metadata title)."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    out.write("".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode())
    trailer = f"/Size {len(objects) + 1} /Root 1 0 R" + (f" /Info {info} 0 R" if info else "")
    out.write(f"trailer\n<< {trailer} >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


PDF_FONTS = {"R": "Helvetica", "B": "Helvetica-Bold"}
# a line set on a page: font ("R" or "B"), size in points, its baseline's height, its text, and
# where it starts from the left (50 unless given)
Placed = tuple[str, float, float, str] | tuple[str, float, float, str, float]


def placed_pdf(*pages: list[Placed], title: str | None = None) -> bytes:
    """A PDF of A4 pages with each page's lines set where they say, in the order given (the order
    pypdf reads them in), written by hand; ``title``: its metadata title."""

    def escaped(text: str) -> bytes:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("cp1252")

    fonts = 3 + 2 * len(pages)  # after the catalogue, the pages' list and each page with its contents
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{' '.join(f'{3 + 2 * n} 0 R' for n in range(len(pages)))}] "
        f"/Count {len(pages)} >>".encode(),
    ]
    resources = " ".join(f"/{key} {fonts + index} 0 R" for index, key in enumerate(PDF_FONTS))
    for number, lines in enumerate(pages):
        stream = b"\n".join(
            f"BT /{line[0]} {line[1]} Tf 1 0 0 1 {line[4] if len(line) > 4 else 50} {line[2]} Tm (".encode()
            + escaped(line[3]) + b") Tj ET"
            for line in lines
        )  # fmt: skip
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {4 + 2 * number} 0 R "
            f"/Resources << /Font << {resources} >> >> >>".encode()
        )
        objects.append(
            b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream"
        )
    objects.extend(
        f"<< /Type /Font /Subtype /Type1 /BaseFont /{name} /Encoding /WinAnsiEncoding >>".encode()
        for name in PDF_FONTS.values()
    )
    if title is None:
        return pdf_file(objects)
    objects.append(b"<< /Title (" + escaped(title) + b") >>")
    return pdf_file(objects, info=len(objects))


@dataclass
class ListingTenant:
    """A tenant of :func:`listing_tenants`: its API client and signed-in browser, and how many
    rows its list holds."""

    api: TestClient  # with an editor key of the tenant
    page: TestClient  # a browser signed in with it
    rows: int


@contextmanager
def listing_tenants(
    database_url: str, model_dir: Path, store: Callable[[TestClient, str, int], None], per_round: int = 3
) -> Iterator[dict[str, ListingTenant]]:
    """Two tenants of one app, "few" with one round of ``store``'s rows and "many" with ten, for
    tests that a list reads the database as often for 30 rows as for 3; ``store(client, tenant,
    rounds)`` stores them (``per_round`` rows a round). No reaper: it would send the queued jobs
    to the in-process worker, which would translate them."""
    settings = Settings(database_url=database_url, broker_url="memory://", model_dir=model_dir,
                        reaper_enabled=False)  # fmt: skip
    with embedded_client(settings, "setup") as client:
        app = client.app
        made = {}
        for tenant, rounds in (("few", 1), ("many", 10)):
            store(client, tenant, rounds)
            key = new_key(app, tenant, role="editor")  # type: ignore[arg-type]
            api = TestClient(app, headers={"Authorization": f"Bearer {key}"})
            page = TestClient(app)
            assert sign_in(page, key).status_code == 200
            made[tenant] = ListingTenant(api, page, per_round * rounds)
        yield made
