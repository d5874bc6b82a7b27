"""After an editor approves or corrects a translation, the page they land on is the one they left
(its ``?lang=``, its page size, the review list's filters) and says what was done, in a
role="status" element (found by an outside walk: the document page's forms dropped ``?lang=`` and
the size, and no page said that anything had happened). Each failed on the old code."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import html

from service.segment_places import place_of
from tests.service.web.test_desk_pages import browser_as
from tests.support import form_token, new_key, wait_for_job

ARTICLE = (
    "Haushalt für Nachtzüge\n\n"
    "Für die kommenden vier Jahre stehen insgesamt 600 Millionen Euro bereit. Die Bahn begrüßt das.\n"
)
TITLE = "Haushalt für Nachtzüge"


def _document(client: TestClient) -> dict:
    job = client.post("/v1/jobs", json={"text": ARTICLE, "targets": ["en", "ko"]}).json()
    done = wait_for_job(client, job["id"], timeout=300)
    assert done["state"] == "succeeded", done
    return client.get(f"/v1/documents/{done['document_id']}").json()


def _sentences(document: dict) -> list[str]:
    return [s["id"] for section in document["sections"] for s in section["segments"] if s["translatable"]]


def _status(page: str) -> list[str]:
    return [" ".join(p.text_content().split()) for p in html.fromstring(page).xpath("//*[@role='status']")]


def _query(location: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(location).query)


def test_approving_from_the_review_list_keeps_its_filters_and_says_what_was_approved(app: FastAPI) -> None:
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        document = _document(client)
        editor = browser_as(app, "editor")
        listing = editor.get("/review", params={"lang": "en", "document": document["id"]}).text
        tree = html.fromstring(listing)
        action = tree.xpath("//li[@id='item-1']//form/@action")[0]
        segment = action.split("/segments/")[1].split("/")[0]
        fields = dict(
            zip(
                tree.xpath("//li[@id='item-1']//form//input/@name"),
                tree.xpath("//li[@id='item-1']//form//input/@value"),
                strict=True,
            )
        )
        done = editor.post(action, data=fields)
        assert done.status_code == 303
        location = done.headers["location"]
        assert location.startswith(f"/review?lang=en&document={document['id']}&") and location.endswith(
            "#done"
        )
        landed = editor.get(location.split("#")[0])
        assert landed.status_code == 200
        role = next((s["role"] for s in document["front_matter"] if s["id"] == segment), "")  # the title
        said = f"Approved the English translation of {place_of(segment, role)} in “{TITLE}”. Next to review:"
        assert _status(landed.text) == [said]
        after = html.fromstring(landed.text)
        assert after.xpath("//li[@id='item-1']//*[@role='status']"), "said where the approved item stood"
        assert after.xpath("//select[@id='lang']/option[@selected]/@value") == ["en"]
        assert after.xpath("//select[@id='document']/option[@selected]/@value") == [document["id"]]
        assert segment not in {
            a.split("segment=")[1].split("#")[0] for a in after.xpath("//li//a/@href") if "segment=" in a
        }
        # Said only of a sentence the tenant has: a forged address says nothing.
        forged = editor.get(
            "/review",
            params={
                "done": "approved",
                "done_document": document["id"],
                "done_segment": "s99.p99.99",
                "done_lang": "en",
            },
        )
        assert forged.status_code == 200 and _status(forged.text) == []


def test_approving_and_correcting_on_the_document_page_keep_its_languages_and_size(app: FastAPI) -> None:
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        document = _document(client)
        first, second = _sentences(document)[:2]
        editor = browser_as(app, "editor")
        page = editor.get(f"/documents/{document['id']}", params={"lang": "en", "size": 2}).text
        token = form_token(page)
        back = html.fromstring(page).xpath("//input[@name='back_query']/@value")
        assert back and set(back) == {"lang=en&size=2"}, back

        base = f"/documents/{document['id']}/segments"
        approved = editor.post(
            f"{base}/{first}/translations/en/approve", data={"csrf": token, "back_query": back[0]}
        )
        assert approved.status_code == 303
        location = approved.headers["location"]
        # On to the next English translation to review (the second sentence), saying what was done
        # (tests/service/web/test_next_to_review.py).
        assert _query(location) == [
            ("lang", "en"),
            ("size", "2"),
            ("done", "approved"),
            ("done_segment", first),
            ("done_lang", "en"),
            ("next_lang", "en"),
            ("segment", second),
        ]
        assert location.endswith(f"#row-{second}")
        landed = editor.get(location.split("#")[0]).text
        assert 'lang="ko" data-label' not in landed and 'lang="en" data-label' in landed  # only EN, as left
        cell = html.fromstring(landed).xpath(f"//tr[@id='row-{second}']/td[@lang='en']")[0]
        said = f"Approved the English translation of {place_of(first)}. Next to review:"
        assert [" ".join(p.text_content().split()) for p in cell.xpath(".//*[@role='status']")] == [said]
        assert _status(landed) == [said]

        corrected = editor.post(
            f"{base}/{second}/translations/en",
            data={"csrf": token, "text": "The railway welcomes it.", "back_query": back[0]},
        )
        assert corrected.status_code == 303
        assert _query(corrected.headers["location"])[:5] == [
            ("lang", "en"),
            ("size", "2"),
            ("done", "corrected"),
            ("done_segment", second),
            ("done_lang", "en"),
        ]
        landed = editor.get(corrected.headers["location"].split("#")[0]).text
        said = f"Saved your correction of the English translation of {place_of(second)}. Next to review:"
        assert _status(landed) == [said]

        # A refused correction is shown in its form on the page as it was: only EN, two rows.
        refused = editor.post(
            f"{base}/{second}/translations/en", data={"csrf": token, "text": " ", "back_query": back[0]}
        )
        assert refused.status_code == 422
        assert 'lang="ko" data-label' not in refused.text and 'role="alert"' in refused.text
        assert "size=2" in refused.text

        # Only the languages and the size are kept; anything else sent back is dropped.
        odd = editor.post(
            f"{base}/{first}/translations/ko/approve",
            data={"csrf": token, "back_query": "lang=KO&next=//evil.example&size=9999999"},
        )
        assert odd.status_code == 303, odd.text[:300]
        assert _query(odd.headers["location"]) == [
            ("lang", "ko"),
            ("done", "approved"),
            ("done_segment", first),
            ("done_lang", "ko"),
            ("next_lang", "ko"),
            ("segment", second),
        ]
