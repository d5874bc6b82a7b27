"""Dates and times on the pages: one format for every reader, whatever the browser's locale, written
by the server through one helper (``when``): ``<time datetime="2026-12-01T13:45:00Z">2026-12-01
13:45 UTC</time>``, on the jobs page as on the documents list, a document, and the glossaries."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import html as lxml_html

from service.web.templating import when
from tests.support import form_token, new_key, sign_in, wait_for_job

TEMPLATES = Path(__file__).parents[3] / "service" / "web" / "templates"
ARTICLE = "Hochwasser in Sachsen\n\nDie Pegel der Elbe steigen seit Sonntag. Mehrere Orte wurden evakuiert.\n"
SHOWN = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d UTC$")
MACHINE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def test_one_format_for_stored_times_with_or_without_a_zone_and_for_dates() -> None:
    naive = dt.datetime(2026, 12, 1, 13, 45, 59)  # as SQLite gives it back: UTC
    assert when(naive) == '<time datetime="2026-12-01T13:45:59Z">2026-12-01 13:45 UTC</time>'
    seoul = dt.datetime(2026, 12, 1, 22, 45, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    assert when(seoul) == '<time datetime="2026-12-01T13:45:00Z">2026-12-01 13:45 UTC</time>'
    assert when(dt.date(2026, 1, 2)) == '<time datetime="2026-01-02">2026-01-02</time>'
    assert when("2026-01-02") == '<time datetime="2026-01-02">2026-01-02</time>'
    assert when(None) == "" and when("") == ""
    assert when("<b>early January</b>") == "&lt;b&gt;early January&lt;/b&gt;"  # not a date: as it is


def test_no_template_formats_a_date_itself() -> None:
    for template in TEMPLATES.glob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert "strftime" not in text and "<time" not in text, f"{template.name}: use the when filter"
        assert "toLocale" not in text, f"{template.name}: a date in the browser's locale"


def times(page: str) -> list[tuple[str, str]]:
    return [(t.get("datetime"), t.text_content()) for t in lxml_html.fromstring(page).xpath("//time")]


def test_every_page_with_a_time_shows_it_the_same_way(app: FastAPI) -> None:
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='admin')}"
        job = wait_for_job(
            client, client.post("/v1/jobs", json={"text": ARTICLE, "targets": ["en"]}).json()["id"]
        )
        assert job["state"] == "succeeded", job
        glossary = {"name": "Desk", "entries": [{"source": "Elbe", "do_not_translate": True}]}
        assert client.post("/v1/glossaries", json=glossary).status_code == 201
        document_id = job["document_id"]
        document = client.get(f"/v1/documents/{document_id}").json()
        first, second = [s["id"] for s in document["sections"][0]["segments"] if s["translatable"]][:2]
        browser = TestClient(app, follow_redirects=False)
        assert sign_in(browser, new_key(app, "desk", role="editor", name="Mina")).status_code == 303
        token = form_token(browser.get("/").text)
        base = f"/documents/{document_id}/segments"
        fixed = browser.post(
            f"{base}/{first}/translations/en", data={"csrf": token, "text": "The Elbe rises."}
        )
        assert fixed.status_code == 303, fixed.text[:300]
        assert (
            browser.post(f"{base}/{second}/translations/en/approve", data={"csrf": token}).status_code == 303
        )

        pages = {
            path: browser.get(path).text
            for path in ("/jobs", "/", f"/documents/{document_id}", "/glossaries")
        }
    counts = {path: len(times(page)) for path, page in pages.items()}
    # each page has its times; the document: the correction, the approval, its jobs and versions
    assert all(counts.values()) and counts[f"/documents/{document_id}"] >= 4, counts
    for path, page in pages.items():
        for machine, shown in times(page):
            assert MACHINE.match(machine) and SHOWN.match(shown), (path, machine, shown)
            assert shown == dt.datetime.fromisoformat(machine).strftime("%Y-%m-%d %H:%M UTC"), (path, machine)
    assert "toLocale" not in pages["/jobs"] and "Times in UTC." in pages["/jobs"]


def test_the_jobs_page_promises_updates_only_where_its_script_runs(app: FastAPI) -> None:
    """Read without scripts, the page said both "does not update by itself" and "update by
    themselves" (found by an outside walk)."""
    with TestClient(app, follow_redirects=False) as browser:
        assert sign_in(browser, new_key(app, "desk", role="editor", name="Mina")).status_code == 303
        page = browser.get("/jobs").text
    caption = re.search(r"<caption[^>]*>(.*?)</caption>", page, re.S)
    assert caption is not None
    visible = re.sub(r'<span class="js-only" hidden>.*?</span>', "", caption.group(1))
    assert "update by themselves" not in visible and "Times in UTC" in visible
    assert '<span class="js-only" hidden>; unfinished jobs update by themselves</span>' in caption.group(1)
