"""Found by an outside editor walk: the review list takes pages 1 to 50 (service.web.desk), but its
"Next" link on page 50 of a longer list led to page 51, which the server refused (422). Every link
a review page offers now leads to a page that answers; past page 50 the list says how to reach the
rest (its filters)."""

from __future__ import annotations

from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import html

from service.web.document_view import REVIEW_PAGES
from tests.service.web.test_desk_pages import browser_as
from tests.support import new_key, wait_for_job

# Thirty sentences with numbers: the tiny model's noise fails the number check in each, into both
# languages, so about sixty translations wait for review.
LONG = "Zahlen aus dem Landtag\n\n" + " ".join(
    f"Am {n}. Mai kamen {n * 7 + 3} Besucher in den Landtag." for n in range(1, 31)
)


def test_every_link_of_every_review_page_leads_to_a_page(
    app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("service.web.desk.REVIEW_ITEMS", 1)  # one item a page: more than 50 pages
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        job = client.post("/v1/jobs", json={"text": LONG, "targets": ["en", "ko"]}).json()
        assert wait_for_job(client, job["id"], timeout=300)["state"] == "succeeded"
        total = len(client.get("/v1/review", params={"limit": 500}).json())
        assert total > REVIEW_PAGES, total
        editor = browser_as(app, "editor")

        seen: dict[str, int] = {}
        waiting = ["/review", "/review?lang=en"]
        last_page = ""
        while waiting:
            address = waiting.pop()
            if address in seen:
                continue
            answer = editor.get(address)
            seen[address] = answer.status_code
            if answer.status_code != 200 or urlsplit(address).path != "/review":
                continue  # a page other than the review list: that it answers is enough
            query = dict(parse_qsl(urlsplit(address).query))
            if query.get("page") == str(REVIEW_PAGES) and "lang" not in query:
                last_page = answer.text
            for href in html.fromstring(answer.text).xpath("//a/@href"):
                target = urljoin(address, str(href)).partition("#")[0]
                if target.startswith("/") and not target.startswith(("/docs", "/v1/")):
                    waiting.append(target)
        refused = {address: status for address, status in seen.items() if status != 200}
        assert refused == {}, refused
        lists = [address for address in seen if address.startswith("/review")]
        reached = {dict(parse_qsl(urlsplit(address).query)).get("page", "1") for address in lists}
        assert str(REVIEW_PAGES) in reached and str(REVIEW_PAGES + 1) not in reached, sorted(reached)

        said = " ".join(html.fromstring(last_page).xpath("string(//main)").split())
        rest = total - REVIEW_PAGES
        assert (
            f"The list’s pages end here, at page {REVIEW_PAGES}: choose a language or a document above "
            f"to reach the other {rest} translation{'s' if rest != 1 else ''} to review."
        ) in said, said
        nav = html.fromstring(last_page).xpath("//nav[@aria-label='Review pages (bottom)']//a")
        assert [" ".join(a.text_content().split()) for a in nav] == ["Previous 1"]
