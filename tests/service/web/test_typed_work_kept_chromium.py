"""In a real headless Chromium: an editor opens a sentence's correction box, types, and presses the
Approve button under it. The browser sends the typed text with it (the button is the correction
form's: ``form=``, ``formaction=``, no script), so the page comes again saying "Not approved" with
the typed text kept in the box, nothing approved; the page passes axe-core (found by an outside
page walk: the typed text was dropped and the machine text approved)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from service.api.app import create_app
from service.settings import Settings
from tests.service.api.test_publishing import stored_translation
from tests.service.web.browser import CHROMEDRIVER, CHROMIUM, check_page, chromium, gone, live_app
from tests.service.web.test_desk_findings_chromium import sign_in
from tests.service.web.test_typed_work_kept import NOT_APPROVED, _rows
from tests.support import new_key

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


def test_approve_after_typing_keeps_the_typed_text(
    tmp_path: Path, tiny_marian_dir: Path, driver: Any
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    settings = Settings(database_url=f"sqlite:///{tmp_path / 'typed.db'}", model_dir=tiny_marian_dir)
    app = create_app(settings)
    with live_app(app) as url:
        editor = new_key(app, "newsroom", role="editor", name="Mina")
        document_id, keys = stored_translation(app, tenant="newsroom")
        key = keys[-1]  # flagged: it has an Approve button
        sign_in(driver, url, editor, f"/documents/{document_id}?lang=en")
        cell = driver.find_element(By.CSS_SELECTOR, f"tr[id='row-{key}'] td[lang=en]")
        cell.find_element(By.CSS_SELECTOR, "details summary").click()
        box = cell.find_element(By.CSS_SELECTOR, "textarea")
        typed = "My own English sentence, typed in the box."
        box.clear()
        box.send_keys(typed)
        before = driver.find_element(By.TAG_NAME, "main")
        cell.find_element(By.CSS_SELECTOR, ".approve button").click()
        WebDriverWait(driver, 60).until(gone(before), "the page after pressing Approve")

        heading = driver.find_element(By.CSS_SELECTOR, "[role=alert] h2").text
        assert heading == "Not approved", heading
        box = driver.find_element(By.ID, f"fix-{key}-en")
        assert box.is_displayed() and box.get_attribute("value") == typed, "the typed text is kept, shown"
        error = driver.find_element(By.ID, f"err-{key}-en").text
        assert error.endswith(NOT_APPROVED), error
        assert [row[2] for row in _rows(app, document_id, key)] == [None], "nothing was approved"
        assert check_page(driver, "document page, approval refused after typing") == []
