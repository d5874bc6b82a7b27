"""Found by an outside tester: the API never echoes a control or invisible character raw, but the
pages did. ``GET /documents/abc%E2%80%AEdef`` answered 404 with the raw U+202E (a right-to-left
override, which reverses the text after it) in its message, on every page and form that takes an
id; a withdraw form with a U+202E language said "The ‮abc translation ... was never published",
where the API says it is not a supported language; a control character in a page's id was a 404.
Now a page's id with a character no id has is a 422 page saying "... is not a document id" (the
API's rule, :mod:`service.web.page_ids`), an unsupported language in a form gets the API's words,
and no page message holds such a character raw (:mod:`service.echo_text`)."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import html

from tests.service.web.test_desk_pages import browser_as
from tests.support import form_token

HIDDEN = ("\u202e", "\u200f", "\ufeff")
QUOTED = {"\u202e": "%E2%80%AE", "\u200f": "%E2%80%8F", "\ufeff": "%EF%BB%BF"}


def _message(answer: object) -> str:
    return str(html.fromstring(answer.text).xpath("string(//main//*[@role='alert'])"))  # type: ignore[attr-defined]


@pytest.mark.parametrize("hidden", HIDDEN)
def test_an_id_with_an_invisible_character_is_refused_as_no_id_and_never_echoed_raw(
    app: FastAPI, hidden: str
) -> None:
    bad = f"abc{QUOTED[hidden]}def"
    written = f"\\u{ord(hidden):04x}"
    with TestClient(app):
        editor = browser_as(app, "editor")
        token = form_token(editor.get("/").text)
        got = [
            (f"/documents/{bad}", "document", editor.get),
            (f"/documents/{bad}/changes", "document", editor.get),
            (f"/review?document={bad}", "document", editor.get),
            (f"/glossaries/{bad}", "glossary", editor.get),
            (f"/glossaries/{bad}/edit", "glossary", editor.get),
            (f"/documents/d1?segment={bad}", "segment", editor.get),
            (f"/documents/{bad}/segments/s01/translations/en", "document", editor.post),
            (f"/documents/d1/segments/{bad}/translations/en", "segment", editor.post),
            (f"/documents/{bad}/segments/s01/translations/en/approve", "document", editor.post),
            (f"/documents/{bad}/translations/en/publish", "document", editor.post),
            (f"/documents/{bad}/translations/en/withdraw", "document", editor.post),
            (f"/glossaries/{bad}", "glossary", editor.post),
            (f"/glossaries/{bad}/delete", "glossary", editor.post),
        ]
        for path, kind, method in got:
            kwargs = {"data": {"csrf": token, "text": "x"}} if method == editor.post else {}
            answer = method(path, **kwargs)  # type: ignore[operator]
            assert answer.status_code == 422, (path, answer.status_code, answer.text[-400:])
            assert hidden not in answer.text, path
            message = _message(answer)
            assert f"is not a {kind} id" in message and written in message, (path, message)


@pytest.mark.parametrize("hidden", HIDDEN)
def test_a_forms_unsupported_language_gets_the_apis_words_never_echoed_raw(app: FastAPI, hidden: str) -> None:
    lang = f"{QUOTED[hidden]}abc"
    with TestClient(app):
        editor = browser_as(app, "editor")
        token = form_token(editor.get("/").text)
        for path in (
            f"/documents/d1/translations/{lang}/withdraw",
            f"/documents/d1/translations/{lang}/publish",
            f"/documents/d1/segments/s01/translations/{lang}/approve",
            f"/documents/d1/segments/s01/translations/{lang}",
        ):
            answer = editor.post(path, data={"csrf": token, "text": "x"})
            assert answer.status_code == 422, (path, answer.status_code, answer.text[-400:])
            assert hidden not in answer.text, path
            message = _message(answer)
            assert "is not a supported language" in message and f"\\u{ord(hidden):04x}" in message, (
                path,
                message,
            )


def test_a_control_character_in_a_pages_id_is_a_422_saying_so(app: FastAPI) -> None:
    with TestClient(app):
        editor = browser_as(app, "editor")
        for path in ("/documents/abc%01def", "/documents/abc%1bdef/changes", "/glossaries/a%7f"):
            answer = editor.get(path)
            assert answer.status_code == 422, (path, answer.status_code)
            assert "is not a" in _message(answer) and "control character" in _message(answer), path
        # An address no page has is still a 404, saying the character.
        nowhere = editor.get("/no%01such")
        assert nowhere.status_code == 404 and "control character" in _message(nowhere)
