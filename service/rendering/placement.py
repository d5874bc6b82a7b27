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


def place(blocks: list[str], sentences: list[Sentence]) -> Placement:
    """Where each sentence is in the blocks' text."""
    placed: dict[int, list[Piece]] = {}
    written = 0
    block, offset = 0, 0
    for sentence in sentences:
        needle = normalise(sentence.text)
        if not needle or block >= len(blocks):
            continue
        at = blocks[block].find(needle, offset)
        where = block
        if at < 0:
            where, at = next(
                ((j, blocks[j].find(needle)) for j in range(block + 1, len(blocks)) if needle in blocks[j]),
                (block, -1),
            )
        if at < 0:
            continue
        placed.setdefault(where, []).append(Piece(at, at + len(needle), sentence.target))
        written += sentence.target is not None
        block, offset = where, at + len(needle)
    translated = {normalise(s.text): s.target for s in sentences if s.target is not None}
    for index, text in enumerate(blocks):
        if index not in placed and translated.get(text) is not None:
            placed[index] = [Piece(0, len(text), translated[text])]
    wanted = sum(1 for s in sentences if s.target is not None)
    return Placement(placed, written, wanted - written)
