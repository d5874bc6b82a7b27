"""The pages' new states in a real headless Chromium (test_past_the_last_page.py has the words): the
jobs list's pages (filtered too, and a filter it refuses), and a page past the last one on the jobs,
documents and review lists and the document page, each passing axe-core without sideways scrolling
at both widths, and a form's address opened with GET; the jobs page's filter form used as a person
does."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from service.api.app import create_app
from service.settings import Settings
from tests.service.web.browser import CHROMEDRIVER, CHROMIUM, check_page, gone, live_app, wait
from tests.service.web.test_desk_findings_chromium import sign_in
from tests.service.web.test_past_the_last_page import ARTICLE
from tests.support import new_key, wait_for_job

pytest.importorskip("selenium.webdriver", reason="selenium is a dev dependency: pip install -e '.[dev]'")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="Debian's chromium and chromium-driver are not installed (.ci/run installs them)",
)


@pytest.fixture
def desk(tmp_path: Path, tiny_marian_dir: Path) -> Iterator[dict[str, str]]:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'desk.db'}", model_dir=tiny_marian_dir)
    app = create_app(settings)
    with live_app(app) as url:
        editor = new_key(app, "newsroom", role="editor", name="Mina")
        with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {editor}"}, timeout=30) as api:
            for _ in range(2):  # one document, two jobs
                job = wait_for_job(
                    api, api.post("/v1/jobs", json={"text": ARTICLE, "targets": ["en"]}).json()["id"]
                )
                assert job["state"] == "succeeded", job
        yield {"url": url, "editor": editor, "document": job["document_id"]}


def test_the_pages_past_their_last_and_the_jobs_pages_pass_the_page_checks(
    desk: dict[str, str], driver: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    monkeypatch.setattr("service.web.newsroom.JOBS_PER_PAGE", 1)  # the same process serves the pages
    url = desk["url"]
    sign_in(driver, url, desk["editor"], "/jobs")
    problems = []
    for path, said in (
        ("/jobs", None),
        ("/jobs?page=2", None),
        ("/jobs?page=9", "Page 9 is past the last page (2). Go to page 2."),
        ("/jobs?state=succeeded&page=2", None),  # filtered (test_jobs_filters.py has the rows)
        ("/jobs?state=succeeded&priority=bulk", "No jobs match: show all."),
        (
            "/jobs?state=done",
            "State 'done' is not a job state; use one of queued, running, succeeded, failed",
        ),
        ("/?page=9", "Page 9 is past the last page (1). Go to page 1."),
        ("/review?page=51", "Page 51 is past the last page (1). Go to page 1."),
        (f"/documents/{desk['document']}?size=2&page=9", "Page 9 is past the last page (2). Go to page 2."),
        # a form's address opened with GET (test_form_addresses.py has the words): a page, not JSON
        (f"/documents/{desk['document']}/segments/s01/translations/en", "cannot be opened with GET"),
    ):
        driver.get(url + path)
        main = driver.find_element(By.TAG_NAME, "main").text
        if said is None:
            assert driver.find_elements(By.CSS_SELECTOR, "nav[aria-label='Pages of jobs'] a"), path
        else:
            assert said in " ".join(main.split()), (path, main)
        problems += check_page(driver, path)
    assert problems == [], "\n".join(problems)

    # The filter form as a person uses it: choose a state, press the button.
    driver.get(url + "/jobs?page=2")
    Select(driver.find_element(By.ID, "state")).select_by_value("succeeded")
    before = driver.find_element(By.TAG_NAME, "main")
    driver.find_element(By.CSS_SELECTOR, "form[action='/jobs'] button[type=submit]").click()
    wait(driver, gone(before), "the jobs page filtered")
    assert driver.current_url.endswith("/jobs?state=succeeded&priority="), driver.current_url
    states = [
        row.get_attribute("data-state") for row in driver.find_elements(By.CSS_SELECTOR, "tr[data-job]")
    ]
    assert states == ["succeeded"], states  # the first page of two, one job a page
    older = driver.find_element(By.CSS_SELECTOR, "nav[aria-label='Pages of jobs'] a[rel=next]")
    assert older.get_attribute("href") == f"{url}/jobs?state=succeeded&page=2"
