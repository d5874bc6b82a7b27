"""Where a word stands in its sentence: first in it, or after a full stop that ends a sentence
rather than an initial or an abbreviation. A capital says little of a name there."""

from __future__ import annotations

import re

_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|[\"„“«‚‘(\[]\s*|\s[-–—]\s+)$")

_ABBREVIATION = re.compile(
    r"(?:^|[\s(])(?:[A-Z]|Dr|Prof|St|Mr|Mrs|Ms|Jr|Sr|Nr|Hl|vs|bzw|ca|Gen|Sen|Rep|Gov|Lt|Col|Capt|Rev)\.\s+$"
)


def starts_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` begins a sentence, a clause after a colon or dash, or a
    quotation or bracket; after a full stop that ends an initial or a title ("George W. Bush",
    "Dr. Moll") the sentence goes on."""
    before = text[:start]
    return bool(_SENTENCE_START.search(before)) and not _ABBREVIATION.search(before)


_OPENS = re.compile(r"(?:^\s*|[^\W\d_]{2}[.!?][\"“”»’)]*\s+)$")


def opens_sentence(text: str, start: int) -> bool:
    """The first word of the text or of a sentence after one that ends in a word ("... musste.
    Mendoza"), not a word after an ordinal ("18. Jahrhundert"), an abbreviation ("v. Chr."), a
    colon, a quotation mark or a bracket (a German noun)."""
    before = text[:start]
    return bool(_OPENS.search(before)) and not _ABBREVIATION.search(before)
