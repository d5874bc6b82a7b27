"""Article parts real pages and files have, without a model or a database: the rendering scan
counts what is left in the source language wherever it is (and says where and why); captions,
bylines, credits and figures are read as what they are; sentences are found again across soft
hyphens; a page keeps its charset declaration; a .docx table is read cell by cell; a Markdown
table rendered as HTML is a table."""

from __future__ import annotations

import io
import re

import pytest
from lxml import html as lxml_html

from service.document import Role
from service.errors import InputError
from service.parse import decode_article, parse_article
from service.parse.parts import figures_only, is_byline, is_credit, is_dateline, is_teaser
from service.rendering import render_document
from service.rendering.placement import Sentence, place
from service.rendering.scan import NOT_EXTRACTED, NOT_TRANSLATED
from tests.service.rendering.test_render_offline import aligned, reverse_words

CAPTIONED = """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<title>Neue Brücke eröffnet</title></head><body><article><h1>Neue Brücke eröffnet</h1>
<p class="byline">Von Anna Schmidt, Berlin</p>
<p>Nach vier Jahren Bauzeit ist die neue Rheinbrücke am Samstag für den Verkehr freigegeben worden.
Tausende Menschen kamen zur Eröffnung.</p>
<figure><img src="/b.jpg" alt=""><figcaption>Die neue Brücke verbindet die beiden Ufer der Stadt.
<span class="credit">Foto: dpa</span></figcaption></figure>
<p>Die Brücke soll den Verkehr in der Innenstadt deutlich entlasten. Bisher mussten Pendler lange
Umwege fahren, oft mehr als eine halbe Stunde.</p>
<table><tr><th>Jahr</th><th>Fahrzeuge</th></tr><tr><td>2025</td><td>11.000</td></tr></table>
<p>Die Kosten lagen am Ende höher als geplant. Die Stadt will nun prüfen, wer zahlen muss.</p>
</article></body></html>"""


def test_parts_told_from_their_text() -> None:
    assert all(figures_only(t) for t in ["2025", "500", "11.000", "6.000", "38,5 %", "12.03.2025", "A-12/3"])
    assert not any(figures_only(t) for t in ["Herbst 2024", "Juni 2025", "Platz 3", "14:30 Uhr"])
    assert is_byline("Von Anna Schmidt, Berlin") and is_byline("By Jane Doe")
    assert not is_byline("Von der Leyen sagte, es sei gut.") and not is_byline("Von Montag an gilt das.")
    assert is_dateline("12. März 2025, 14:30 Uhr") and is_dateline("Berlin, 12.03.2025")
    assert not is_dateline("Am 3. Juni 2025 kam er nach Berlin.")
    assert is_credit("Foto: dpa") and is_credit("© AFP") and not is_credit("Die Foto-Ausstellung")
    assert is_credit("picture alliance/dpa") and is_credit("Getty Images / Sean Gallup")
    assert not is_credit("AP sagte, die Lage sei ernst.") and not is_credit("Reuters berichtet, dass er geht")
    assert is_teaser("Lesen Sie auch: Kim in Kursk") and not is_teaser("Lesen lernen ist schwer.")
    assert is_teaser("Mehr zum Thema") and not is_teaser("Siehe auch die Debatte um die Rente im Bundestag.")


def test_captions_bylines_credits_and_figures_are_what_they_are() -> None:
    article = parse_article(CAPTIONED, "html", "de")
    roles = {" ".join(s.text.split()): s for s in article.segments()}
    caption = roles["Die neue Brücke verbindet die beiden Ufer der Stadt."]
    assert caption.role is Role.CAPTION and caption.translatable  # it was never extracted before
    assert roles["Foto: dpa"].role is Role.BOILERPLATE and not roles["Foto: dpa"].translatable
    byline = roles["Von Anna Schmidt, Berlin"]
    assert byline.role is Role.META and not byline.translatable  # it was a section heading
    for figure in ("2025", "11.000"):
        assert not roles[figure].translatable  # no model call for a number
    assert roles["Fahrzeuge"].translatable and roles["Fahrzeuge"].role is Role.BODY


def test_the_scan_counts_what_the_extractor_never_saw_and_says_where_and_why() -> None:
    document = aligned(CAPTIONED, "html", reverse_words)
    # as the extractor read the page before: no caption; and one sentence not translated yet
    for section in document.sections:
        section.segments = [s for s in section.segments if s.role != "caption"]
    pending = next(s for s in document.all_segments() if s.text.startswith("Tausende"))
    pending.translations.clear()
    out = render_document(document, CAPTIONED, None, "en", "html")
    found = {(p.text, p.reason) for p in out.passages}
    assert found == {
        ("Die neue Brücke verbindet die beiden Ufer der Stadt.", NOT_EXTRACTED),
        ("Tausende Menschen kamen zur Eröffnung.", NOT_TRANSLATED),
    }, out.passages
    assert out.missing == 2
    assert {p.place for p in out.passages} == {
        "/html/body/article/figure/figcaption",
        "/html/body/article/p[2]",
    }
    complete = render_document(aligned(CAPTIONED, "html", reverse_words), CAPTIONED, None, "en", "html")
    assert complete.missing == 0, complete.passages
    assert "Die neue Brücke" not in complete.content.decode() and "Foto: dpa" in complete.content.decode()


