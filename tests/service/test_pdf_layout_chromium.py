"""A page printed to PDF by Chromium (``--print-to-pdf``, as a newsroom saves an article) reads as
the page does: its ``<h1>`` the title, its ``<h2>`` a heading, each ``<p>`` a paragraph."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from service.parse import parse_article
from service.upload import read_upload
from tests.service.web.browser import CHROMIUM

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)"
)

PAGE = """<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Haushalt</title>
<style>body { width: 34em; }</style></head><body>
<h1>Stadtrat beschließt Haushalt für das kommende Jahr mit Kürzungen bei den Bädern</h1>
<p>Der Stadtrat von Essen hat am Mittwoch den Haushalt für das kommende Jahr beschlossen.</p>
<p>Er sieht Ausgaben von 3,8 Milliarden Euro vor, <b>400 Millionen mehr</b> als in diesem Jahr.</p>
<h2>Kritik der Opposition</h2>
<p>Die Opposition kritisierte die geplanten Kürzungen bei den Schwimmbädern der Stadt scharf.</p>
</body></html>"""


def printed(html: str, folder: Path) -> bytes:
    page, pdf = folder / "page.html", folder / "page.pdf"
    page.write_text(html, encoding="utf-8")
    result = subprocess.run(
        [CHROMIUM or "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={folder / 'profile'}", "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
         page.as_uri()],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0 and pdf.exists(), result.stderr[-2000:]
    return pdf.read_bytes()


def test_a_printed_page_keeps_its_title_headings_and_paragraphs(tmp_path: Path) -> None:
    # found by an outside newcomer: title null, and the <h1> fused into the first sentence
    # ("Stadtrat beschließt Haushalt Der Stadtrat von Essen hat ..."); the HTML read right
    upload = read_upload("haushalt.pdf", printed(PAGE, tmp_path))
    article = parse_article(upload.text, upload.format, "de")
    assert article.metadata.title == (
        "Stadtrat beschließt Haushalt für das kommende Jahr mit Kürzungen bei den Bädern"
    )
    assert [s.heading.text if s.heading else None for s in article.sections] == [
        None,
        "Kritik der Opposition",
    ]
    paragraphs = [[s.text for s in p.segments] for section in article.sections for p in section.paragraphs]
    assert paragraphs == [
        ["Der Stadtrat von Essen hat am Mittwoch den Haushalt für das kommende Jahr beschlossen."],
        ["Er sieht Ausgaben von 3,8 Milliarden Euro vor, 400 Millionen mehr als in diesem Jahr."],
        ["Die Opposition kritisierte die geplanten Kürzungen bei den Schwimmbädern der Stadt scharf."],
    ]
