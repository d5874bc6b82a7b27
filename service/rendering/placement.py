"""Find each stored sentence in the blocks read back from the document's source.

The parser's sentences are substrings of the article's blocks, in order, but the parser and the
renderer read markup with different tools (trafilatura for a page's main text; the renderer
reads the whole page), so sentences are found by their text, whitespace aside, left to right: in
the block of the sentence before, else in a later block. A sentence found nowhere (a title taken
from ``<meta>``) is skipped; its block, if any, keeps its source text.
"""

from __future__ import annotations

from dataclasses import dataclass

from service.rendering.inline import normalise
from service.rendering.transfer import Piece


@dataclass(frozen=True)
class Sentence:
    text: str
    target: str | None  # the translation to show; None keeps the source sentence


@dataclass
class Placement:
    pieces: dict[int, list[Piece]]  # block index -> its sentences, with their translations
    written: int  # translated sentences found in the blocks
    missing: int  # translated sentences found in no block


_IGNORABLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")  # soft hyphen, zero widths


def _searchable(text: str) -> tuple[str, list[int]]:
    """``text`` without soft hyphens and zero-width characters, and where each of its characters
    stands in ``text`` (one more entry: the end), so a sentence is found whichever of the two
    readings kept them."""
    kept = [i for i, ch in enumerate(text) if ch not in _IGNORABLE]
    return "".join(text[i] for i in kept), [*kept, len(text)]


def _find(text: str, needle: str, start: int = 0) -> int:
    """Where ``needle`` stands in ``text`` from ``start`` as whole words ("Rente" is not found in
    "Rentenpaket"), or -1."""
    at = text.find(needle, start)
    while at >= 0:
        before = text[at - 1 : at]
        after = text[at + len(needle) : at + len(needle) + 1]
        if not (needle[0].isalnum() and before.isalnum()) and not (needle[-1].isalnum() and after.isalnum()):
            return at
        at = text.find(needle, at + 1)
    return -1


def place(blocks: list[str], sentences: list[Sentence]) -> Placement:
    """Where each sentence is in the blocks' text."""
    searchable = [_searchable(text) for text in blocks]
    texts = [text for text, _ in searchable]
    placed: dict[int, list[Piece]] = {}
    written = 0
    block, offset = 0, 0
    for sentence in sentences:
        needle = normalise("".join(ch for ch in sentence.text if ch not in _IGNORABLE))
        if not needle or block >= len(blocks):
            continue
        at = _find(texts[block], needle, offset)
        where = block
        if at < 0:
            where, at = next(
                (
                    (j, _find(texts[j], needle))
                    for j in range(block + 1, len(blocks))
                    if _find(texts[j], needle) >= 0
                ),
                (block, -1),
            )
        if at < 0:
            continue
        positions = searchable[where][1]
        start, end = positions[at], positions[at + len(needle) - 1] + 1
        placed.setdefault(where, []).append(Piece(start, end, sentence.target))
        written += sentence.target is not None
        block, offset = where, at + len(needle)
    translated = {
        normalise("".join(ch for ch in s.text if ch not in _IGNORABLE)): s.target
        for s in sentences
        if s.target is not None
    }
    for index, text in enumerate(texts):
        unplaced = all(piece.target is None for piece in placed.get(index, []))
        if unplaced and translated.get(text) is not None:
            placed[index] = [Piece(0, len(blocks[index]), translated[text])]
    wanted = sum(1 for s in sentences if s.target is not None)
    return Placement(placed, written, wanted - written)
