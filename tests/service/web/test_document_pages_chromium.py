"""A long document's later page in a real headless Chromium, at 1280 and 390 px: a link to one of
its sentences opens the page that holds it, at the sentence (the row is the anchor's target and in
view), with the pager and the links to the renderings' reports; axe-core finds nothing and nothing
scrolls sideways.

``INTERLINEAR_SCREENSHOTS=docs/screenshots`` saves each checked page (``scripts/screenshots``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from service.api.app import create_app
from service.settings import Settings
from tests.service.web.browser import CHROMEDRIVER, CHROMIUM, check_page, live_app, set_width
from tests.service.web.test_document_page_reads import long_document
from tests.service.web.test_editor_desk_chromium import sign_in
from tests.support import new_key

pytest.importorskip("selenium.webdriver", reason="selenium is a dev dependency: pip install -e '.[dev]'")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="Debian's chromium and chromium-driver are not installed (.ci/run installs them)",
)


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[dict[str, str]]:
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'pages.db'}", broker_url="memory://"))
    with live_app(app) as url:
        yield {
            "url": url,
            "editor": new_key(app, "desk", role="editor"),
            "document": long_document(app, "desk"),
        }
    app.state.dispatcher.close()


def test_a_link_to_a_sentence_on_a_later_page_lands_on_it(desk: dict[str, str], driver: Any) -> None:
    from selenium.webdriver.common.by import By

    url, document = desk["url"], desk["document"]
    sign_in(driver, url, desk["editor"], f"/documents/{document}")
    key = driver.find_elements(By.CSS_SELECTOR, "tr.segment[id^='row-']")[-1].get_attribute("data-segment")
    assert "Segments 1–200 of 241 (page 1 of 2)." in driver.page_source
    later = "s24.p01.09"  # the last sentence of the last section: on page 2
    problems = check_page(driver, "document, long, page 1")

    for width in (1280, 390):
        set_width(driver, width)
        driver.get(f"{url}/documents/{document}?segment={later}#row-{later}")
        assert "(page 2 of 2)" in driver.page_source
        row = driver.find_element(By.ID, f"row-{later}")
        assert driver.execute_script("return document.querySelector(':target') === arguments[0];", row)
        top, bottom, height = driver.execute_script(
            "var r = arguments[0].getBoundingClientRect(); return [r.top, r.bottom, window.innerHeight];", row
        )
        assert 0 <= top < height and bottom > 0, (width, top, bottom, height)
        assert key not in {
            r.get_attribute("data-segment") for r in driver.find_elements(By.CSS_SELECTOR, "tr.segment")
        }
        scroll, client = driver.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth];"
        )
        assert scroll <= client, (width, scroll, client)  # beside the scrollbar too, not only the window
        assert driver.find_elements(By.CSS_SELECTOR, "a[rel='prev']") and driver.find_elements(
            By.CSS_SELECTOR, "a[href*='report=true']"
        )
    problems += check_page(driver, "document, long, page 2")
    assert problems == [], "\n".join(problems)
