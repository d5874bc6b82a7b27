"""Inputs longer than a model's limit are split, never truncated: shared by every engine."""

from __future__ import annotations

import re
from collections.abc import Callable

from workers.engines.engine import Hypothesis

CLAUSE_BREAK = re.compile(r"(?<=[,;:–—])\s+|\s+(?=[–—]\s)")

# (text, input tokens, output tokens, mean log-probability per output token or None) for one
# chunk, as an engine's batched decode returns it.
ChunkOutput = tuple[str, int, int, float | None]


def joined_score(parts: list[ChunkOutput]) -> float | None:
    """The score of a sentence decoded in chunks: their scores weighted by their output tokens."""
    scored = [(score, max(1, out)) for _, _, out, score in parts if score is not None]
    if not scored or len(scored) != len(parts):
        return None
    return sum(score * weight for score, weight in scored) / sum(weight for _, weight in scored)


def split_to_fit(text: str, count_tokens: Callable[[str], int], limit: int) -> list[str]:
    """Split ``text`` into chunks of at most ``limit`` tokens each; never drop any of it.

    Splits at clause boundaries first, then between words, then (one enormous word) by characters.
    """
    if count_tokens(text) <= limit:
        return [text]
    pieces = [p for p in CLAUSE_BREAK.split(text) if p.strip()]
    if len(pieces) == 1:
        pieces = text.split()
        if len(pieces) == 1:  # one enormous word: split by characters
            step = max(1, len(text) // 2)
            pieces = [text[i : i + step] for i in range(0, len(text), step)]
    chunks = pack(pieces, count_tokens, limit)
    # A single piece may still be too long: recurse on it.
    return [
        part
        for chunk in chunks
        for part in (split_to_fit(chunk, count_tokens, limit) if chunk != text else [chunk])
    ]


def pack(pieces: list[str], count_tokens: Callable[[str], int], limit: int) -> list[str]:
    """Join consecutive pieces with spaces into as few chunks of at most ``limit`` tokens as a
    greedy pass allows; a piece over the limit on its own stays a chunk of its own."""
    chunks: list[str] = []
    current = ""
    for piece in pieces:
        candidate = f"{current} {piece}".strip()
        if current and count_tokens(candidate) > limit:
            chunks.append(current)
            current = piece
        else:
            current = candidate
    if current:
        chunks.append(current)
    return chunks


def translate_in_chunks(
    sentences: list[str],
    split: Callable[[str], list[str]],
    decode: Callable[[list[str]], list[ChunkOutput]],
) -> list[Hypothesis]:
    """Split each (whitespace-normalised) sentence to fit, decode all chunks in one batched call,
    and join each sentence's chunks back into one :class:`Hypothesis`, aligned with the input."""
    flat: list[tuple[int, str]] = []
    for index, sentence in enumerate(sentences):
        flat.extend((index, chunk) for chunk in split(" ".join(sentence.split())))
    outputs = decode([chunk for _, chunk in flat])
    results: list[list[ChunkOutput]] = [[] for _ in sentences]
    for (index, _), output in zip(flat, outputs, strict=True):
        results[index].append(output)
    return [
        Hypothesis(
            text=" ".join(text for text, _, _, _ in parts).strip(),
            input_tokens=sum(n for _, n, _, _ in parts),
            output_tokens=sum(n for _, _, n, _ in parts),
            chunks=len(parts),
            score=joined_score(parts),
        )
        for parts in results
    ]
