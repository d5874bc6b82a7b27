"""The source's own emphasis and links, sentence by sentence, for showing the source as it was
written: bold, italic and links of an HTML or Markdown article (its stored source text, read as
rendering reads it). Plain text has none; an uploaded .docx is stored as Markdown without them."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from service.rendering import html_render, markdown
from service.rendering.inline import InlineText, Span

MARKS = {"strong": "strong", "b": "strong", "em": "em", "i": "em", "a": "a"}
SAFE_LINKS = ("http://", "https://", "mailto:")  # never javascript: or data:


@dataclass(frozen=True)
class Piece:
    text: str
    marks: tuple[str, ...] = ()  # "a", "em", "strong"
    href: str | None = None


@lru_cache(maxsize=4)  # a long article's pages read the same source again: it is parsed once
def _blocks(source_format: str, source_text: str) -> tuple[InlineText, ...]:
    if source_format == "html":
        return tuple(run.inline for run in html_render.read_html(source_text).runs)
    if source_format == "markdown":
        return tuple(block.inline for block in markdown.read_markdown(source_text))
    return ()


def source_pieces(
    source_format: str,
    source_text: str,
    segments: Iterable[tuple[str, str]],
    only: Collection[str] | None = None,
) -> dict[str, list[Piece]]:
    """``{segment key: pieces}`` for the segments (key, text; in document order) whose text carries
    emphasis or a link in the source; a sentence not found again is shown plain (left out).
    ``only``: the keys wanted (a page's); the others are only found, to know where each is."""
    try:
        blocks = _blocks(source_format, source_text)
    except Exception:  # a source the renderer cannot read again: the page shows plain text
        return {}
    found: dict[str, list[Piece]] = {}
    block, offset = 0, 0
    for key, text in segments:
        for i in range(block, len(blocks)):
            at = blocks[i].text.find(text, offset if i == block else 0)
            if at >= 0:
                block, offset = i, at + len(text)
                if only is not None and key not in only:
                    break
                pieces = _pieces(blocks[i], at, at + len(text))
                if any(piece.marks for piece in pieces):
                    found[key] = pieces
                break
    return found


def _pieces(inline: InlineText, start: int, end: int) -> list[Piece]:
    spans = [s for s in inline.spans if s.tag in MARKS and s.start < end and s.end > start]
    cuts = sorted({start, end, *(min(max(p, start), end) for s in spans for p in (s.start, s.end))})
    pieces = []
    for a, b in pairwise(cuts):
        covering = [s for s in spans if s.start <= a and s.end >= b]
        pieces.append(_piece(inline.text[a:b], covering))
    return pieces


def _piece(text: str, covering: list[Span]) -> Piece:
    href = next((s.attr("href") for s in covering if s.tag == "a"), None)
    marks = {MARKS[s.tag] for s in covering}
    if not (href and href.strip().lower().startswith(SAFE_LINKS)):
        href = None
        marks.discard("a")
    return Piece(text, tuple(sorted(marks)), href)
