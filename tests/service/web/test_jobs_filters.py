"""The jobs page filters its list by state and priority, as ``GET /v1/jobs`` does (the same use
case lists both): a plain GET form, a label for each list and a button, no script needed. The
filter stays in the links to the other pages and in the one past the last page; "Show all" drops
it. A state or priority that is neither (typed into the address) is a page saying which there
are, not a 500 or an empty list. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import html

from service.ingest import store_article
from service.job_records import create_job
from service.parse import parse_article
from service.settings import Settings
from service.storage.tables import Job
from tests.service.web.test_desk_pages import browser_as
from tests.support import embedded_app, new_key

START = dt.datetime(2025, 3, 1, 8, 0, tzinfo=dt.UTC)
ARTICLES = {
    "wahl": "Wahl in Berlin\n\nDer Rat tagte am Montag. Er beschloss neue Regeln.\n",
    "sport": "Sport am Sonntag\n\nDie Mannschaft gewann. Sie spielte gut.\n",
}
# (article, state, the priority stored: None as a normal job is stored), a minute apart
JOBS = [
    ("wahl", "succeeded", None),
    ("wahl", "failed", "breaking"),
    ("sport", "succeeded", "bulk"),
    ("sport", "queued", None),
    ("wahl", "succeeded", "breaking"),
    ("sport", "failed", None),
    ("sport", "succeeded", None),
]


@pytest.fixture
def app(database_url: str, tiny_marian_dir: Path) -> Iterator[FastAPI]:
    """The embedded app without its reaper, which would send the queued job to be translated."""
    settings = Settings(database_url=database_url, broker_url="memory://", model_dir=tiny_marian_dir,
                        reaper_enabled=False)  # fmt: skip
    with embedded_app(settings) as application:
        yield application


@pytest.fixture
def jobs(app: FastAPI) -> Iterator[list[str]]:
    """The jobs' ids, in the order of JOBS (the page lists them newest, i.e. last, first)."""
    with TestClient(app):
        ids = []
        with app.state.database.session() as session:
            documents = {
                name: store_article(session, text, parse_article(text), "de", "desk").id
                for name, text in ARTICLES.items()
            }
            for minute, (name, state, priority) in enumerate(JOBS):
                options = {"priority": priority} if priority else None
                job, _ = create_job(session, documents[name], "de", ["en"], f"d{minute}", tenant="desk",
                                    options=options)  # fmt: skip
                row = session.get(Job, job.id)
                assert row is not None
                row.state, row.created_at = state, START + dt.timedelta(minutes=minute)
                session.commit()
                ids.append(job.id)
        yield ids


def _listed(jobs: list[str], *minutes: int) -> list[str]:
    """The jobs made at these minutes, as the page lists them: newest first."""
    return [jobs[minute] for minute in sorted(minutes, reverse=True)]


def _page(browser: TestClient, params: dict[str, str | int]) -> html.HtmlElement:
    answer = browser.get("/jobs", params=params)
    assert answer.status_code == 200, answer.text[:500]
    return html.fromstring(answer.text)


def _rows(tree: html.HtmlElement) -> list[str]:
    return [str(job) for job in tree.xpath("//tr/@data-job")]


def _pages(tree: html.HtmlElement) -> list[str]:
    return [str(link) for link in tree.xpath("//nav[@aria-label='Pages of jobs']//a/@href")]


def _words(tree: html.HtmlElement, path: str) -> str:
    return " ".join(" ".join(tree.xpath(path)).split())


@pytest.mark.parametrize(
    ("params", "minutes", "said"),
    [
        ({}, (0, 1, 2, 3, 4, 5, 6), "7 jobs"),
        ({"state": "failed"}, (1, 5), "2 jobs with state failed"),
        ({"state": "queued"}, (3,), "1 job with state queued"),
        ({"priority": "breaking"}, (1, 4), "2 jobs with priority breaking"),
        ({"priority": "normal"}, (0, 3, 5, 6), "4 jobs with priority normal"),  # none stored
        ({"state": "succeeded", "priority": "normal"}, (0, 6),
         "2 jobs with state succeeded and priority normal"),
        ({"state": "Failed ", "priority": "BREAKING"}, (1,), "1 job with state failed and priority breaking"),
        ({"state": "", "priority": ""}, (0, 1, 2, 3, 4, 5, 6), "7 jobs"),  # "any", as the form sends it
    ],
)  # fmt: skip
def test_the_form_filters_the_rows_as_the_api_does(
    app: FastAPI, jobs: list[str], params: dict[str, str], minutes: tuple[int, ...], said: str
) -> None:
    with TestClient(app) as api:
        api.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        tree = _page(browser_as(app, "editor"), params)
        assert _rows(tree) == _listed(jobs, *minutes)
        assert _rows(tree) == [item["id"] for item in api.get("/v1/jobs", params=params).json()["items"]]
        assert _words(tree, "//main/p[@class='meta'][1]//text()") == said
        # The form shows the filter as it was taken (in its own case), "any" for none.
        wanted = {name: value.strip().lower() for name, value in params.items()}
        for name in ("state", "priority"):
            assert tree.xpath(f"//form//select[@id='{name}']/option[@selected]/@value") == (
                [wanted[name]] if wanted.get(name) else []
            )
        show_all = tree.xpath("//form//a[text()='Show all']/@href")
        assert show_all == (["/jobs"] if any(wanted.values()) else [])


