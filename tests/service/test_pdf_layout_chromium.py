"""A page printed to PDF by Chromium (``--print-to-pdf``, as a newsroom saves an article) reads as
the page does: its ``<h1>`` the title, its ``<h2>`` a heading, each ``<p>`` a paragraph; and
without the header and footer Chromium prints on every page by default (the date and time of
printing, the ``<title>``, the URL, the page number), on one page or more."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from io import BytesIO
from pathlib import Path

import pytest

from service.document import Article
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


def printed(html: str, folder: Path, header_footer: bool = False) -> bytes:
    """``html`` printed to PDF by headless Chromium; with ``header_footer``, with the header and
    footer its print dialog puts on by default ("Headers and footers"). ``--print-to-pdf`` prints
    them unless told ``--no-pdf-header-footer``: the same lines as DevTools' ``Page.printToPDF``
    with ``displayHeaderFooter`` and no templates (the date and time, the title, the URL, "1/1");
    the command line needs no chromedriver."""
    page, pdf = folder / "page.html", folder / "page.pdf"
    page.write_text(html, encoding="utf-8")
    margins = [] if header_footer else ["--no-pdf-header-footer"]
    result = subprocess.run(
        [CHROMIUM or "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={folder / 'profile'}", *margins, f"--print-to-pdf={pdf}", page.as_uri()],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0 and pdf.exists(), result.stderr[-2000:]
    return pdf.read_bytes()


def assert_reads_as_the_page(article: Article) -> None:
    """The article read from the printed :data:`PAGE`: its title, its one heading and its three
    paragraphs, each a sentence."""
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


def test_a_printed_page_keeps_its_title_headings_and_paragraphs(tmp_path: Path) -> None:
    # found by an outside newcomer: title null, and the <h1> fused into the first sentence
    # ("Stadtrat beschließt Haushalt Der Stadtrat von Essen hat ..."); the HTML read right
    upload = read_upload("haushalt.pdf", printed(PAGE, tmp_path))
    article = parse_article(upload.text, upload.format, "de")
    assert_reads_as_the_page(article)


# the date and time of printing as Chromium writes them: "12/2/26, 9:14 AM", "02.12.26, 09:14"
STAMP = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4},?\s+\d{1,2}:\d{2}")
COUNTER = re.compile(r"\b\d+/\d+\b")


@pytest.mark.parametrize("pages", [1, 2])
def test_chromiums_header_and_footer_are_not_read_as_the_article(tmp_path: Path, pages: int) -> None:
    # found in a review: with Chromium's default "Headers and footers", the print date and the
    # <title>, the URL and "1/1" were sentences of the article, translated
    from pypdf import PdfReader

    html = PAGE if pages == 1 else PAGE.replace("<h2>", '<h2 style="break-before: page">')
    pdf = printed(html, tmp_path, header_footer=True)
    reader = PdfReader(BytesIO(pdf))
    raw = unicodedata.normalize("NFKC", "\n".join(page.extract_text() for page in reader.pages))
    stamp = STAMP.search(raw)
    # Chromium printed them: the date, the URL, the page numbers (one header and footer a page)
    assert len(reader.pages) == pages and stamp is not None, raw
    assert raw.count(stamp[0]) == pages and raw.count("file:///") == pages, raw
    assert [f"{n}/{pages}" in raw for n in range(1, pages + 1)] == [True] * pages, raw
    upload = read_upload("haushalt.pdf", pdf)
    article = parse_article(upload.text, upload.format, "de")
    assert_reads_as_the_page(article)
    for segment in article.segments():
        text = unicodedata.normalize("NFKC", segment.text)
        assert not (STAMP.search(text) or COUNTER.search(text) or "file:" in text), text
        assert stamp[0] not in text and text.strip() != "Haushalt", text
