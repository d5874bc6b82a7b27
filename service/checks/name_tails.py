"""A name of two words whose second word the translation replaced ("Manchester City" /
"Manchester United", "London Heathrow" / "London Gatwick").

The names check finds each name on the other side; "Manchester" is there, and "City" and "United"
are ordinary words of their languages, which the check leaves to the translator. But a word that
follows a name in the source and that only the translation's language writes ("City" in German
news is English) stays as it is in a translation; and a word the translation puts after that name
that only the source's language writes ("City" in a German translation of "Manchester United") is
no translation of a word of the source's. Where the translation has the name followed by another
capitalised word, neither of the two words is on the other side, and one of them is such a borrowed
word, the two are flagged as one name put in place of another. A word each language writes its own
way ("Krankenhaus" / "Hospital", "Bridge" / "Brücke", "München" / "Munich") is a translation and
passes.
"""

from __future__ import annotations

import re

from service.checks.lexicon import RARE, de_count, en_count
from service.checks.name_match import city_aliases, exonyms, fold
from service.checks.sentence_position import starts_sentence

# two capitalised words in a row, each pair's second word read again as the next pair's first
_PAIR = re.compile(r"(?<![\w'’-])([A-ZÄÖÜ][\w'’-]*\w)(?=\s+([A-ZÄÖÜ][a-zäöüß][\w-]*)(?![\w'’-]))")


def _pairs(text: str) -> list[tuple[str, str]]:
    """Two capitalised words in a row, the second not starting a sentence."""
    return [(m.group(1), m.group(2)) for m in _PAIR.finditer(text) if not starts_sentence(text, m.start(2))]


# a German list's count at or under this: a word German hardly writes ("City": 79; "Hotel": 446)
_HARDLY_DE = 100


def _borrowed(word: str, lang: str) -> bool:
    """A word of ``lang`` that the other language hardly writes: one a translation into that
    language keeps as it is ("City" of "Manchester City" in a German text), not one each language
    writes ("Hospital", "Hotel")."""
    low = word.lower()
    if lang == "en":
        return en_count(low) >= RARE and (de_count(low) or 0) <= _HARDLY_DE
    return (de_count(low) or 0) > 0 and en_count(low) < RARE


def replaced_tails(
    source: str, target: str, names: list[str], source_lang: str, target_lang: str
) -> list[tuple[str, str]]:
    """Each two-word name of ``source`` whose first word is one of ``names`` and whose second word
    the translation replaced, with what it wrote: ("Manchester City", "Manchester United")."""
    found: list[tuple[str, str]] = []
    target_pairs = _pairs(target)
    source_words = {w.casefold() for w in re.findall(r"\w+", source)}
    target_words = {w.casefold() for w in re.findall(r"\w+", target)}
    for head, tail in _pairs(source):
        if head not in names or tail.casefold() in target_words:
            continue
        for other_head, other in target_pairs:
            if other_head != head or other.casefold() in source_words:
                continue
            a, b = fold(tail), fold(other)
            if a.startswith(b[:4]) or b.startswith(a[:4]):
                continue  # a form or a short form of the same word ("Corporation" / "Corp")
            if other in city_aliases(tail) or any(
                fold(w) == b for name in exonyms(source_lang, target_lang).get(a, ()) for w in name.split()
            ):
                continue  # a city's or country's other name ("Inter Mailand" / "Inter Milan")
            if _borrowed(tail, target_lang) or _borrowed(other, source_lang):
                found.append((f"{head} {tail}", f"{head} {other}"))
                break
    return found
