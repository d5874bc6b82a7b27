"""Raw HTML blocks in a Markdown article are read as the article's text (an outside tester's
finding: a ``<div>`` and a ``<p>`` block were dropped silently, never stored or translated)."""

from __future__ import annotations

from service.document import Role
from service.parse import parse_article
from service.parse.source_formats import BlockKind, markdown_blocks

ARTICLE = """# Der Beschluss

Der Bundestag hat am Dienstag das neue Gesetz beschlossen.

<div class="note">Die Opposition sprach von einem <b>schweren</b> Fehler, sagte ein Sprecher gestern.</div>

<p>Ein Sprecher der Gr&uuml;nen nannte den Beschluss &bdquo;&uuml;berst&uuml;rzt&ldquo;.</p>

<!-- Die Redaktion prüft diesen Absatz noch einmal. -->

<script>
var hinweis = "Dieser Satz gehört nicht zum Artikel.";
</script>

<style>.note { color: red }</style>

<template><p>Eine Vorlage wird nie gezeigt.</p></template>

<h2>Reaktionen aus den Ländern</h2>

Die Länder wollen den Beschluss im Bundesrat prüfen.

<ul>
<li>Bayern kündigte <a href="https://example.org/klage">eine Klage</a> an.</li>
<li>Sachsen will zustimmen.</li>
</ul>
"""


def sentences(text: str) -> list[tuple[Role, str]]:
    article = parse_article(text, "markdown", "de")
    return [(segment.role, segment.text) for segment in article.segments()]


def test_the_text_of_html_blocks_is_read_with_its_roles() -> None:
    found = sentences(ARTICLE)
    assert found == [
        (Role.TITLE, "Der Beschluss"),
        (Role.BODY, "Der Bundestag hat am Dienstag das neue Gesetz beschlossen."),
        (Role.BODY, "Die Opposition sprach von einem schweren Fehler, sagte ein Sprecher gestern."),
        (Role.BODY, "Ein Sprecher der Grünen nannte den Beschluss „überstürzt“."),  # entities decoded
        (Role.HEADING, "Reaktionen aus den Ländern"),  # an <h2> opens a section, as "## ..." does
        (Role.BODY, "Die Länder wollen den Beschluss im Bundesrat prüfen."),
        (Role.BODY, "Bayern kündigte eine Klage an."),  # an inline tag's text is kept
        (Role.BODY, "Sachsen will zustimmen."),
    ]
    article = parse_article(ARTICLE, "markdown", "de")
    assert [s.heading.text for s in article.sections if s.heading] == ["Reaktionen aus den Ländern"]


def test_comments_scripts_styles_and_templates_give_no_text() -> None:
    blocks = markdown_blocks(ARTICLE)
    text = " ".join(block.text for block in blocks)
    for hidden in ("Redaktion", "hinweis", "gehört nicht", "color", "Vorlage"):
        assert hidden not in text, hidden
    for raw in (
        "<!-- Ein Kommentar. -->",
        "<script>alert('Ein Satz.')</script>",
        "<style>p { color: red }</style>",
        "<template>Ein Satz.</template>",
        "<noscript>Bitte Skripte erlauben.</noscript>",
    ):
        mixed = f"Ein Satz.\n\n<div>Sichtbar {raw} bleibt &amp; gilt.</div>\n"
        read = [block.text for block in markdown_blocks(mixed)]
        assert read == ["Ein Satz.", "Sichtbar bleibt & gilt."], raw
    for alone in ("<div>", "</div>", "<!-- Ein Kommentar. -->", "<hr>"):  # a tag without text: no block
        assert [block.text for block in markdown_blocks(f"Ein Satz.\n\n{alone}\n")] == ["Ein Satz."], alone


def test_html_block_kinds_levels_and_languages() -> None:
    text = (
        "<h3>Ein Zwischentitel</h3>\n\n"
        '<blockquote lang="en"><p>We will appeal.</p></blockquote>\n\n'
        "<figure><img src='a.jpg'><figcaption>Der Bundestag in Berlin.</figcaption></figure>\n\n"
        "<pre>x = 1\ny = 2</pre>\n\n"
        "- Ein Punkt\n\n  <div>Ein Absatz im Punkt.</div>\n"
    )
    blocks = [(b.kind, b.level, b.lang, b.lines) for b in markdown_blocks(text)]
    assert blocks == [
        (BlockKind.HEADING, 3, None, ["Ein Zwischentitel"]),
        (BlockKind.PARAGRAPH, 0, "en", ["We will appeal."]),
        (BlockKind.CAPTION, 0, None, ["Der Bundestag in Berlin."]),
        (BlockKind.CODE, 0, None, ["x = 1", "y = 2"]),
        (BlockKind.ITEM, 0, None, ["Ein Punkt"]),
        (BlockKind.ITEM, 0, None, ["Ein Absatz im Punkt."]),  # in a list item, as its Markdown is
    ]


def test_markdown_with_html_blocks_sent_without_a_format_is_read_as_markdown() -> None:
    # its "<div>" made it HTML: trafilatura then glued "# Der Beschluss" to the first sentence
    from service.parse.source_formats import SourceFormat, detect_format

    assert detect_format(ARTICLE) is SourceFormat.MARKDOWN
    article = parse_article(ARTICLE, source_lang="de")
    assert article.metadata.title == "Der Beschluss"
    # a page, or a fragment of one that opens with a tag, is still HTML
    assert detect_format("<article><h1>Titel</h1><p># 1 der Liga</p></article>") is SourceFormat.HTML
    assert detect_format("<!doctype html><p>Text</p>\n\n# Nicht Markdown") is SourceFormat.HTML
