"""Found by an outside walk in Chromium: a form's address opened with GET (the correction form's
page reloaded after a refusal, ``GET /logout``, an approval's address in a new tab) answered the
API's raw JSON 405. On the pages it is now the pages' error page, with the link to the page the
form is on and the ``Allow`` header; the API's paths keep their JSON 405. (``GET /logout`` has
since become a page with the sign-out button.)"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import html

from tests.service.web.test_desk_pages import browser_as
from tests.support import new_key


def test_a_forms_address_opened_with_get_is_a_page_back_to_the_forms_page(app: FastAPI) -> None:
    with TestClient(app):
        editor = browser_as(app, "editor")
        for path, back, allowed in (
            ("/documents/d1/segments/s01/translations/ko", "/documents/d1", "POST"),
            ("/documents/d1/segments/s01/translations/ko/approve", "/documents/d1", "POST"),
            ("/glossaries/g1/delete", "/glossaries/g1/delete", "GET, POST"),
        ):
            method = "PUT" if allowed != "POST" else "GET"
            page = editor.request(method, path)
            assert page.status_code == 405, (path, page.status_code)
            assert page.headers["content-type"].startswith("text/html"), (path, page.text[:200])
            assert page.headers["allow"] == allowed, (path, page.headers.get("allow"))
            tree = html.fromstring(page.text)
            assert tree.xpath("/html/@lang") == ["en"] and tree.xpath("//main//h1"), page.text[:300]
            assert tree.xpath("//main//a[normalize-space()='Back']/@href") == [back], (path, page.text)
            said = " ".join(tree.xpath("string(//main//*[@role='alert'])").split())
            assert f"cannot be opened with {method}" in said, said
        # GET /logout is a page of its own now (tests/service/web/test_sign_out_page.py).
        signed_out = editor.request("PUT", "/logout")
        assert signed_out.status_code == 405 and '<main id="content"' in signed_out.text
        assert html.fromstring(signed_out.text).xpath("//main//a[normalize-space()='Back']/@href") == [
            "/logout"
        ]


def test_a_post_only_api_address_opened_with_get_stays_json(app: FastAPI) -> None:
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        for path, allowed in (
            ("/v1/translate", "POST"),
            ("/v1/documents/d1/segments/s01/translations/ko/approve", "POST"),
            ("/v1/documents/d1/segments/s01/translations/ko", "PUT"),
        ):
            answer = client.get(path)
            assert answer.status_code == 405, (path, answer.status_code)
            assert answer.headers["content-type"] == "application/json", answer.text[:200]
            assert answer.headers["allow"] == allowed
            assert f"allowed: {allowed}" in answer.json()["detail"], answer.text
