"""The source's emphasis and links per sentence, for the document page (HTML and Markdown)."""

from __future__ import annotations

from service.rendering.source_markup import Piece, source_pieces

MARKDOWN = """# Neue Regeln

Die Regierung hat **neue Regeln** angekündigt. Sie gelten *ab Januar* laut [Bericht](https://example.org/b).

Ein [Trick](javascript:alert(1)) bleibt Text.
"""


def test_markdown_emphasis_and_links_per_sentence() -> None:
    found = source_pieces(
        "markdown",
        MARKDOWN,
        [("t", "Neue Regeln"), ("a", "Die Regierung hat neue Regeln angekündigt."),
         ("b", "Sie gelten ab Januar laut Bericht."), ("c", "Ein Trick bleibt Text.")],
    )  # fmt: skip
    assert "t" not in found  # nothing marked: shown plain
    assert found["a"] == [
        Piece("Die Regierung hat "), Piece("neue Regeln", ("strong",)), Piece(" angekündigt.")
    ]  # fmt: skip
    assert found["b"] == [
        Piece("Sie gelten "), Piece("ab Januar", ("em",)), Piece(" laut "),
        Piece("Bericht", ("a",), "https://example.org/b"), Piece("."),
    ]  # fmt: skip
    assert "c" not in found, "a javascript: link is not a link on the page"


def test_html_bold_and_plain_text_has_none() -> None:
    page = "<html><body><article><p>Die <b>Opposition</b> fordert <i>mehr</i>.</p></article></body></html>"
    found = source_pieces("html", page, [("a", "Die Opposition fordert mehr.")])
    assert [p.marks for p in found["a"]] == [(), ("strong",), (), ("em",), ()]
    assert source_pieces("text", "Die **Opposition**.", [("a", "Die **Opposition**.")]) == {}
