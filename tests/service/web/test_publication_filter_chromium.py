"""The documents page's publication filter in a real headless Chromium: an editor picks "published,
changed since" and a language in the filter form, finds the translations corrected since they were
published (each row saying how many sentences changed), and pages through them with the filter
kept. The page passes axe-core (with the target-size rule) and does not scroll sideways at 1280 and
390 px, before and after filtering (tests/service/web/browser.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from service.api.app import create_app
from service.settings import Settings
from tests.service.api.test_publication_filter import CHANGED_EN, newsroom
from tests.service.web.browser import (
    CHROMEDRIVER,
    CHROMIUM,
    check_page,
    chromium,
    gone,
    live_app,
    open_filters,
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
def desk(tmp_path: Path, tiny_marian_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    monkeypatch.setattr("service.web.pages.PAGE_SIZE", 2)  # the three changed translations on two pages
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'filter.db'}", model_dir=tiny_marian_dir,
                        reaper_enabled=False)  # fmt: skip
    app = create_app(settings)
    with live_app(app) as url:
        yield {"url": url, "made": newsroom(app), "editor": new_key(app, "tests", role="editor", name="Mina")}


def _listed(driver: Any, made: dict[str, str]) -> dict[str, str]:
    """The page's rows' text, by the name of the document each links to."""
    from selenium.webdriver.common.by import By

    names = {document_id: name for name, document_id in made.items()}
    found = {}
    for row in driver.find_elements(By.CSS_SELECTOR, "ul.items > li:not(.note)"):
        href = row.find_element(By.CSS_SELECTOR, "a").get_attribute("href")
        found[names[href.rsplit("/", 1)[1]]] = " ".join(row.text.split())
    return found


def test_an_editor_finds_the_translations_changed_since_publishing(desk: dict[str, Any], driver: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    url, made = desk["url"], desk["made"]
    sign_in(driver, url, desk["editor"])
    problems = check_page(driver, "documents, publication filter", enable=["target-size"])

    open_filters(driver)  # closed while no filter is set (shown open at this width; Selenium cannot tell)
    Select(driver.find_element(By.ID, "publication")).select_by_visible_text("published, changed since")
    Select(driver.find_element(By.ID, "target_lang")).select_by_value("en")
    button = driver.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]")
    button.click()
    wait(driver, gone(button), "the documents page after Find")
    first = _listed(driver, made)
    assert len(first) == 2 and set(first) <= CHANGED_EN, first
    assert all(" · EN published · 1 changed since · " in said for said in first.values()), first
    chosen = Select(driver.find_element(By.ID, "publication")).first_selected_option
    assert chosen.get_attribute("value") == "changed"
    problems += check_page(driver, "documents, changed since publishing", enable=["target-size"])

    older = driver.find_element(By.CSS_SELECTOR, "nav a[rel=next]")
    older.click()
    wait(driver, gone(older), "the next page of documents")
    second = _listed(driver, made)
    assert set(first) | set(second) == CHANGED_EN, (first, second)
    chosen = Select(driver.find_element(By.ID, "publication")).first_selected_option
    assert chosen.get_attribute("value") == "changed"
    problems += check_page(driver, "documents, changed since publishing, page 2", enable=["target-size"])
    assert problems == []


@pytest.fixture
def driver() -> Iterator[Any]:
    browser = chromium()
    yield browser
    browser.quit()
