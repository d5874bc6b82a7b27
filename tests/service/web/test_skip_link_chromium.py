"""The "Skip to content" link in a real headless Chromium at 1280 and 390 px: hidden until
focused, the first Tab shows it on screen, and following it moves the focus into the page's main
content; the page stays axe-core clean with it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from service.api.app import create_app
from service.settings import Settings
from tests.service.web.browser import CHROMEDRIVER, CHROMIUM, WIDTHS, check_page, live_app, set_width, wait
from tests.service.web.test_editor_desk_chromium import sign_in
from tests.support import new_key

pytest.importorskip("selenium.webdriver", reason="selenium is a dev dependency: pip install -e '.[dev]'")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="Debian's chromium and chromium-driver are not installed (.ci/run installs them)",
)


@pytest.fixture
def site(tmp_path: Path, tiny_marian_dir: Path) -> Iterator[dict[str, str]]:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'skip.db'}", model_dir=tiny_marian_dir)
    app = create_app(settings)
    with live_app(app) as url:
        yield {"url": url, "key": new_key(app, "newsroom", role="editor", name="Mina")}


def _link_box(driver: Any) -> list[float]:
    box: list[float] | None = driver.execute_script(
        "var link = document.querySelector('a.skip'); if (!link) return null;"
        "var r = link.getBoundingClientRect(); return [r.left, r.top, r.width, r.height];"
    )
    assert box is not None, f"no skip link (a.skip) on {driver.current_url}"
    return box


def test_the_first_tab_shows_the_skip_link_and_it_leads_into_the_content(
    site: dict[str, str], driver: Any
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    sign_in(driver, site["url"], site["key"], "/review")
    problems = check_page(driver, "review page")
    for width in WIDTHS:
        driver.get(f"{site['url']}/review")
        set_width(driver, width)
        left, top, wide, high = _link_box(driver)
        assert left + wide <= 0 or wide <= 1, f"at {width} px the skip link shows before it is focused"
        driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
        focused = driver.switch_to.active_element
        assert focused.get_attribute("class") == "skip", (
            f"at {width} px the first Tab focused {focused.tag_name}"
        )
        left, top, wide, high = _link_box(driver)
        assert left >= 0 and top >= 0 and wide > 40 and high > 20 and left + wide <= width, (
            width,
            left,
            wide,
        )
        focused.send_keys(Keys.ENTER)
        wait(
            driver,
            lambda d: d.switch_to.active_element.get_attribute("id") == "content",
            f"the focus on <main id=content> after following the skip link at {width} px",
            timeout=10,
        )
        assert driver.current_url.endswith("#content")
    assert not problems, "\n".join(problems)
