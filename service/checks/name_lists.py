"""Names in a list of names: "Goethe, Fichte und Schlegel", "Lewis, Clark and Pike".

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
