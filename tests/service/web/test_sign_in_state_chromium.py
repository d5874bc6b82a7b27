"""Who is signed in, the sign-out page and the sign-in page that says a key was revoked, in a real
headless Chromium at 1280 and 390 px: each page passes axe-core and does not scroll sideways
(tests/service/web/browser.py), and the header names the key beside "Sign out" at both widths."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import select

from service.api.app import create_app
from service.api_keys import revoke_key
from service.settings import Settings
from service.storage.tables import ApiKey
from tests.service.web.browser import CHROMEDRIVER, CHROMIUM, check_page, gone, live_app, set_width, wait
from tests.service.web.test_desk_findings_chromium import sign_in
from tests.support import new_key

pytest.importorskip("selenium.webdriver", reason="selenium is a dev dependency: pip install -e '.[dev]'")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="Debian's chromium and chromium-driver are not installed (.ci/run installs them)",
)
NAME = "Mina Example-Redakteurin"


@pytest.fixture
def site(tmp_path: Path, tiny_marian_dir: Path) -> Iterator[tuple[FastAPI, str]]:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'desk.db'}", model_dir=tiny_marian_dir)
    app = create_app(settings)
    with live_app(app) as url:
        yield app, url


def test_who_is_signed_in_sign_out_and_a_revoked_key(site: tuple[FastAPI, str], driver: Any) -> None:
    from selenium.webdriver.common.by import By

    app, url = site
    sign_in(driver, url, new_key(app, "newsroom", role="editor", name=NAME), "/review")
    problems = check_page(driver, "review list, signed in")
    for width in (1280, 390):
        set_width(driver, width)
        who = driver.find_element(By.CSS_SELECTOR, "header .who")
        assert who.is_displayed() and who.text == f"Signed in as {NAME} (editor, tenant newsroom)", who.text
        out = driver.find_element(By.CSS_SELECTOR, "header form[action='/logout'] button")
        assert out.is_displayed(), width

    driver.get(f"{url}/logout")
    assert driver.find_element(By.TAG_NAME, "h1").text == "Sign out"
    problems += check_page(driver, "sign-out page")

    with app.state.database.session() as session:
        for key in session.scalars(select(ApiKey).where(ApiKey.tenant == "newsroom")):
            assert revoke_key(session, key.id)
        session.commit()
    before = driver.find_element(By.TAG_NAME, "main")
    driver.find_element(By.LINK_TEXT, "Stay signed in and go back").click()
    wait(driver, gone(before), "the page after the sign-out page")
    assert "/login" in driver.current_url, driver.current_url
    said = driver.find_element(By.CSS_SELECTOR, "main [role=status]").text
    assert said.startswith(f"Your key “{NAME}” was revoked on "), said
    problems += check_page(driver, "sign-in page, key revoked")
    assert problems == [], "\n".join(problems)
