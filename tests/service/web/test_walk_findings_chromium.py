"""Found by an outside walk of the pages in Chromium, at 1280 and 390 px: the documents list's
filter fields did not line up at 1280 px (the fields with a hint under them sat higher than the
others, on two rows); "The checks found this in the approved translation:" was as big and bold as
the title row it stood in. Now the filters' labels and fields line up on one row at 1280 px and
stack at 390 px; the line is a small, plain line of the flag block. The pages changed by the walk's
findings pass axe-core and do not scroll sideways (tests/service/web/browser.py). Failed on the
old code."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from service.api.app import create_app
from service.settings import Settings
from service.storage.tables import SegmentRow, TranslationRow
from tests.service.api.test_publishing import stored_translation
from tests.service.web.browser import CHROMEDRIVER, CHROMIUM, check_page, chromium, live_app, set_width, wait
from tests.service.web.test_desk_findings_chromium import sign_in
from tests.support import new_key

pytest.importorskip("selenium.webdriver", reason="selenium is a dev dependency: pip install -e '.[dev]'")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="Debian's chromium and chromium-driver are not installed (.ci/run installs them)",
)

# Each filter of the documents list: its label's and its field's box, and the form's.
FILTERS = """
var form = document.querySelector('form.filters').getBoundingClientRect();
return Array.from(document.querySelectorAll('form.filters > p')).map(function (p) {
  var label = p.querySelector('label'), field = p.querySelector('input, select, button');
  var box = function (e) { var r = e.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; };
  return {label: label ? box(label) : null, field: box(field), formLeft: form.left, formWidth: form.width};
});
"""


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory, tiny_marian_dir: Path) -> Iterator[dict[str, str]]:
    folder = tmp_path_factory.mktemp("walk")
    app = create_app(Settings(database_url=f"sqlite:///{folder / 'walk.db'}", model_dir=tiny_marian_dir))
    with live_app(app) as url:
        document_id, keys = stored_translation(app, tenant="desk")
        with app.state.database.session() as session:  # the title's translation: flagged, approved
            title = session.scalars(
                select(TranslationRow)
                .join(SegmentRow, SegmentRow.id == TranslationRow.segment_id)
                .where(SegmentRow.document_id == document_id, SegmentRow.key == keys[0])
            ).one()
            title.flags = [{"check": "numbers", "severity": "major", "detail": "a number missed"}]
            title.approved_by, title.approved_at = "Ada", dt.datetime.now(dt.UTC)
            session.commit()
        yield {
            "url": url,
            "document": document_id,
            "title": keys[0],
            "editor": new_key(app, "desk", role="editor", name="Mina"),
            "reader": new_key(app, "desk", role="reader", name="Rita"),
        }


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    browser = chromium()
    yield browser
    browser.quit()


def test_the_documents_filters_line_up_on_one_row_and_stack_on_a_phone(
    desk: dict[str, str], driver: Any
) -> None:
    from selenium.webdriver.common.by import By

    sign_in(driver, desk["url"], desk["editor"], "/")
    set_width(driver, 1280)
    filters = driver.execute_script(FILTERS)
    labels = [f["label"] for f in filters if f["label"]]
    fields = [f["field"] for f in filters]
    assert len(labels) == 6 and len(fields) == 7, filters
    assert len({round(top) for _, top, _, _ in labels}) == 1, f"the labels on one line: {labels}"
    assert len({round(top) for _, top, _, _ in fields}) == 1, f"the fields on one line: {fields}"
    assert len({round(height) for *_, height in fields}) == 1, f"the fields as high as each other: {fields}"
    assert labels[0][1] + labels[0][3] <= fields[0][1], "each label above its field"

    set_width(driver, 390)
    driver.find_element(By.CSS_SELECTOR, "details.filters > summary").click()  # closed on a phone
    filters = driver.execute_script(FILTERS)
    tops = [f["field"][1] for f in filters]
    assert tops == sorted(tops) and len(set(tops)) == len(tops), f"stacked: {filters}"
    for f in filters:
        left, _, width, _ = f["field"]
        assert round(left) == round(f["formLeft"]), f"each at the form's left: {f}"
        if f is not filters[-1]:  # the button as wide as its words; each field as the screen
            assert round(width) == round(f["formWidth"]), f"as wide as the form: {f}"
    problems = check_page(driver, "documents list")
    assert problems == [], "\n".join(problems)


# What of the documents list shows: the filter disclosure's state and summary, the search field's
# box and whether it is what is drawn at its middle (not hidden), the first row's box.
SHOWN = """
var details = document.querySelector('details.filters'), summary = details.querySelector('summary');
var field = document.getElementById('q'), row = document.querySelector('ul.items > li');
var box = function (e) {
  var r = e.getBoundingClientRect();
  return {top: r.top, bottom: r.bottom, height: r.height};
};
var f = field.getBoundingClientRect();
var drawn = f.height > 0 && document.elementFromPoint(f.left + f.width / 2, f.top + f.height / 2) === field;
return {open: details.open, summary: summary.textContent.trim(), summaryBox: box(summary),
        fieldShown: drawn, row: box(row), height: window.innerHeight};
