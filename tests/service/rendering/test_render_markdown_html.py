"""The text of a Markdown source's raw HTML blocks is rendered translated, in its element, and
what is left in the source language is counted (an outside tester's finding: a ``<div>`` and a
``<p>`` block came back German with ``Interlinear-Missing: 0``)."""

from __future__ import annotations

from lxml import html as lxml_html

from service.rendering import render_document
from service.rendering.markdown import to_html
from service.rendering.scan import NOT_TRANSLATED
from tests.service.rendering.test_render_offline import aligned

SOURCE = """# Der Beschluss

Der Bundestag hat am Dienstag das neue Gesetz beschlossen.

<div class="note">Die Opposition sprach von einem <b>schweren</b> Fehler, sagte ein Sprecher gestern.</div>

<p>Ein Sprecher der Gr&uuml;nen nannte den Beschluss &uuml;berst&uuml;rzt.</p>

<!-- Die Redaktion prüft diesen Absatz noch einmal. -->

<script>
var hinweis = "Dieser Satz gehört nicht zum Artikel.";
</script>

> <p>Die Kanzlerin verteidigte das Gesetz.
> Sie sprach von einem guten Tag.</p>

Die Abstimmung war knapp.
"""
GERMAN = [
    "Die Opposition sprach von einem",
    "Fehler, sagte ein Sprecher gestern.",
    "Ein Sprecher der Grünen nannte den Beschluss überstürzt.",
    "Die Kanzlerin verteidigte das Gesetz.",
    "Sie sprach von einem guten Tag.",
]


def shout(text: str) -> str:
    return " ".join(word.upper() for word in text.split())


def body_text(page: str) -> str:
    return " ".join(lxml_html.document_fromstring(page).text_content().split())


def test_html_blocks_are_rendered_translated_in_their_elements() -> None:
    document = aligned(SOURCE, "markdown", shout)
    markdown = render_document(document, SOURCE, None, "en", "markdown")
    out = markdown.content.decode()
    assert markdown.missing == 0 and markdown.passages == []
    assert '<div class="note">DIE OPPOSITION SPRACH VON EINEM <b>SCHWEREN</b> FEHLER,' in out, out
    assert "<p>EIN SPRECHER DER GRÜNEN NANNTE DEN BESCHLUSS ÜBERSTÜRZT.</p>" in out, out
    assert "> <p>DIE KANZLERIN VERTEIDIGTE DAS GESETZ. SIE SPRACH VON EINEM GUTEN TAG.</p>" in out, out
    assert "<!-- Die Redaktion prüft diesen Absatz noch einmal. -->" in out  # a comment stays as it was
    assert "hinweis" not in out and "<script" not in out
    page = render_document(document, SOURCE, None, "en", "html")
    assert page.missing == 0
    for rendered in (body_text(to_html(out)), body_text(page.content.decode())):
        assert "DER BUNDESTAG HAT" in rendered and "DIE ABSTIMMUNG WAR KNAPP." in rendered
        for german in GERMAN:
            assert german not in rendered, (german, rendered)


def test_an_untranslated_html_block_sentence_is_counted() -> None:
    document = aligned(SOURCE, "markdown", shout)
    for segment in document.all_segments():
        if segment.text.startswith(("Ein Sprecher", "Die Kanzlerin")):
            segment.translations.clear()
    for fmt in ("markdown", "html"):
        rendered = render_document(document, SOURCE, None, "en", fmt)
        assert [(p.text, p.reason) for p in rendered.passages] == [
            ("Ein Sprecher der Grünen nannte den Beschluss überstürzt.", NOT_TRANSLATED),
            ("Die Kanzlerin verteidigte das Gesetz.", NOT_TRANSLATED),
        ], fmt
        assert rendered.missing == 2
        assert "Ein Sprecher der Gr" in rendered.content.decode()  # kept where nothing translates it


def test_a_translation_with_blank_lines_stays_inside_its_html_block() -> None:
    source = "# Titel\n\n<div>Die Regierung tagte am Montag.\nSie beschloss nichts.</div>\n"
    document = aligned(source, "markdown", lambda text: f"{shout(text)}\n\nENDE.")
    out = render_document(document, source, None, "en", "markdown").content.decode()
    divs = lxml_html.fragment_fromstring(to_html(out), create_parent="body").findall(".//div")
    assert len(divs) == 1 and "ENDE." in divs[0].text_content(), out
    assert "\n\n" not in out.split("<div>", 1)[1], out  # Markdown ends an HTML block at a blank line
