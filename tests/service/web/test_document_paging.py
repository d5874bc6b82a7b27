"""The document page of a long article is paged (an outside walk found one page of 45.8 MB for a
20,000-sentence article): a fixed number of rows a page, links to the pages before and after, and
every link to a sentence (the review list, "Next to review", after approving or correcting) lands on
the page that holds it. Through the real service with the tiny random-weight model, whose outputs
miss the articles' numbers, so every sentence is flagged for review."""

from __future__ import annotations

import re

from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import html as lxml_html

from tests.service.web.test_desk_pages import browser_as
from tests.support import form_token, new_key, wait_for_job

SEGMENTS_PER_PAGE = 200  # the page's default size
PARAGRAPHS = 23  # ten sentences each, with the title: more than one page of rows


def _long_article() -> str:
    paragraphs = [
        " ".join(f"Im Bezirk {p} wurden {p * 10 + s} Bäume gepflanzt." for s in range(10))
        for p in range(PARAGRAPHS)
    ]
    return "Bäume für die Stadt\n\n" + "\n\n".join(paragraphs) + "\n"


def _count(aligned: dict) -> int:
    """The document's rows: front matter, each section's heading and sentences, back matter."""
    sections = aligned["sections"]
    inside = sum(len(s["segments"]) + (s["heading"] is not None) for s in sections)
    return len(aligned["front_matter"]) + inside + len(aligned["back_matter"])


def _rows(page: str) -> list[str]:
    return re.findall(r'<tr class="[^"]*segment[^"]*" id="row-([^"]+)"', page)


def _follow(browser: TestClient, href: str) -> tuple[str, str]:
    """The page a link opens and the row its anchor names."""
    address, _, anchor = href.partition("#")
    page = browser.get(address)
    assert page.status_code == 200, (href, page.status_code)
    return page.text, anchor


def test_a_long_document_is_paged_and_links_to_a_sentence_land_on_its_page(app: FastAPI) -> None:
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        job = wait_for_job(
            client, client.post("/v1/jobs", json={"text": _long_article(), "targets": ["en"]}).json()["id"]
        )
        assert job["state"] == "succeeded", job
        document = job["document_id"]
        total = _count(client.get(f"/v1/documents/{document}").json())
        assert SEGMENTS_PER_PAGE < total <= 2 * SEGMENTS_PER_PAGE  # two pages
        editor = browser_as(app, "editor")

        first = editor.get(f"/documents/{document}").text
        assert len(_rows(first)) == SEGMENTS_PER_PAGE
        assert f"Segments 1–{SEGMENTS_PER_PAGE} of {total} (page 1 of 2)." in first
        onward = lxml_html.fromstring(first).xpath(
            "//nav[starts-with(@aria-label, 'Pages of')]//a[@rel='next']/@href"
        )
        assert set(onward) == {f"/documents/{document}?page=2"}
        assert 'rel="prev"' not in first
        second = editor.get(f"/documents/{document}", params={"page": 2}).text
        assert len(_rows(second)) == total - SEGMENTS_PER_PAGE
        assert set(_rows(first)).isdisjoint(_rows(second))
        assert f"Segments {SEGMENTS_PER_PAGE + 1}–{total} of {total} (page 2 of 2)." in second
        assert "continued from the previous page" in second  # the section goes on over the page break
        back = set(lxml_html.fromstring(second).xpath("//a[@rel='prev']/@href"))
        assert back == {f"/documents/{document}?page=1"}

        # Every anchor on a page is on that page; every link to a sentence elsewhere opens its page.
        for page in (first, second):
            rows = set(_rows(page))
            for href in lxml_html.fromstring(page).xpath("//a[contains(@href, '#row-')]/@href"):
                if href.startswith("#"):
                    assert href[len("#row-") :] in rows, href
                else:
                    opened, anchor = _follow(editor, href)
                    assert anchor[len("row-") :] in _rows(opened), href
        # Page 1's last "Next to review" goes on to page 2.
        next_flagged = lxml_html.fromstring(first).xpath("//a[@class='next-flagged']/@href")
        assert any("segment=" in href for href in next_flagged), next_flagged

        # The review list's links to a sentence on page 2 open page 2 at it.
        on_second = set(_rows(second))
        links = [
            href
            for page in (1, 2)
            for href in lxml_html.fromstring(
                editor.get("/review", params={"document": document, "page": page}).text
            ).xpath("//a/@href")
            if href.partition("#row-")[2] in on_second
        ]
        assert links, "the review list links sentences on page 2"
        for href in links[:4]:
            opened, anchor = _follow(editor, href)
            assert anchor[len("row-") :] in _rows(opened) and "(page 2 of 2)" in opened, href
        later = _rows(second)[-1]

        # After approving it from the document page, or correcting it, the browser is at the next
        # translation to review, on the page that holds it (test_next_to_review.py).
        approved = editor.post(
            f"/documents/{document}/segments/{later}/translations/en/approve",
            data={"csrf": form_token(second)},
        )
        assert approved.status_code == 303
        assert f"done_segment={later}&" in approved.headers["location"], approved.headers["location"]
        opened, anchor = _follow(editor, approved.headers["location"])
        assert anchor != f"row-{later}" and anchor[len("row-") :] in _rows(opened)
        corrected = editor.post(
            f"/documents/{document}/segments/{later}/translations/en",
            data={"csrf": form_token(second), "text": "Trees were planted."},
        )
        assert corrected.status_code == 303
        assert f"done_segment={later}&" in corrected.headers["location"], corrected.headers["location"]
        opened, anchor = _follow(editor, corrected.headers["location"])
        assert anchor != f"row-{later}" and anchor[len("row-") :] in _rows(opened)
        # A refused correction is shown in its form, on its page.
        refused = editor.post(
            f"/documents/{document}/segments/{later}/translations/en",
            data={"csrf": form_token(second), "text": " "},
        )
        assert refused.status_code == 422 and later in _rows(refused.text) and 'role="alert"' in refused.text


