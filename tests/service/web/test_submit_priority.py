"""The submit page's priority (issue 26), over HTTP with the in-process worker and the tiny model:
the form offers only the priorities the signed-in key may ask for, a refused one gets the API's
own message and stores nothing, an allowed one reaches the job, the jobs page and the document
page; with keys off every priority is offered."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from service.settings import Settings
from tests.support import embedded_app, form_token, new_key, sign_in, table_counts, wait_for_job

ARTICLE = "Hochwasser in Sachsen\n\nDie Pegel der Elbe steigen seit Sonntag. Mehrere Orte wurden evakuiert.\n"


def _app(database_url: str, model_dir: Path, **overrides: object) -> Iterator[FastAPI]:
    settings = Settings(database_url=database_url, broker_url="memory://", model_dir=model_dir, **overrides)
    with embedded_app(settings) as application:
        yield application


@pytest.fixture
def app(database_url: str, tiny_marian_dir: Path) -> Iterator[FastAPI]:
    yield from _app(database_url, tiny_marian_dir)


def offered(page: str) -> list[str]:
    """The priorities the submit form offers, in order, and which one is chosen (``*``)."""
    select = re.search(r'<select id="priority" name="priority".*?</select>', page, re.S)
    assert select is not None, page[:500]
    return [
        value + ("*" if chosen else "")
        for value, chosen in re.findall(r'<option value="(\w+)"( selected)?>', select[0])
    ]


def post_form(browser: TestClient, priority: str, text: str = ARTICLE) -> httpx.Response:
    token = form_token(browser.get("/submit").text)
    return browser.post(
        "/submit",
        data={"csrf": token, "text": text, "targets": ["en"], "source_lang": "auto", "priority": priority},
    )


def test_the_form_offers_only_the_keys_priorities_and_refuses_others_as_the_api_does(app: FastAPI) -> None:
    with TestClient(app) as api:
        limited = new_key(app, "desk", role="editor", max_priority="normal", name="Scraper")
        browser = TestClient(app, follow_redirects=False)
        assert sign_in(browser, limited).status_code == 303
        page = browser.get("/submit").text
        assert offered(page) == ["normal*", "bulk"]
        assert "may ask for normal at most" in page

        # A breaking job posted anyway (an old form, a hand-made request): the API's message, nothing stored.
        api_answer = api.post(
            "/v1/jobs",
            json={"text": ARTICLE, "targets": ["en"], "priority": "breaking"},
            headers={"Authorization": f"Bearer {limited}"},
        )
        assert api_answer.status_code == 403
        before = table_counts(app)
        refused = post_form(browser, "breaking")
        assert refused.status_code == 403, refused.text[:300]
        assert api_answer.json()["detail"] in refused.text.replace("&#39;", "'")
        assert offered(refused.text) == ["normal", "bulk"]
        assert table_counts(app) == before

        allowed = post_form(browser, "bulk")
        assert allowed.status_code == 303, allowed.text[:300]
        job_id = allowed.headers["location"].split("#job-")[1]
        api.headers["Authorization"] = f"Bearer {limited}"
        job = wait_for_job(api, job_id, 300)
        assert job["state"] == "succeeded" and job["priority"] == "bulk", job
        assert "translation, <strong>bulk</strong>" in browser.get("/jobs").text
        document = browser.get(f"/documents/{job['document_id']}").text
        assert re.search(rf'data-job="{job_id}">translation, priority <strong>bulk</strong>', document)


def test_a_key_without_a_limit_may_send_breaking_news_from_the_form(app: FastAPI) -> None:
    with TestClient(app) as api:
        key = new_key(app, "desk", role="editor")
        browser = TestClient(app, follow_redirects=False)
        assert sign_in(browser, key).status_code == 303
        assert offered(browser.get("/submit").text) == ["breaking", "normal*", "bulk"]
        sent = post_form(browser, "breaking")
        assert sent.status_code == 303, sent.text[:300]
        api.headers["Authorization"] = f"Bearer {key}"
        job = wait_for_job(api, sent.headers["location"].split("#job-")[1], 300)
        assert job["priority"] == "breaking", job
        unknown = post_form(browser, "urgent", ARTICLE + "Mehr.\n")
        assert unknown.status_code == 422 and "priority" in unknown.text


def test_with_keys_off_the_form_offers_every_priority(database_url: str, tiny_marian_dir: Path) -> None:
    for app in _app(database_url, tiny_marian_dir, auth_required=False):
        with TestClient(app) as browser:
            assert offered(browser.get("/submit").text) == ["breaking", "normal*", "bulk"]
            sent = post_form(browser, "breaking")
            assert sent.status_code == 200, sent.text[:300]  # the redirect to /jobs, followed
            assert "translation, <strong>breaking</strong>" in sent.text
