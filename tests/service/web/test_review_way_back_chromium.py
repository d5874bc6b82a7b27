"""The review list's findings in a real headless Chromium: from a filtered list to a correction on
the document page and on to the same list's next item; untitled documents told apart in its filter; approving
the last item lands on the message that says so. Each page passes axe-core and does not scroll
sideways (tests/service/web/browser.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest

from service.api.app import create_app
from service.settings import Settings
from tests.service.web.browser import CHROMEDRIVER, CHROMIUM, check_page, chromium, gone, live_app
from tests.service.web.test_desk_confirmations import ARTICLE
from tests.service.web.test_desk_findings_chromium import sign_in
from tests.support import new_key, wait_for_job

pytest.importorskip("selenium.webdriver", reason="selenium is a dev dependency: pip install -e '.[dev]'")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="Debian's chromium and chromium-driver are not installed (.ci/run installs them)",
)
UNTITLED = (
    "Die Pegel der Elbe steigen seit Sonntag. Mehrere Orte wurden evakuiert.",
    "Die Pegel der Elbe steigen.",
)


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory, tiny_marian_dir: Path) -> Iterator[dict[str, str]]:
    folder = tmp_path_factory.mktemp("way-back")
    settings = Settings(database_url=f"sqlite:///{folder / 'desk.db'}", model_dir=tiny_marian_dir)
    app = create_app(settings)
    with live_app(app) as url:
        editor = new_key(app, "newsroom", role="editor", name="Mina")
        documents = []
        with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {editor}"}, timeout=30) as api:
            for text in (ARTICLE, *UNTITLED):
                job_id = api.post("/v1/jobs", json={"text": text, "targets": ["en", "ko"]}).json()["id"]
                job = wait_for_job(api, job_id, timeout=300)
                assert job["state"] == "succeeded", job
                documents.append(job["document_id"])
        yield {"url": url, "editor": editor, "document": documents[0]}


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    browser = chromium()
    yield browser
    browser.quit()


def test_every_control_on_the_review_list_is_a_target_a_finger_can_hit(
    desk: dict[str, str], driver: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by an outside walk with axe-core's ``target-size`` rule (WCAG 2.2 AA 2.5.8, off by
    default): at 390 px the "Correct it" link sat 2 px under the Approve button, and at 1280 px the
    buttons were about 13 px high. Every control is now at least 24 by 24 px, or that far from the
    next one: on a filtered list, with flagged sentences waiting and pages to go back and on to."""
    from selenium.webdriver.common.by import By

    monkeypatch.setattr("service.web.desk.REVIEW_ITEMS", 2)  # the same process serves the pages
    url = desk["url"]
    sign_in(driver, url, desk["editor"], "/review")
    problems = []
    for query in ("page=2", "lang=en&page=2"):
        driver.get(f"{url}/review?{query}")
        assert driver.find_elements(By.CSS_SELECTOR, "ul.items li[id^=item-] form button"), query
        pages = [
            a.text for a in driver.find_elements(By.CSS_SELECTOR, "nav[aria-label='Review pages (bottom)'] a")
        ]
        assert [text.split()[0] for text in pages] == ["Previous", "Next"], pages
        problems += check_page(driver, f"review list ({query})", enable=["target-size"])
    assert problems == [], "\n".join(problems)


