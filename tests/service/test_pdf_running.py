"""A browser's running header and footer (the print date and the page's title at the top of every
page, its URL and number at the bottom) are dropped from a PDF, and only they
(``service.pdf_running``): the article's title, a dateline of its own and its text stay. PDFs
written by hand here, the header and footer in 8 pt and drawn after the page's text, as Chromium
prints them; printed by Chromium itself in ``test_pdf_layout_chromium.py``."""

from __future__ import annotations

import pytest

from service.errors import InputError
from service.parse import parse_article
from service.pdf_lines import PdfLine
from service.pdf_running import drop_running_lines
from service.upload import read_upload
from tests.support import Placed, placed_pdf

TITLE = "Stadtrat beschließt Haushalt"
PARAGRAPHS = [
    ("Der Stadtrat von Essen hat am Mittwoch den Haushalt für das kommende Jahr",
     "beschlossen, mit Ausgaben von 3,8 Milliarden Euro und 400 Millionen mehr."),
    ("Die Opposition kritisierte die geplanten Kürzungen bei den Schwimmbädern",
     "und kündigte an, im Frühjahr einen eigenen Antrag für die Bäder zu stellen."),
    ("Die Verwaltung will bis zum Sommer prüfen, welche der Bäder saniert werden",
     "können und welche im kommenden Jahr geschlossen werden müssen, sagte sie."),
]  # fmt: skip
TEXT = [" ".join(lines) for lines in PARAGRAPHS]
URL = "https://www.essener-zeitung.de/lokales/stadtrat-beschliesst-haushalt.html"


def body(paragraphs: list[tuple[str, ...]], title: str | None = None, top: float = 780) -> list[Placed]:
    """An article's lines from ``top`` down: its title in 24 pt bold, then its paragraphs in 12 pt,
    14 pt apart, with a blank line's gap between two."""
    lines: list[Placed] = []
    y = top
    if title:
        lines.append(("B", 24, y, title))
        y -= 30
    for paragraph in paragraphs:
        for line in paragraph:
            lines.append(("R", 12, y, line))
            y -= 14
        y -= 14
    return lines


def margins(header: tuple[str, ...], footer: tuple[str, ...]) -> list[Placed]:
    """A browser's header across the top (at the left, then the centre) and its footer across the
    bottom (at the left, then the right) in 8 pt."""
    return [
        *(("R", 8, 815, text, x) for text, x in zip(header, (20, 250), strict=False)),
        *(("R", 8, 20, text, x) for text, x in zip(footer, (20, 540), strict=False)),
    ]


def paragraphs_of(text: str) -> list[str]:
    article = parse_article(text, "text", "de")
    assert article.metadata.title == TITLE
    return [" ".join(s.text for s in p.segments) for sec in article.sections for p in sec.paragraphs]


@pytest.mark.parametrize(
    ("header", "footer", "metadata_title"),
    [
        # Chromium in German: "02.12.26, 09:14", the <title> in the centre; the URL, "1/1"
        (("02.12.26, 09:14", "Haushalt | Essener Zeitung"), (URL, "1/1"), "Haushalt | Essener Zeitung"),
        # in English, a long <title> and URL cut with "…" to fit
        (("12/2/26, 9:14 AM", "Stadtrat beschließt Haushalt für das kommende Jahr mit Kürzungen bei den Bä…"),
         ("https://www.essener-zeitung.de/lokales/essen/stadtrat-beschliesst-haushalt-fuer-das-kom…", "1/1"),
         "Stadtrat beschließt Haushalt für das kommende Jahr mit Kürzungen bei den Bädern | Essener Zeitung"),
        # a page without <title>: the stamp alone; a counter of another browser alone
        (("2026-12-02 09:14",), ("Seite 1 von 1",), None),
        (("12/02/2026, 09:14:05",), ("file:///home/redaktion/haushalt.html", "Page 1 of 1"), "haushalt.html"),
    ],
    ids=["chromium-de", "chromium-en-cut", "stamp-alone", "file-url"],
)  # fmt: skip
def test_a_browser_header_and_footer_on_one_page_are_dropped(
    header: tuple[str, ...], footer: tuple[str, ...], metadata_title: str | None
) -> None:
    # found in a review: "02.12.26, 09:14 Haushalt | Essener Zeitung" and the URL with "1/1" were
    # paragraphs of the article, translated
    pdf = placed_pdf([*body(PARAGRAPHS, TITLE), *margins(header, footer)], title=metadata_title)
    text = read_upload("haushalt.pdf", pdf).text
    assert text.split("\n\n") == [TITLE, *TEXT]
    assert paragraphs_of(text) == TEXT


def test_a_browser_header_and_footer_on_three_pages_are_dropped() -> None:
    meta = "Haushalt | Essener Zeitung"
    pdf = placed_pdf(
        *(
            [*body(PARAGRAPHS[n : n + 1], TITLE if n == 0 else None),
             *margins(("02.12.26, 09:14", meta), (URL, f"{n + 1}/3"))]
            for n in range(3)
        ),
        title=meta,
    )  # fmt: skip
    text = read_upload("haushalt.pdf", pdf).text
    assert text.split("\n\n") == [TITLE, *TEXT]
    assert paragraphs_of(text) == TEXT


