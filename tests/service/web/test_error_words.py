"""Found by an outside walk of the pages: error pages' messages started in lower case in places
("there is no page at …", "this form is out of date …", "no document …"), as the API's JSON
details do; and the sign-in page said keys come from "the operator" in one place and to "ask an
admin" in another, though an admin key makes no keys: the operator who runs the service makes
them with ``interlinear keys create``. Now a page's messages start with a capital (a parameter's
name that must be typed as it is stays as code), the API's JSON is as it was, and the sign-in
page says how keys are made once, under the form, as made by the person who runs the service.
Each test failed on the old code."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import html

from service.api_keys import find_key, revoke_key
from tests.service.api.test_publishing import stored_translation
from tests.service.web.test_desk_pages import browser_as
from tests.support import form_token, new_key

KEYS = "Keys are made by the person who runs this service, with interlinear keys create."


def _alert(page: str) -> html.HtmlElement:
    return html.fromstring(page).xpath("//main//*[@role='alert']")[0]


def _words(element: html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def test_error_messages_on_pages_start_with_a_capital_and_the_api_keeps_its_words(app: FastAPI) -> None:
    with TestClient(app) as client:
        document_id, keys = stored_translation(app, tenant="desk")
        editor = browser_as(app, "editor")
        token = form_token(editor.get("/").text)
        correct = f"/documents/{document_id}/segments/{keys[0]}/translations/en"
        answers = {
            "There is no page at /no/such/page": editor.get("/no/such/page"),
            "No document no-such-id": editor.get("/documents/no-such-id"),
            "This address is not one the page understands": editor.get("/?page=0"),
            "This form is out of date": editor.post(correct, data={"csrf": "old", "text": "x"}),
            "Not signed out": editor.post("/logout", data={"csrf": "old"}),
            "State 'bogus' is not a job state": editor.get("/", params={"state": "bogus"}),
            "Document ": editor.post(
                f"/documents/{document_id}/segments/s99/translations/en", data={"csrf": token, "text": "x"}
            ),
        }
        for start, answer in answers.items():
            assert answer.headers["content-type"].startswith("text/html"), start
            said = _words(_alert(answer.text))
            assert said.startswith(start), (start, said)

        # A correction refused in its form: the message under the box starts with a capital too.
        blank = editor.post(correct, data={"csrf": token, "text": "   "})
        assert blank.status_code == 422
        [under] = html.fromstring(blank.text).xpath(f"//p[@id='err-{keys[0]}-en']")
        assert _words(under).removeprefix("Error: ").startswith("The correction is blank"), _words(under)

        # A parameter's name stays as it is typed, as code.
        named = _alert(editor.get("/", params={"source_lang": "xx"}).text)
        assert named.xpath("./code[1]/text()") == ["source_lang"] and _words(named).startswith(
            "source_lang 'xx'"
        )

        # The API's JSON problems keep their words.
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        assert client.get("/v1/documents/no-such-id").json()["detail"].startswith("no document")
        assert client.get("/v1/jobs", params={"state": "bogus"}).json()["detail"].startswith("state 'bogus'")


def test_the_sign_in_page_says_how_keys_are_made_once_under_the_form(app: FastAPI) -> None:
    """Found by a later outside walk: a refused key's message said how keys are made, and the line
    under the form said it again, in "operator" words. Now the command is said once, under the
    form, naming the person who runs the service; a refusal says whom to ask, not how."""
    with TestClient(app):
        browser = TestClient(app, follow_redirects=False)
        form = browser.get("/login").text
        token = form_token(form)
        revoked = new_key(app, "desk", role="editor")
        with app.state.database.session() as session:
            revoke_key(session, find_key(session, revoked).id)  # type: ignore[union-attr]
            session.commit()
        pages = {
            "the page": form,
            "a blank key": browser.post("/login", data={"key": "", "csrf": token}).text,
            "a key not valid": browser.post("/login", data={"key": "il_not-a-key", "csrf": token}).text,
            "a revoked key": browser.post("/login", data={"key": revoked, "csrf": token}).text,
        }
        for name, page in pages.items():
            main = html.fromstring(page).xpath("//main")[0]
            words = _words(main)
            assert words.count("interlinear keys create") == 1, (name, words)
            [said] = main.xpath("./form/following-sibling::p[.//code]")
            assert _words(said) == KEYS, (name, _words(said))
            assert said.xpath("./code/text()") == ["interlinear keys create"], name
            assert not main.xpath("./form//code"), (name, words)  # not in the form, not in its error
            for word in ("admin", "operator"):
                assert word not in words.lower(), (name, word, words)
            assert "`" not in words, (name, words)
        for name in ("a key not valid", "a revoked key"):  # whom to ask, in the same words
            error = _words(html.fromstring(pages[name]).xpath("//p[@id='error']")[0])
            assert "Ask the person who runs this service for a new" in error.replace("ask", "Ask"), error
