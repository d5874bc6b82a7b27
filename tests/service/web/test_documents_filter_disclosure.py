"""Found by an outside walk at 390 px: the documents list's filter fields (seven, with their hints)
came before the list, which started below the fold on a phone. They are in a disclosure now,
"Filter", closed while no filter is set and open, saying how many are, once one is ("Filter (2
set)"); the list comes after it, and its page links keep the filters as before. On a wide screen
the disclosure is shown open whatever its state (CSS; in Chromium: test_walk_findings_chromium.py).
Failed on the old code."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import html

from service.ingest import store_article
from service.parse import parse_article
from tests.service.web.test_publish_page import browser_of


def _disclosure(browser: TestClient, query: dict[str, str]) -> tuple[html.HtmlElement, html.HtmlElement]:
    """The page's filter disclosure and the page."""
    answer = browser.get("/", params=query)
    assert answer.status_code == 200, (query, answer.text[:300])
    tree = html.fromstring(answer.text)
    found = tree.xpath("//main/details[@class='filters']")
    assert len(found) == 1, f"no filter disclosure on the documents page: {answer.text[-1500:]}"
    return found[0], tree


def test_the_filters_are_a_disclosure_closed_until_a_filter_is_set(
    app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("service.web.pages.PAGE_SIZE", 1)
    with TestClient(app):
        with app.state.database.session() as session:
            for n in (1, 2):
                text = f"Meldung {n}\n\nDer Rat tagte am {n}. Mai in Berlin.\n"
                store_article(session, text, parse_article(text), "de", "tests")
            session.commit()
        browser = browser_of(app, "tests", "reader", "Rita")

        details, tree = _disclosure(browser, {})
        assert details.get("open") is None, "closed while no filter is set"
        summary = details[0]
        assert summary.tag == "summary" and " ".join(summary.text_content().split()) == "Filter"
        assert details.xpath("./form[@role='search' and @action='/']//input[@id='q']")
        assert tree.xpath("//main/details[@class='filters']/following-sibling::ul[@class='items']/li/a")

        for query, said in (
            ({"source_lang": "de"}, "Filter (1 set)"),
            ({"q": "Rat Berlin", "source_lang": "de"}, "Filter (2 set)"),
            (
                {"q": "Rat", "source_lang": "de", "publication": "unpublished", "state": "", "tag": ""},
                "Filter (3 set)",
            ),
        ):
            details, tree = _disclosure(browser, query)
            assert details.get("open") is not None, f"open once a filter is set: {query}"
            assert " ".join(details[0].text_content().split()) == said, query
            older = tree.xpath("//nav[@aria-label='Pages of documents']//a[@rel='next']/@href")
            assert older, f"two documents, one a page: {query}"
            kept = {name: values[0] for name, values in parse_qs(urlsplit(older[0]).query).items()}
            assert kept == {**{name: value for name, value in query.items() if value}, "page": "2"}, older
            details, _ = _disclosure(browser, {**query, "page": "2"})
            assert details.get("open") is not None and " ".join(details[0].text_content().split()) == said
