"""A page of a long document reads that page's rows, not the whole document: an outside review
found the document page aligned every row and rendered the whole article in each language for
every page it showed. What it still reads of the whole are a few columns per stored output (for the
counts and the way to the next translation to review); a long article's renderings are not made
on each page, whose report is linked instead."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import event

from service.ingest import store_article
from service.parse import parse_article
from service.storage.document_store import NewTranslation, save_translations
from service.storage.tables import SegmentRow, TranslationRow
from tests.service.web.test_desk_pages import browser_as

MODEL = {"model_id": "test-model", "model_revision": "1", "engine": "test", "route": "de>en"}
NUMBERS = [{"check": "numbers", "severity": "major", "detail": "a number in the source"}]


def long_document(app: FastAPI, tenant: str) -> str:
    """A Markdown article of 241 rows (its title, 24 headings, 216 sentences with a number in
    bold), every sentence translated into English, every seventh flagged."""
    sections = [
        f"## Bezirk {p}\n\n"
        + " ".join(f"Im Bezirk {p} wurden **{p * 10 + s}** Bäume gepflanzt." for s in range(9))
        for p in range(24)
    ]
    text = "# Bäume für die Stadt\n\n" + "\n\n".join(sections) + "\n"
    with app.state.database.session() as session:
        document = store_article(session, text, parse_article(text, "markdown", "de"), "de", tenant=tenant)
        rows = [r for r in document.segments if r.translatable]
        save_translations(session, [
            NewTranslation(r.id, "en", f"Trees, {i}.", flags=NUMBERS if i % 7 == 0 else None, **MODEL)
            for i, r in enumerate(rows)
        ])  # fmt: skip
        session.commit()
        return document.id


@contextmanager
def loads() -> Iterator[Counter[str]]:
    """How many stored segments and translations are read into objects meanwhile."""
    counted: Counter[str] = Counter()

    def count(target: object, _context: object) -> None:
        counted[type(target).__name__] += 1

    for table in (SegmentRow, TranslationRow):
        event.listen(table, "load", count)
    try:
        yield counted
    finally:
        for table in (SegmentRow, TranslationRow):
            event.remove(table, "load", count)


def _rows(page: str) -> list[str]:
    return re.findall(r'<tr class="[^"]*segment[^"]*" id="row-([^"]+)"', page)


def test_a_page_of_a_long_document_reads_its_rows(app: FastAPI) -> None:
    with TestClient(app):
        document = long_document(app, "desk")
        editor = browser_as(app, "editor")
        with loads() as counted:
            page = editor.get(f"/documents/{document}", params={"size": 50, "page": 3})
        assert page.status_code == 200, page.text[:500]
        rows = _rows(page.text)
        assert len(rows) == 50 and "Segments 101–150 of 241 (page 3 of 5)." in page.text
        # The page's rows and the title (shown under the heading), each with its one translation.
        assert counted["SegmentRow"] <= 50 + 1 and counted["TranslationRow"] <= 50 + 1, counted

        assert "<strong>1" in page.text  # the source's own bold, on a later page too
        assert "to review" in page.text and 'class="next-flagged"' in page.text
        report = f"/v1/documents/{document}/render?lang=en&amp;report=true"
        assert report in page.text and "passage(s) still in" not in page.text  # not listed: not rendered
        assert editor.get(report.replace("&amp;", "&")).status_code == 200

        # A sentence's link on another page opens its page, which reads that page's rows alone.
        with loads() as counted:
            at = editor.get(f"/documents/{document}", params={"size": 50, "segment": rows[0]})
        assert "(page 3 of 5)" in at.text and counted["SegmentRow"] <= 51, counted
