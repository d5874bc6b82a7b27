"""The sentences of a short text (``POST /v1/translate``), its lines' structure kept.

The sentence splitters read running prose: in ``"# Titel\\n\\n- Punkt eins\\n- Punkt zwei\\n\\nDer
Bundestag hat beschlossen."`` no full stop ends the title or the items, so the first sentence was
``"# Titel\\n\\n- Punkt eins\\n- Punkt zwei"``, translated by the model as one. Lines are read
first: a blank line always ends a sentence; a line that opens with a list mark (``- ``, ``* ``,
``+ ``, ``• ``, ``– ``, ``1. ``, ``1) ``) or a Markdown heading's hashes (``## ``) opens a part of
its own (a heading is its one line; an item goes on over the lines after it up to the next mark or
blank line, as Markdown reads a wrapped item). The splitter then cuts each part into its sentences.

The marks are kept aside and put back in the answer: the model gets ``Punkt eins`` and its
``Point one`` is answered as ``- Point one``. A mark is no word of any language, so it is the same
in the translation; sent along, the models (trained on sentences, not Markdown) copy it, drop it or
translate it at random (``#`` as "No."), and a sentence with a mark and the same sentence without
one would be two inputs to them.

A number with a full stop opens a list item only where the text has a list of them (two such lines
or more): ``19. Juni 2025 ...`` on a line of its own is a date that belongs to its sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from service.parse.segment import split_sentences

_BULLET = re.compile(r"[ \t]*(?:[-*+•–—]|\d{1,9}\))[ \t]+(?=\S)")
_NUMBERED = re.compile(r"[ \t]*\d{1,9}\.[ \t]+(?=\S)")
_HEADING = re.compile(r"[ \t]{0,3}#{1,6}(?:[ \t]+|$)")


@dataclass(frozen=True)
class MarkedSentence:
    mark: str  # what opens its line and is kept aside ("- ", "## ", "1. "); "" for none
    text: str  # the sentence the model gets

    @property
    def source(self) -> str:
        """The sentence as the text has it, its mark with it."""
        return self.mark + self.text

    def answer(self, translation: str) -> str:
        """The translation with the sentence's mark put back."""
        return self.mark + translation


def bullet_of(sentence: str) -> str:
    """The bullet that opens a sentence ("- ", "• ", "1) "), or "": a plain-text list's point is
    stored with its mark (the article's text is kept whole), and the model gets it without (above)."""
    match = _BULLET.match(sentence)
    return match.group(0) if match else ""


def short_text_sentences(text: str, lang: str) -> list[MarkedSentence]:
    """The text's sentences in order, each with the list or heading mark that opens its line."""
    out: list[MarkedSentence] = []
    for mark, body in _parts(text):
        for index, sentence in enumerate(split_sentences(body, lang)):
            out.append(MarkedSentence(mark if index == 0 else "", sentence))
    return out


def _parts(text: str) -> list[tuple[str, str]]:
    """The text cut at blank lines and before each marked line: (its mark, its text)."""
    lines = text.splitlines()
    numbered = sum(1 for line in lines if _NUMBERED.match(line)) >= 2
    parts: list[tuple[str, list[str]]] = []
    open_part = False  # the last part takes the next line: not after a blank line or a heading
    for line in lines:
        if not line.strip():
            open_part = False
            continue
        mark = _mark(line, numbered)
        if mark is None and open_part:
            parts[-1][1].append(line)
            continue
        parts.append((mark or "", [line[len(mark or "") :]]))
        open_part = not (mark and mark.lstrip().startswith("#"))
    return [(mark, "\n".join(body)) for mark, body in parts if "".join(body).strip()]


def _mark(line: str, numbered: bool) -> str | None:
    for pattern in (_HEADING, _BULLET, *([_NUMBERED] if numbered else [])):
        match = pattern.match(line)
        if match is not None:
            return match.group(0)
    return None
