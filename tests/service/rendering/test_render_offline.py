"""Rendering without a model or a database: the parser's sentences, "translated" by functions that
mangle sentences on purpose (drop words, reverse them, return nothing, keep only names), rendered
back into HTML, Markdown and DOCX. Whatever the translation, the markup must come back whole: the
same tags with the same attributes and the same nesting, code and URLs unchanged, and the text
nodes holding the translation's words, in its order."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable

import pytest

from service.aligned import AlignedDocument, AlignedSection, AlignedSegment, Output
from service.parse import parse_article
from service.rendering import render_document
from service.rendering.inline import TextBuilder
from service.rendering.transfer import Piece, transfer_markup
from tests.conftest import SEED_ARTICLE, require_shared
from tests.service.rendering.markup import (
    NESTED_HTML,
    NESTED_MARKDOWN,
    docx_from_text,
    html_from_text,
    markdown_from_text,
    markdown_html,
    structure,
    text_nodes,
    texts,
)

Translate = Callable[[str], str]


def drop_every_third(text: str) -> str:
    return " ".join(w for i, w in enumerate(text.split()) if i % 3 != 2).upper()


def reverse_words(text: str) -> str:
    return " ".join(reversed(text.split())).lower()


def nothing(text: str) -> str:
    return ""


def names_only(text: str) -> str:
    return " ".join(w for w in text.split() if w[:1].isupper())


ENGINES = [drop_every_third, reverse_words, nothing, names_only]


def aligned(text: str, fmt: str, translate: Translate) -> AlignedDocument:
    article = parse_article(text, fmt, "de")

    def segment(unit) -> AlignedSegment:  # type: ignore[no-untyped-def]
        outputs = {}
        if unit.translatable:
            outputs["en"] = Output(
                text=translate(unit.text), version="v", model_id="test", model_revision="r", engine="e",
                route="de-en", settings_hash="", flags=[], origin="model", created_at=dt.datetime.now(dt.UTC),
            )  # fmt: skip
        return AlignedSegment(id=unit.key, role=unit.role.value, lang=unit.lang, text=unit.text,
                              translatable=unit.translatable, translations=outputs)  # fmt: skip

    sections = [
        AlignedSection(
            number=s.number,
            id=s.key,
            heading=segment(s.heading) if s.heading else None,
            segments=[segment(u) for p in s.paragraphs for u in p.segments],
        )
        for s in article.sections
    ]
    return AlignedDocument(
        id="doc", title=article.metadata.title, source_lang="de", source_format=fmt, date=None, category=None,
        tags=[], boilerplate=[], target_langs=["en"], front_matter=[segment(u) for u in article.front_matter],
        sections=sections, back_matter=[segment(u) for u in article.back_matter],
    )  # fmt: skip


def is_subsequence(words: list[str], of: list[str]) -> bool:
    remaining = iter(of)
    return all(word in remaining for word in words)


def translations(document: AlignedDocument) -> list[str]:
    return [s.translations["en"].text for s in document.all_segments() if "en" in s.translations]


def check_text_nodes(rendered: str, source: str, document: AlignedDocument) -> None:
    """Every text node of the body holds the translation's words, or is one the source had as it is
    (a block with no translated sentence: navigation, a caption in another language)."""
    joined = " ".join(" ".join(translations(document)).split())
    kept = {" ".join(text.split()) for _, text in text_nodes(source)}
    for element, text in text_nodes(rendered):
        words = " ".join(text.split())
        assert words in joined or words in kept, (element.tag, words)


@pytest.mark.parametrize("translate", ENGINES, ids=lambda f: f.__name__)
def test_nested_html_keeps_its_markup(translate: Translate) -> None:
    document = aligned(NESTED_HTML, "html", translate)
    rendered = render_document(document, NESTED_HTML, None, "en", "html")
    out = rendered.content.decode()
    assert structure(out) == structure(NESTED_HTML)
    assert 'href="https://example.org/a?b=1&amp;c=2"' in out and 'alt="관련 이미지"' in out
    assert texts(out, "code") == ["kehrt-um"] and texts(out, "pre") == ["code bleibt"]
    assert "<pre>code   bleibt</pre>" in out and "<style>p { color: black }</style>" in out
    assert '<html lang="en">' in out
    assert texts(out, "nav") == ["Startseite Politik"]  # the page around the article stays
    paragraph = [w for w in texts(out, "p")[0].split() if w != "kehrt-um"]
    first = " ".join(
        s.translations["en"].text
        for s in document.all_segments()
        if s.text.startswith(("Die Reg", "Der Bef"))
    ).split()
    assert is_subsequence(paragraph, first), (paragraph, first)
    assert len(paragraph) >= len(first) - 1  # at most the word that became the code
    if translate is drop_every_third:  # enough words: every element that held text holds some
        for tag in ("a", "strong", "em", "span", "b", "i", "sup", "h1", "h2", "li"):
            assert all(t.strip() for t in texts(out, tag)), (tag, texts(out, tag))
    check_text_nodes(out, NESTED_HTML, document)
    assert rendered.missing == 0


@pytest.mark.parametrize("translate", ENGINES, ids=lambda f: f.__name__)
def test_nested_markdown_keeps_its_markup(translate: Translate) -> None:
    document = aligned(NESTED_MARKDOWN, "markdown", translate)
    out = render_document(document, NESTED_MARKDOWN, None, "en", "markdown").content.decode()
    source_html, rendered_html = markdown_html(NESTED_MARKDOWN), markdown_html(out)
    if translate is nothing:  # emphasis around no text cannot be written in Markdown: links can
        assert "[](https://example.org/b)" in out
    else:
        assert structure(rendered_html) == structure(source_html), out
    assert "`kehrt-um`" in out and "```\ncode   bleibt\n```" in out
    assert '(https://example.org/a?b=1 "Quelle")' in out and "(https://example.org/b)" in out
    assert out.count("<sup>") == out.count("</sup>") == 1
    if translate is drop_every_third:  # the footnote's number, copied by the model, stays in it
        assert "<sup>1</sup>" in out
    check_text_nodes(rendered_html, source_html, document)


@pytest.mark.parametrize("translate", [drop_every_third, reverse_words], ids=lambda f: f.__name__)
def test_shared_article_as_html_and_markdown(translate: Translate) -> None:
    text = require_shared(SEED_ARTICLE).read_text(encoding="utf-8")
    page, md = html_from_text(text), markdown_from_text(text)
    html_document = aligned(page, "html", translate)
    out = render_document(html_document, page, None, "en", "html")
    assert structure(out.content.decode()) == structure(page)
    assert out.sentences > 30 and out.missing <= 1, (out.sentences, out.missing)
    check_text_nodes(out.content.decode(), page, html_document)
    md_document = aligned(md, "markdown", translate)
    out = render_document(md_document, md, None, "en", "markdown")
    assert structure(markdown_html(out.content.decode())) == structure(markdown_html(md))
    assert out.missing == 0
    assert re.findall(r"\(https://example.org/\d+\)", out.content.decode()) == re.findall(
        r"\(https://example.org/\d+\)", md
    )


def test_docx_round_trip_keeps_styles_and_runs() -> None:
    import docx

    from service.upload import read_upload

    text = require_shared(SEED_ARTICLE).read_text(encoding="utf-8")
    data = docx_from_text(text)
    upload = read_upload("kursk.docx", data)
    document = aligned(upload.text, "markdown", drop_every_third)
    out = render_document(document, upload.text, data, "en", "docx")
    assert out.missing == 0
    source, rendered = docx.Document(io.BytesIO(data)), docx.Document(io.BytesIO(out.content))
    kept = [s.text for s in document.all_segments() if not s.translations]
    assert [p.style.name for p in rendered.paragraphs] == [p.style.name for p in source.paragraphs]
    for before, after in zip(source.paragraphs, rendered.paragraphs, strict=True):
        assert [(r.bold, r.italic) for r in after.runs] == [(r.bold, r.italic) for r in before.runs]
        if after.text == before.text:  # left as it was: a caption in Korean, the tag list
            assert before.text in kept, before.text
    translated = " ".join(translations(document))
    for paragraph in rendered.paragraphs[1:]:
        for run in paragraph.runs:
            assert " ".join(run.text.split()) in translated or paragraph.text in kept or not run.text.strip()
    cell = rendered.tables[0].rows[0].cells[1].paragraphs[0]
    assert [(r.bold, bool(r.text.strip())) for r in cell.runs] == [(True, True), (None, True)]


def test_anchors_put_names_and_numbers_in_their_elements() -> None:
    builder = TextBuilder()
    builder.text("Die Regierung in ")
    link = builder.open("a", (("href", "https://example.org"),))
    builder.text("Pjöngjang")
    builder.close(link)
    builder.text(" meldete ")
    number = builder.open("strong")
    builder.text("6.000")
    builder.close(number)
    builder.text(" Soldaten.")
    block = builder.build()
    out = transfer_markup(
        block, [Piece(0, len(block.text), "The government in Pjöngjang reported 6.000 soldiers.")]
    )
    assert [out.text[s.start : s.end] for s in out.spans] == ["Pjöngjang", "6.000"]
    # Order changed: the name and the number cannot both keep their place; both elements keep text.
    out = transfer_markup(
        block, [Piece(0, len(block.text), "6.000 soldiers, Pjöngjang's government reported.")]
    )
    assert all(s.end > s.start for s in out.spans), out


def test_code_is_never_translated() -> None:
    builder = TextBuilder()
    builder.text("Der Befehl ")
    code = builder.open("code", verbatim=True)
    builder.text("git push --force")
    builder.close(code)
    builder.text(" ist gefährlich.")
    block = builder.build()
    for target in ("The command GIT PUSH --FORCE is dangerous.", "Dangerous.", ""):
        out = transfer_markup(block, [Piece(0, len(block.text), target)])
        span = out.spans[0]
        assert out.text[span.start : span.end] == "git push --force", (target, out.text)


def test_xhtml_with_an_xml_declaration_renders() -> None:
    page = '<?xml version="1.0" encoding="UTF-8"?>\n' + NESTED_HTML
    document = aligned(page, "html", drop_every_third)
    out = render_document(document, page, None, "en", "html").content.decode()
    assert structure(out) == structure(NESTED_HTML) and "KIM" in out


EDGE_HTML = """<html><body><article>
<p>Ein langer Absatz mit genug Text, damit er als Artikel erkannt wird, und noch mehr Text hier.</p>
<p>Ein Bild zeigt den Minister <img src="/m.jpg" alt="X"> vor dem Parlament. <!-- c -->
Er <script>x=1</script> sprach lange mit <a href="https://example.org/x">https://example.org/x</a>
und <code>ls   -la</code> davor.</p>
<pre>Code bleibt
wie   er ist</pre>
<table><tr><th>Land</th><th>Wert</th></tr>
<tr><td>Deutschland hat die höchste Quote</td><td>12</td></tr></table>
</article></body></html>"""

EDGE_MARKDOWN = """# Titel

