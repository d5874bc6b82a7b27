"""In a real headless Chromium: an editor types a correction, the key is revoked while the page is
open, and the editor presses "Save correction". The answer is the sign-in page showing the typed
text read only, to copy (Chromium says the form came from this site: ``Sec-Fetch-Site``), and it
passes axe-core at a laptop's and a phone's width; signing in again leads to the sentence with its
correction box open, not to the form's POST address (a 405). Found by an outside page walk: the
text was lost and the editor landed on the 405; failed on the old code."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

from service.api.app import create_app
from service.settings import Settings
from tests.service.api.test_publishing import stored_translation
from tests.service.web.browser import CHROMEDRIVER, CHROMIUM, check_page, chromium, gone, live_app, wait
from tests.service.web.test_desk_findings_chromium import sign_in
from tests.service.web.test_form_sign_in_kept import SIGN_IN_AGAIN
from tests.service.web.test_sign_in_state import _revoke
from tests.service.web.test_typed_work_kept import _rows
from tests.support import new_key

pytest.importorskip("selenium.webdriver", reason="selenium is a dev dependency: pip install -e '.[dev]'")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="Debian's chromium and chromium-driver are not installed (.ci/run installs them)",
)

TYPED = "The <b>city</b> council & the mayor agreed <script>window.ran = 1</script> on Monday."


@pytest.fixture
def driver() -> Iterator[Any]:
    browser = chromium()
    yield browser
    browser.quit()


def test_a_correction_after_the_key_was_revoked_is_shown_to_copy_and_signing_in_leads_back(
    tmp_path: Path, tiny_marian_dir: Path, driver: Any
) -> None:
    from selenium.webdriver.common.by import By

    settings = Settings(database_url=f"sqlite:///{tmp_path / 'kept.db'}", model_dir=tiny_marian_dir)
    app = create_app(settings)
    with live_app(app) as url:
        document_id, keys = stored_translation(app, tenant="newsroom")
        key = keys[0]
        editor = new_key(app, "newsroom", role="editor", name="Mina")
        sign_in(driver, url, editor, f"/documents/{document_id}")
        cell = driver.find_element(By.CSS_SELECTOR, f"tr[id='row-{key}'] td[lang=en]")
        cell.find_element(By.CSS_SELECTOR, "details summary").click()
        box = cell.find_element(By.CSS_SELECTOR, "textarea")
        box.clear()
        box.send_keys(TYPED)
        _revoke(app, "newsroom")  # while the page is open
        before = driver.find_element(By.TAG_NAME, "main")
        cell.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()  # Save correction
        wait(driver, gone(before), "the page after pressing Save correction")

        kept = driver.find_element(By.ID, "kept-text")
        assert kept.get_attribute("readonly") is not None and kept.get_attribute("value") == TYPED
        assert driver.find_element(By.CSS_SELECTOR, "label[for=kept-text]").text == SIGN_IN_AGAIN
        assert driver.execute_script("return window.ran === undefined"), "the typed text is text"
        assert [row[0] for row in _rows(app, document_id, key)] == ["model"], "nothing was stored"
        assert check_page(driver, "sign-in page with the text not saved") == []

        driver.find_element(By.NAME, "key").send_keys(new_key(app, "newsroom", role="editor", name="Mina"))
        before = driver.find_element(By.TAG_NAME, "main")
        driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
        wait(driver, gone(before), "the page after signing in again")
        wait(driver, lambda d: "/login" not in d.current_url, "the page after signing in again")
        landed = urlsplit(driver.current_url)
        assert landed.path == f"/documents/{document_id}", driver.current_url
        assert dict(parse_qsl(landed.query)).get("correct") == "en" and landed.fragment == f"row-{key}"
        assert driver.find_element(By.ID, f"fix-{key}-en").is_displayed(), "its correction box is open"
