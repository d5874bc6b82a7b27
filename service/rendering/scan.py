"""What of a rendering is still in the source language, wherever it is, and why.

Placement counts only the sentences it tried to place; a passage the extractor never saw (a
caption, text in a ``div``) is not one of them. The scan looks at the rendered document itself:
every passage of the source (an HTML run, a Markdown or Word paragraph) is compared with the same
passage of the rendering, sentence by sentence, and a sentence whose source text is still there
is counted, unless the article keeps it on purpose: page furniture (navigation, forms, ad and
share boxes), what the parser stored as not translated (boilerplate, bylines, datelines, credits,
figures, code, passages in another language), or a translation identical to its source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from service.aligned import AlignedSegment
from service.parse.pagetext import comparable
from service.parse.segment import split_sentences
from service.parse.structure import stays_as_is

NOT_TRANSLATED = "not translated yet"
NOT_FOUND = "not found again in the markup"
NOT_EXTRACTED = "not extracted"
MIN_LETTERS = 3
_CELL = re.compile(r"(?<!\\)\|")


@dataclass(frozen=True)
class Located:
    """One passage of the source and the same passage of the rendering."""

    place: str  # an element path (HTML) or "paragraph N"
    source: str
    rendered: str
    furniture: bool = False  # not the article: navigation, forms, ad boxes


@dataclass(frozen=True)
class Passage:
    """A passage left in the source language."""

    place: str
    text: str
    reason: str


def scan(
    passages: Iterable[Located], segments: list[AlignedSegment], lang: str, source_lang: str
) -> list[Passage]:
    """Every sentence of the source still in the rendering where the article means it translated."""
    kept = [comparable(s.text) for s in segments if not s.translatable]
    same = [s for s in segments if s.translatable and lang in s.translations]
    kept += [comparable(s.text) for s in same if comparable(s.translations[lang].text) == comparable(s.text)]
    kept = sorted({k for k in kept if k}, key=len, reverse=True)
    stored = [(comparable(s.text), s) for s in segments if s.translatable]
    found: list[Passage] = []
    for passage in passages:
        if passage.furniture:
            continue
        rendered = comparable(passage.rendered)
        words = set(rendered.split())
        if not any(word in words for word in comparable(passage.source).split() if len(word) > 1):
            continue  # no word of it is left: no sentence of it can be (and no splitter is run)
        cells = _CELL.split(comparable(passage.source))  # a Markdown table's cells, one by one
        for sentence in (s for cell in cells for s in split_sentences(cell, source_lang)):
            sentence = comparable(sentence)
            if not sentence or sentence not in rendered or _stays(sentence, kept, source_lang):
                continue
            found.append(Passage(passage.place, sentence, _reason(sentence, stored, lang)))
    return found


def _stays(sentence: str, kept: list[str], source_lang: str) -> bool:
    rest = sentence
    for text in kept:
        if text in rest:
            rest = rest.replace(text, " ")
        elif rest.strip() and rest.strip() in text:
            rest = ""
    rest = " ".join(rest.split())
    return sum(ch.isalpha() for ch in rest) < MIN_LETTERS or stays_as_is(rest, source_lang)


def _reason(sentence: str, stored: list[tuple[str, AlignedSegment]], lang: str) -> str:
    for text, segment in stored:
        if text and (text in sentence or sentence in text):
            return NOT_FOUND if lang in segment.translations else NOT_TRANSLATED
    return NOT_EXTRACTED
