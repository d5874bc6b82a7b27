"""The editor's desk as an editor works it (found by an outside walk through the pages): a person's
correction gets the same checks as a model's output, approving from a filtered review list keeps
the filters and the place, an older revision says so and leaves the review list, readers are told
why they cannot act, and no page is kept by the browser after signing out."""

from __future__ import annotations

from urllib.parse import parse_qsl

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import html

from service.storage.tables import Document, SegmentRow, TranslationRow
from tests.service.api.test_review import rows_loaded
from tests.service.web.test_desk_pages import browser_as
from tests.support import form_token, new_key, wait_for_job

BUDGET = (
    "Haushalt für Nachtzüge\n\n"
    "Für die kommenden vier Jahre stehen insgesamt 600 Millionen Euro bereit. Die Bahn begrüßt das.\n"
)


def _translated(client: TestClient, text: str, external_id: str | None = None) -> dict:
    body = {"text": text, "targets": ["en"], **({"external_id": external_id} if external_id else {})}
    job = wait_for_job(client, client.post("/v1/jobs", json=body).json()["id"])
    assert job["state"] == "succeeded", job
    return client.get(f"/v1/documents/{job['document_id']}").json()


def _segments(document: dict) -> list[dict]:
    return [s for section in document["sections"] for s in section["segments"] if s["translatable"]]


def test_a_correction_is_checked_like_a_models_output(app: FastAPI) -> None:
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        document = _translated(client, BUDGET)
        money = next(s for s in _segments(document) if "600" in s["text"])
        editor = browser_as(app, "editor")
        url = f"/documents/{document['id']}/segments/{money['id']}/translations/en"
        token = form_token(editor.get(f"/documents/{document['id']}").text)
        wrong = "For the coming years a total of 500 million euros is available."
        assert editor.post(url, data={"csrf": token, "text": wrong}).status_code == 303
        stored = next(s for s in _segments(client.get(f"/v1/documents/{document['id']}").json())
                      if s["id"] == money["id"])["translations"]["en"]  # fmt: skip
        assert stored["origin"] == "human" and stored["text"] == wrong
        details = [f["detail"] for f in stored["flags"]]
        assert "600 Millionen in the source, 500 million in the translation" in details, details
        page = editor.get(f"/documents/{document['id']}").text
        assert "The checks found this in the correction:" in page
        assert "600 Millionen in the source, 500 million in the translation" in page
        # A person's text waits for no review: it is corrected, not flagged again.
        review = client.get("/v1/review", params={"document": document["id"]}).json()
        assert money["id"] not in {item["segment_id"] for item in review}


def test_approving_from_a_filtered_review_list_comes_back_to_it(app: FastAPI) -> None:
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        document = _translated(client, BUDGET)
        editor = browser_as(app, "editor")
        listing = editor.get("/review", params={"document": document["id"], "lang": "en"})
        assert 'id="item-2"' in listing.text
        segment = _segments(document)[1]["id"]
        done = editor.post(
            f"/documents/{document['id']}/segments/{segment}/translations/en/approve",
            data={"csrf": form_token(listing.text), "back": "review", "back_lang": "en",
                  "back_document": document["id"], "back_at": "2"},
        )  # fmt: skip
        assert done.status_code == 303
        assert done.headers["location"] == (
            f"/review?lang=en&document={document['id']}&done=approved&done_document={document['id']}"
            f"&done_segment={segment}&done_lang=en&done_at=2#done"
        )


