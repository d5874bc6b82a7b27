"""The engine-confidence legend at 390 px in a real headless Chromium: collapsed to its one
"What is engine confidence?" line, so that the first review item and the document's first sentence
are not pushed far down a phone's screen (the old paragraph took ten lines there), and the pages
stay axe-core clean with it open."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from service.api.app import create_app
from service.ingest import store_article
from service.parse import parse_article
from service.settings import Settings
from service.storage.tables import SegmentRow, TranslationRow
from tests.service.web.browser import CHROMEDRIVER, CHROMIUM, check_page, live_app, set_width
from tests.service.web.test_editor_desk_chromium import sign_in
from tests.support import new_key

pytest.importorskip("selenium.webdriver", reason="selenium is a dev dependency: pip install -e '.[dev]'")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="Debian's chromium and chromium-driver are not installed (.ci/run installs them)",
)

ARTICLE = "Hochwasser in Sachsen\n\nDie Pegel der Elbe steigen seit Sonntag. Die Feuerwehr ist im Einsatz.\n"
LEGEND_TALLEST = 60  # one summary line (at least 44 px, the touch target), not a paragraph


@pytest.fixture
def site(tmp_path: Path, tiny_marian_dir: Path) -> Iterator[dict[str, str]]:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'legend.db'}", model_dir=tiny_marian_dir)
    app = create_app(settings)
    with live_app(app) as url:
        with app.state.database.session() as session:
            document = store_article(session, ARTICLE, parse_article(ARTICLE), "de", "newsroom")
            sentences = session.scalars(
                select(SegmentRow).where(SegmentRow.document_id == document.id, SegmentRow.role == "body")
                .order_by(SegmentRow.order)
            ).all()  # fmt: skip
            for segment, score in zip(sentences, (-5.65, -0.1), strict=True):
                session.add(TranslationRow(segment_id=segment.id, target_lang="en", text=f"sentence {score}",
                                           model_id="m", model_revision="1", engine="test", route="test",
                                           confidence=score))  # fmt: skip
            session.commit()
        key = new_key(app, "newsroom", role="editor", name="Mina")
        yield {"url": url, "key": key, "document": document.id}


def _top_and_height(driver: Any, css: str) -> tuple[float, float]:
    found = driver.execute_script(
        "var e = document.querySelector(arguments[0]); if (!e) return null;"
        "var r = e.getBoundingClientRect(); return [r.top + window.scrollY, r.height];",
        css,
    )
    assert found is not None, f"no element {css} on {driver.current_url}"
    return float(found[0]), float(found[1])


def test_the_legend_is_one_line_on_a_phone(site: dict[str, str], driver: Any) -> None:
    url = site["url"]
    sign_in(driver, url, site["key"], f"/review?document={site['document']}")
    problems: list[str] = []
    for path, first in (
        (f"/review?document={site['document']}", "ul.items > li"),
        (f"/documents/{site['document']}", "tbody tr.role-body"),
    ):
        driver.get(f"{url}{path}")
        set_width(driver, 390)
        _, height = _top_and_height(driver, "#confidence-scale")
        assert height <= LEGEND_TALLEST, f"{path}: the legend is {height} px tall at 390 px"
        item_top, _ = _top_and_height(driver, first)
        driver.execute_script("document.querySelector('#confidence-scale').style.display = 'none';")
        without, _ = _top_and_height(driver, first)
        driver.execute_script("document.querySelector('#confidence-scale').style.display = '';")
        pushed = item_top - without
        assert pushed <= LEGEND_TALLEST + 20, f"{path}: the legend pushes the first {first} {pushed} px down"
        driver.execute_script("document.querySelector('#confidence-scale').open = true;")
        problems += check_page(driver, f"{path} with the legend open")
    assert not problems, "\n".join(problems)
