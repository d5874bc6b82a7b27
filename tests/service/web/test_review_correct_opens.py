"""Found by an outside editor's walk: "Correct it on the document page" on the review list landed
on the sentence's row with its correction box closed, one more click away. The link now names the
box to open (``?correct=LANG`` beside ``?segment=``), and the page opens that one box (``<details
open>``, no script); every other box, and the page reached any other way, stays closed."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import html

from tests.service.web.test_desk_confirmations import _document
from tests.service.web.test_desk_pages import browser_as
from tests.support import new_key


def _open_boxes(page: str) -> list[str]:
    """The ids of the correction fields whose box is open."""
    return [str(i) for i in html.fromstring(page).xpath("//details[@open]//textarea/@id")]


def test_correct_it_from_the_review_list_opens_that_translations_correction_box(app: FastAPI) -> None:
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        document = _document(client)["id"]  # two sentences into EN and KO: flagged by the checks
        editor = browser_as(app, "editor")
        review = html.fromstring(editor.get("/review", params={"lang": "ko", "document": document}).text)
        item = review.xpath("//li[@id='item-1']")[0]
        link = item.xpath(".//a[normalize-space()='Correct it on the document page']/@href")[0]
        parts = urlsplit(link)
        query = dict(parse_qsl(parts.query))
        segment = query["segment"]
        # It lands on the box's text field (the row's anchor would keep the field from the focus).
        assert query["correct"] == "ko" and parts.fragment == f"fix-{segment}-ko", link

        landed = editor.get(link)
        assert landed.status_code == 200
        assert _open_boxes(landed.text) == [f"fix-{segment}-ko"], "that box alone is open"
        page = html.fromstring(landed.text)
        assert page.xpath(f"//tr[@id='row-{segment}']//details[@open]//textarea[@id='fix-{segment}-ko']")
        # The title's link from the list, and the page after saving, open no box.
        title = item.xpath("./a[1]/@href")[0]
        assert "correct=" not in title and _open_boxes(editor.get(title).text) == []
        saved = editor.post(
            f"/documents/{document}/segments/{segment}/translations/ko",
            data={"csrf": page.xpath("string(//input[@name='csrf']/@value)"), "text": "새 규칙",
                  "back_query": "back=/review?lang=ko"},
        )  # fmt: skip
        assert saved.status_code == 303 and "correct=" not in saved.headers["location"]
        assert _open_boxes(editor.get(saved.headers["location"]).text) == []


def test_the_box_the_link_opened_has_the_focus(app: FastAPI) -> None:
    """Opened by "Correct it", the box's text field has the focus (``autofocus``: no script), so
    that typing corrects at once; no other field has it, nor any on the page reached another way."""
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        document = _document(client)["id"]
        editor = browser_as(app, "editor")
        review = html.fromstring(editor.get("/review", params={"lang": "ko", "document": document}).text)
        item = review.xpath("//li[@id='item-1']")[0]
        link = item.xpath(".//a[normalize-space()='Correct it on the document page']/@href")[0]
        segment = dict(parse_qsl(urlsplit(link).query))["segment"]
        page = html.fromstring(editor.get(link).text)
        assert [str(i) for i in page.xpath("//*[@autofocus]/@id")] == [f"fix-{segment}-ko"]
        assert html.fromstring(editor.get(item.xpath("./a[1]/@href")[0]).text).xpath("//*[@autofocus]") == []