def test_from_a_filtered_review_list_to_a_correction_and_back(desk: dict[str, str], driver: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    url, document = desk["url"], desk["document"]
    the_list = f"/review?lang=ko&document={document}"
    sign_in(driver, url, desk["editor"], "/review")
    driver.get(url + the_list)
    labels = [o.text for o in driver.find_elements(By.CSS_SELECTOR, "#document option")][1:]
    assert len(labels) == 3 and len(set(labels)) == 3, labels
    problems = check_page(driver, "review list, filtered")

    item = driver.find_element(By.ID, "item-1")
    item.find_element(By.LINK_TEXT, "Correct it on the document page").click()
    WebDriverWait(driver, 60).until(lambda d: "/documents/" in d.current_url, "the document page")
    back = driver.find_element(By.LINK_TEXT, "Back to the review list")
    assert back.get_attribute("href") == url + the_list
    problems += check_page(driver, "document page from the review list")

    segment = dict(parse_qsl(urlsplit(driver.current_url).query))["segment"]
    cell = driver.find_element(By.CSS_SELECTOR, f"tr[id='row-{segment}'] td[lang=ko]")
    # "Correct it" lands with that translation's correction box open (it was closed: one more click)
    box = cell.find_element(By.CSS_SELECTOR, "details[open] textarea")
    assert box.is_displayed() and len(driver.find_elements(By.CSS_SELECTOR, "details[open]")) == 1
    top = driver.execute_script("return arguments[0].getBoundingClientRect().top;", box)
    assert 0 <= top < driver.execute_script("return window.innerHeight;"), top  # in view as it lands
    # ...and the focus in its text field (autofocus): typing corrects at once
    assert driver.switch_to.active_element == box, driver.switch_to.active_element.get_attribute("id")
    box.clear()
    box.send_keys("새 규칙")
    cell.find_element(By.CSS_SELECTOR, "details form button[type=submit]").click()
    WebDriverWait(driver, 60).until(gone(cell), "the page after saving")
    # On to the same list, where the corrected item stood: the next to review (test_next_to_review.py).
    assert driver.current_url.startswith(url + the_list + "&done=corrected&"), driver.current_url
    status = driver.find_element(By.CSS_SELECTOR, "main p.done[role=status]")
    assert status.text.startswith("Saved your correction of"), status.text
    problems += check_page(driver, "review list, correction saved, next to review")

    while items := driver.find_elements(By.CSS_SELECTOR, "ul.items li[id^=item-]"):
        before = driver.find_element(By.TAG_NAME, "main")
        items[-1].find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
        WebDriverWait(driver, 60).until(gone(before), "the list after approving")
        anchor = urlsplit(driver.current_url).fragment
        landed = driver.find_elements(By.ID, anchor)
        assert landed and landed[0].get_attribute("role") == "status", anchor
        top = driver.execute_script("return arguments[0].getBoundingClientRect().top;", landed[0])
        assert 0 <= top < driver.execute_script("return window.innerHeight;"), top  # scrolled to it
    said = driver.find_element(By.CSS_SELECTOR, "main p.done[role=status]").text
    assert said.endswith("Nothing left to review with these filters."), said
    problems += check_page(driver, "review list, last item approved")
    assert problems == []


def test_an_approval_on_the_document_page_lands_on_the_next(desk: dict[str, str], driver: Any) -> None:
    """The document page's Approve goes on to the document's next translation to review, scrolled to
    and said above it (test_next_to_review.py); the page passes axe-core at both widths."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    url, document = desk["url"], desk["document"]
    sign_in(driver, url, desk["editor"], f"/documents/{document}?lang=en")
    flagged = driver.find_elements(By.CSS_SELECTOR, "td.flagged[lang=en]")
    assert len(flagged) >= 2, "the tiny model's English needs review"
    before = driver.find_element(By.TAG_NAME, "main")
    flagged[0].find_element(By.CSS_SELECTOR, ".approve button").click()
    WebDriverWait(driver, 60).until(gone(before), "the page after approving")
    anchor = urlsplit(driver.current_url).fragment
    status = driver.find_element(By.CSS_SELECTOR, f"tr[id='{anchor}'] td[lang=en] p.done[role=status]")
    assert status.text.startswith("Approved the English translation of"), status.text
    assert status.text.endswith("Next to review:"), status.text
    top = driver.execute_script("return arguments[0].getBoundingClientRect().top;", status)
    assert 0 <= top < driver.execute_script("return window.innerHeight;"), top  # scrolled to it
    problems = check_page(driver, "document page, approved, next to review")
    assert problems == [], "\n".join(problems)