def test_the_form_is_plain_html_a_label_for_each_list_and_a_button(app: FastAPI, jobs: list[str]) -> None:
    with TestClient(app):
        tree = _page(browser_as(app, "editor"), {})
        (form,) = tree.xpath("//main//form[@action='/jobs']")
        assert form.get("method") == "get"
        controls = form.xpath(".//select")
        assert [control.get("name") for control in controls] == ["state", "priority"]
        for control in controls:
            (label,) = form.xpath(f".//label[@for='{control.get('id')}']")
            assert label.text_content() == control.get("name").title()
        offered = [[str(value) for value in control.xpath("option/@value")] for control in controls]
        assert offered == [
            ["", "queued", "running", "succeeded", "failed"],
            ["", "breaking", "normal", "bulk"],
        ]
        assert [control.xpath("string(option[1])") for control in controls] == ["any", "any"]
        assert [b.get("type") for b in form.xpath(".//button")] == ["submit"]
        assert form.xpath(".//@onchange | .//@onsubmit | .//script") == []


def test_the_links_to_other_pages_keep_the_filter(
    app: FastAPI, jobs: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("service.web.newsroom.JOBS_PER_PAGE", 1)
    with TestClient(app):
        browser = browser_as(app, "editor")
        kept = "state=succeeded&priority=normal"
        first = _page(browser, {"state": "Succeeded", "priority": "normal"})
        assert _rows(first) == [jobs[6]] and _pages(first) == [f"/jobs?{kept}&page=2"]
        second = html.fromstring(browser.get(_pages(first)[0]).text)
        assert _rows(second) == [jobs[0]] and _pages(second) == [f"/jobs?{kept}&page=1"]
        assert "page 2 of 2" in _words(second, "//caption//text()")
        past = _page(browser, {"state": "succeeded", "priority": "normal", "page": 9})
        assert _rows(past) == []
        assert "Page 9 is past the last page (2)." in _words(past, "//td[@class='note']//text()")
        assert past.xpath("//td[@class='note']/a/@href") == [f"/jobs?{kept}&page=2"]
        # Unfiltered, the links are as they were.
        assert _pages(_page(browser, {"page": 2})) == ["/jobs?page=1", "/jobs?page=3"]


def test_a_filter_that_matches_nothing_says_so_with_a_way_back(app: FastAPI, jobs: list[str]) -> None:
    with TestClient(app):
        tree = _page(browser_as(app, "editor"), {"state": "running"})
        assert _rows(tree) == []
        assert _words(tree, "//td[@class='note']//text()") == "No jobs match: show all ."
        assert tree.xpath("//td[@class='note']/a/@href") == ["/jobs"]
        assert _words(tree, "//main/p[@class='meta'][1]//text()") == "0 jobs with state running"


@pytest.mark.parametrize(
    ("params", "said"),
    [
        ({"state": "done"}, "State 'done' is not a job state; use one of queued, running, succeeded, failed"),
        ({"state": "failed,queued"}, "State 'failed,queued' is not a job state; use one of queued, running,"),
        ({"priority": "urgent"}, "Priority 'urgent' is not a job priority; use one of breaking, normal,"),
        ({"state": "failed", "priority": "low"}, "Priority 'low' is not a job priority"),
        ({"state": "x" * 101}, "state must be at most 100 characters"),
    ],
)  # fmt: skip
def test_an_unknown_state_or_priority_is_a_page_saying_which_there_are(
    app: FastAPI, jobs: list[str], params: dict[str, str], said: str
) -> None:
    with TestClient(app):
        answer = browser_as(app, "editor").get("/jobs", params=params)
        assert answer.status_code == 422 and answer.headers["content-type"].startswith("text/html")
        tree = html.fromstring(answer.text)
        assert tree.xpath("string(//h1)") == "Not understood"
        assert said in tree.xpath("string(//main//p[@role='alert'])")
        assert _rows(tree) == []
        # Back to the list unfiltered (an address the page's bounds refuse: to the start page, as on
        # every page)
        assert tree.xpath("//main//a[text()='Back']/@href") == (["/"] if "must be" in said else ["/jobs"])
