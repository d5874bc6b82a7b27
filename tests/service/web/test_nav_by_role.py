"""Found by an outside walk: a reader (a read-only key) was offered "Submit an article" in the
site menu, and in the empty documents and jobs lists, leading to a page that then refused them.
Pages offer a write link only to a key whose role may use it; the server refuses the rest as
before, whatever a page shows."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import html

from tests.service.web.test_desk_pages import browser_as
from tests.support import form_token, table_counts

PAGES = ("/", "/review", "/jobs", "/glossaries", "/submit", "/glossaries/new", "/documents/no-such-id")


def _submit_links(page: str) -> list[str]:
    """Where the page's links to the submit form are: the site menu or the page's own words."""
    tree = html.fromstring(page)
    return [
        "menu" if link.xpath("ancestor::nav[@aria-label='Pages']") else "page"
        for link in tree.xpath("//a[@href='/submit']")
    ]


def test_a_reader_is_offered_no_submit_link_and_is_still_refused(app: FastAPI) -> None:
    with TestClient(app):
        reader, editor = browser_as(app, "reader"), browser_as(app, "editor")
        for path in PAGES:  # the pages a reader may open, and those that refuse a reader (403, 404)
            page = reader.get(path)
            assert page.headers["content-type"].startswith("text/html"), path
            assert _submit_links(page.text) == [], (path, page.status_code)
            assert "menu" in _submit_links(editor.get(path).text), path
        # Nothing stored yet: the empty lists invite an editor, not a reader, to submit.
        for path in ("/", "/jobs"):
            assert _submit_links(editor.get(path).text) == ["menu", "page"], path
        assert "No documents yet." in reader.get("/").text
        assert "No jobs yet." in reader.get("/jobs").text
        # the submit page tells a reader what to do next, in words, not the operator's command
        said = " ".join(html.fromstring(reader.get("/submit").text).xpath("string(//main)").split())
        assert (
            "submitting needs an editor key. Ask the person who runs this service for one; you can read "
            "every document and its translations with this key." in said
        ), said

        # The server's refusal stands: a reader's post (with the page's own token) stores nothing.
        before = table_counts(app)
        token = form_token(reader.get("/review").text)
        refused = reader.post("/submit", data={"csrf": token, "text": "Ein Satz.", "targets": ["en"]})
        assert refused.status_code == 403, refused.text[:300]
        assert "submitting articles needs editor or above" in refused.text
        assert table_counts(app) == before


def test_the_glossaries_page_tells_only_a_key_that_may_submit_to_name_one_when_submitting(
    app: FastAPI,
) -> None:
    """Found by an outside tester: a reader's /glossaries said "you can read them and name one when
    you submit", though a reader cannot submit."""
    with TestClient(app):
        said = {
            role: " ".join(
                html.fromstring(browser_as(app, role).get("/glossaries").text).xpath("string(//main)").split()
            )
            for role in ("reader", "editor")
        }
    assert "Glossaries are made and changed with an admin key; you can read them." in said["reader"]
    assert "submit" not in said["reader"].lower()
    assert "you can read them and name one when you submit." in said["editor"]
