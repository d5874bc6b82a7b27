"""Sentence splitting with maintained splitters: pysbd (German, English, ...) and Kiwi (Korean).

Both handle abbreviations ("z. B.", "Dr."), ordinal dates ("19. Juni 2025"), thousands
separators ("6.000") and quotes. Sentences come back as exact substrings of the input.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
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
            pieces = [sentence.text for sentence in _kiwi().split_into_sents(text)]
    else:
        pieces = _pysbd(lang if lang in _PYSBD_LANGUAGES else "en").segment(text)
    return _anchor(text, pieces)


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
