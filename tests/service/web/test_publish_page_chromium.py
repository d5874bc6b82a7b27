"""The document page's publication panel in a real headless Chromium: an editor's Publish refused
while a translation needs review (said once, in the panel beside "Publish anyway", where the page
opens), then published with "Publish anyway"; a reader sees the state without a button. On a phone
(390 px) the panel's buttons and its check box are each at least 44 px tall (found by an outside
walk: the refusal was said at the top of the page too, and the check box was 24 px). Each page
passes axe-core (with the target-size rule) and does not scroll sideways at 1280 and 390 px
(tests/service/web/browser.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from service.api.app import create_app
from service.settings import Settings
from tests.service.api.test_publishing import stored_translation
from tests.service.web.browser import (
    CHROMEDRIVER,
    CHROMIUM,
    check_page,
    chromium,
    gone,
    live_app,
    set_width,
    wait,
)
from tests.service.web.test_desk_findings_chromium import sign_in
from tests.support import new_key

pytest.importorskip("selenium.webdriver", reason="selenium is a dev dependency: pip install -e '.[dev]'")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="Debian's chromium and chromium-driver are not installed (.ci/run installs them)",
)


@pytest.fixture
def newsroom(tmp_path: Path, tiny_marian_dir: Path) -> Iterator[dict[str, str]]:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'publish.db'}", model_dir=tiny_marian_dir,
                        reaper_enabled=False)  # fmt: skip
    app = create_app(settings)
    with live_app(app) as url:
        document_id, _ = stored_translation(app)
        yield {
            "url": url,
            "document": document_id,
            "editor": new_key(app, "tests", role="editor", name="Mina"),
            "reader": new_key(app, "tests", role="reader", name="Rita"),
        }


# The publication panel's controls under 44 px tall, each itself (a check box too, not only its
# label), as "tag[type] name: height".
SMALL_IN_PANEL = """
return Array.from(document.querySelectorAll('#publication button, #publication input:not([type=hidden])'))
  .map(function (el) { return [el, el.getBoundingClientRect().height]; })
  .filter(function (pair) { return pair[1] < 44; })
  .map(function (pair) {
    var el = pair[0];
    return el.tagName.toLowerCase() + '[' + (el.type || '') + '] ' + (el.name || el.textContent.trim())
      + ': ' + pair[1].toFixed(1) + ' px';
  });
"""

IN_VIEW = "var r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight;"


def test_publishing_from_the_document_page_in_a_browser(newsroom: dict[str, str], driver: Any) -> None:
    from selenium.webdriver.common.by import By

    url, document_id = newsroom["url"], newsroom["document"]
    page = f"/documents/{document_id}"
    sign_in(driver, url, newsroom["editor"], page)
    problems = check_page(driver, "document page, not published", enable=["target-size"])

    set_width(driver, 390)  # on a phone
    problems += [f"not published, at 390 px: {small}" for small in driver.execute_script(SMALL_IN_PANEL)]
    button = driver.find_element(By.CSS_SELECTOR, "#publish-en button[type=submit]")
    button.click()
    wait(driver, gone(button), "the page after Publish without 'Publish anyway'")
    [alert] = driver.find_elements(By.CSS_SELECTOR, "main [role=alert]")  # said once
    assert alert.get_attribute("id") == "publishing-en", alert.get_attribute("outerHTML")
    assert alert.find_elements(By.XPATH, "ancestor::li[@id='publication-en']"), "in the panel"
    assert "1 translation still needs review (1 flagged)" in alert.text
    assert driver.current_url.endswith("/translations/en/publish#publication-en"), driver.current_url
    assert driver.execute_script(IN_VIEW, alert), "the page opens at the refusal"
    box = driver.find_element(By.CSS_SELECTOR, "#publish-en input[name=force]")
    assert box.get_attribute("aria-describedby") == "publishing-en"
    problems += [f"refused, at 390 px: {small}" for small in driver.execute_script(SMALL_IN_PANEL)]
    set_width(driver, 1280)
    problems += check_page(driver, "document page, publishing refused", enable=["target-size"])

    driver.find_element(By.CSS_SELECTOR, "#publish-en input[name=force]").click()
    button = driver.find_element(By.CSS_SELECTOR, "#publish-en button[type=submit]")
    button.click()
    wait(driver, gone(button), "the page after Publish with 'Publish anyway'")
    panel = driver.find_element(By.ID, "publication").text
    assert "Published the English translation." in panel and "published by Mina" in panel
    assert driver.find_elements(By.CSS_SELECTOR, "#publication form[action$='/withdraw']")
    set_width(driver, 390)
    problems += [f"published, at 390 px: {small}" for small in driver.execute_script(SMALL_IN_PANEL)]
    problems += check_page(driver, "document page, published", enable=["target-size"])

    sign_in(driver, url, newsroom["reader"], page)
    assert "published by Mina" in driver.find_element(By.ID, "publication").text
    assert not driver.find_elements(By.CSS_SELECTOR, "#publication form")
    problems += check_page(driver, "document page, published, as a reader", enable=["target-size"])

    # Withdraw asks first: the page naming the translation, "No, keep it published" back to the
    # panel, then "Yes, withdraw".
    sign_in(driver, url, newsroom["editor"], page)
    title = driver.find_element(By.TAG_NAME, "h1").text
    withdraw = driver.find_element(By.CSS_SELECTOR, "#publication form[action$='/withdraw'] button")
    withdraw.click()
    wait(driver, gone(withdraw), "the page that asks before withdrawing")
    heading = driver.find_element(By.TAG_NAME, "h1").text
    assert heading == f"Withdraw the English translation of “{title}”?", heading
    problems += check_page(driver, "withdraw?", enable=["target-size"])
    driver.find_element(By.LINK_TEXT, "No, keep it published").click()
    wait(driver, lambda d: d.find_elements(By.ID, "publication"), "the document page, kept")
    assert "published by Mina" in driver.find_element(By.ID, "publication").text
    driver.find_element(By.CSS_SELECTOR, "#publication form[action$='/withdraw'] button").click()
    yes = wait(
        driver, lambda d: d.find_elements(By.XPATH, "//main//button[.='Yes, withdraw']"), "asked again"
    )[0]
    yes.click()
    wait(driver, gone(yes), "the document page after withdrawing")
    panel = driver.find_element(By.ID, "publication").text
    assert "Withdrew the English translation." in panel and "withdrawn by Mina" in panel
    assert problems == [], "\n".join(problems)


@pytest.fixture
def driver() -> Iterator[Any]:
    browser = chromium()
    yield browser
    browser.quit()
