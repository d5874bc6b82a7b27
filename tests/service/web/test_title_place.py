"""Found by an outside walk: a document's title was named "before the text, item 1" (its key f01
in words) in the review list's links and in the approval message. Where the role is known the
pages name it: "the title" (service.segment_places.place_of)."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import html

from tests.service.web.test_desk_confirmations import TITLE, _document, _status
from tests.service.web.test_desk_pages import browser_as
from tests.support import new_key


def _title_key(document: dict) -> str:
    front = document["front_matter"]
    return next(s["id"] for s in front if s["role"] == "title")


def test_the_title_is_called_the_title_in_the_review_list_and_the_approval_messages(app: FastAPI) -> None:
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        document = _document(client)
        title = _title_key(document)
        editor = browser_as(app, "editor")
        listing = html.fromstring(
            editor.get("/review", params={"lang": "en", "document": document["id"]}).text
        )
        item = next(
            li for li in listing.xpath("//li[starts-with(@id, 'item-')]")
            if f"/segments/{title}/" in li.xpath("string(.//form/@action)")
        )  # fmt: skip
        link = " ".join(item.xpath("string(./a[1])").split())
        assert link == f"{TITLE}, the title", link
        assert "before the text" not in html.tostring(item, encoding="unicode")
        fields = dict(
            zip(item.xpath(".//form//input/@name"), item.xpath(".//form//input/@value"), strict=True)
        )
        done = editor.post(item.xpath(".//form/@action")[0], data=fields)
        assert done.status_code == 303, done.text[:300]
        landed = editor.get(done.headers["location"].split("#")[0]).text
        said = _status(landed)
        approved = f"Approved the English translation of the title in “{TITLE}”."
        assert said and said[0].startswith(approved), said
        # From the document page: the message beside the title says it too.
        page = editor.get(f"/documents/{document['id']}").text
        tree = html.fromstring(page)
        button = tree.xpath(f"//button[contains(@formaction, '/segments/{title}/translations/ko/approve')]")
        assert button, "the title's KO translation has an Approve button"
        form = tree.xpath(f"//form[@id='{button[0].get('form')}']")
        fields = dict(zip(form[0].xpath(".//input/@name"), form[0].xpath(".//input/@value"), strict=True))
        done = editor.post(button[0].get("formaction"), data=fields)
        assert done.status_code == 303, done.text[:300]
        said = _status(editor.get(done.headers["location"].split("#")[0]).text)
        assert said == ["Approved the Korean translation of the title. Next to review:"], said
