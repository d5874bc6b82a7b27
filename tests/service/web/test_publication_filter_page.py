"""The documents page's publication filter and what its rows say of publishing, over HTTP as a
signed-in browser, on SQLite and PostgreSQL (found by an outside walk of the editor's desk: the
page could not list what is published, not published or changed since, and said "EN published" of
a translation corrected since). A labelled select in the filter form, of the "Translated into"
language else of any translation, kept across pages; a row says "EN published · 1 changed since"
with a link to the document's publication panel; another word is refused as a page."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import html

from tests.service.api.test_publication_filter import CHANGED_EN, PUBLISHED_EN, newsroom
from tests.support import new_key, sign_in


def _browser(app: FastAPI, role: str = "reader") -> TestClient:
    browser = TestClient(app)
    assert sign_in(browser, new_key(app, "tests", role=role, name=role.title())).status_code == 200
    return browser


def _rows(page: str, made: dict[str, str]) -> dict[str, html.HtmlElement]:
    """The page's rows, by the name of the document each links to."""
    names = {f"/documents/{document_id}": name for name, document_id in made.items()}
    rows = html.fromstring(page).xpath("//ul[@class='items']/li[not(@class)]")
    return {names[row.xpath("string(a[1]/@href)")]: row for row in rows}


def _said(row: html.HtmlElement) -> str:
    return " ".join(row.text_content().split())


def test_the_documents_page_filters_by_publication_and_says_what_changed_since(app: FastAPI) -> None:
    with TestClient(app):
        made = newsroom(app)
        browser = _browser(app)  # a reader: filtering is reading
        tree = html.fromstring(browser.get("/").text)
        select = tree.xpath("//form[@role='search']//select[@id='publication']")[0]
        assert select.get("name") == "publication"
        assert " ".join(tree.xpath("string(//label[@for='publication'])").split()) == "Publication"
        assert select.xpath("option/@value") == ["", "published", "changed", "unpublished"]
        said_options = ["any", "published", "published, changed since", "not published"]
        assert select.xpath("option/text()") == said_options
        hint = tree.xpath(f"string(//*[@id='{select.get('aria-describedby')}'])")
        assert "Translated into" in hint

        rows = _rows(browser.get("/").text, made)
        assert set(rows) == set(made) - {"elsewhere"}
        assert " · EN published · 1 changed since · " in _said(rows["corrected"])
        assert rows["corrected"].xpath(".//a[normalize-space()='1 changed since']/@href") == [
            f"/documents/{made['corrected']}#publication"
        ]
        assert " · KO published · 2 changed since · " in _said(rows["korean"])
        for name in ("published", "unchanged", "republished"):
            assert " · EN published · " in _said(rows[name]) and "changed since" not in _said(rows[name])
        for name in ("fresh", "withdrawn"):
            assert "published" not in _said(rows[name]).split(" · ", 1)[1], name

        for query, names in (
            ({"publication": "changed"}, CHANGED_EN | {"korean"}),
            ({"publication": "changed", "target_lang": "en"}, CHANGED_EN),
            ({"publication": "published", "target_lang": "en"}, PUBLISHED_EN),
            ({"publication": "unpublished"}, {"fresh", "withdrawn"}),
            ({"publication": "UNPUBLISHED", "target_lang": "en"}, {"fresh", "withdrawn", "korean"}),
        ):
            page = browser.get("/", params=query)
            assert page.status_code == 200, (query, page.text[:300])
            assert set(_rows(page.text, made)) == names, query
            chosen = html.fromstring(page.text)
            assert chosen.xpath("//select[@id='publication']/option[@selected]/@value") == [
                query["publication"].lower()
            ]
            assert chosen.xpath("//a[normalize-space()='Show all']/@href") == ["/"]

        refused = browser.get("/", params={"publication": "live"})
        assert refused.status_code == 422
        said = " ".join(html.fromstring(refused.text).xpath("string(//main)").split())
        refusal = "Publication 'live' is not a publication state; use one of published, changed, unpublished"
        assert refusal in said


def test_the_publication_filter_is_kept_across_pages(app: FastAPI, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("service.web.pages.PAGE_SIZE", 1)
    with TestClient(app):
        made = newsroom(app)
        browser = _browser(app, "editor")
        seen: list[str] = []
        path: str | None = "/?publication=changed&target_lang=en"
        while path:
            page = browser.get(path)
            assert page.status_code == 200, page.text[:300]
            seen += list(_rows(page.text, made))
            tree = html.fromstring(page.text)
            assert tree.xpath("//select[@id='publication']/option[@selected]/@value") == ["changed"]
            older = tree.xpath("//nav//a[@rel='next']/@href")
            path = older[0] if older else None
            if path:
                kept = parse_qs(urlsplit(path).query)
                assert kept["publication"] == ["changed"] and kept["target_lang"] == ["en"], path
        assert sorted(seen) == sorted(CHANGED_EN)
