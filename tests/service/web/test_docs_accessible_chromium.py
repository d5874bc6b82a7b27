"""``/docs`` (Swagger UI) passes axe-core at 1280 and 390 px as loaded, and at 390 px as used: an operation
opened and tried out (its form filled, the request sent, the answer shown) and the Authorize dialog
open. An outside review found on it no page language, no main landmark, content outside every
landmark, a heading level skipped, links inside buttons and text under AA contrast; "Try it out"
added fields without a label, a response box that scrolled but could not be focused, and on a
phone buttons past the screen's edge.

``INTERLINEAR_SCREENSHOTS=docs/screenshots`` saves each checked state (``scripts/screenshots``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from service.api.app import create_app
from service.settings import Settings
from tests.service.web.browser import CHROMEDRIVER, CHROMIUM, check_page, live_app, set_width, wait

pytest.importorskip("selenium.webdriver", reason="selenium is a dev dependency: pip install -e '.[dev]'")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="Debian's chromium and chromium-driver are not installed (.ci/run installs them)",
)

UPLOAD = "operations-jobs-submit_upload_v1_jobs_upload_post"  # a multipart body: file, list, choice
READ = "operations-documents-read_document_v1_documents__document_id__get"  # path and query parameters


@pytest.fixture
def url(tmp_path: Path) -> Iterator[str]:
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'docs.db'}", broker_url="memory://"))
    with live_app(app) as address:
        yield address
    app.state.dispatcher.close()


def checked(driver: Any, name: str, widths: tuple[int, ...] = (1280, 390)) -> list[str]:
    """:func:`check_page`, and at 390 px no sideways scrolling past the vertical scrollbar either
    (the page's width beside it, not the window's: "Try it out" overflowed by 14 px). Swagger UI is
    a large page that axe-core takes seconds to walk, so the states after the first are walked at
    390 px only, where the layout is tightest; the sideways check runs at 390 px for every one."""
    problems = check_page(driver, name, widths=widths)
    set_width(driver, 390)
    scroll, client = driver.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth];"
    )
    set_width(driver, 1280)
    return problems + (
        [f"{name} at 390 px: scrolls sideways ({scroll} > {client})"] if scroll > client else []
    )


def open_operation(driver: Any, element_id: str) -> Any:
    """Open an operation and press its "Try it out"; returns the operation's block."""
    from selenium.webdriver.common.by import By

    block = driver.find_element(By.ID, element_id)
    block.find_element(By.CSS_SELECTOR, ".opblock-summary-control").click()
    wait(driver, lambda d: block.find_elements(By.CSS_SELECTOR, ".try-out__btn"), f"{element_id} opened")
    block.find_element(By.CSS_SELECTOR, ".try-out__btn").click()
    wait(driver, lambda d: block.find_elements(By.CSS_SELECTOR, ".execute"), f"{element_id}'s form")
    return block


def test_the_api_reference_passes_axe_as_loaded_and_as_used(url: str, driver: Any) -> None:
    from selenium.webdriver.common.by import By

    page = httpx.get(f"{url}/docs")
    assert "script-src 'self';" in page.headers["content-security-policy"]  # and no inline script
    driver.get(f"{url}/docs")
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".opblock"), "Swagger UI's operations")
    assert driver.execute_script("return document.documentElement.lang") == "en"
    assert "API reference" in driver.title
    assert driver.find_elements(By.CSS_SELECTOR, "main .opblock"), "the operations are in <main>"
    assert not driver.find_elements(By.CSS_SELECTOR, "button a[href], button [tabindex='0']")
    problems = checked(driver, "API reference")

    # Opening an operation still gives it an address (deep linking), though its path is no link.
    upload = open_operation(driver, UPLOAD)
    assert "#/jobs/submit_upload_v1_jobs_upload_post" in driver.current_url
    fields = upload.find_elements(By.CSS_SELECTOR, "tr[data-property-name] :is(input, select)")
    assert len(fields) >= 4, "the upload's form: file, targets, source language, priority..."
    problems += checked(driver, "API reference, upload tried out", widths=(390,))

    read = open_operation(driver, READ)
    document_id = read.find_element(By.CSS_SELECTOR, "tr[data-param-name='document_id'] input")
    document_id.send_keys("no-such-document")
    read.find_element(By.CSS_SELECTOR, ".execute").click()
    wait(driver, lambda d: read.find_elements(By.CSS_SELECTOR, ".live-responses-table .response-col_status"),
         "the answer to the request sent")  # fmt: skip
    problems += checked(driver, "API reference, a document read", widths=(390,))

    driver.find_element(By.CSS_SELECTOR, ".btn.authorize").click()
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".modal-ux"), "the Authorize dialog")
    problems += checked(driver, "API reference, Authorize", widths=(390,))
    assert problems == [], "\n".join(problems)