def test_a_running_title_and_page_numbers_on_every_page_are_dropped() -> None:
    """No browser's: a document's name over every page, at the size of its text, and bare page
    numbers under it; only their repeating says what they are."""
    running = "Essener Zeitung – Lokales – Mittwoch, 2. Dezember 2026"
    pdf = placed_pdf(
        *(
            [("R", 12, 810, running), *body(PARAGRAPHS[n : n + 1], TITLE if n == 0 else None),
             ("R", 12, 30, str(n + 4), 290)]
            for n in range(3)
        ),
    )  # fmt: skip
    text = read_upload("haushalt.pdf", pdf).text
    assert text.split("\n\n") == [TITLE, *TEXT]


DATELINE = [("R", 12, 800, "2. Dezember 2026")]
STAMP_AS_TEXT = [("R", 12, 800, "02.12.2026, 14:30")]


@pytest.mark.parametrize(
    ("top", "bottom", "kept"),
    [
        # the article's own date over its title, in the size of its text: not a print stamp
        (DATELINE, [], ["2. Dezember 2026"]),
        (STAMP_AS_TEXT, [], ["02.12.2026, 14:30"]),
        # its closing link at the very bottom, as large as its text: not a browser's footer
        ([], [("R", 12, 40, "https://www.essen.de/haushalt")], ["https://www.essen.de/haushalt"]),
    ],
    ids=["dateline", "date-and-time-as-text", "closing-link"],
)  # fmt: skip
def test_an_articles_own_first_and_last_lines_stay(
    top: list[Placed], bottom: list[Placed], kept: list[str]
) -> None:
    # the browser's stamp or counter on the other edge goes; what the article's own lines are stays
    header = () if top else ("02.12.26, 09:14",)
    footer = () if bottom else (URL, "1/1")
    pdf = placed_pdf([*top, *body(PARAGRAPHS, TITLE, 770), *bottom, *margins(header, footer)])
    blocks = read_upload("haushalt.pdf", pdf).text.split("\n\n")
    expected = [TITLE, *TEXT]
    assert blocks == ([*kept, *expected] if top else [*expected, *kept])


def test_the_title_over_the_first_page_of_two_stays() -> None:
    """The article's title is the first page's top line and the PDF's title: over one page of two
    it is no running header. The footers go."""
    pages = [
        [*body([PARAGRAPHS[0]], TITLE), *margins((), (URL, "1/2"))],
        [*body([PARAGRAPHS[1]]), *margins((), (URL, "2/2"))],
    ]
    for title in (TITLE, None):
        text = read_upload("haushalt.pdf", placed_pdf(*pages, title=title)).text
        assert text.split("\n\n") == [TITLE, TEXT[0], TEXT[1]]


def test_last_lines_alike_but_for_numbers_that_count_no_pages_stay() -> None:
    """Two pages' last lines, at the same height, alike but for their numbers: "2023" and "2024"
    count up, "1,5" and "1,7" do not: the article's lines, no running footer. The headers go."""
    ends = ["Im Jahr 2023 kamen 1,5 Millionen Gäste in die Bäder.",
            "Im Jahr 2024 kamen 1,7 Millionen Gäste in die Bäder."]  # fmt: skip
    pages = [
        [*body([PARAGRAPHS[n]], TITLE if n == 0 else None), ("R", 12, 600, ends[n]),
         *margins(("02.12.26, 09:14", "Haushalt"), ())]
        for n in range(2)
    ]  # fmt: skip
    text = read_upload("haushalt.pdf", placed_pdf(*pages, title="Haushalt")).text
    assert text.split("\n\n") == [TITLE, TEXT[0], ends[0], TEXT[1], ends[1]]


def test_a_pdf_of_nothing_but_a_browsers_header_and_footer_has_no_text_layer() -> None:
    # a scanned page printed from a browser: its only text is the browser's
    meta = "Scan | Essener Zeitung"
    pdf = placed_pdf(margins(("02.12.26, 09:14", meta), (URL, "1/1")), title=meta)
    with pytest.raises(InputError, match="no text layer"):
        read_upload("scan.pdf", pdf)


def test_without_places_the_first_and_last_lines_are_the_edges() -> None:
    """Where pypdf gives no line's place, a page's first and last line are its edge rows."""
    pages = [
        [PdfLine(TITLE), PdfLine(TEXT[0]), PdfLine(f"{URL} 1/2")],
        [PdfLine("02.12.26, 09:14 Haushalt"), PdfLine(TEXT[1]), PdfLine(f"{URL} 2/2")],
    ]
    assert drop_running_lines(pages, "Haushalt") == [
        [PdfLine(TITLE), PdfLine(TEXT[0])],
        [PdfLine(TEXT[1])],
    ]
