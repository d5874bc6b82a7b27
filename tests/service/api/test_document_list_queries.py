"""Listing a page of documents reads the database a fixed number of times, however many documents
the page holds: ``GET /v1/documents`` and the documents page (``/``) each run as many SQL
statements for 30 documents as for 3, filtered or not (found in a review: the page read each
document's revision count, languages, newest job's state, review counts and source one document
at a time, 25 statements for 3 documents and 205 for 30; the API's list, which shows only the
documents' own columns, already read 3). What the rows say is the same as before.

Two tenants of one app, one with 3 documents and one with 30 of the same three kinds (a titled
article uploaded as a file, tagged, with a queued job and a translation in each of two languages
that needs a person; an untitled article's first revision, fetched from a web address by a job
that failed, with a flagged translation that waits for no one since a newer revision exists; that
newer revision, without a job, with a flagged translation), so that the two lists differ only in
their length. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from lxml import html
from sqlalchemy import select
from sqlalchemy.orm import Session

from service.ingest import store_article
from service.job_records import create_job
from service.parse import parse_article
from service.storage.document_store import save_article
from service.storage.files import SourceUpload
from service.storage.tables import Document, SegmentRow, TranslationRow
from tests.support import ListingTenant, listing_tenants, sql_statements

START = dt.datetime(2025, 3, 1, 8, 0, tzinfo=dt.UTC)
FLAGGED = [{"check": "numbers", "severity": "major", "detail": "a number differs"}]
# The key's lookup and the list's reads: how many match, the page of documents, the languages
# published. The page also looks up its session, and reads the documents' first words, sources (2),
# revision counts, languages, newest jobs' states (with which documents are their article's newest
# revision) and the newest revisions' review counts.
MOST_STATEMENTS = {"api": 4, "page": 12}


def _translate(session: Session, document: Document, lang: str, **marks: object) -> None:
    """A model output of ``document``'s first translatable segment into ``lang`` (``marks``: its
    flags, its confidence)."""
    first = session.scalar(
        select(SegmentRow).where(SegmentRow.document_id == document.id, SegmentRow.translatable)
        .order_by(SegmentRow.order).limit(1)
    )  # fmt: skip
    assert first is not None
    session.add(TranslationRow(segment_id=first.id, target_lang=lang, text=f"{lang} text", model_id="m",
                               model_revision="1", engine="test", route="test", **marks))  # fmt: skip


def _store(client: TestClient, tenant: str, rounds: int) -> None:
    """``rounds`` times, a minute apart: a titled article, then an untitled one's first revision,
    then its second (newest first: a round's second revision, first revision, titled article)."""
    database = client.app.state.database  # type: ignore[attr-defined]
    with database.session() as session:
        made: list[Document] = []
        for n in range(rounds):
            titled = f"Meldung {tenant} {n}\n\nDer Rat tagte am Montag. Er beschloss {n} Regeln.\n"
            upload = SourceUpload(f"meldung-{n}.docx", "application/octet-stream", b"PK")
            document = store_article(session, titled, parse_article(titled), "de", tenant, upload)
            document.tags, document.published = ["Rat", f"Runde {n}"], dt.date(2025, 2, 1 + n)
            create_job(session, document.id, "de", ["en", "ko"], f"{tenant}-{n}-a", tenant=tenant)
            _translate(session, document, "en", flags=FLAGGED)
            _translate(session, document, "ko", confidence=-2.5)
            made.append(document)
            for words in ("im Einsatz.", "im Einsatz gewesen."):
                text = f"Die Feuerwehr von {tenant} ist zum {n}. Mal {words}"
                revision = save_article(session, parse_article(text), text, "de", tenant, f"feuer-{n}")
                _translate(session, revision, "en", flags=FLAGGED)
                made.append(revision)
            fetched, _ = create_job(session, made[-2].id, "de", ["en"], f"{tenant}-{n}-b", tenant=tenant,
                                    options={"url": f"https://example.org/{tenant}/{n}"})  # fmt: skip
            fetched.state = "failed"
        for minute, document in enumerate(made):
            document.created_at = START + dt.timedelta(minutes=minute)
        session.commit()


@pytest.fixture
def tenants(database_url: str, tiny_marian_dir: Path) -> Iterator[dict[str, ListingTenant]]:
    with listing_tenants(database_url, tiny_marian_dir, _store) as made:
        yield made


@pytest.mark.parametrize("query", ["", "&tag=Rat"])
def test_the_api_list_reads_as_often_for_30_documents_as_for_3(
    tenants: dict[str, ListingTenant], query: str
) -> None:
    counts = {}
    for name, tenant in tenants.items():
        sql_statements(tenant.api, "/v1/documents?limit=100")  # once before: whatever a first request sets up
        counts[name], answer = sql_statements(tenant.api, f"/v1/documents?limit=100{query}")
        items = answer.json()["items"]
        last = tenant.rows // 3 - 1
        titled = {
            "title": f"Meldung {name} {last}",
            "date": f"2025-02-{1 + last:02}",
            "tags": ["Rat", f"Runde {last}"],
        }
        untitled = {"title": None, "date": None, "tags": []}
        if query:
            assert len(items) == tenant.rows // 3
            assert [{k: item[k] for k in titled} for item in items[:1]] == [titled]
        else:
            assert len(items) == tenant.rows
            assert [{k: item[k] for k in titled} for item in items[:3]] == [untitled, untitled, titled]
    assert counts["few"] == counts["many"] <= MOST_STATEMENTS["api"], counts


def _said(name: str, n: int) -> tuple[str, str, str]:
    """What the page says of round ``n``'s documents of tenant ``name`` (less the time each was
    stored): the second revision, the first, the titled article."""
    return (
        f"Die Feuerwehr von {name} ist zum {n}. Mal im Einsatz gewesen. (no title; its first words)"
        f" DE → EN · article feuer-{n} · revision 2 of 2 · no job · 1 EN to review",
        f"Die Feuerwehr von {name} ist zum {n}. Mal im Einsatz. (no title; its first words) failed"
        f" DE → EN · https://example.org/{name}/{n} · revision 1 of 2 · failed",
        f"Meldung {name} {n} DE → EN, KO · meldung-{n}.docx · revision 1 · queued"
        f" · 1 EN to review · 1 KO to review · tags: Rat, Runde {n}",
    )


@pytest.mark.parametrize("query", ["", "?state=failed&target_lang=en"])
def test_the_documents_page_reads_as_often_for_30_documents_as_for_3(
    tenants: dict[str, ListingTenant], query: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("service.web.pages.PAGE_SIZE", 30)  # every document of the many on one page
    counts = {}
    for name, tenant in tenants.items():
        sql_statements(tenant.page, "/")
        counts[name], answer = sql_statements(tenant.page, f"/{query}")
        rows = html.fromstring(answer.text).xpath("//ul[@class='items']/li")
        said = [" ".join(row.text_content().split()).rsplit(" · ", 1)[0] for row in rows]
        rounds = reversed(range(tenant.rows // 3))
        if query:  # the first revisions, whose job failed
            assert said == [_said(name, n)[1] for n in rounds]
        else:
            assert said == [line for n in rounds for line in _said(name, n)]
    assert counts["few"] == counts["many"] <= MOST_STATEMENTS["page"], counts
