"""Found by an outside walk of the pages: when the editor approved the document's last translation
to review, the page said "Nothing left to review in this document." and led nowhere: not to the
document's Publication panel, not to the review list. Now it links both (the Publication panel
only for a key that may publish). A reader, who cannot review, is told how many are to review, but
led to no review page (tests/service/web/test_walk_findings.py). Failed on the old code."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import html

from tests.service.api.test_publishing import stored_translation
from tests.service.web.test_desk_pages import browser_as
from tests.support import form_token


def _ended(page: str) -> list[tuple[str, str]]:
    """The links after "Nothing left to review": (text, address)."""
    tree = html.fromstring(page)
    return [
        (" ".join(a.text_content().split()), str(a.get("href")))
        for a in tree.xpath("//main//p[contains(@class, 'ended')]//a")
    ]


def test_nothing_left_to_review_links_the_publication_panel_and_the_review_list(app: FastAPI) -> None:
    with TestClient(app):
        document_id, keys = stored_translation(app, tenant="desk")
        key = keys[-1]  # the one flagged: the only translation to review
        page = f"/documents/{document_id}"

        # A reader is told what is still to review, and offered no link to review it.
        reader = browser_as(app, "reader")
        tree = html.fromstring(reader.get(page).text)
        assert "1 translation to review" in " ".join(tree.xpath("string(//main)").split())
        assert not tree.xpath("//main//a[contains(., 'to review')]")

        editor = browser_as(app, "editor")
        token = form_token(editor.get(page).text)
        approved = editor.post(
            f"{page}/segments/{key}/translations/en/approve", data={"csrf": token, "back_query": ""}
        )
        assert approved.status_code == 303
        landed_at = approved.headers["location"].split("#")[0]
        landed = editor.get(landed_at)
        tree = html.fromstring(landed.text)
        said = " ".join(tree.xpath("string(//main//*[@role='status'])").split())
        assert said.endswith("Nothing left to review in this document."), said
        assert _ended(landed.text) == [
            ("Go to Publication", "#publication"),
            ("Go to the review list", "/review"),
        ]
        assert tree.xpath("//section[@id='publication']//form[contains(@action, '/publish')]"), (
            "it can publish"
        )

        # Opened from the review list: its own way back is linked, and the Publication panel.
        opened = editor.get(landed_at + "&" + urlencode({"back": f"/review?document={document_id}"}))
        assert _ended(opened.text) == [("Go to Publication", "#publication")]
        assert html.fromstring(opened.text).xpath("//main//a[normalize-space()='Back to the review list']")

        # The same address opened by a reader: no way to publish.
        read = reader.get(landed_at)
        assert read.status_code == 200
        assert not any(text == "Go to Publication" for text, _ in _ended(read.text))
        assert not html.fromstring(read.text).xpath("//form[contains(@action, '/publish')]")
