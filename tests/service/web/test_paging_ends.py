"""Found by an outside editor walk: a page past the end of a list said there was nothing at all
("Nothing needs review.", "No documents yet") beside a total above zero; "Next 200" where fewer
were left; the sign-in error was plain text; "or none for every state" was unclear."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import html

from service.api_keys import find_key, revoke_key
from service.ingest import store_article
from service.parse import parse_article
from tests.service.web.test_desk_confirmations import _document
from tests.service.web.test_desk_pages import browser_as
from tests.support import form_token, new_key


def _words(node: html.HtmlElement) -> str:
    return " ".join(node.text_content().split())


def test_the_review_list_past_its_end_links_to_its_last_page_and_next_says_how_many(
    app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        document = _document(client)  # two sentences into two languages: four to review, or more
        total = len(client.get("/v1/review", params={"document": document["id"], "limit": 500}).json())
        assert total >= 3, total
        monkeypatch.setattr("service.web.desk.REVIEW_ITEMS", total - 1)  # the second page shows one
        editor = browser_as(app, "editor")

        first = html.fromstring(editor.get("/review", params={"document": document["id"]}).text)
        nav = [_words(a) for a in first.xpath("//nav[@aria-label='Review pages (bottom)']//a")]
        assert nav == ["Next 1"], nav
        # The same pager above the list (a later walk: it was only at the bottom), its own landmark
        top = first.xpath("//nav[@aria-label='Review pages (top)']")
        assert [_words(a) for a in top[0].xpath(".//a")] == nav
        assert top[0].getnext().get("class") == "items", "the top pager stands right above the list"
        second = html.fromstring(editor.get("/review", params={"document": document["id"], "page": 2}).text)
        pagers = [
            [_words(a) for a in second.xpath(f"//nav[@aria-label='Review pages ({where})']//a")]
            for where in ("top", "bottom")
        ]
        assert pagers == [[f"Previous {total - 1}"]] * 2, pagers

        past = html.fromstring(editor.get("/review", params={"document": document["id"], "page": 3}).text)
        said = _words(past.xpath("//main")[0])
        assert "Nothing needs review" not in said, said
        assert "Page 3 is past the last page (2). Go to page 2." in said, said
        links = [a.get("href") for a in past.xpath("//main//li[@class='note']//a")]
        assert links == [f"/review?lang=&document={document['id']}&page=2"], links
        assert not past.xpath("//nav[@aria-label='Review pages (bottom)']"), "no Next to an emptier page"

        nothing = html.fromstring(
            editor.get("/review", params={"document": document["id"], "lang": "de"}).text
        )
        assert "Nothing needs review with these filters." in _words(nothing.xpath("//main")[0])


def test_the_documents_list_past_its_end_links_to_its_last_page(
    app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    with TestClient(app):
        reader = browser_as(app, "reader")
        empty = _words(html.fromstring(reader.get("/", params={"page": 9}).text).xpath("//main")[0])
        assert "No documents yet." in empty, empty
        with app.state.database.session() as session:
            for n in (1, 2):
                text = f"Meldung {n}\n\nDer Rat tagte am {n}. Mai in Berlin.\n"
                store_article(session, text, parse_article(text), "de", "desk")
            session.commit()
        monkeypatch.setattr("service.web.pages.PAGE_SIZE", 1)
        for query in ({"page": 999}, {"page": 999, "q": "Meldung"}):
            page = html.fromstring(reader.get("/", params=query).text)
            said = _words(page.xpath("//main")[0])
            assert "No documents yet" not in said and "Nothing matches" not in said, said
            assert "2 documents" in said and "page 999 of" not in said, said
            assert "Page 999 is past the last page (2). Go to page 2." in said, said
            links = [a.get("href") for a in page.xpath("//main//li[@class='note']//a")]
            assert len(links) == 1 and links[0].endswith("&page=2"), links
            assert not page.xpath("//nav[@aria-label='Pages of documents']"), said


def test_a_refused_key_is_said_as_an_error_and_an_unknown_state_says_to_leave_it_out(app: FastAPI) -> None:
    with TestClient(app):
        browser = TestClient(app, follow_redirects=False)
        token = form_token(browser.get("/login").text)
        refused = browser.post("/login", data={"key": "il_not-a-key", "next": "/", "csrf": token})
        assert refused.status_code == 401
        error = html.fromstring(refused.text).xpath("//p[@id='error']")[0]
        assert error.get("role") == "alert" and "error" in str(error.get("class")).split()
        # what the editor can do first (paste it whole, ask for a new key), then the operator's cause
        assert _words(error.xpath("./strong")[0]).startswith(
            "That key is not valid. Check that you pasted all"
        )
        assert "ask the person who runs this service for a new key" in _words(error)
        assert "(one made against this service's own database)" in _words(error)
        # a revoked key is said to be revoked, with what to do
        key = new_key(app, "tagesblatt", role="editor")
        with app.state.database.session() as session:
            revoke_key(session, find_key(session, key).id)  # type: ignore[union-attr]
        token = form_token(browser.get("/login").text)
        revoked = browser.post("/login", data={"key": key, "next": "/", "csrf": token})
        assert revoked.status_code == 401
        said = _words(html.fromstring(revoked.text).xpath("//p[@id='error']")[0])
        assert "That key was revoked on " in said, said
        assert "Ask the person who runs this service for a new one." in said, said
        assert html.fromstring(refused.text).xpath("//input[@id='key']/@aria-describedby") == ["error"]

        reader = browser_as(app, "reader")
        bogus = reader.get("/", params={"state": "bogus"})
        assert bogus.status_code == 422
        assert "or leave it out for every state" in bogus.text and "none for every" not in bogus.text


def test_a_blank_key_is_the_sign_in_form_again_saying_to_enter_one(app: FastAPI) -> None:
    """Found by an outside tester: an empty key (``key=``, the browser's ``required`` skipped) gave
    the generic problem page "this address is not one the page understands: key: Field required".
    It is the form again (422: nothing was tried, so no 401), and is no failed attempt to throttle."""
    with TestClient(app):
        browser = TestClient(app, follow_redirects=False)
        token = form_token(browser.get("/login").text)
        for form in ({"key": ""}, {"key": "   "}, {}):
            blank = browser.post("/login", data={**form, "next": "/review", "csrf": token})
            assert blank.status_code == 422, (form, blank.text)
            page = html.fromstring(blank.text)
            said = _words(page.xpath("//p[@id='error']")[0])
            assert said.startswith("Enter your key"), said
            assert page.xpath("//input[@id='key']/@aria-invalid") == ["true"]
            assert page.xpath("//input[@name='next']/@value") == ["/review"]
            assert page.xpath("//input[@name='csrf']/@value") == [token], "the same form, signed in next"
        for _ in range(20):  # the default limit of failed attempts is 20 a minute
            browser.post("/login", data={"key": "", "next": "/", "csrf": token})
        wrong = browser.post("/login", data={"key": "il_not-a-key", "next": "/", "csrf": token})
        assert wrong.status_code == 401, "blank keys were counted as failed attempts"
        signed_in = browser.post("/login", data={"key": new_key(app, "desk"), "next": "/", "csrf": token})
        assert signed_in.status_code == 303
