"""Found by an outside walk of the pages: a keyboard user had to tab through the site menu on
every page before reaching its content. Every page's first focusable element is now a "Skip to
content" link to the page's one ``<main id="content">`` (shown when focused: see
test_skip_link_chromium)."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import html

from service.ingest import store_article
from service.parse import parse_article
from tests.service.web.test_desk_pages import browser_as
from tests.support import form_token

ARTICLE = "Hochwasser in Sachsen\n\nDie Pegel der Elbe steigen seit Sonntag.\n"
FOCUSABLE = (
    "//a[@href] | //button | //input[not(@type='hidden')] | //select | //textarea | //summary"
    " | //*[@tabindex and not(@tabindex='-1')]"
)


def _skips_to_main(page: str, where: str) -> None:
    tree = html.fromstring(page)
    focusable = tree.xpath(FOCUSABLE)
    assert focusable, f"{where}: nothing focusable"
    first = focusable[0]
    assert (first.tag, first.get("href"), " ".join(first.text_content().split())) == (
        "a",
        "#content",
        "Skip to content",
    ), (where, html.tostring(first)[:200])
    mains = tree.xpath("//main")
    assert [m.get("id") for m in mains] == ["content"], (where, [m.get("id") for m in mains])


def test_every_page_starts_with_a_link_to_its_content(app: FastAPI) -> None:
    with TestClient(app) as anonymous:
        _skips_to_main(anonymous.get("/login").text, "/login")
        with app.state.database.session() as session:
            document = store_article(session, ARTICLE, parse_article(ARTICLE), "de", "desk")
        editor = browser_as(app, "editor")
        for path in (
            "/",
            "/review",
            "/jobs",
            "/glossaries",
            "/submit",
            f"/documents/{document.id}",
            "/documents/no-such-id",  # a 404 page
            "/?page=0",  # a 422 page
        ):
            answer = editor.get(path)
            _skips_to_main(answer.text, f"{path} ({answer.status_code})")
        stale = editor.post(f"/documents/{document.id}/translations/en/publish", data={"csrf": "old"})
        assert stale.status_code == 403
        _skips_to_main(stale.text, "a 403 page")
        reader = browser_as(app, "reader")
        refused = reader.post(f"/documents/{document.id}/translations/en/publish",
                              data={"csrf": form_token(reader.get("/").text)})  # fmt: skip
        assert refused.status_code == 403
        _skips_to_main(refused.text, "a reader's 403 page")
