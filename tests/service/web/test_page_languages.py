"""The pages' ``?lang=`` takes a code as job submission does ("EN" is "en"; found by an outside
attack: the review list filtered by "EN" showed nothing to review, the document page ignored
"KO" and showed every language), and a code no model has is a plain error page, not an empty
list. Each of these failed on the old code."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import html

from tests.service.web.test_desk_pages import browser_as
from tests.support import new_key, wait_for_job

ARTICLE = (
    "Haushalt für Nachtzüge\n\n"
    "Für die kommenden vier Jahre stehen insgesamt 600 Millionen Euro bereit. Die Bahn begrüßt das.\n"
)


def _document(client: TestClient) -> str:
    job = client.post("/v1/jobs", json={"text": ARTICLE, "targets": ["en", "ko"]}).json()
    done = wait_for_job(client, job["id"], timeout=300)
    assert done["state"] == "succeeded", done
    return str(done["document_id"])


def test_the_pages_take_a_language_code_as_job_submission_does(app: FastAPI) -> None:
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        document = _document(client)
        waiting = client.get("/v1/review", params={"lang": "en", "document": document}).json()
        assert waiting, "the tiny model's outputs miss their numbers: some wait for review"
        editor = browser_as(app, "editor")
        for sent in ("EN", " en ", "En"):
            listing = editor.get("/review", params={"lang": sent, "document": document})
            assert listing.status_code == 200, listing.text[:300]
            tree = html.fromstring(listing.text)
            assert len(tree.xpath("//ul[@class='items']/li[starts-with(@id, 'item-')]")) == len(waiting), sent
            assert tree.xpath("//select[@id='lang']/option[@selected]/@value") == ["en"], sent
        page = editor.get(f"/documents/{document}", params={"lang": "KO"})
        assert page.status_code == 200, page.text[:300]
        assert 'lang="ko" data-label' in page.text and 'lang="en" data-label' not in page.text
        listed = editor.get("/", params={"target_lang": "KO"})
        assert listed.status_code == 200 and f"/documents/{document}" in listed.text


def test_a_code_no_model_has_is_a_plain_error_page(app: FastAPI) -> None:
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        document = _document(client)
        editor = browser_as(app, "editor")
        for path, field, sent in (
            ("/review", "lang", "xx"),
            ("/review", "lang", "EN-us"),
            (f"/documents/{document}", "lang", "fr"),
            ("/", "source_lang", "XX"),
            ("/", "target_lang", "XX"),
        ):
            refused = editor.get(path, params={field: sent})
            assert refused.status_code == 422, (path, sent, refused.status_code)
            assert refused.headers["content-type"].startswith("text/html")
            text = html.fromstring(refused.text).text_content()
            # Said as a sentence: a capital; a parameter's name that must be typed as it is, as code;
            # ?lang= is "Language 'xx'" (it read "Lang 'xx' is not ...", found by an outside tester)
            named = "Language" if field == "lang" else field
            assert f"{named} '{sent}' is not a supported language; use one of de, en, ko" in text, text[:500]
