"""Found by an outside walk: the pages' error page was headed "Not done" for a filter it did not
understand, showed the CLI commands of its messages in Markdown backticks, and its "Back" always
led to the documents list, so a 403's "reload the page and try again" could not be followed. Now
a refused address is "Not understood", a backticked command is <code>, and "Back" leads to the
page of this site the request came from (its Referer), or the form's page, or the documents."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import html

from tests.service.web.test_desk_pages import browser_as
from tests.support import form_token

FORM = "/documents/d1/segments/s01/translations/ko"


def _error_page(answer: object) -> tuple[str, str, str]:
    """The page's heading, its message as text, and its "Back" link (an out-of-date form's: "Go back
    to the page")."""
    tree = html.fromstring(answer.text)  # type: ignore[attr-defined]
    heading = " ".join(tree.xpath("string(//main//h1)").split())
    message = " ".join(tree.xpath("string(//main//*[@role='alert'])").split())
    return (
        heading,
        message,
        tree.xpath("//main//a[normalize-space()='Back' or normalize-space()='Go back to the page']/@href")[0],
    )


def test_a_refused_address_is_not_understood_and_a_forms_refusal_not_done(app: FastAPI) -> None:
    with TestClient(app):
        editor = browser_as(app, "editor")
        for path in ("/?page=0", "/jobs?state=done", "/review?page=abc"):
            answer = editor.get(path)
            assert answer.status_code == 422, (path, answer.status_code)
            assert _error_page(answer)[0] == "Not understood", (path, answer.text[-600:])
        assert _error_page(editor.get("/documents/no-such-id"))[0] == "Not found"
        token = form_token(editor.get("/").text)
        refused = editor.post(
            "/documents/no-such-id/segments/s01/translations/xx", data={"csrf": token, "text": "x"}
        )
        assert refused.status_code in (404, 422), refused.status_code
        assert _error_page(refused)[0] in ("Not found", "Not done")


def test_a_backticked_command_is_code_not_backticks(app: FastAPI) -> None:
    with TestClient(app):
        reader = browser_as(app, "reader")
        token = form_token(reader.get("/").text)
        refused = reader.post(f"{FORM}/approve", data={"csrf": token})
        assert refused.status_code == 403, (refused.status_code, refused.text[-600:])
        heading, message, _ = _error_page(refused)
        assert heading == "Not allowed" and "`" not in message, message
        codes = html.fromstring(refused.text).xpath("//main//*[@role='alert']/code/text()")
        assert codes == ["interlinear keys create --tenant NAME --role editor"], refused.text[-600:]


def test_back_leads_to_the_page_of_this_site_the_request_came_from(app: FastAPI) -> None:
    with TestClient(app):
        editor = browser_as(app, "editor")
        # An out-of-date form (403 "go back to the page and send the form again"): to the page it was on.
        came_from = "http://testserver/documents/d1?lang=ko&page=2"
        stale = editor.post(FORM, data={"csrf": "old", "text": "x"}, headers={"Referer": came_from})
        assert stale.status_code == 403
        heading, message, back = _error_page(stale)
        assert "go back to the page" in message and back == "/documents/d1?lang=ko&page=2", (heading, back)
        # Another site's page, or none: the form's page (the sentence, its correction box open); an
        # API address is no page to go back to.
        for referer in ("https://evil.example/documents/d1", "", "http://testserver/v1/jobs"):
            headers = {"Referer": referer} if referer else {}
            stale = editor.post(FORM, data={"csrf": "old", "text": "x"}, headers=headers)
            assert _error_page(stale)[2] == "/documents/d1?correct=ko&segment=s01#row-s01", referer
        # A page opened from another page of this site: back there; else the documents list.
        missing = editor.get(
            "/documents/no-such-id", headers={"Referer": "http://testserver/jobs?state=failed"}
        )
        assert _error_page(missing)[2] == "/jobs?state=failed"
        assert _error_page(editor.get("/documents/no-such-id"))[2] == "/"
        assert (
            _error_page(editor.get("/jobs?state=done", headers={"Referer": "http://testserver/jobs"}))[2]
            == "/jobs"
        )
