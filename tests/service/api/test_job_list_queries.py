"""Listing a page of jobs reads the database a fixed number of times, however many jobs the page
holds: ``GET /v1/jobs`` and the jobs page each run as many SQL statements for 30 jobs as for 3
(found in a review: each job's document, source, progress per language, summaries and history
were read one job at a time). What the rows say is the same as before: each job's progress and
summaries as ``GET /v1/jobs/{id}`` gives them, and the page's titles, first words and sources.

Two tenants of one app, one with 3 jobs and one with 30 of the same three kinds (a titled article
with a sentence translated and an uploaded file, an untitled article, a web address not fetched
yet), so that the two lists differ only in their length. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from lxml import html
from sqlalchemy import select

from service.ingest import store_article
from service.job_records import create_job
from service.parse import parse_article
from service.storage.files import SourceUpload
from service.storage.tables import SegmentRow, SummaryRow, TranslationRow
from tests.support import ListingTenant, listing_tenants, sql_statements

START = dt.datetime(2025, 3, 1, 8, 0, tzinfo=dt.UTC)
# The key's lookup and the list's reads: how many match, the page of jobs, their histories, then
# their progress (2) and summaries; the page reads their documents, first words, sources (2) and
# progress (2) instead of the summaries, and its session's lookup too.
MOST_STATEMENTS = {"api": 8, "page": 12}


def _store(client: TestClient, tenant: str, rounds: int) -> None:
    """``rounds`` times: a job of each kind, for ``tenant``, a minute apart (newest first, a round's
    URL job, then its untitled article's, then its titled article's)."""
    database = client.app.state.database  # type: ignore[attr-defined]
    with database.session() as session:
        made = []

        def job(document: str | None, targets: list[str], options: dict[str, str] | None = None) -> None:
            lang = "de" if document else None
            made.append(create_job(session, document, lang, targets, f"{tenant}-{len(made)}",
                                   tenant=tenant, options=options)[0])  # fmt: skip

        for n in range(rounds):
            titled = f"Meldung {tenant} {n}\n\nDer Rat tagte am Montag. Er beschloss {n} Regeln.\n"
            upload = SourceUpload(f"meldung-{n}.docx", "application/octet-stream", b"PK")
            document = store_article(session, titled, parse_article(titled), "de", tenant, upload)
            job(document.id, ["en", "ko"])
            first = session.scalar(
                select(SegmentRow).where(SegmentRow.document_id == document.id, SegmentRow.translatable)
                .order_by(SegmentRow.order).limit(1)
            )  # fmt: skip
            assert first is not None
            session.add(TranslationRow(segment_id=first.id, target_lang="en", text="Report", model_id="m",
                                       model_revision="1", engine="test", route="test"))  # fmt: skip
            session.add(SummaryRow(document_id=document.id, scope="article", lang="en", text="A report.",
                                   sentence_keys=[], method="test", method_version="1",
                                   settings_hash="", version_key=f"v{n}"))  # fmt: skip
            untitled = f"Die Feuerwehr von {tenant} ist zum {n}. Mal im Einsatz."
            job(store_article(session, untitled, parse_article(untitled), "de", tenant).id, ["en"])
            job(None, ["en"], {"url": f"https://example.org/{tenant}/{n}", "priority": "breaking"})
        for minute, made_job in enumerate(made):
            made_job.created_at = START + dt.timedelta(minutes=minute)
        session.commit()


@pytest.fixture
def tenants(database_url: str, tiny_marian_dir: Path) -> Iterator[dict[str, ListingTenant]]:
    with listing_tenants(database_url, tiny_marian_dir, _store) as made:
        yield made


def test_the_api_list_reads_as_often_for_30_jobs_as_for_3(tenants: dict[str, ListingTenant]) -> None:
    counts = {}
    for name, tenant in tenants.items():
        sql_statements(tenant.api, "/v1/jobs?limit=100")  # once before: whatever a first request sets up
        counts[name], answer = sql_statements(tenant.api, "/v1/jobs?limit=100")
        items = answer.json()["items"]
        assert len(items) == tenant.rows
        titled = [item for item in items if item["summaries"]]
        assert len(titled) == tenant.rows // 3
        for item in titled:
            assert item["progress"] == {"en": {"done": 1, "total": 3}, "ko": {"done": 0, "total": 3}}
            assert item["summaries"] == ["en"] and [e["state"] for e in item["events"]] == ["queued"]
        for item in items[:3]:
            assert item == tenant.api.get(f"/v1/jobs/{item['id']}").json()
    assert counts["few"] == counts["many"] <= MOST_STATEMENTS["api"], counts


def test_the_jobs_page_reads_as_often_for_30_jobs_as_for_3(tenants: dict[str, ListingTenant]) -> None:
    counts = {}
    for name, tenant in tenants.items():
        sql_statements(tenant.page, "/jobs")
        counts[name], answer = sql_statements(tenant.page, "/jobs")
        rows = html.fromstring(answer.text).xpath("//tr[@data-job]")
        assert len(rows) == tenant.rows
        said, progress = ([" ".join(" ".join(row.xpath(f"td[@data-label='{label}']//text()")).split())
                           for row in rows] for label in ("Article", "Progress"))  # fmt: skip
        assert said[:3] == [
            f"https://example.org/{name}/{tenant.rows // 3 - 1}",
            f"Die Feuerwehr von {name} ist zum {tenant.rows // 3 - 1}. Mal im Einsatz."
            " (no title; its first words) pasted text",
            f"Meldung {name} {tenant.rows // 3 - 1} meldung-{tenant.rows // 3 - 1}.docx",
        ]
        assert progress[:3] == ["", "en 0/1", "en 1/3 ko 0/3"]
    assert counts["few"] == counts["many"] <= MOST_STATEMENTS["page"], counts
