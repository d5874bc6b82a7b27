"""Outside testers' findings on the editor's desk, in a real headless Chromium: a refused
correction is said at the top of the page; deleting a glossary asks first and says it was done;
controls are big enough to tap on a phone; rows and labels name things in words. Each changed page
passes axe-core and does not scroll sideways (tests/service/web/browser.py)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from service.api.app import create_app
from service.settings import Settings
from tests.service.web.browser import CHROMEDRIVER, CHROMIUM, check_page, chromium, gone, live_app, set_width
from tests.service.web.test_desk_words import FLOOD as WITH_METADATA
from tests.service.web.test_editor_desk_chromium import ARTICLE
from tests.support import new_key, wait_for_job

pytest.importorskip("selenium.webdriver", reason="selenium is a dev dependency: pip install -e '.[dev]'")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="Debian's chromium and chromium-driver are not installed (.ci/run installs them)",
)


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory, tiny_marian_dir: Path) -> Iterator[dict[str, str]]:
    folder = tmp_path_factory.mktemp("findings")
    settings = Settings(database_url=f"sqlite:///{folder / 'desk.db'}", model_dir=tiny_marian_dir)
    app = create_app(settings)
    with live_app(app) as url:
        keys = {
            "editor": new_key(app, "newsroom", role="editor", name="Mina"),
            "admin": new_key(app, "newsroom", role="admin", name="Ada"),
        }
        documents = []
        with httpx.Client(
            base_url=url, headers={"Authorization": f"Bearer {keys['editor']}"}, timeout=30
        ) as api:
            for text in (ARTICLE, WITH_METADATA):
                job_id = api.post("/v1/jobs", json={"text": text, "targets": ["en"]}).json()["id"]
                job = wait_for_job(api, job_id, timeout=300)
                assert job["state"] == "succeeded", job
                documents.append(job["document_id"])
        yield {"url": url, "document": documents[0], "metadata": documents[1], **keys}


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    browser = chromium()
    yield browser
    browser.quit()


def sign_in(driver: Any, url: str, key: str, path: str = "/") -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.delete_all_cookies()
    driver.get(f"{url}/login?next={path}")
    driver.find_element(By.NAME, "key").send_keys(key)
    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    WebDriverWait(driver, 60).until(lambda d: "/login" not in d.current_url, "the page after signing in")


def test_a_refused_correction_is_said_at_the_top_of_the_page(desk: dict[str, str], driver: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    url = desk["url"]
    sign_in(driver, url, desk["editor"], f"/documents/{desk['document']}")
    set_width(driver, 390)  # a phone: the page is long, the last sentence far down
    row = driver.find_elements(By.CSS_SELECTOR, "tbody tr.role-body")[-1]
    cell = row.find_element(By.CSS_SELECTOR, "td[lang=en]")
    cell.find_element(By.CSS_SELECTOR, "details summary").click()
    box = cell.find_element(By.CSS_SELECTOR, "textarea")
    box.clear()
    box.send_keys("   ")  # blank: refused by the service, not by the browser (``required``)
    cell.find_element(By.CSS_SELECTOR, "details form button[type=submit]").click()
    WebDriverWait(driver, 60).until(gone(cell), "the page that refuses the correction")

    assert driver.title.startswith("Error: "), driver.title
    summary = driver.find_element(By.CSS_SELECTOR, "main .error-summary")
    assert summary.get_attribute("role") == "alert"
    top = driver.execute_script("return arguments[0].getBoundingClientRect().top;", summary)
    height = driver.execute_script("return window.innerHeight;")
    assert 0 <= top < height, (top, height)  # seen without scrolling
    link = summary.find_element(By.CSS_SELECTOR, "a")
    assert "section 2, paragraph 1, sentence 2" in link.text and "English" in link.text, link.text
    field = driver.find_element(By.ID, link.get_attribute("href").split("#", 1)[1])
    assert field.tag_name == "textarea" and field.get_attribute("value") == "   "  # what was typed
    assert field.get_attribute("aria-invalid") == "true" and field.is_displayed()
    link.click()
    assert driver.switch_to.active_element == field
    assert check_page(driver, "document with a refused correction") == []


def test_deleting_a_glossary_asks_first_and_says_it_was_done(desk: dict[str, str], driver: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    url = desk["url"]
    sign_in(driver, url, desk["admin"], "/glossaries/new")
    driver.find_element(By.ID, "name").send_keys("Newsroom")
    entries = driver.find_element(By.ID, "entries")
    entries.clear()
    entries.send_keys("source,en\nBundestag,Bundestag\n")
    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    WebDriverWait(driver, 60).until(lambda d: d.find_elements(By.CSS_SELECTOR, "p.done"), "the glossary page")
    assert driver.find_element(By.CSS_SELECTOR, "main p.done[role=status]").text.startswith("Saved.")
    problems = check_page(driver, "glossary just saved")
    glossary = driver.current_url

    driver.find_element(By.PARTIAL_LINK_TEXT, "Delete this glossary").click()
    WebDriverWait(driver, 60).until(lambda d: d.current_url.endswith("/delete"), "the page that asks")
    assert driver.find_element(By.TAG_NAME, "h1").text == "Delete the glossary Newsroom?"
    problems += check_page(driver, "delete glossary?")
    driver.find_element(By.LINK_TEXT, "No, keep it").click()
    WebDriverWait(driver, 60).until(lambda d: d.current_url == glossary, "the glossary, kept")
    assert not driver.find_elements(By.CSS_SELECTOR, "main p.done")  # said once

    driver.find_element(By.PARTIAL_LINK_TEXT, "Delete this glossary").click()
    WebDriverWait(driver, 60).until(lambda d: d.current_url.endswith("/delete"), "the page that asks")
    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    WebDriverWait(driver, 60).until(lambda d: d.current_url.endswith("/glossaries"), "the list")
    assert (
        driver.find_element(By.CSS_SELECTOR, "main p.done[role=status]").text == "Deleted glossary Newsroom."
    )
    assert "Newsroom" not in driver.find_element(By.CSS_SELECTOR, "ul.items").text
    problems += check_page(driver, "glossaries after deleting")
    assert problems == [], "\n".join(problems)


SMALL_CONTROLS = """
const small = [];
for (const el of document.querySelectorAll('button, select, input, summary')) {
  const type = (el.getAttribute('type') || '').toLowerCase();
  if (type === 'hidden' || el.closest('.visually-hidden')) continue;
  const target = (type === 'checkbox' || type === 'radio') ? el.closest('label') || el : el;
  const box = target.getBoundingClientRect();
  if (box.width === 0 && box.height === 0) continue;  // not shown (a closed disclosure's form)
  if (box.height < 44) small.push(`${el.tagName.toLowerCase()}${type ? '[' + type + ']' : ''} `
    + `"${(el.textContent || el.name || '').trim().slice(0, 30)}": ${box.height.toFixed(1)} px`);
}
return small;
"""


def test_controls_are_big_enough_to_tap_on_a_phone(desk: dict[str, str], driver: Any) -> None:
    from selenium.webdriver.common.by import By

    url = desk["url"]
    sign_in(driver, url, desk["admin"], "/")
    problems: list[str] = []
    documents = [f"/documents/{desk['document']}", f"/documents/{desk['metadata']}"]  # rows in words
    for path in ("/", "/submit", "/review", "/jobs", "/glossaries/new", *documents):
        driver.get(f"{url}{path}")
        set_width(driver, 390)
        for details in driver.find_elements(By.CSS_SELECTOR, "main details"):
            driver.execute_script("arguments[0].open = true;", details)  # the forms inside too
        problems += [f"{path} at 390 px: {line}" for line in driver.execute_script(SMALL_CONTROLS)]
        problems += check_page(driver, path)
    assert problems == [], "\n".join(problems)


# A file field's height and its "Choose file" button's (a pseudo-element: its used height, as
# the computed style resolves it for a box drawn), in px.
FILE_FIELD = """
var field = document.getElementById('upload');
var button = getComputedStyle(field, '::file-selector-button');
return {field: field.getBoundingClientRect().height, button: parseFloat(button.height),
        display: button.display};
