"""Sentences in another language inside a block, and when one sentence is long enough to tell.

A block (a paragraph) gets one language (:mod:`service.parse.structure`), but a Korean paragraph
can hold a whole German sentence. Stored as Korean, it would be sent to a model as Korean. Here a
block's sentences are cut again where they run from one script into another at a sentence end:
a run with no letter of the block's script ("Die Bundesregierung hat den Schritt kritisiert."
between Korean sentences) that is long enough to tell (:func:`tellable`) and detected with
confidence gets its own language, and is then kept as it is like any passage in another language.
Short fragments in another script (names, acronyms, a quoted title: "BTS.", "Dr. 김철수는 ...",
"삼성전자는 'Galaxy S25 Ultra'를 ...") stay in the block's language. Sentences in the block's own
script are left as they are: telling English from German sentence by sentence is not reliable
enough (an English sentence with a German name, "TSV Straßberg", reads as German for certain).
"""

from __future__ import annotations

import re
from itertools import pairwise

from service.parse.language import detect_confident, script_shares
from service.parse.segment import split_sentences

# Long enough to tell a sentence's language: four words and 20 letters, or 8 characters of a script
# written in syllables or characters, where one says more than a letter (and words have no spaces).
SENTENCE_MIN_WORDS = 4
SENTENCE_MIN_LETTERS = 20
SYLLABIC_MIN_LETTERS = 8
_SYLLABIC = frozenset({"Hangul (Korean)", "Han (Chinese characters)", "Japanese kana"})

# The one script each language is written in (as :func:`script_shares` names it); Chinese and
# Japanese share Han, so their blocks are not cut.
SCRIPT_OF = {"de": "Latin", "en": "Latin", "fr": "Latin", "es": "Latin", "it": "Latin", "nl": "Latin",
             "ko": "Hangul (Korean)", "ru": "Cyrillic"}  # fmt: skip

# Where a sentence may end inside what a splitter gave as one: after . ! ? (and closing marks),
# before white space.
_SENTENCE_END = re.compile(r"[.!?…。！？]['\"”’»)\]]*\s+")


def tellable(text: str) -> bool:
    """Whether ``text`` is long enough for its language to be told: four words and 20 letters
    ("The minister resigned on Monday."), or 8 Hangul, Han or kana characters; a name, a number,
    an acronym or one or two words are not."""
    shares = script_shares(text)
    if not shares:
        return False
    letters = sum(ch.isalpha() for ch in text)
    if next(iter(shares)) in _SYLLABIC:
        return letters >= SYLLABIC_MIN_LETTERS
    return letters >= SENTENCE_MIN_LETTERS and len(text.split()) >= SENTENCE_MIN_WORDS


def sentence_language(text: str, lang: str) -> str | None:
    """The language one sentence is plainly written in where that is not ``lang``: long enough to
    tell (:func:`tellable`) and detected with confidence; None where it is ``lang`` or cannot be told."""
    if not tellable(text):
        return None
    code = detect_confident(text)
    return code if code is not None and code != lang else None


def sentences_with_languages(text: str, lang: str) -> list[tuple[str, str]]:
    """``text`` (a block in ``lang``) split into sentences, each with its language: ``lang``, or
    another where a run of sentences in another script is cut out (see the module's docstring).
    Every sentence is a stripped substring of ``text``, in order."""
    out: list[tuple[str, str]] = []
    for sentence in split_sentences(text, lang):
        for run, found in _runs(sentence, lang):
            if found == lang:
                out.append((run, lang))
            else:
                out.extend((piece, found) for piece in split_sentences(run, found))
    return out


def _runs(sentence: str, lang: str) -> list[tuple[str, str]]:
    """``sentence`` cut at sentence ends into runs, each ``lang`` or the language of a run in
    another script that can be told."""
    script = SCRIPT_OF.get(lang)
    if script is None or not _foreign(sentence, script, any_letter=True):
        return [(sentence, lang)]
    bounds = [0, *(m.end() for m in _SENTENCE_END.finditer(sentence)), len(sentence)]
    runs: list[tuple[int, int, bool]] = []  # (start, end, in another script)
    for start, end in pairwise(bounds):
        if start == end:
            continue
        foreign = _foreign(sentence[start:end], script)
        if runs and runs[-1][2] == foreign:
            runs[-1] = (runs[-1][0], end, foreign)
        else:
            runs.append((start, end, foreign))
    spans: list[tuple[int, int, str]] = []
    for start, end, foreign in runs:
        found = (sentence_language(sentence[start:end], lang) if foreign else None) or lang
        if spans and spans[-1][2] == found:
            spans[-1] = (spans[-1][0], end, found)
        else:
            spans.append((start, end, found))
    return [(sentence[a:b].strip(), found) for a, b, found in spans if sentence[a:b].strip()]


def _foreign(text: str, script: str, any_letter: bool = False) -> bool:
    """Letters, none of them in ``script``; with ``any_letter``, any letter not in ``script``."""
    shares = script_shares(text)
    if any_letter:
        return any(name != script for name in shares)
    return bool(shares) and script not in shares
