"""The editor's desk in a real headless Chromium (Selenium), at 1280 and 390 px: an editor signs
in, submits an article, corrects a heading and a sentence, approves one translation on the review
page, opens the diff of a second revision (the changed word marked); a reader sees no form it may
not use, and a forged form post is refused. Every page is checked with axe-core (0 violations)
and for sideways scrolling at both widths.

``INTERLINEAR_SCREENSHOTS=docs/screenshots`` saves each checked page (``scripts/screenshots``).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from service.api.app import create_app
from service.settings import Settings
from tests.service.web.browser import CHROMEDRIVER, CHROMIUM, check_page, gone, live_app, wait
from tests.support import new_key

pytest.importorskip("selenium.webdriver", reason="selenium is a dev dependency: pip install -e '.[dev]'")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="Debian's chromium and chromium-driver are not installed (.ci/run installs them)",
)

ARTICLE = """Neue Regeln für Drohnen

Die Regierung hat am Montag neue Regeln für Drohnen angekündigt. Sie gelten ab dem 1. Januar 2027.

Kritik aus der Opposition

Die Opposition hält die Regeln für zu streng. Sie fordert 12 Nachbesserungen bis zum Sommer.
"""
REVISED = ARTICLE.replace("bis zum Sommer.", "bis zum Herbst.") + "\nDer Bundestag berät im März.\n"
HEADING_FIX = "Criticism from the opposition"
SENTENCE_FIX = "The opposition finds the rules too strict."


@pytest.fixture
def desk(tmp_path: Path, tiny_marian_dir: Path) -> Iterator[dict[str, str]]:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'desk.db'}", model_dir=tiny_marian_dir)
    app = create_app(settings)
    with live_app(app) as url:
        keys = {
            "editor": new_key(app, "newsroom", role="editor", name="Mina"),
            "reader": new_key(app, "newsroom", role="reader", name="Rae"),
            "admin": new_key(app, "newsroom", role="admin", name="Ada"),
        }
        yield {"url": url, **keys}


def sign_in(driver: Any, url: str, key: str, path: str = "/") -> None:
    from selenium.webdriver.common.by import By

    driver.delete_all_cookies()
    driver.get(f"{url}/login?next={path}")
    driver.find_element(By.NAME, "key").send_keys(key)
    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait(driver, lambda d: "/login" not in d.current_url, "the page after signing in")


def finished(url: str, key: str, job_id: str, timeout: float = 300) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {key}"}, timeout=30) as client:
        while True:
            job: dict[str, Any] = client.get(f"/v1/jobs/{job_id}").json()
            if job["state"] in ("succeeded", "failed"):
                return job
            assert time.monotonic() < deadline, f"job {job_id} did not finish in {timeout} s: {job}"
            time.sleep(0.3)


def correct(driver: Any, row_css: str, text: str) -> None:
    from selenium.webdriver.common.by import By

    cell = driver.find_element(By.CSS_SELECTOR, row_css)
    cell.find_element(By.CSS_SELECTOR, "details summary").click()
    box = cell.find_element(By.CSS_SELECTOR, "textarea")
    box.clear()
    box.send_keys(text)
    cell.find_element(By.CSS_SELECTOR, "details form button[type=submit]").click()
    # The page before is gone (the URL alone would not tell: the one before may end in #row- too).
    wait(driver, gone(cell), "the document page after the correction")
    wait(driver, lambda d: "#row-" in d.current_url, "the document page at the corrected sentence")


def test_the_editors_desk_at_both_widths(desk: dict[str, str], driver: Any) -> None:
    from selenium.webdriver.common.by import By

    url = desk["url"]
    problems: list[str] = []
    driver.get(f"{url}/login")
    problems += check_page(driver, "sign-in")

    # An editor signs in and submits the article as its first revision.
    sign_in(driver, url, desk["editor"], "/submit")
    problems += check_page(driver, "submit")
    driver.find_element(By.ID, "text").send_keys(ARTICLE)
    driver.find_element(By.ID, "external_id").send_keys("drohnen-42")
    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    row = wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "tr[data-job]"), "the jobs page")[0]
    job = finished(url, desk["editor"], row.get_attribute("data-job"))
    assert job["state"] == "succeeded", job
    driver.refresh()
    problems += check_page(driver, "jobs")
    jobs_row = driver.find_element(By.CSS_SELECTOR, "tr[data-job]").text
    assert "Neue Regeln für Drohnen" in jobs_row and "translation" in jobs_row, jobs_row
    document_id = job["document_id"]

    # The document page: the translated title row, headings with their own correction form.
    driver.get(f"{url}/documents/{document_id}")
    problems += check_page(driver, "document")
    assert driver.find_elements(By.CSS_SELECTOR, "tr.role-title td[lang=en] .text"), "no translated title"
    downloads = {
        " ".join(a.get_attribute("textContent").split())
        for a in driver.find_elements(By.CSS_SELECTOR, "nav[aria-label=Downloads] a")
    }
    assert {"JSON (aligned)", "Side by side (HTML)", "TMX", "XLIFF (English)"} <= downloads, downloads

    heading = "tr.heading th[lang=en]"
    correct(driver, heading, HEADING_FIX)
    assert driver.find_element(By.CSS_SELECTOR, f"{heading} .text").text == HEADING_FIX
    assert driver.find_element(By.CSS_SELECTOR, heading).get_attribute("data-status") == "corrected"
    sentence = next(
        r.get_attribute("id")
        for r in driver.find_elements(By.CSS_SELECTOR, "tbody tr.role-body")
        if "Opposition hält" in r.text
    )
    cell = f"#{sentence.replace('.', chr(92) + '.')} td[lang=en]"
    correct(driver, cell, SENTENCE_FIX)
    assert driver.find_element(By.CSS_SELECTOR, f"{cell} .text").text == SENTENCE_FIX
    assert driver.find_element(By.CSS_SELECTOR, f"{cell} .origin").text.startswith("corrected by Mina")
    problems += check_page(driver, "document after corrections")

    # The correction of a sentence the summary quotes made a summary refresh job, said as such.
    driver.get(f"{url}/jobs")
    kinds = [r.text for r in driver.find_elements(By.CSS_SELECTOR, "tr[data-job] td[data-label=Kind]")]
    assert any(k.startswith("summary refresh") for k in kinds), kinds

    # The review page lists the flagged sentences of the tiny model's (random) translations.
    driver.get(f"{url}/review")
    problems += check_page(driver, "review")
    # ...and an editor approves one as it is: it leaves the list, and its cell says approved.
    before = len(driver.find_elements(By.CSS_SELECTOR, "ul.items > li form"))
    assert before > 0, "the tiny model's translations are flagged (numbers): something to approve"
    first = driver.find_element(By.CSS_SELECTOR, "ul.items > li")
    approved_link = first.find_element(By.CSS_SELECTOR, "a").get_attribute("href")
    first.find_element(By.CSS_SELECTOR, "form button").click()
    wait(driver, gone(first), "the review page after approving")
    assert len(driver.find_elements(By.CSS_SELECTOR, "ul.items > li form")) == before - 1
    driver.get(approved_link)
    row = approved_link.rsplit("#", 1)[1].replace(".", chr(92) + ".")
    lang = parse_qs(urlsplit(approved_link).query)["lang"][0]
    cell = driver.find_element(By.CSS_SELECTOR, f"#{row} [lang={lang}][data-status]")
    assert cell.get_attribute("data-status") == "approved" and "approved by Mina" in cell.text, cell.text

    # A second revision (same article id): its diff page marks the changed and the added sentence.
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {desk['editor']}"}, timeout=30) as api:
        second = api.post("/v1/jobs", json={"text": REVISED, "targets": ["en"], "external_id": "drohnen-42"})
        assert second.status_code == 202, second.text
    second_job = finished(url, desk["editor"], second.json()["id"])
    assert second_job["state"] == "succeeded", second_job
    driver.get(f"{url}/documents/{second_job['document_id']}")
    driver.find_element(By.PARTIAL_LINK_TEXT, "what changed since revision 1").click()
    wait(driver, lambda d: "/changes" in d.current_url, "the diff page")
    ops = [r.get_attribute("class") for r in driver.find_elements(By.CSS_SELECTOR, "tr.change")]
    assert ops == ["change op-replace", "change op-insert"], ops
    # ...the changed word itself, struck through or underlined (not colour alone) and said in words
    removed = driver.find_element(By.CSS_SELECTOR, "tr.op-replace td:nth-of-type(1) p del")
    added = driver.find_element(By.CSS_SELECTOR, "tr.op-replace td:nth-of-type(2) p ins")
    assert (removed.text, added.text) == ("Sommer", "Herbst")
    style = (
        "return [getComputedStyle(arguments[0]).textDecorationLine,"
        " getComputedStyle(arguments[0], '::before').content];"
    )
    assert driver.execute_script(style, removed) == ["line-through", '" [removed: "']
    assert driver.execute_script(style, added) == ["underline", '" [added: "']
    problems += check_page(driver, "changes")

    driver.get(f"{url}/")
    problems += check_page(driver, "documents")
    listed = driver.find_element(By.CSS_SELECTOR, "ul.items").text
    assert "revision 2 of 2" in listed and "article drohnen-42" in listed, listed
    driver.get(f"{url}/?q=Herbst")
    assert len(driver.find_elements(By.CSS_SELECTOR, "ul.items > li > a")) == 1
    driver.get(f"{url}/documents/no-such-document")
    assert driver.find_element(By.TAG_NAME, "h1").text == "Not found"
    problems += check_page(driver, "not found")
    driver.get(f"{url}/glossaries")
    problems += check_page(driver, "glossaries")

    # An admin creates a glossary on the pages; it can be read.
    sign_in(driver, url, desk["admin"], "/glossaries/new")
    problems += check_page(driver, "new glossary")
    driver.find_element(By.ID, "name").send_keys("Newsroom")
    entries = driver.find_element(By.ID, "entries")
    entries.clear()
    entries.send_keys("source,en\nBundestag,Bundestag\nOpposition,opposition\n")
    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "table.aligned tbody tr"), "the glossary page")
    problems += check_page(driver, "glossary")
    driver.find_element(By.LINK_TEXT, "Edit").click()
    wait(driver, lambda d: d.current_url.endswith("/edit"), "the glossary's edit page")
    problems += check_page(driver, "edit glossary")
    driver.get(f"{url}/?page=0")
    assert driver.find_element(By.TAG_NAME, "h1").text == "Not understood"
    problems += check_page(driver, "bad address")

    # A reader: no correction, submission or glossary form; a forged post is refused.
    sign_in(driver, url, desk["reader"], f"/documents/{document_id}")
    problems += check_page(driver, "document as a reader")
    driver.get(f"{url}/glossaries/new")
    assert driver.find_element(By.TAG_NAME, "h1").text == "Not allowed"
    problems += check_page(driver, "not allowed")
    for path in (f"/documents/{document_id}", "/submit", "/glossaries", "/review"):
        driver.get(f"{url}{path}")
        forms = [
            f.get_attribute("action") for f in driver.find_elements(By.CSS_SELECTOR, "main form[method=post]")
        ]
        assert forms == [], (path, forms)
    cookie = driver.get_cookie("interlinear_session")
    assert cookie is not None
    with httpx.Client(base_url=url, cookies={"interlinear_session": cookie["value"]}, timeout=30) as forged:
        refused = forged.post(
            f"/documents/{document_id}/segments/s01.p01.01/translations/en",
            data={"text": "forged", "csrf": "not-the-token"},
        )
        assert refused.status_code == 403 and refused.headers["content-type"].startswith("text/html")
    assert problems == [], "\n".join(problems)
