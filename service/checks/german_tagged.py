"""Whether a capitalised word of a German text that the tagger reads as a proper noun
(:mod:`service.checks.tagging`) is a name a translation keeps, where the word lists alone leave it a
noun or undecided ("Tesla", "Schneider leitet", "Sveriges Radio")."""

from __future__ import annotations

import re

from service.checks.german_kinds import german_kind, german_tail, looks_foreign
from service.checks.german_names import DETERMINER, FUNCTION_WORD, before_epithet
from service.checks.lexicon import COMMON, de_count, en_count, german_compound


def tagged_name(text: str, start: int, word: str) -> bool:
    """Whether a capitalised word the tagger reads as a proper noun (:mod:`service.checks.tagging`)
    is a name a translation keeps, where the lists alone leave it a noun or undecided ("Tesla",
    "Schneider leitet", "Sveriges Radio"): one English writes, though not often, or one neither
    list has as a common noun that is short and no German compound ("Devonport", "Seng"). Not a
    word after an article or a number ("eine gewisse Konstanz", "einem Edding", "2,4 Ghz"), the
    first part of a compound left open ("Spar- und"), an abbreviation ("v. Chr."), a genus before
    its epithet, nor a frequent German word ("Ernst", "Essen")."""
    after, before = text[start + len(word) :], text[max(0, start - 60) : start]
    if not word[:1].isupper() or not word.isalpha() or len(word) < 3 or sum(c.isupper() for c in word) > 1:
        return False
    if after[:1] == "-" or (len(word) <= 3 and after[:1] == ".") or word in _SAINT:
        return False
    if (de_count(word.lower()) or 0) >= FUNCTION_WORD or before_epithet(after[:40]):
        return False
    if (DETERMINER.search(before) and not _unknown_anywhere(word)) or _NUMBER_BEFORE.search(before):
        return False
    count = en_count(word)
    if 50 < count < COMMON:
        return True
    return count <= 50 and german_kind(word) != "n" and len(word) <= 10 and not german_tail(word)


def _unknown_anywhere(word: str) -> bool:
    """A word spelt as no German word is, or one no list has, in any form, nor as a German
    compound ("die Sundarbans", "die Springboks", "der Guaraní"; not "einem Edding")."""
    if looks_foreign(word):
        return True
    low = word.lower()
    return (
        not german_kind(word) and de_count(low) is None and en_count(word) <= 50 and not german_compound(low)
    )


_NUMBER_BEFORE = re.compile(
    r"(?:\d[\d.,]*|(?<!\w)(?i:zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|hundert|tausend))\s*$"
)
_SAINT = frozenset({"Sankt", "Saint", "San", "Santa", "Santo", "São"})
