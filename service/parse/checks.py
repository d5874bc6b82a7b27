"""Limits an article must meet before it is stored: sentence length and one dominant language.

Each check raises :class:`~service.errors.InputError` with where the problem is and what to do.
"""

from __future__ import annotations

import re
from collections import Counter

from service.document import Article, Segment
from service.echo_text import shortened
from service.errors import FIELD, InputError
from service.parse.source_formats import Block

# Text between two of these is one sentence for every splitter we use.
_UNBROKEN = re.compile(r"[^.!?…。！？]+")
# Under this share of the letters, the detected language is a guess: ask for source_lang.
DOMINANT_SHARE = 0.5
_EXCERPT = 40


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return shortened(text, _EXCERPT)


def check_unbroken_runs(blocks: list[Block], limit: int) -> None:
    """Refuse text with no sentence end for over ``limit`` characters, before it is split.

    A cheap, linear look at the extracted text (never markup): such a run can only become one
    sentence over the limit, and splitting it first could take minutes.
    """
    for number, block in enumerate(blocks, start=1):
        for line_number, line in enumerate(block.lines, start=1):
            if len(line) <= limit:
                continue
            for run in _UNBROKEN.finditer(line):
                if len(run.group()) > limit:
                    where = f"paragraph {number}" + (f", line {line_number}" if len(block.lines) > 1 else "")
                    raise InputError(
                        f"{where} runs {len(run.group()):,} characters without a full stop, question "
                        f"or exclamation mark ({_excerpt(run.group())!r}); a sentence may have at most "
                        f"{limit:,} characters: break the text into sentences, or raise "
                        "INTERLINEAR_MAX_SENTENCE_CHARS"
                    )


def _location(segment: Segment) -> str:
    if segment.section is None:
        return "the article's header or footer"
    if segment.paragraph is None:
        return f"the heading of section {segment.section}"
    return f"section {segment.section}, paragraph {segment.paragraph}"


def check_sentence(text: str, where: str, limit: int) -> None:
    """Refuse one sentence of more than ``limit`` characters, saying ``where`` it is."""
    if len(text) > limit:
        raise InputError(
            f"the sentence in {where} ({_excerpt(text)!r}) has {len(text):,} characters; a sentence "
            f"may have at most {limit:,}: split it into shorter sentences, or raise "
            "INTERLINEAR_MAX_SENTENCE_CHARS"
        )


def check_sentence_lengths(article: Article, limit: int) -> None:
    """Refuse an article with a sentence of more than ``limit`` characters, saying where it is."""
    for segment in article.segments():
        check_sentence(segment.text, _location(segment), limit)


def language_shares(article: Article) -> dict[str, float]:
    """Share of the article's letters per segment language, largest first."""
    letters: Counter[str] = Counter()
    for segment in article.segments():
        letters[segment.lang] += sum(ch.isalpha() for ch in segment.text)
    total = sum(letters.values()) or 1
    return {lang: count / total for lang, count in letters.most_common()}


def check_language_mix(article: Article) -> None:
    """Refuse an auto-detected language that does not make up most of the article.

    Passages in other languages are kept with their own language and left untranslated; when no
    language dominates, which one to translate from is the user's call.
    """
    shares = language_shares(article)
    source = article.metadata.source_lang
    if shares.get(source, 0.0) < DOMINANT_SHARE:
        mix = ", ".join(f"{lang} {share:.0%}" for lang, share in list(shares.items())[:4])
        raise InputError(
            f"the article mixes languages ({mix}) and none makes up most of it; set {FIELD} to the "
            "language to translate from (passages in other languages are kept untranslated)",
            field="source_lang",
        )
