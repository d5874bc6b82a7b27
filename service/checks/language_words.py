"""Words that tell German from English: each language's function words, and words only one of the
two writes. The language checks read a translation's words with them."""

from __future__ import annotations

import re

from service.checks.german_kinds import german_kind
from service.checks.lexicon import FREQUENT_DE, de_count, en_count, german_word

# words only German or only English writes, and often: a sentence of a few words has some of them
# ("the", "of", "he"; "der", "und", "nicht"); not words both write ("in", "an", "was", "will",
# "die", "war", "hat", "also", "so")
FUNCTION_WORDS = {
    "en": frozenset((
        "the", "and", "of", "to", "is", "are", "were", "with", "for", "that", "this", "which", "from", "by",
        "has", "have", "had", "on", "at", "it", "its", "his", "her", "their", "they", "be", "been", "not",
        "but", "or", "would", "could", "should", "there", "when", "who", "a", "he", "she", "we", "you",
    )),
    "de": frozenset((
        "der", "das", "und", "ist", "sind", "waren", "mit", "für", "dass", "von", "zu", "den", "dem", "des",
        "ein", "eine", "einen", "einem", "einer", "nicht", "auch", "sich", "auf", "im", "bei", "wird",
        "wurde", "wurden", "haben", "sie", "er", "es", "wie", "oder", "aber", "noch", "nach",
    )),
}  # fmt: skip


# the languages the checks name in their flags, by code (a detector may read any of them)
LANGUAGE_NAMES = {
    "de": "German", "en": "English", "ko": "Korean", "fr": "French", "es": "Spanish", "it": "Italian",
    "nl": "Dutch", "ru": "Russian", "zh": "Chinese", "ja": "Japanese",
}  # fmt: skip

QUOTED = re.compile(r"\"[^\"]*\"|„[^“”]*[“”]|“[^”]*”|«[^»]*»|»[^«]*«")


def function_words(lang: str) -> frozenset[str]:
    return FUNCTION_WORDS.get(lang, frozenset())


def german_only(word: str) -> bool:
    """A German word, four letters or more, English does not have: a common noun and never a name
    ("Polizei"; not "Ernst", "Kröger" of a list of players), or a frequent word in lower case
    ("festgenommen")."""
    low = word.lower()
    if len(word) < 4 or en_count(low) or not word.isalpha():
        return False
    if word[:1].isupper():
        return german_kind(word) == "n"
    return (de_count(low) or 0) >= FREQUENT_DE


def english_only(word: str) -> bool:
    """An English word in lower case, four letters or more, frequent in English and no German word
    ("police", "arrested")."""
    low = word.lower()
    return (
        word[:1].islower() and len(word) >= 4 and en_count(low) >= 1000 and de_count(low) is None
        and not german_word(low)
    )  # fmt: skip