"""


def test_on_a_phone_the_filters_are_closed_and_the_list_starts_above_the_fold(
    desk: dict[str, str], driver: Any
) -> None:
    """Found by an outside walk at 390 px: the filter fields pushed the list below the fold. On a
    phone they are a closed disclosure, "Filter", until a filter is set ("Filter (1 set)", open);
    on a wide screen they show as before, with no disclosure to open."""
    from selenium.webdriver.common.by import By

    sign_in(driver, desk["url"], desk["editor"], "/")
    set_width(driver, 390)
    shown = driver.execute_script(SHOWN)
    assert not shown["open"] and shown["summary"] == "Filter", shown
    assert not shown["fieldShown"], f"the fields are hidden on a phone: {shown}"
    assert shown["summaryBox"]["height"] >= 44, f"the summary is 44 px to tap: {shown}"
    assert shown["row"]["bottom"] <= shown["height"], f"the first document above the fold: {shown}"
    problems = check_page(driver, "documents, filters closed")

    set_width(driver, 1280)
    shown = driver.execute_script(SHOWN)
    assert shown["fieldShown"], f"the fields shown on a wide screen: {shown}"
    assert shown["summaryBox"]["height"] == 0, f"no disclosure to open on a wide screen: {shown}"

    set_width(driver, 390)
    driver.find_element(By.CSS_SELECTOR, "details.filters > summary").click()
    shown = driver.execute_script(SHOWN)
    assert shown["open"] and shown["fieldShown"], f"opened on a phone: {shown}"

    driver.get(f"{desk['url']}/?source_lang=de")
    set_width(driver, 390)
    shown = driver.execute_script(SHOWN)
    assert shown["open"] and shown["summary"] == "Filter (1 set)", shown
    assert shown["fieldShown"], f"a filter set: the fields shown on a phone: {shown}"
    problems += check_page(driver, "documents, a filter set")
    assert problems == [], "\n".join(problems)


def test_the_checks_line_in_a_title_row_is_a_plain_line_of_the_flag_block(
    desk: dict[str, str], driver: Any
) -> None:
    from selenium.webdriver.common.by import By

    sign_in(driver, desk["url"], desk["editor"], f"/documents/{desk['document']}")
    row = driver.find_element(By.ID, f"row-{desk['title']}")
    cell = row.find_element(By.CSS_SELECTOR, "[lang=en]")
    line = next(p for p in cell.find_elements(By.TAG_NAME, "p") if "The checks found this" in p.text)
    assert line.text == "The checks found this in the approved translation:"
    flags = cell.find_element(By.CSS_SELECTOR, "ul.flags")
    heading = cell.find_element(By.CSS_SELECTOR, ".text")
    style = lambda e, name: e.value_of_css_property(name)  # noqa: E731
    assert style(line, "font-weight") == "400", "not bold as the title row"
    assert style(line, "font-size") == style(flags, "font-size"), "as small as the list it introduces"
    assert style(line, "font-size") != style(heading, "font-size")
    problems = check_page(driver, "document, approved title flagged")
    assert problems == [], "\n".join(problems)


def test_the_pages_the_walk_changed_pass_axe_and_do_not_scroll_sideways(
    desk: dict[str, str], driver: Any
) -> None:
    from selenium.webdriver.common.by import By

    url, document_id = desk["url"], desk["document"]
    problems: list[str] = []
    sign_in(driver, url, desk["reader"], "/")
    problems += check_page(driver, "documents list, reader")
    driver.get(f"{url}/documents/{document_id}")
    problems += check_page(driver, "document, reader")

    sign_in(driver, url, desk["editor"], f"/documents/{document_id}")
    stale = "document.querySelectorAll('input[name=csrf]').forEach(function (i) { i.value = 'old'; });"
    driver.execute_script(stale)
    driver.find_element(By.CSS_SELECTOR, f"#row-{desk['title']} details > summary").click()
    driver.find_element(By.CSS_SELECTOR, f"#row-{desk['title']} details form button[type=submit]").click()
    wait(driver, lambda d: d.find_element(By.TAG_NAME, "h1").text == "Not allowed", "the refusal page", 60)
    problems += check_page(driver, "out-of-date form")

    # The list of the document's one translation to review: approved, nothing is left.
    driver.get(f"{url}/review?document={document_id}")
    driver.find_element(By.CSS_SELECTOR, "main ul.items form button[type=submit]").click()
    wait(
        driver,
        lambda d: "Nothing left to review" in d.find_element(By.ID, "done").text,
        "the review list saying nothing is left",
        60,
    )
    assert driver.find_elements(By.CSS_SELECTOR, "main ul.ended a[href='/review']")
    problems += check_page(driver, "review list, filtered, nothing left")
    assert problems == [], "\n".join(problems)