def test_a_sentence_is_found_again_across_soft_hyphens_and_entities() -> None:
    blocks = ["Das Verkehrs\u00administerium unterstützt das Pro\u00adjekt. Auch andere Städte."]
    placement = place(blocks, [Sentence("Das Verkehrsministerium unterstützt das Projekt.", "X")])
    assert placement.written == 1 and placement.pieces[0][0].start == 0
    assert blocks[0][: placement.pieces[0][0].end].endswith("Pro\u00adjekt.")
    assert place(["Rentenpaket kommt"], [Sentence("Rente", None)]).pieces == {}  # a word, not a piece of one


@pytest.mark.parametrize(
    ("declaration", "encoding"),
    [
        ('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">', "cp1252"),
        ('<meta charset="ISO-8859-1">', "latin-1"),
    ],
)
def test_a_legacy_page_is_read_and_declares_utf8_after(declaration: str, encoding: str) -> None:
    page = (
        f"<html><head>{declaration}<title>Bäcker</title></head>"
        "<body><article><h1>Bäcker klagen über Preise</h1>"
        "<p>Die Bäckereien im Land stehen unter großem Druck. Die Preise für Mehl sind stark gestiegen.</p>"
        "</article></body></html>"
    )
    text = decode_article(page.encode(encoding), 1_000_000)  # refused as "not UTF-8" before
    assert "Bäckereien" in text
    out = render_document(aligned(text, "html", reverse_words), text, None, "en", "html").content.decode()
    metas = lxml_html.document_fromstring(out).findall(".//meta")
    assert len(metas) == 1 and re.search(
        r"charset=\"?utf-8", lxml_html.tostring(metas[0], encoding="unicode")
    )
    assert "http-equiv" in out or "charset=" in declaration  # the http-equiv declaration was dropped


def test_a_markdown_table_rendered_as_html_is_a_table() -> None:
    md = (
        "# Wahl\n\nDie Partei des Bürgermeisters hat die Wahl klar gewonnen.\n\n"
        "| Partei | Stimmen |\n| --- | --- |\n| Bürgerliste | 11.000 |\n| Grüne Liste | 7.250 |\n"
    )
    out = render_document(aligned(md, "markdown", reverse_words), md, None, "en", "html").content.decode()
    root = lxml_html.document_fromstring(out)
    assert len(root.findall(".//table")) == 1 and "|" not in root.text_content(), (
        out
    )  # one <p> of pipes before
    cells = [" ".join(c.text_content().split()) for c in root.iter("td", "th")]
    assert len(cells) == 6 and "11.000" in cells and "Bürgerliste" not in cells


def word_with_table() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Haushalt der Stadt steigt", level=1)
    document.add_paragraph(
        "Die Stadt will im kommenden Jahr mehr Geld für Schulen ausgeben. "
        "Das hat der Rat am Montag beschlossen."
    )
    table = document.add_table(rows=3, cols=3)
    rows = [["Projekt", "Beginn", "Kosten"], ["Neue Grundschule", "Herbst 2024", "6.000"],
            ["Sanierung der Halle", "Juni 2025", "11.000"]]  # fmt: skip
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.rows[r].cells[c].text = value
    document.add_heading("Kritik der Opposition", level=1)
    document.add_paragraph("Die Opposition hält die Pläne für zu teuer.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_docx_table_is_read_cell_by_cell_and_its_title_from_heading_1() -> None:
    import docx

    from service.upload import read_upload

    data = word_with_table()
    upload = read_upload("haushalt.docx", data)
    article = parse_article(upload.text, upload.format, "de")
    assert article.metadata.title == "Haushalt der Stadt steigt"  # "(untitled)" before
    segments = {s.text: s for s in article.segments()}
    for cell in ("Projekt", "Neue Grundschule", "Herbst 2024", "Sanierung der Halle", "Juni 2025"):
        assert segments[cell].role is Role.BODY and segments[cell].translatable, cell  # missing before
    for figure in ("6.000", "11.000"):
        assert segments[figure].role is not Role.HEADING and not segments[figure].translatable
    headings = [s.text for s in article.segments() if s.role is Role.HEADING]
    assert headings == ["Kritik der Opposition"]
    document = aligned(upload.text, "markdown", reverse_words)
    out = render_document(document, upload.text, data, "en", "docx")
    assert out.missing == 0, out.passages
    rendered = docx.Document(io.BytesIO(out.content))
    cells = [cell.text for row in rendered.tables[0].rows for cell in row.cells]
    assert "Kosten" not in cells and "Neue Grundschule" not in cells  # translated: the words reversed
    assert "6.000" in cells and "11.000" in cells and "Herbst 2024" not in cells and "Juni 2025" not in cells


def test_a_fetched_page_in_the_charset_its_server_names_is_read() -> None:
    """No <meta charset>, only the server's Content-Type: text/html; charset=ISO-8859-1."""
    from service.fetching import as_utf8

    page = "<html><body><p>Die Bäckereien im Land stehen unter großem Druck „heute“.</p></body></html>"
    raw = page.encode("cp1252")
    with pytest.raises(InputError):
        decode_article(raw, 1_000_000)  # as it was fetched before: refused as not UTF-8
    assert decode_article(as_utf8(raw, "ISO-8859-1"), 1_000_000) == page
    assert as_utf8(page.encode(), "iso-8859-1") == page.encode()  # UTF-8 whatever the server says
