"""A PDF's lines read into paragraphs by their layout (``service.pdf_text.reflow``): a title or a
heading set larger or bold is a block of its own, a gap larger than the line spacing ends a
paragraph, lines of one paragraph are one line. Built by hand here; as Chromium prints a page, in
``test_pdf_layout_chromium.py``."""

from __future__ import annotations

import pytest

from service.document import Role
from service.parse import parse_article
from service.pdf_lines import PdfLine
from service.pdf_text import reflow
from service.upload import read_upload
from tests.support import placed_pdf

TITLE = "Stadtrat beschließt Haushalt"
FIRST = (
    "Der Stadtrat von Essen hat am Mittwoch den Haushalt für das kommende Jahr",
    "beschlossen, mit Ausgaben von 3,8 Milliarden Euro und 400 Millionen mehr.",
)
HEADING = "Kritik der Opposition"
SECOND = (
    "Die Opposition kritisierte die geplanten Kürzungen bei den Schwimmbädern.",
    "Die Verwaltung will im Frühjahr einen Nachtragshaushalt für die Bäder vorlegen.",
)


def test_a_title_a_heading_and_paragraph_gaps_are_read_from_the_layout() -> None:
    # found by an outside newcomer: a Chromium-printed PDF of an <h1> and two paragraphs gave no
    # title and one paragraph, "Stadtrat beschließt Haushalt Der Stadtrat von Essen hat ...". Here
    # every paragraph's last line is near the full width, so its text alone ends no paragraph.
    pdf = placed_pdf([
        ("B", 24, 780, TITLE),
        ("R", 12, 750, FIRST[0]), ("R", 12, 736, FIRST[1]),
        ("B", 12, 712, HEADING),
        ("R", 12, 696, SECOND[0]),
        ("R", 12, 672, SECOND[1]),  # a gap of two lines' spacing: a paragraph of its own
    ])  # fmt: skip
    upload = read_upload("haushalt.pdf", pdf)
    assert upload.format == "text"
    assert upload.text == "\n\n".join([TITLE, " ".join(FIRST), HEADING, SECOND[0], SECOND[1]])
    article = parse_article(upload.text, upload.format, "de")
    assert article.metadata.title == TITLE
    assert [s.heading.text if s.heading else None for s in article.sections] == [None, HEADING]
    assert [[s.text for s in p.segments] for p in article.sections[0].paragraphs] == [[" ".join(FIRST)]]
    assert [[s.text for s in p.segments] for p in article.sections[1].paragraphs] == [
        [SECOND[0]],
        [SECOND[1]],
    ]


def test_a_heading_over_two_lines_and_lines_evenly_spaced_stay_together() -> None:
    pdf = placed_pdf([
        ("B", 24, 780, "Stadtrat beschließt den Haushalt für das"),
        ("B", 24, 752, "kommende Jahr"),  # 28 pt apart: a 24 pt heading's own spacing
        ("R", 12, 724, FIRST[0]), ("R", 12, 710, FIRST[1]),
        ("R", 12, 696, SECOND[0]), ("R", 12, 682, SECOND[1]),
    ])  # fmt: skip
    text = read_upload("haushalt.pdf", pdf).text
    title = "Stadtrat beschließt den Haushalt für das kommende Jahr"
    # one paragraph of even lines: the sentence that ends a line short of the width ends it
    assert text.split("\n\n") == [title, " ".join([*FIRST, *SECOND])]
    article = parse_article(text, "text", "de")
    assert article.metadata.title == title
    assert {s.role for s in article.segments()} == {Role.TITLE, Role.BODY}


def test_lines_without_layout_are_reflowed_by_their_text() -> None:
    """Where pypdf gives no place for the lines, the text alone says where a paragraph ends."""
    lines = [PdfLine("Die Regierung hat am Montag neue Regeln für Drohnen angekündigt. Sie gelten"),
             PdfLine("ab Januar und betreffen alle Geräte über 250 Gra-"), PdfLine("mm."),
             PdfLine("Die Opposition hält die Regeln für zu streng.")]  # fmt: skip
    assert reflow(lines).split("\n\n") == [
        "Die Regierung hat am Montag neue Regeln für Drohnen angekündigt. Sie gelten ab Januar und "
        "betreffen alle Geräte über 250 Gramm.",
        "Die Opposition hält die Regeln für zu streng.",
    ]


@pytest.mark.parametrize(
    ("end", "start", "joined"),
    [
        ("den Haushalt für das kommende", "Jahr beschlossen, mit Ausgaben von 3,8 Milliarden Euro.",
         "den Haushalt für das kommende Jahr beschlossen,"),
        ("den Haushalt für das kommende Jahr be-", "schlossen, mit Ausgaben von 3,8 Milliarden Euro.",
         "den Haushalt für das kommende Jahr beschlossen,"),
    ],
    ids=["word", "hyphenated"],
)  # fmt: skip
def test_a_paragraph_a_page_break_cuts_is_one_paragraph(end: str, start: str, joined: str) -> None:
    # the page's last line ends in the middle of a sentence: the next page's first line goes on
    pdf = placed_pdf(
        [("B", 24, 780, "Stadtrat beschließt Haushalt"),
         ("R", 12, 740, "Der Stadtrat der Stadt Essen hat am Mittwoch nach langer Debatte"),
         ("R", 12, 726, end)],
        [("R", 12, 800, start),
         ("R", 12, 786, "Das sind 400 Millionen Euro mehr als im vergangenen Jahr."),
         ("R", 12, 758, "Die Opposition kritisierte die Kürzungen bei den Bädern.")],
    )  # fmt: skip
    blocks = read_upload("haushalt.pdf", pdf).text.split("\n\n")
    assert len(blocks) == 3, blocks
    assert joined in blocks[1] and blocks[1].endswith("als im vergangenen Jahr."), blocks


def test_a_heading_or_a_finished_paragraph_at_a_page_end_stays_apart() -> None:
    pdf = placed_pdf(
        [("B", 24, 780, "Stadtrat beschließt Haushalt"),
         ("R", 12, 740, "Der Stadtrat hat am Mittwoch den Haushalt beschlossen."),
         ("B", 16, 700, "Kritik der Opposition")],
        [("R", 12, 800, "Die Opposition kritisierte die geplanten Kürzungen bei den Bädern."),
         ("R", 12, 772, "Sie will im Frühjahr einen eigenen Antrag stellen.")],
    )  # fmt: skip
    blocks = read_upload("haushalt.pdf", pdf).text.split("\n\n")
    first = "Der Stadtrat hat am Mittwoch den Haushalt beschlossen."
    assert blocks[:3] == ["Stadtrat beschließt Haushalt", first, "Kritik der Opposition"], blocks