"""


def test_a_file_fields_button_is_big_enough_to_tap_on_a_phone(desk: dict[str, str], driver: Any) -> None:
    """Found by an outside walk at 390 px: the upload field's box was 44 px tall, but the "Choose
    file" button in it, what a finger taps, was drawn 24 px tall. Now it is at least 44 px, on the
    submit page and on the glossary import's."""
    sign_in(driver, desk["url"], desk["admin"], "/")
    problems: list[str] = []
    for path in ("/submit", "/glossaries/new"):
        driver.get(f"{desk['url']}{path}")
        set_width(driver, 390)
        found = driver.execute_script(FILE_FIELD)
        assert found["display"] != "none", found  # a button drawn
        problems += [
            f"{path} at 390 px: the file field's {part} is {found[part]:.1f} px tall"
            for part in ("field", "button")
            if found[part] < 44
        ]
        problems += check_page(driver, f"{path}, file field")
    assert problems == [], "\n".join(problems)


SUBMIT_BOXES = """
const edges = (el) => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
const fields = ['format', 'source_lang', 'glossary', 'priority'].map((id) => [
  id, edges(document.querySelector(`label[for=${id}]`)), edges(document.getElementById(id))]);
const boxes = [...document.querySelectorAll('input[name=targets]')];
const targets = boxes.map((box) => edges(box.closest('label')));
return {form: edges(document.querySelector("form[action='/submit']")), fields: fields, targets: targets};
"""