Ein Absatz mit genug Text für die Erkennung,
der im Quelltext umbricht, mit ![einem Bild](/m.jpg) und `ls   -la` und
[https://example.org/x](https://example.org/x) am Ende.

| Land | Wert |
|---|---|
| Deutschland hat die **höchste** Quote | 12 |
"""


def test_what_news_pages_hold_comes_back_in_place() -> None:
    """Images and comments inside a paragraph, code with its spacing, links showing their address,
    <pre> (never translated), tables (cell by cell), wrapped Markdown lines and tables; a script
    inside a paragraph goes (nothing of the source runs in a rendering: service/rendering/inert.py)
    and the paragraph's text around it stays."""
    document = aligned(EDGE_HTML, "html", drop_every_third)
    roles = {s.text: (s.role, s.translatable) for s in document.all_segments()}
    code = [(s.text.split(), s.translatable) for s in document.all_segments() if s.role == "code"]
    assert code == [(["Code", "bleibt", "wie", "er", "ist"], False)]  # never sent to the model
    assert ("Deutschland hat die höchste Quote" in roles) and not any("|" in text for text in roles)
    out = render_document(document, EDGE_HTML, None, "en", "html")
    page = out.content.decode()
    assert out.missing == 0 and structure(page) == structure(EDGE_HTML.replace("<script>x=1</script>", ""))
    assert "<code>ls   -la</code>" in page and ">https://example.org/x</a>" in page
    assert "<pre>Code bleibt\nwie   er ist</pre>" in page and "<!-- c -->" in page
    assert "<script" not in page and "x=1" not in page
    assert texts(page, "td")[0] == "DEUTSCHLAND HAT HÖCHSTE QUOTE"
    check_text_nodes(page, EDGE_HTML, document)

    document = aligned(EDGE_MARKDOWN, "markdown", drop_every_third)
    out = render_document(document, EDGE_MARKDOWN, None, "en", "markdown")
    md = out.content.decode()
    alt = frozenset({("img", "alt")})  # in Markdown the alt text is part of the sentence: translated
    assert out.missing == 0 and structure(markdown_html(md), alt) == structure(
        markdown_html(EDGE_MARKDOWN), alt
    )
    assert "`ls   -la`" in md and "[https://example.org/x](https://example.org/x)" in md
    lines = md.splitlines()
    assert lines[-3:-1] == ["| LAND | WERT |", "|---|---|"] and lines[-1].startswith("| DEUTSCHLAND")
    assert len([line for line in lines if line.startswith(("EIN", "DER", "[", "`"))]) >= 2  # still wrapped


def test_docx_line_breaks_tabs_links_and_nested_tables() -> None:
    import docx

    source = docx.Document()
    source.add_heading("Neue Regeln für Drohnen", level=0)
    paragraph = source.add_paragraph("Die Regierung hat am Montag neue Regeln")
    run = paragraph.add_run(" angekündigt.")
    run.bold = True
    run.add_break()
    run.add_text("Sie gelten\tab Januar für alle Geräte.")
    outer = source.add_table(rows=1, cols=1)
    outer.rows[0].cells[0].add_table(rows=1, cols=1).rows[0].cells[0].text = "Die Opposition ist dagegen."
    data = io.BytesIO()
    source.save(data)
    upload_text = _upload_markdown(data.getvalue())
    assert "Die Opposition ist dagegen." in upload_text  # a table in a cell is read too
    document = aligned(upload_text, "markdown", drop_every_third)
    out = render_document(document, upload_text, data.getvalue(), "en", "docx")
    rendered = docx.Document(io.BytesIO(out.content))
    assert out.missing == 0
    bold = rendered.paragraphs[1].runs[1]
    assert bold.bold and "\n" in bold.text and "\t" in bold.text  # <w:br/> and <w:tab/> kept
    inner = rendered.tables[0].rows[0].cells[0].tables[0].rows[0].cells[0].text
    assert inner != "Die Opposition ist dagegen." and inner.isupper()


def _upload_markdown(data: bytes) -> str:
    from service.upload import read_upload

    return read_upload("x.docx", data).text


def test_a_page_of_one_paragraph_is_an_article_and_renders_as_a_fragment() -> None:
    """trafilatura finds no main text in a one-paragraph page; all its text is the article then."""
    fragment = '<p>Die <b>Partei</b> gewann die <a href="/w">Wahl</a> am Sonntag deutlich.</p>'
    document = aligned(fragment, "html", drop_every_third)
    assert [s.text for s in document.all_segments()] == ["Die Partei gewann die Wahl am Sonntag deutlich."]
    out = render_document(document, fragment, None, "en", "html").content.decode()
    assert out.startswith("<p>") and out.endswith("</p>") and structure(out) == structure(fragment)
    assert texts(out, "p") == ["DIE PARTEI DIE WAHL SONNTAG DEUTLICH."]
