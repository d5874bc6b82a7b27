"""Found by an outside walk of the pages: when the editor approved the document's last translation
to review, the page said "Nothing left to review in this document." and led nowhere: not to the
document's Publication panel, not to the review list. Now it links both (the Publication panel
only for a key that may publish). A reader, who cannot review, is offered no action: the page's
review links lead to pages without a form that changes anything. Failed on the old code."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import html

from tests.service.api.test_publishing import stored_translation
from tests.service.web.test_desk_pages import browser_as
from tests.support import form_token

READ_ONLY_FORMS = {"/logout", "/review", "/"}  # signing out, and the lists' filters (GET)


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

        # A reader is told what is still to review; its links lead to no form that changes anything.
        reader = browser_as(app, "reader")
        links = [
            str(a.get("href"))
            for a in html.fromstring(reader.get(page).text).xpath("//main//a[contains(., 'to review')]")
        ]
        assert links, "the reader is told what is still to review"
        for link in links:
            opened = reader.get(page + link if link.startswith("#") else link)
            assert opened.status_code == 200, link
            actions = set(html.fromstring(opened.text).xpath("//form/@action"))
            assert actions <= READ_ONLY_FORMS, (link, actions)

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