def test_the_submit_form_stacks_its_fields_on_a_phone(desk: dict[str, str], driver: Any) -> None:
    """Found by an outside walk at 390 px: the format and source language shared a line that
    wrapped mid-field, and the targets were bare codes. On a phone each list is under its label, as
    wide as the form, and each target (named in words) is a line of its own, 44 px to tap."""
    url = desk["url"]
    sign_in(driver, url, desk["editor"], "/submit")
    set_width(driver, 390)
    found = driver.execute_script(SUBMIT_BOXES)
    left, _, right, _ = found["form"]
    problems, above = [], 0.0
    for name, label, control in found["fields"]:
        if label[3] > control[1] + 1:
            problems.append(f"{name}: its label is beside the list, not above it ({label} / {control})")
        if control[0] - left > 1 or right - control[2] > 1:
            problems.append(f"{name}: the list is not as wide as the form ({control}, form {left}-{right})")
        if label[1] < above - 1:
            problems.append(f"{name}: on the line of the field before it")
        above = control[3]
    targets = found["targets"]
    problems += [
        f"targets {a} and {b} share a line" for a, b in itertools.pairwise(targets) if b[1] < a[3] - 1
    ]
    problems += [f"target {box} is under 44 px tall" for box in targets if box[3] - box[1] < 44]
    problems += check_page(driver, "submit")
    assert problems == [], "\n".join(problems)


CONTROL_LINKS = """
return [...document.querySelectorAll('header nav a, .actions a, a.next-flagged')]
  .filter((a) => a.offsetParent !== null)
  .map((a) => [a.textContent.trim().slice(0, 40), a.getBoundingClientRect().height]);
"""


def test_links_that_stand_alone_as_controls_are_big_enough_to_tap_on_a_phone(
    desk: dict[str, str], driver: Any
) -> None:
    """Found by an outside walk at 390 px: the menu's links, the review list's "Correct it on the
    document page" (beside a 44 px "Approve as it is") and the document's "Next to review" were 24
    px tall. Now at least 44 px; links inside a sentence stay as text is (WCAG 2.5.8 exempts them)."""
    url = desk["url"]
    sign_in(driver, url, desk["editor"], "/review")
    problems: list[str] = []
    for path in ("/review", f"/documents/{desk['document']}"):
        driver.get(f"{url}{path}")
        set_width(driver, 390)
        links = driver.execute_script(CONTROL_LINKS)
        assert any(text.startswith("Correct it") or text.startswith("Next to review") for text, _ in links), (
            links
        )
        problems += [
            f"{path} at 390 px: '{text}' is {height:.1f} px tall" for text, height in links if height < 44
        ]
        problems += check_page(driver, f"{path}, links as controls")
    assert problems == [], "\n".join(problems)


SOURCE_IN_SIGHT = """
const box = document.activeElement;
const form = box && box.closest('form');
const source = form && form.querySelector('p.fix-source');
if (!source) return {focused: box && box.tagName, source: null};
const r = source.getBoundingClientRect(), b = box.getBoundingClientRect();
return {focused: box.tagName, source: [r.top, r.bottom], box: [b.top, b.bottom], height: window.innerHeight,
        text: source.textContent.trim()};
"""


def test_correct_it_on_a_phone_keeps_the_source_sentence_in_sight(desk: dict[str, str], driver: Any) -> None:
    """Found by an outside walk at 390 px: "Correct it on the document page" opened the box with the
    focus in it, but the source sentence was scrolled off the top, above the translation and its
    flags: the editor corrected without the original in sight. The source is said again right above
    the box, and the box lands low enough on the screen for it to show."""
    from selenium.webdriver.common.by import By

    url = desk["url"]
    sign_in(driver, url, desk["editor"], "/review")
    set_width(driver, 390)
    driver.get(f"{url}/review")
    link = driver.find_element(By.PARTIAL_LINK_TEXT, "Correct it on the document page")
    driver.get(str(link.get_attribute("href")))
    found = driver.execute_script(SOURCE_IN_SIGHT)
    assert found["focused"] == "TEXTAREA", found
    assert found["source"] is not None, "no source above the correction box"
    top, bottom = found["source"]
    assert top >= 0 and bottom <= found["height"], f"the source is out of sight: {found}"
    assert found["text"].startswith("DE source"), found
    problems = check_page(driver, "document page, Correct it at 390 px")
    driver.set_window_size(1280, 900)
    assert (
        driver.execute_script("return getComputedStyle(document.querySelector('p.fix-source')).display")
        == "none"
    )
    assert problems == [], "\n".join(problems)
