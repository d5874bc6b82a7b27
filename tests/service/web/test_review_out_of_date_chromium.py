"""An outside editor's walk of the review pages, again in a real headless Chromium (each page checked
passes axe-core and does not scroll sideways at 1280 and 390 px):

- another editor corrects a translation while the review list is open: "Approve as it is" (its
  form sends the translation shown) approves nothing, and the page is headed "This page was out
  of date", says what changed and shows the correction; "Open the page afresh" is a link, opened
  with GET, to the list, which now says once that nothing needs review;
- "Save correction" with the translation as it reads lands on the sentence's row saying "Nothing
  changed" (an error page before);
- a reader who opens the review page is told it needs an editor key (403).

Each failed on the old code."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from service.api.app import create_app
from service.settings import Settings
from tests.service.api.test_publishing import stored_translation
from tests.service.web.browser import CHROMEDRIVER, CHROMIUM, check_page, chromium, gone, live_app, wait
from tests.service.web.test_desk_findings_chromium import sign_in
from tests.service.web.test_review_out_of_date import _rows
from tests.support import new_key, table_counts

pytest.importorskip("selenium.webdriver", reason="selenium is a dev dependency: pip install -e '.[dev]'")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="Debian's chromium and chromium-driver are not installed (.ci/run installs them)",
)


@pytest.fixture
def driver() -> Iterator[Any]:
    browser = chromium()
    yield browser
    browser.quit()


def _words(driver: Any, selector: str) -> str:
    from selenium.webdriver.common.by import By

    return " ".join(driver.find_element(By.CSS_SELECTOR, selector).text.split())


def _click_and_wait(driver: Any, element: Any, what: str) -> None:
    from selenium.webdriver.common.by import By

    before = driver.find_element(By.TAG_NAME, "main")
    element.click()
    wait(driver, gone(before), what)


def test_the_review_pages_walked_again(tmp_path: Path, tiny_marian_dir: Path, driver: Any) -> None:
    from selenium.webdriver.common.by import By

    settings = Settings(database_url=f"sqlite:///{tmp_path / 'review.db'}", model_dir=tiny_marian_dir)
    app = create_app(settings)
    problems: list[str] = []
    with live_app(app) as url:
        document_id, keys = stored_translation(app, tenant="newsroom")
        key = keys[-1]  # flagged: the one translation in the review list
        sign_in(driver, url, new_key(app, "newsroom", role="editor", name="Mina"), "/review")
        item = driver.find_element(By.CSS_SELECTOR, "ul.items li")
        assert "English sentence 3." in item.text

        # Another editor corrects it while Mina reads the list.
        ben = new_key(app, "newsroom", role="editor", name="Ben Ode")
        corrected = httpx.put(
            f"{url}/v1/documents/{document_id}/segments/{key}/translations/en",
            json={"text": "Ben's English sentence."},
            headers={"Authorization": f"Bearer {ben}"},
        )
        assert corrected.status_code == 200, corrected.text
        before = table_counts(app)
        _click_and_wait(driver, item.find_element(By.CSS_SELECTOR, "form button"), "the page after Approve")
        assert _words(driver, "main h1") == "This page was out of date"
        assert "changed after this page was loaded, so nothing was approved." in _words(
            driver, "[role=alert]"
        )
        quoted = [" ".join(q.text.split()) for q in driver.find_elements(By.CSS_SELECTOR, "main blockquote")]
        assert quoted == ["English sentence 3.", "Ben's English sentence."], quoted
        assert "Corrected by Ben Ode" in _words(driver, "main")
        assert table_counts(app) == before and [r[2] for r in _rows(app, document_id, key)] == [None, None]
        problems += check_page(driver, "review approve, page out of date")

        afresh = driver.find_element(By.LINK_TEXT, "Open the page afresh")
        assert afresh.tag_name == "a" and afresh.get_attribute("href") == f"{url}/review"
        _click_and_wait(driver, afresh, "the review list opened afresh")
        assert driver.current_url == f"{url}/review"
        # a link followed: a GET navigation, not a form sent again
        kind = driver.execute_script("return performance.getEntriesByType('navigation')[0].type;")
        assert kind == "navigate", kind
        said = _words(driver, "main")
        assert said.count("Nothing needs review") == 1 and "0 translations" not in said, said
        problems += check_page(driver, "review list, nothing to review", widths=(390,))

        # "Save correction" without an edit: back to the sentence's row, which says nothing changed.
        driver.get(f"{url}/documents/{document_id}?lang=en")
        title = keys[0]
        cell = driver.find_element(By.CSS_SELECTOR, f"tr[id='row-{title}'] td[lang=en]")
        cell.find_element(By.CSS_SELECTOR, "details summary").click()
        _click_and_wait(
            driver, cell.find_element(By.CSS_SELECTOR, "details form button[type=submit]"), "the saved page"
        )
        assert driver.current_url.endswith(f"#row-{title}"), driver.current_url
        status = driver.find_element(By.CSS_SELECTOR, f"tr[id='row-{title}'] [role=status]")
        assert status.is_displayed() and status.text.startswith(
            "Nothing changed: your text is the English "
        ), status.text
        assert not driver.find_elements(By.CSS_SELECTOR, "[role=alert]"), "no error"
        assert len(_rows(app, document_id, title)) == 1, "no correction stored"
        problems += check_page(driver, "document page, nothing changed")

        # A reader is told the review page is an editor's.
        sign_in(driver, url, new_key(app, "newsroom", role="reader", name="Rea"), "/review")
        assert _words(driver, "main h1") == "Not allowed"
        assert "which needs an editor key" in _words(driver, "main [role=alert]")
        assert not driver.find_elements(By.CSS_SELECTOR, "ul.items")
        problems += check_page(driver, "review page, a reader")
    assert problems == [], "\n".join(problems)
