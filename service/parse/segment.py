"""Sentence splitting with maintained splitters: pysbd (German, English, ...) and Kiwi (Korean).

Both handle abbreviations ("z. B.", "Dr."), ordinal dates ("19. Juni 2025"), thousands
separators ("6.000") and quotes. Sentences come back as exact substrings of the input.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from itertools import pairwise
from typing import Any

import pysbd

# A sentence never opens with a lowercase letter, a hyphen or closing punctuation; a split
# before one is a splitter error on an abbreviation ("K.-o.-Phase", "u. a. m.").
_CONTINUATION = re.compile(r"^[a-zäöüß\-‐–,;:)\]]")

# Splitters slow down quadratically on long text, so a long paragraph is first cut into chunks
# of a little over this many characters, at a sentence end after a word (not "z. B." or "Dr.").
CHUNK_CHARS = 2000
_SAFE_CUT = re.compile(r"(?<=\w\w\w[.!?。！？])\s+(?=\S)")

_PYSBD_LANGUAGES = {
    "am", "ar", "bg", "da", "de", "el", "en", "es", "fa", "fr", "hi", "hy",
    "it", "ja", "kk", "mr", "my", "nl", "pl", "ru", "sk", "ur", "zh",
}  # fmt: skip


# A pysbd.Segmenter keeps state of the text it is splitting: shared between threads (the API
# parses requests in a thread pool) it runs sentences of different requests together. Each
# thread gets its own; Kiwi is large, so there is one, used by one thread at a time.
_local = threading.local()
_kiwi_lock = threading.Lock()


def _pysbd(language: str) -> pysbd.Segmenter:
    segmenters: dict[str, pysbd.Segmenter] = _local.__dict__.setdefault("segmenters", {})
    if language not in segmenters:
        segmenters[language] = pysbd.Segmenter(language=language, clean=False)
    return segmenters[language]


@lru_cache(maxsize=1)
def _kiwi() -> Any:
    from kiwipiepy import Kiwi

    return Kiwi()


def split_sentences(text: str, lang: str) -> list[str]:
    """Split ``text`` into sentences; every sentence is a stripped substring of ``text``."""
    if not text.strip():
        return []
    return [sentence for chunk in _chunks(text) for sentence in _split(chunk, lang)]


def _chunks(text: str) -> list[str]:
    chunks: list[str] = []
    start = 0
    while len(text) - start > CHUNK_CHARS:
        cut = _SAFE_CUT.search(text, start + CHUNK_CHARS)
        if cut is None:
            break
        chunks.append(text[start : cut.start()])
        start = cut.end()
    chunks.append(text[start:])
    return chunks


def _split(text: str, lang: str) -> list[str]:
    if lang == "ko":
        with _kiwi_lock:
            pieces = [
                sentence.text
                for part in _korean_quote_cuts(text)
                for sentence in _kiwi().split_into_sents(part)
            ]
        return _join_quotatives(text, _anchor(text, pieces))
    pieces = _pysbd(lang if lang in _PYSBD_LANGUAGES else "en").segment(text)
    return _anchor(text, _numbers_rejoined(pieces))


# pysbd reads two ordinals a sentence apart ("Am 1. Mai kamen viele. Am 2. Mai kamen mehr.") as a
# numbered list and cuts before each: "Am" + "1. Mai kamen viele." A piece that starts with a
# number and a full stop after one that ends in no sentence mark belongs to it.
_ORDINAL_START = re.compile(r"\d+\.\s")
_SENTENCE_MARK_END = re.compile(r"""[.!?…:;)\]"'“”«»‘’]\s*$""")


def _numbers_rejoined(pieces: list[str]) -> list[str]:
    joined: list[str] = []
    for piece in pieces:
        if joined and _ORDINAL_START.match(piece.lstrip()) and not _SENTENCE_MARK_END.search(joined[-1]):
            joined[-1] += piece
        else:
            joined.append(piece)
    return joined


# Kiwi reads a quotation opened right after a sentence end as part of that sentence, and a
# quotation without a full stop of its own as a sentence: "만났다. “우리는 형제”라고 그는 말했다."
# came back as "만났다. “우리는 형제”" + "라고 그는 말했다.". So Korean text is cut first where a
# sentence ends (Hangul, then . ! or ?) and a quotation opens outside any other, and Kiwi splits
# each part; a quote mark closed and followed at once by Hangul (라고, 이라고, 고, 며, 하고, 라는:
# the quotative particles attach to the mark) never ends a sentence.
_QUOTE_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", "《": "》", "〈": "〉"}
_CLOSING_QUOTES = frozenset(_QUOTE_PAIRS.values()) | {'"', "'"}
_SENTENCE_END_BEFORE = re.compile(r"""[가-힣][)\]”’'"]?[.!?]\s{0,30}$""")
_HANGUL = re.compile(r"[가-힣ㄱ-ㅎㅏ-ㅣ]")
_LATIN = re.compile(r"[A-Za-z]")


def _korean_quote_cuts(text: str) -> list[str]:
    """``text`` cut before each quotation that opens a new sentence outside any other quotation."""
    cuts: list[int] = []
    open_marks: list[str] = []  # the closing marks awaited, innermost last
    for index, char in enumerate(text):
        if open_marks and char == open_marks[-1]:
            open_marks.pop()
            continue
        if char in ("'", '"'):
            before, after = text[index - 1 : index], text[index + 1 : index + 2]
            if char == "'" and _LATIN.match(before) and _LATIN.match(after):
                continue  # an apostrophe: "Trump's"
            opens = char
        elif char in _QUOTE_PAIRS:
            opens = _QUOTE_PAIRS[char]
        else:
            continue
        if not open_marks and _SENTENCE_END_BEFORE.search(text[max(0, index - 40) : index]):
            cuts.append(index)
        open_marks.append(opens)
    bounds = [0, *cuts, len(text)]
    return [text[a:b] for a, b in pairwise(bounds) if text[a:b].strip()]


def _join_quotatives(text: str, sentences: list[str]) -> list[str]:
    """Join a sentence that opens with the particle after a closing quote mark to the one before."""
    spans: list[tuple[int, int]] = []
    cursor = 0
    for sentence in sentences:
        start = text.find(sentence, cursor)
        cursor = start + len(sentence)
        if spans and start == spans[-1][1] and text[start - 1] in _CLOSING_QUOTES and _HANGUL.match(sentence):
            spans[-1] = (spans[-1][0], cursor)
        else:
            spans.append((start, cursor))
    return [text[a:b] for a, b in spans]


def _anchor(text: str, pieces: list[str]) -> list[str]:
    """Map splitter output back onto the source so no character is changed or lost.

    Splitters may normalise whitespace; we only use their output to find the boundaries.
    """
    starts: list[int] = []
    cursor = 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        start = text.find(piece, cursor)
        if start < 0:
            break  # the splitter rewrote this piece: the rest stays one sentence
        if not starts or (text[cursor:start].strip() == "" and not _CONTINUATION.match(piece)):
            starts.append(start)
        # else: skipped text, or a piece that cannot open a sentence ("-o.-Phase" after "K."),
        # joins the sentence before it
        cursor = start + len(piece)
    if not starts:
        return [text.strip()]
    starts[0] = 0  # anything before the first sentence belongs to it
    bounds = [*starts[1:], len(text)]
    return [text[a:b].strip() for a, b in zip(starts, bounds, strict=True) if text[a:b].strip()]
