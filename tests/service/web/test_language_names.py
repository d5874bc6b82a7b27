"""Found by an outside walk of the document page: a language was named three ways, "한국어
translation of …" in the error summary and the screen-reader labels, "KO" in the other messages,
"Korean (ko)" on the submit page. The pages' messages now say its English name, "Korean"
(service.web.languages)."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import html

from service.segment_places import place_of
from service.web.languages import language_name
from tests.service.web.test_desk_confirmations import _document, _sentences, _status
from tests.service.web.test_desk_pages import browser_as
from tests.support import form_token, new_key


def test_a_language_name() -> None:
    assert [language_name(code) for code in ("ko", "EN", " de", "fr")] == [
        "Korean",
        "English",
        "German",
        "FR",
    ]


def test_the_correction_error_summary_and_the_approval_message_say_korean(app: FastAPI) -> None:
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        document = _document(client)  # into EN and KO
        sentence = _sentences(document)[0]
        editor = browser_as(app, "editor")
        address = f"/documents/{document['id']}"
        token = form_token(editor.get(address).text)
        refused = editor.post(
            f"{address}/segments/{sentence}/translations/ko", data={"csrf": token, "text": "   "}
        )
        assert refused.status_code == 422, refused.text[:300]
        tree = html.fromstring(refused.text)
        summary = " ".join(tree.xpath("string(//*[@class='error-summary']//li)").split())
        assert summary.startswith(f"Korean translation of {place_of(sentence)}: "), summary
        hidden = {
            " ".join(s.text_content().split()) for s in tree.xpath("//main//*[@class='visually-hidden']")
        }
        assert f"the Korean translation of {place_of(sentence)}" in hidden, hidden  # its "Correct"
        assert not [said for said in hidden if "한국어" in said or " KO " in f" {said} "], hidden

        listing = html.fromstring(
            editor.get("/review", params={"lang": "ko", "document": document["id"]}).text
        )
        item = listing.xpath("//li[@id='item-1']")[0]
        fields = dict(
            zip(item.xpath(".//form//input/@name"), item.xpath(".//form//input/@value"), strict=True)
        )
        done = editor.post(item.xpath(".//form/@action")[0], data=fields)
        assert done.status_code == 303, done.text[:300]
        said = _status(editor.get(done.headers["location"].split("#")[0]).text)
        assert said and said[0].startswith("Approved the Korean translation of "), said
