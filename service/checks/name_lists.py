"""Names by the words around them: a list of names ("Goethe, Fichte und Schlegel"), a Romance
article inside a sentence ("Las Cañitas").

A word the lists read as a common noun ("Fichte", spruce) is a name where it stands in a list of
three or more single capitalised words whose every other member is a name found already: writers,
players, places are listed so, nouns are not mixed with them.
"""

from __future__ import annotations

import re

from service.checks.lexicon import FREQUENT_DE, de_count

_MEMBER = r"[A-ZÄÖÜ][\w'’]+"
_LIST = re.compile(
    rf"(?<![\w-]){_MEMBER}(?:,\s+{_MEMBER})+,?\s+(?:und|oder|sowie|and|or)\s+{_MEMBER}(?![\w-])"
)
_SPLIT = re.compile(r",?\s+(?:und|oder|sowie|and|or)\s+|,\s+")


def listed_with_names(text: str, names: set[str]) -> list[str]:
    """The members of a list of three or more words in ``text`` that are not in ``names`` where
    all the others are, and that are no frequent German word ("Goethe, Fichte und Schlegel"; not
    "Merkel, Macron und Staaten" with one of three missing only if it is rare)."""
    out: list[str] = []
    for match in _LIST.finditer(text):
        members = _SPLIT.split(match.group(0))
        missing = [m for m in members if m not in names]
        if len(members) >= 3 and len(missing) == 1 and (de_count(missing[0].lower()) or 0) < FREQUENT_DE:
            out.append(missing[0])
    return out


_ROMANCE_ARTICLE = re.compile(r"(?<=\s)(?:La|Las|Los|El|Del|Dos|Le|Les)\s+[A-Z][\w'’-]+")


def foreign_places(text: str) -> list[str]:
    """The words of a name that a Spanish, Portuguese or French article starts inside a sentence
    ("Las Cañitas", "La Plata"): kept as they are in a German or English translation."""
    return [w for match in _ROMANCE_ARTICLE.finditer(text) for w in match.group(0).split() if len(w) >= 3]
