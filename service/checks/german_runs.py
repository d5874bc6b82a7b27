"""The names a German text writes in words of other languages or with a qualifier: an English name
kept whole ("Westminster Magistrates Court", "Commonwealth Games": every word of a run of
capitalised words that English knows, one of them an English word German does not have), and the
river or region that tells a place from another of its name ("Frankfurt am Main"), which a
translation may leave out."""

from __future__ import annotations

import re

from service.checks.german_names import FUNCTION_WORD, TITLES, city, german_kind, village
from service.checks.lexicon import FREQUENT_DE, RARE, de_count, en_count
from service.checks.name_match import place_names

_RUN = re.compile(
    r"(?<![\w-])[A-Z][\w'’.-]*\w(?:(?:\s+|\s+(?:of|and|for|the|&)\s+|['’]s\s+)[A-Z][\w'’.-]*\w)+"
)
_RUN_WORD = re.compile(r"[A-Z][\w.-]*\w")


def english_names(text: str) -> list[str]:
    """The words of the English names a German text keeps: runs of two capitalised words or more,
    each one English knows (or a name), at least one a frequent English word that is no frequent
    German one ("Edinburgh Sheriff Court", "Microsoft Office", "Commonwealth Games"); not "Deutsche
    Bank" (English does not know "Deutsche") nor "Als Team" (a German function word)."""
    out: list[str] = []
    for run in _RUN.finditer(text):
        words = [w.rstrip(".") for w in _RUN_WORD.findall(run.group(0))]
        known = all(
            en_count(w) > 0 or german_kind(w) == "p" or w in place_names("de") for w in words
        ) and not any((de_count(w.lower()) or 0) >= FUNCTION_WORD or TITLES.search(w + " ") for w in words)
        english = any(en_count(w) >= RARE and (de_count(w.lower()) or 0) < FREQUENT_DE for w in words)
        if known and english:
            out.extend(w for w in words if len(w) >= 3)
    return out


_QUALIFIED = re.compile(r"(?<![\w-])([A-ZÄÖÜ][\w-]+)\s+(?:am|an der|ob der|im|in der)\s+([A-ZÄÖÜ]\w+)")


def place_qualifiers(text: str) -> set[str]:
    """The river or region that tells a German place from another of its name ("Main" of "Frankfurt
    am Main", "Oder" of "Frankfurt an der Oder", "Breisgau" of "Freiburg im Breisgau"), which a
    translation may leave out."""
    return {
        match.group(2)
        for match in _QUALIFIED.finditer(text)
        if match.group(1) in place_names("de") or city(match.group(1)) or village(match.group(1))
    }
