"""News checks: what an editor should look at in a translated sentence, and why.

One module per family; :func:`check_pair` runs all of them on one sentence and its translation,
:func:`check_article` adds what only the whole article shows (the same name translated two ways).
Flags are :class:`~service.checks.flag.Flag` values: ``{"check", "severity", "detail"}``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from service.checks.calendar_words import check_calendar_words
from service.checks.casualties import check_casualties
from service.checks.consistency import check_consistency
from service.checks.currencies import check_currencies
from service.checks.day_halves import check_day_halves
from service.checks.flag import Flag, flag, from_stored, stored_flags, worst
from service.checks.glossary import check_glossary
from service.checks.markup import check_quotes, check_tokens
from service.checks.names import check_names
from service.checks.negation import check_negation
from service.checks.numbers import check_numbers
from service.checks.percentage_points import check_percentage_points
from service.checks.results import check_results, check_scores
from service.checks.surface import (
    check_empty,
    check_language,
    check_length,
    check_repetition,
    check_untranslated,
)
from service.checks.temperatures import check_temperatures
from service.checks.units import check_units
from service.glossary.model import GlossaryEntry

__all__ = ["Flag", "check_article", "check_pair", "flag", "from_stored", "stored_flags", "warm_up", "worst"]


def check_pair(
    source: str,
    target: str,
    source_lang: str,
    target_lang: str,
    glossary: Sequence[GlossaryEntry] = (),
) -> list[Flag]:
    """Every flag one translated sentence earns on its own. Both sides are read composed (NFC): a
    text that writes "ü" as "u" and a combining diaeresis says the same as one that does not."""
    source, target = unicodedata.normalize("NFC", source), unicodedata.normalize("NFC", target)
    empty = check_empty(source, target)
    if empty or not source.strip():
        return empty
    return [
        *check_numbers(source, target, source_lang, target_lang),
        *check_temperatures(source, target, source_lang, target_lang),
        *check_units(source, target, source_lang, target_lang),
        *check_day_halves(source, target, source_lang, target_lang),
        *check_currencies(source, target, source_lang, target_lang),
        *check_casualties(source, target, source_lang, target_lang),
        *check_percentage_points(source, target, source_lang, target_lang),
        *check_calendar_words(source, target, source_lang, target_lang),
        *check_names(source, target, source_lang, target_lang),
        *check_results(source, target, source_lang, target_lang),
        *check_scores(source, target),
        *check_negation(source, target, source_lang, target_lang),
        *check_glossary(source, target, target_lang, glossary),
        *check_quotes(source, target),
        *check_tokens(source, target),
        *check_untranslated(source, target, source_lang, target_lang),
        *check_language(source, target, source_lang, target_lang),
        *check_length(source, target, source_lang, target_lang),
        *check_repetition(source, target),
    ]


def check_article(
    pairs: Sequence[tuple[str, str]],
    source_lang: str,
    target_lang: str,
    glossary: Sequence[GlossaryEntry] = (),
) -> list[list[Flag]]:
    """The flags of each pair of an article: its own and the article's (consistency)."""
    pairs = [(unicodedata.normalize("NFC", s), unicodedata.normalize("NFC", t)) for s, t in pairs]
    flags = [check_pair(s, t, source_lang, target_lang, glossary) for s, t in pairs]
    for i, extra in check_consistency(pairs, source_lang, target_lang):
        flags[i].append(extra)
    return flags


def warm_up() -> None:
    """Load the checks' word lists now (about two seconds and 100 MB): a worker does it when it starts,
    so its first job does not, while the process's other threads (a reply to the reaper's question
    what it holds, an engine call) wait for the interpreter."""
    for source_lang, target_lang in (("de", "en"), ("en", "de"), ("ko", "en")):
        check_pair("Angela Merkel besuchte am 1. Mai Berlin.", "Angela Merkel visited Berlin on May 1.",
                   source_lang, target_lang)  # fmt: skip
    # the cities' other names and the language detector, which the short pairs above do not reach
    check_pair("Die Regierung meldete am Dienstag einen Angriff auf Nizza.",
               "The government reported an attack on Nice on Tuesday; it was bad.", "de", "en")  # fmt: skip
