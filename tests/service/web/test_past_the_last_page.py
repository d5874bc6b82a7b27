"""Found by an outside editor's walk: going past the last page differed by page. /review?page=51
answered 422, the document page past its end showed its last page as if asked for, and /jobs
ignored ``?page=`` (it listed the 50 newest jobs, the older ones out of reach). Now every paged
page (the documents, jobs and review lists, the document page) answers a page past its last with
200 and one plain sentence, "Page N is past the last page (M).", linking the last page; a list with
nothing in it at all still says so on any page."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import html

from service.web.desk import REVIEW_ITEMS
from tests.service.web.test_desk_pages import browser_as
from tests.support import new_key, wait_for_job

ARTICLE = "Bäume für die Stadt\n\nIm Bezirk wurden 10 Bäume gepflanzt. Es waren 12 Bäume.\n"


def _main(page: str) -> str:
    return " ".join(html.fromstring(page).xpath("//main")[0].text_content().split())


def _links(page: str, xpath: str) -> list[str]:
    return [str(href) for href in html.fromstring(page).xpath(xpath)]


def test_each_paged_page_says_a_page_past_its_last_and_links_the_last(
    app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    with TestClient(app) as client:
        reader, editor = browser_as(app, "reader"), browser_as(app, "editor")
        # Nothing at all: each list says so, whatever page was asked for (the review list is an
        # editor's: a reader's is a 403).
        for who, path, said in (
            (reader, "/jobs?page=9", "No jobs yet."),
            (editor, "/review?page=51", "Nothing needs review."),
        ):
            empty = who.get(path)
            assert empty.status_code == 200, (path, empty.status_code)
            assert said in _main(empty.text) and "past the last page" not in _main(empty.text), path

        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        jobs = []
        for _ in range(3):  # the same article three times: one document, three jobs
            job = client.post("/v1/jobs", json={"text": ARTICLE, "targets": ["en"]}).json()
            jobs.append(wait_for_job(client, job["id"]))
        assert all(job["state"] == "succeeded" for job in jobs), jobs
        document = jobs[0]["document_id"]

        # The document page, 2 rows a page: 3 rows, 2 pages.
        past = editor.get(f"/documents/{document}", params={"size": 2, "page": 99})
        assert past.status_code == 200
        said = _main(past.text)
        assert "Page 99 is past the last page (2). Go to page 2." in said, said
        assert "(page 2 of 2)" not in said and not html.fromstring(past.text).xpath("//tr[@data-segment]")
        to_last = _links(past.text, "//main//p[@class='note']/a/@href")
        assert to_last == [f"/documents/{document}?size=2&page=2"], to_last
        last = editor.get(f"/documents/{document}", params={"size": 2, "page": 2}).text
        assert "Segments 3–3 of 3 (page 2 of 2)." in last and "past the last page" not in last

        # The jobs list, paged as the documents list is (2 a page here): the oldest job on page 2.
        monkeypatch.setattr("service.web.newsroom.JOBS_PER_PAGE", 2)
        first = editor.get("/jobs").text
        assert _links(first, "//nav[@aria-label='Pages of jobs']//a/@href") == ["/jobs?page=2"]
        second = editor.get("/jobs", params={"page": 2}).text
        assert _links(second, "//tr/@data-job") == [jobs[0]["id"]], "the oldest job, on the last page"
        assert _links(second, "//nav[@aria-label='Pages of jobs']//a/@href") == ["/jobs?page=1"]
        assert "Newest first, page 2 of 2" in _main(second)
        beyond = editor.get("/jobs", params={"page": 3})
        assert beyond.status_code == 200 and not _links(beyond.text, "//tr/@data-job")
        assert "Page 3 is past the last page (2). Go to page 2." in _main(beyond.text)
        assert _links(beyond.text, "//td[@class='note']/a/@href") == ["/jobs?page=2"]
        assert not html.fromstring(beyond.text).xpath("//nav[@aria-label='Pages of jobs']")

        # The review list: past its last page, and past the 50 pages it goes to (was a 422).
        total = len(client.get("/v1/review", params={"limit": 500}).json())
        assert 0 < total <= REVIEW_ITEMS, total
        for page in (2, 51):
            review = editor.get("/review", params={"page": page})
            assert review.status_code == 200, (page, review.status_code)
            said = _main(review.text)
            assert f"Page {page} is past the last page (1). Go to page 1." in said, said
            to_last = _links(review.text, "//main//li[@class='note']/a/@href")
            assert to_last == ["/review?lang=&document=&page=1"], to_last

        # The documents list says it in the same words.
        monkeypatch.setattr("service.web.pages.PAGE_SIZE", 1)
        client.post("/v1/jobs", json={"text": ARTICLE.replace("10", "11"), "targets": ["en"]})
        documents = reader.get("/", params={"page": 7})
        assert documents.status_code == 200
        assert "Page 7 is past the last page (2). Go to page 2." in _main(documents.text)
