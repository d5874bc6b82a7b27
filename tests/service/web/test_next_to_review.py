"""Found by an outside walk of the pages as an editor: after approving or correcting a sentence,
the editor landed back on it with no way on. Now the answer goes on to the next translation that
needs review, saying what was done: from the review list (or a document page opened from it), the
next item of the same list and filters; from a document page, the document's next one (the same
language first); and it says when nothing is left to review. Each test failed on the old code."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import html

from service.segment_places import place_of
from tests.service.web.test_desk_pages import browser_as
from tests.support import form_token, new_key, wait_for_job

ARTICLE = (
    "Neue Brücke über die Elbe\n\n"
    "Die Stadt baut eine neue Brücke. Sie soll im Jahr 2028 fertig sein. "
    "Die Kosten liegen bei 80 Millionen Euro. Der Stadtrat stimmte am Montag zu.\n"
)
TITLE = "Neue Brücke über die Elbe"


def _document(client: TestClient, targets: list[str]) -> dict:
    job = client.post("/v1/jobs", json={"text": ARTICLE, "targets": targets}).json()
    done = wait_for_job(client, job["id"], timeout=300)
    assert done["state"] == "succeeded", done
    return client.get(f"/v1/documents/{done['document_id']}").json()


def _to_review(client: TestClient, document: dict) -> set[tuple[str, str]]:
    items = client.get("/v1/review", params={"document": document["id"], "limit": 500}).json()
    return {(item["segment_id"], item["lang"]) for item in items}


def _reading_order(editor: TestClient, document: dict) -> list[str]:
    page = editor.get(f"/documents/{document['id']}", params={"size": 500}).text
    return [str(key) for key in html.fromstring(page).xpath("//tr[@data-segment]/@data-segment")]


def _role(document: dict, key: str) -> str:
    return next((s["role"] for s in document["front_matter"] if s["id"] == key), "")


def _status(page: str, xpath: str = "//*[@role='status']") -> list[str]:
    return [" ".join(e.text_content().split()) for e in html.fromstring(page).xpath(xpath)]


def _query(location: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(location).query))


def _approve_by_api(client: TestClient, document: dict, key: str, lang: str) -> None:
    url = f"/v1/documents/{document['id']}/segments/{key}/translations/{lang}/approve"
    assert client.post(url).status_code == 200, client.post(url).text


def test_the_document_page_goes_on_to_its_next_translation_to_review(app: FastAPI) -> None:
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        document = _document(client, ["en", "ko"])
        editor = browser_as(app, "editor")
        order, needing = _reading_order(editor, document), _to_review(client, document)
        english = [key for key in order if (key, "en") in needing]
        korean = [key for key in order if (key, "ko") in needing]
        assert len(english) >= 3 and korean, (english, korean, "the tiny model's output needs review")
        path = f"/documents/{document['id']}"
        token = form_token(editor.get(path).text)

        # Approved: on to the next English one in reading order, said above it.
        approved = editor.post(
            f"{path}/segments/{english[0]}/translations/en/approve", data={"csrf": token, "back_query": ""}
        )
        assert approved.status_code == 303
        location = approved.headers["location"]
        assert _query(location) == {
            "done": "approved",
            "done_segment": english[0],
            "done_lang": "en",
            "next_lang": "en",
            "segment": english[1],
        }
        assert location.endswith(f"#row-{english[1]}")
        landed = editor.get(location.split("#")[0]).text
        said = f"Approved the English translation of {place_of(english[0], _role(document, english[0]))}."
        assert _status(landed) == [f"{said} Next to review:"]
        assert _status(landed, f"//tr[@id='row-{english[1]}']/td[@lang='en']//*[@role='status']") == [
            f"{said} Next to review:"
        ]

        # The last English one corrected: on to the first Korean one (English is done).
        for key in english[1:-1]:
            _approve_by_api(client, document, key, "en")
        corrected = editor.post(
            f"{path}/segments/{english[-1]}/translations/en",
            data={"csrf": token, "text": "The city council agreed on Monday.", "back_query": ""},
        )
        assert corrected.status_code == 303
        assert _query(corrected.headers["location"]) == {
            "done": "corrected",
            "done_segment": english[-1],
            "done_lang": "en",
            "next_lang": "ko",
            "segment": korean[0],
        }
        landed = editor.get(corrected.headers["location"].split("#")[0]).text
        assert _status(landed, f"//tr[@id='row-{korean[0]}']/td[@lang='ko']//*[@role='status']") == [
            f"Saved your correction of the English translation of {place_of(english[-1])}. Next to review:"
        ]

        # The last one to review: back at it, saying nothing is left.
        for key in korean[:-1]:
            _approve_by_api(client, document, key, "ko")
        last = editor.post(
            f"{path}/segments/{korean[-1]}/translations/ko/approve", data={"csrf": token, "back_query": ""}
        )
        assert _query(last.headers["location"]) == {
            "done": "approved",
            "done_lang": "ko",
            "segment": korean[-1],
        }
        landed = editor.get(last.headers["location"].split("#")[0]).text
        place = place_of(korean[-1], _role(document, korean[-1]))
        assert _status(landed) == [
            f"Approved the Korean translation of {place}. Nothing left to review in this document."
        ]


def test_the_document_page_keeps_to_the_languages_it_shows(app: FastAPI) -> None:
    """A page that shows Korean only goes on to the next Korean one, wrapping to the first."""
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        document = _document(client, ["en", "ko"])
        editor = browser_as(app, "editor")
        order, needing = _reading_order(editor, document), _to_review(client, document)
        korean = [key for key in order if (key, "ko") in needing]
        assert len(korean) >= 2, korean
        path = f"/documents/{document['id']}"
        token = form_token(editor.get(path, params={"lang": "ko"}).text)
        approved = editor.post(
            f"{path}/segments/{korean[-1]}/translations/ko/approve",
            data={"csrf": token, "back_query": "lang=ko"},
        )
        assert _query(approved.headers["location"]) == {
            "lang": "ko",
            "done": "approved",
            "done_segment": korean[-1],
            "done_lang": "ko",
            "next_lang": "ko",
            "segment": korean[0],
        }


def test_a_correction_from_the_review_list_goes_on_to_its_next_item(app: FastAPI) -> None:
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        document = _document(client, ["en"])
        editor = browser_as(app, "editor")
        the_list = f"/review?lang=en&document={document['id']}"
        listing = html.fromstring(editor.get(the_list).text)
        assert len(listing.xpath("//li[starts-with(@id, 'item-')]")) >= 3, (
            "the tiny model's output needs review"
        )
        second = listing.xpath(
            "//li[@id='item-2']//a[normalize-space()='Correct it on the document page']/@href"
        )
        key = _query(second[0])["segment"]

        # "Correct it" on item 2, saved on the document page: back in the list, at item 2's place,
        # which the next item to review now holds.
        page = editor.get(second[0]).text
        form = html.fromstring(page).xpath(
            f"//form[@action='/documents/{document['id']}/segments/{key}/translations/en']"
        )[0]
        fields = dict(zip(form.xpath(".//input/@name"), form.xpath(".//input/@value"), strict=True))
        saved = editor.post(
            str(form.get("action")), data={**fields, "text": "The city is building a bridge."}
        )
        assert saved.status_code == 303
        location = saved.headers["location"]
        assert location.startswith(f"{the_list}&done=corrected&") and location.endswith("#done"), location
        assert _query(location)["done_at"] == "2"
        landed = editor.get(location.split("#")[0]).text
        said = f"Saved your correction of the English translation of {place_of(key)} in “{TITLE}”."
        said += " Next to review:"
        assert _status(landed, "//li[@id='item-2']//*[@role='status']") == [said]
        assert _status(landed) == [said]
        assert key not in {_query(a).get("segment") for a in html.fromstring(landed).xpath("//li//a/@href")}

        # An approval on a document page opened from the list's item 1 goes back there too.
        opened = html.fromstring(landed).xpath("//li[@id='item-1']/a[1]/@href")[0]
        first = _query(opened)["segment"]
        page = editor.get(opened).text
        address = f"/documents/{document['id']}/segments/{first}/translations/en/approve"
        # The Approve button of the correction box's form (it sends the box's text too).
        tree = html.fromstring(page)
        button = tree.xpath(f"//button[@formaction='{address}']")[0]
        approve = tree.xpath(f"//form[@id='{button.get('form')}']")[0]
        fields = dict(zip(approve.xpath(".//input/@name"), approve.xpath(".//input/@value"), strict=True))
        approved = editor.post(address, data=fields)
        assert approved.headers["location"].startswith(f"{the_list}&done=approved&")
        assert _query(approved.headers["location"])["done_at"] == "1"


def test_the_review_list_says_when_nothing_is_left_to_review(app: FastAPI) -> None:
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        document = _document(client, ["en"])
        editor = browser_as(app, "editor")
        needing = sorted(_to_review(client, document))
        assert needing, "the tiny model's output needs review"
        for key, lang in needing[1:]:
            _approve_by_api(client, document, key, lang)
        the_list = f"/review?lang=en&document={document['id']}"
        listing = html.fromstring(editor.get(the_list).text)
        form = listing.xpath("//li[@id='item-1']//form")[0]
        fields = dict(zip(form.xpath(".//input/@name"), form.xpath(".//input/@value"), strict=True))
        approved = editor.post(str(form.get("action")), data=fields)
        landed = editor.get(approved.headers["location"].split("#")[0]).text
        key = needing[0][0]
        place = place_of(key, _role(document, key))
        said = f"Approved the English translation of {place} in “{TITLE}”."
        assert _status(landed) == [f"{said} Nothing left to review with these filters."]