def test_approving_from_a_later_page_of_the_list_comes_back_to_it_once(
    app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An outside walk suspected the approve form's redirect carried the review list's query twice.
    It does not: one function (service.web.desk.review_address) builds the list's address for the
    page's own links and for the redirect, each name once, the page and both filters kept."""
    monkeypatch.setattr("service.web.desk.REVIEW_ITEMS", 1)
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        document = _translated(client, BUDGET)
        editor = browser_as(app, "editor")
        query = {"lang": "en", "document": document["id"], "page": "2"}
        listing = html.fromstring(editor.get("/review", params=query).text)
        form = listing.xpath("//li[@id='item-2']//form")[0]
        fields = dict(zip(form.xpath(".//input/@name"), form.xpath(".//input/@value"), strict=True))
        done = editor.post(str(form.get("action")), data=fields)
        assert done.status_code == 303
        address, _, anchor = done.headers["location"].partition("#")
        path, _, sent = address.partition("?")
        names = [name for name, _ in parse_qsl(sent)]
        assert (path, anchor) == ("/review", "done") and len(names) == len(set(names)), names
        segment = str(form.get("action")).split("/")[4]
        assert parse_qsl(sent) == [
            ("lang", "en"), ("document", document["id"]), ("page", "2"), ("done", "approved"),
            ("done_document", document["id"]), ("done_segment", segment), ("done_lang", "en"),
            ("done_at", "2"),
        ]  # fmt: skip
        landed = editor.get(done.headers["location"])
        assert landed.status_code == 200 and 'id="done"' in landed.text


def test_an_older_revision_says_so_and_leaves_the_review_list(app: FastAPI) -> None:
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        first = _translated(client, BUDGET, external_id="budget-1")
        second = _translated(client, BUDGET.replace("600", "700"), external_id="budget-1")
        assert second["revision"] == 2 and first["id"] != second["id"]
        queued = {item["document_id"] for item in client.get("/v1/review", params={"limit": 200}).json()}
        assert queued == {second["id"]}
        # Asked for by name, the older revision's sentences are still listed.
        assert client.get("/v1/review", params={"document": first["id"]}).json()
        editor = browser_as(app, "editor")
        old = editor.get(f"/documents/{first['id']}").text
        assert "This is revision 1, not the newest." in old and f'href="/documents/{second["id"]}"' in old
        assert "not the newest" not in editor.get(f"/documents/{second['id']}").text
        listing = editor.get("/").text
        assert "EN to review" in listing and listing.count("EN to review") == 1


def test_readers_are_told_why_and_pages_are_not_kept(app: FastAPI) -> None:
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        document = _translated(client, BUDGET)
        reader, editor = browser_as(app, "reader"), browser_as(app, "editor")
        page = reader.get(f"/documents/{document['id']}")
        assert "signed in with a reader key" in page.text and "need an editor key" in page.text
        assert "signed in with a reader key" not in editor.get(f"/documents/{document['id']}").text
        for path in ("/", f"/documents/{document['id']}", "/review", "/jobs", "/login"):
            assert reader.get(path).headers.get("cache-control") == "no-store", path


def test_an_uploaded_file_is_named_where_the_article_came_from(app: FastAPI) -> None:
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        file = ("nachtzuege.txt", BUDGET.encode(), "text/plain")
        sent = client.post("/v1/jobs/upload", files={"file": file}, data={"targets": "en"})
        assert sent.status_code == 202, sent.text
        job = wait_for_job(client, sent.json()["id"])
        editor = browser_as(app, "editor")
        assert "uploaded as nachtzuege.txt" in editor.get(f"/documents/{job['document_id']}").text
        assert "nachtzuege.txt" in editor.get("/jobs").text and "nachtzuege.txt" in editor.get("/").text


def test_the_submit_form_says_what_it_submitted(app: FastAPI) -> None:
    editor = browser_as(app, "editor")
    with editor:
        form = editor.get("/submit").text
        sent = editor.post("/submit", data={"csrf": form_token(form), "text": BUDGET, "targets": ["en"]})
        assert sent.status_code == 303 and "/jobs?submitted=" in sent.headers["location"]
        jobs = editor.get(sent.headers["location"].split("#")[0]).text
        assert "Submitted: Haushalt für Nachtzüge (EN)" in jobs and 'class="just-submitted"' in jobs
        # Said as every other success is (a later walk: it was a grey italic note)
        [said] = html.fromstring(jobs).xpath("//main//p[starts-with(normalize-space(), 'Submitted:')]")
        assert said.get("class") == "done" and said.get("role") == "status", html.tostring(said)
        refused = editor.post("/submit", data={"csrf": form_token(form), "text": BUDGET, "url": "https://example.com/a",
                                               "targets": ["en"]})  # fmt: skip
        assert refused.status_code == 422 and "Value error" not in refused.text
        assert "Not submitted:</strong> send the article as text, or its url: exactly one" in refused.text


def test_sign_out_says_so(app: FastAPI) -> None:
    """Found by a later walk: "Sign out" led to the bare sign-in form, which did not say it had."""
    editor = browser_as(app, "editor")
    with editor:
        fresh = html.fromstring(editor.get("/login").text)
        assert not fresh.xpath("//*[@role='status']"), "nothing to say before signing out"
        out = editor.post("/logout", data={"csrf": form_token(editor.get("/").text)})
        assert out.status_code == 303, out.text[:300]
        page = editor.get(out.headers["location"])
        assert page.status_code == 200
        [said] = html.fromstring(page.text).xpath("//main//*[@role='status']")
        assert " ".join(said.text_content().split()) == "Signed out." and said.get("class") == "done"
        assert editor.get("/").headers["location"].startswith("/login"), "signed out indeed"


def test_a_sentence_is_named_in_words() -> None:
    from service.segment_places import place_of

    assert place_of("s02.p03.01") == "section 2, paragraph 3, sentence 1"
    assert place_of("s10.h") == "section 10, heading"
    assert place_of("f01") == "before the text, item 1"
    assert place_of("odd-key") == "odd-key"


def test_the_review_list_pages(app: FastAPI, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("service.web.desk.REVIEW_ITEMS", 2)
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        document = _translated(client, BUDGET)
        total = len(client.get("/v1/review", params={"document": document["id"]}).json())
        assert total == 3
        editor = browser_as(app, "editor")
        first = editor.get("/review", params={"document": document["id"]}).text
        assert 'id="item-2"' in first and 'id="item-3"' not in first and "Next 1</a>" in first
        second = editor.get("/review", params={"document": document["id"], "page": 2}).text
        assert 'id="item-3"' in second and "Previous 2</a>" in second and "Next 2" not in second
        segment = next(s for s in _segments(document) if s["id"] in second)["id"]
        done = editor.post(
            f"/documents/{document['id']}/segments/{segment}/translations/en/approve",
            data={
                "csrf": form_token(second),
                "back": "review",
                "back_document": document["id"],
                "back_at": "3",
            },
        )
        assert done.headers["location"] == (
            f"/review?document={document['id']}&page=2&done=approved&done_document={document['id']}"
            f"&done_segment={segment}&done_lang=en&done_at=3#done"
        )


def test_the_review_list_reads_only_the_items_it_shows(app: FastAPI, monkeypatch: pytest.MonkeyPatch) -> None:
    """Filtered by a document or not, the list reads whole rows for the items of its page only (the
    count of those waiting says whether there is a next page), never the whole document (an
    outside walk: 1-2 s for /review with one article of 20,000 sentences)."""
    monkeypatch.setattr("service.web.desk.REVIEW_ITEMS", 1)
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        document = _translated(client, BUDGET)
        assert len(client.get("/v1/review", params={"document": document["id"]}).json()) == 3
        editor = browser_as(app, "editor")
        for params in ({}, {"document": document["id"]}, {"document": document["id"], "page": 2}):
            with rows_loaded(TranslationRow, SegmentRow, Document) as loaded:
                page = editor.get("/review", params=params)
            assert page.status_code == 200 and 'class="items"' in page.text
            assert "Next 1</a>" in page.text, params
            assert sum(isinstance(row, TranslationRow) for row in loaded) == 1, params
            assert sum(isinstance(row, SegmentRow) for row in loaded) == 1, params
            assert not any(isinstance(row, Document) for row in loaded), params


def test_each_items_actions_name_the_article_for_a_screen_reader(app: FastAPI) -> None:
    """Found by an outside walk: two articles' items on the review list had Approve buttons of one
    name ("Approve as it is (section 1, paragraph 2, sentence 1, English)"), so moving from button
    to button a screen reader could not tell them apart. The button's and the correct link's names
    say the article too; what the eye sees is unchanged."""
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        _translated(client, BUDGET)
        _translated(client, "Die Pegel der Elbe steigen seit Sonntag. Mehrere Orte wurden evakuiert.")
        page = html.fromstring(browser_as(app, "editor").get("/review").text)
        buttons = [" ".join(b.text_content().split()) for b in page.xpath("//ul[@class='items']//button")]
        links = [str(a.get("aria-label")) for a in page.xpath("//ul[@class='items']//a[@aria-label]")]
        assert buttons and len(buttons) == len(links), (buttons, links)
        assert len(set(buttons)) == len(buttons) and len(set(links)) == len(links), buttons
        assert any("(“Haushalt für Nachtzüge”, section 1" in b for b in buttons), buttons
        assert any("(the untitled article “Die Pegel der Elbe" in b for b in buttons), buttons
        assert all(label.startswith("Correct it on the document page (") for label in links), links
        visible = page.xpath("//ul[@class='items']//a[@aria-label]")[0].text_content()
        assert visible == "Correct it on the document page"
