"""A person's path through the pages, in a real headless Chromium driven by Selenium: sign in,
submit an article, watch its job finish on the jobs page (updated by its script, not a reload; its
time in the one format of every page, not the browser's locale),
correct one sentence, and see the correction, its author and the refreshed summary after a reload."""

from __future__ import annotations

import re
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from service.api.app import create_app
from service.settings import Settings
from tests.reliability.harness import free_port
from tests.support import new_key

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
webdriver = pytest.importorskip(
    "selenium.webdriver", reason="selenium is a dev dependency: pip install -e '.[dev]'"
)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="Debian's chromium and chromium-driver are not installed (.ci/run installs them)",
)

ARTICLE = """Neue Regeln für Drohnen

Die Regierung hat am Montag neue Regeln für Drohnen angekündigt. Sie gelten ab Januar.

Kritik aus der Opposition

Die Opposition hält die Regeln für zu streng. Sie fordert Nachbesserungen bis zum Sommer.
"""
CORRECTION = "The opposition finds the rules far too strict."


@pytest.fixture
def server(tmp_path: Path, tiny_marian_dir: Path) -> Iterator[tuple[str, str]]:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'walk.db'}", model_dir=tiny_marian_dir)
    app = create_app(settings)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not (server.started and app.state.database.schema_ready.is_set()):
        assert time.monotonic() < deadline, (
            "uvicorn did not start, or the schema was not migrated, within 60 s"
        )
        time.sleep(0.05)
    key = new_key(app, "newsroom", role="editor", name="Mina")
    yield f"http://127.0.0.1:{port}", key
    server.should_exit = True
    thread.join(timeout=20)


@pytest.fixture
def browser() -> Iterator[object]:
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM or ""
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(120)
    yield driver
    driver.quit()


def test_submit_watch_correct_and_see_it_after_a_reload(server: tuple[str, str], browser: object) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    url, key = server
    driver = browser  # selenium's WebDriver (typed loosely: selenium is a test-only dependency)
    driver.get(f"{url}/submit")  # type: ignore[attr-defined]
    assert "/login" in driver.current_url  # type: ignore[attr-defined]
    driver.find_element(By.NAME, "key").send_keys(key)  # type: ignore[attr-defined]
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()  # type: ignore[attr-defined]

    # A click that submits a form does not wait for the next page: wait for it, as a person would.
    WebDriverWait(driver, 60, poll_frequency=0.2).until(
        lambda d: d.find_elements(By.ID, "text"),
        "the submit page after signing in",  # type: ignore[attr-defined]
    )
    driver.find_element(By.ID, "text").send_keys(ARTICLE)  # type: ignore[attr-defined]
    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()  # type: ignore[attr-defined]
    WebDriverWait(driver, 120, poll_frequency=0.2).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "tr[data-job]"),  # type: ignore[attr-defined]
        "the jobs page after submitting the article",
    )
    assert "/jobs" in driver.current_url, driver.page_source[:2000]  # type: ignore[attr-defined]
    row = driver.find_element(By.CSS_SELECTOR, "tr[data-job]")  # type: ignore[attr-defined]
    # The time as the server wrote it, after the page's script ran: not in the browser's locale.
    submitted = row.find_element(By.CSS_SELECTOR, "time").text
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", submitted), submitted

    def finished(_: object) -> bool:
        return row.get_attribute("data-state") in ("succeeded", "failed")

    WebDriverWait(driver, 300, poll_frequency=0.5).until(
        finished, "the jobs page to show the job finished without a reload (its script polls the API)"
    )
    assert row.find_element(By.CSS_SELECTOR, ".state").text == "succeeded"
    link = row.find_element(By.CSS_SELECTOR, "td.document a")
    named = " ".join(link.get_attribute("textContent").split())  # what a screen reader says
    assert named.startswith("open “") and named.endswith("”"), named  # which document: not "open" alone
    link.click()
    WebDriverWait(driver, 60, poll_frequency=0.2).until(
        lambda d: "/documents/" in d.current_url,
        "the document page",  # type: ignore[attr-defined]
    )
    document_id = driver.current_url.rsplit("/", 1)[-1]  # type: ignore[attr-defined]
    api = httpx.get(f"{url}/v1/documents/{document_id}", headers={"Authorization": f"Bearer {key}"}).json()
    quoted = api["summaries"]["en"]["sentence_ids"][0]  # a sentence the English summary quotes
    escaped = quoted.replace(".", "\\.")  # a CSS id selector: the dots of "s01.p01.01" escaped
    cell = f"#row-{escaped} td[lang=en]"
    driver.find_element(By.CSS_SELECTOR, f"{cell} details summary").click()  # type: ignore[attr-defined]
    box = driver.find_element(By.CSS_SELECTOR, f"{cell} textarea")  # type: ignore[attr-defined]
    box.clear()
    box.send_keys(CORRECTION)
    driver.find_element(By.CSS_SELECTOR, f"{cell} form button[type=submit]").click()  # type: ignore[attr-defined]

    def refreshed(_: object) -> bool:
        driver.refresh()  # type: ignore[attr-defined]
        summary = driver.find_element(By.CSS_SELECTOR, "#summary td[lang=en]").text  # type: ignore[attr-defined]
        return CORRECTION in summary

    WebDriverWait(driver, 300, poll_frequency=1).until(
        refreshed, "the English summary on the reloaded page to quote the correction"
    )
    assert driver.find_element(By.CSS_SELECTOR, f"{cell} .text").text == CORRECTION  # type: ignore[attr-defined]
    origin = driver.find_element(By.CSS_SELECTOR, f"{cell} .origin").text  # type: ignore[attr-defined]
    assert origin.startswith("corrected by Mina"), origin
