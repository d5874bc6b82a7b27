"""What the browser tests share: a live app on a free port, headless Chromium at a given viewport
width, and the page checks every page must pass (axe-core, no sideways scrolling).

axe-core is the npm package, installed by ``npm ci`` into ``tests/service/web/axe`` (``.ci/run``
does it; :func:`axe_source` says how where it is missing) and injected into each page.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import uvicorn
from fastapi import FastAPI

from tests.reliability.harness import free_port

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = (1280, 390)
SCREENSHOTS = os.environ.get("INTERLINEAR_SCREENSHOTS")  # a folder: save each checked page there


def axe_source() -> str:
    if not AXE.exists():
        raise AssertionError(
            f"axe-core is not installed: run `npm ci --prefix {AXE.parents[2]}` (.ci/run does it)"
        )
    return AXE.read_text(encoding="utf-8")


@contextmanager
def live_app(app: FastAPI) -> Iterator[str]:
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not (server.started and app.state.database.schema_ready.is_set()):
        assert time.monotonic() < deadline, "uvicorn did not start, or the schema was not migrated, in 60 s"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=20)


def chromium() -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM or ""
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(120)
    driver.set_script_timeout(120)
    return driver


def wait(driver: Any, condition: Any, what: str, timeout: float = 120) -> Any:
    """``condition`` met within ``timeout`` seconds, or a timeout that names ``what`` was waited for.
    A condition that reads an element of the page being replaced (a form's answer still loading) is
    asked again: the element gone stale, or not there yet, means "not yet", not a failure."""
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    not_yet = (NoSuchElementException, StaleElementReferenceException)
    waiting = WebDriverWait(driver, timeout, poll_frequency=0.2, ignored_exceptions=not_yet)
    return waiting.until(condition, what)


def gone(element: Any) -> Any:
    """A wait condition: ``element``'s page has been replaced. Selenium's ``staleness_of`` expects a
    stale-element error, but chromedriver asked mid-navigation may answer with an inspector error
    instead ("Node with given id does not belong to the document"), which means the same."""
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException

    def replaced(_driver: Any) -> bool:
        try:
            element.is_enabled()
        except StaleElementReferenceException:
            return True
        except WebDriverException as error:
            if "does not belong to the document" in str(error) or "No node with given id" in str(error):
                return True
            raise
        return False

    return replaced


def open_filters(driver: Any) -> None:
    """The documents list's filter disclosure (``details.filters``) opened, as a person on a phone
    opens it. On a wide screen its fields show with it closed (CSS), but Selenium takes whatever is
    in a closed ``<details>`` for hidden and will not type or choose in it: a test that fills the
    filters opens it first, at any width."""
    driver.execute_script("document.querySelector('details.filters').open = true;")


def set_width(driver: Any, width: int) -> None:
    """The viewport ``width`` CSS pixels wide, as a laptop (1280) or a phone (390) shows pages."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {
            "width": width,
            "height": 900 if width > 600 else 844,
            "deviceScaleFactor": 1,
            # Not "mobile": a phone's browser zooms out to fit a page wider than the screen, which
            # would hide the sideways scrolling this width is checked for.
            "mobile": False,
        },
    )


def check_page(
    driver: Any, name: str, enable: Sequence[str] = (), widths: Sequence[int] = WIDTHS
) -> list[str]:
    """At each width: axe-core's violations and sideways scrolling on the page now open, as lines
    naming the page, the width, the rule and the first nodes (empty: the page passes); ``enable``:
    rules axe-core leaves off by default to run as well (``"target-size"``, WCAG 2.2 AA); ``widths``:
    fewer widths for a page whose layout at the other was checked already."""
    problems = []
    source = axe_source()
    options = {"rules": {rule: {"enabled": True} for rule in enable}}
    for width in widths:
        set_width(driver, width)
        driver.execute_script(source)
        result = driver.execute_async_script(
            "var done = arguments[arguments.length - 1];"
            "axe.run(document, arguments[0]).then(function (r) { done(JSON.stringify(r.violations)); },"
            " function (e) { done(JSON.stringify([{id: 'axe-error', help: String(e), nodes: []}])); });",
            options,
        )
        for violation in json.loads(result):
            nodes = "; ".join(" ".join(n.get("target", [])) for n in violation["nodes"][:3])
            problems.append(
                f"{name} at {width} px: {violation['id']} ({violation['help']}), "
                f"{len(violation['nodes'])} nodes: {nodes}"
            )
        scroll, inner = driver.execute_script(
            "return [document.documentElement.scrollWidth, window.innerWidth];"
        )
        if scroll > inner:
            problems.append(
                f"{name} at {width} px: scrolls sideways (scrollWidth {scroll} > innerWidth {inner})"
            )
        if SCREENSHOTS:
            screenshot(
                driver, width, Path(SCREENSHOTS) / f"{re.sub(r'[^a-z0-9]+', '-', name.lower())}-{width}.png"
            )
    set_width(driver, WIDTHS[0])
    return problems


def screenshot(driver: Any, width: int, path: Path, tallest: int = 2400) -> None:
    """The page from the top, as tall as it is (at most ``tallest`` px)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    height = min(int(driver.execute_script("return document.documentElement.scrollHeight;")), tallest)
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )
    driver.execute_script("window.scrollTo(0, 0);")
    driver.save_screenshot(str(path))
    set_width(driver, width)