def test_the_pages_bounds_are_refused_or_kept_never_a_500(app: FastAPI) -> None:
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        text = "Bäume für die Stadt\n\nIm Bezirk wurden 10 Bäume gepflanzt. Es waren 12 Bäume.\n"
        document = wait_for_job(
            client, client.post("/v1/jobs", json={"text": text, "targets": ["en"]}).json()["id"]
        )["document_id"]
        editor = browser_as(app, "editor")
        whole = editor.get(f"/documents/{document}").text
        rows = _rows(whole)
        assert len(rows) == 3 and "Pages of the document" not in whole  # one page: no pager

        small = editor.get(f"/documents/{document}", params={"size": 2, "page": 2, "lang": "en"}).text
        assert _rows(small) == rows[2:] and "Segments 3–3 of 3 (page 2 of 2)." in small
        back = set(lxml_html.fromstring(small).xpath("//a[@rel='prev']/@href"))
        assert back == {f"/documents/{document}?lang=en&size=2&page=1"}  # keeps the languages and size
        past = editor.get(f"/documents/{document}", params={"size": 2, "page": 99})
        assert past.status_code == 200 and "Page 99 is past the last page (2)." in past.text
        at = editor.get(f"/documents/{document}", params={"size": 2, "segment": rows[2]})
        assert "(page 2 of 2)" in at.text
        for params, status in (
            ({"page": 0}, 422),
            ({"page": -1}, 422),
            ({"page": "x"}, 422),
            ({"page": 10**12}, 422),
            ({"size": 0}, 422),
            ({"size": 100_000}, 422),
            ({"segment": "s99.p99.99"}, 404),
        ):
            answer = editor.get(f"/documents/{document}", params=params)
            assert answer.status_code == status, (params, answer.status_code)
            assert answer.headers["content-type"].startswith("text/html")
            assert '<main id="content"' in answer.text
