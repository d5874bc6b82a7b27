"""A person's name swapped for one spelt almost the same ("Scholz" / "Schulz", "Merkel" / "Merkle").

The names check finds a name on the other side in a translator's spelling too, so that a name from
another script passes in the other language's transliteration ("Lawrow" / "Lavrov", "Selenskyj" /
"Zelensky"). That tolerance also lets a model's near miss through: one letter changed, added, left
out or two swapped, which makes another person of a German or English name. So where the source
names a person (a first name before the surname, a verb of saying: :mod:`service.checks.people`,
:mod:`service.checks.speakers`, an English given name) and the translation does not have the
surname as written, a capitalised word of the translation one letter away from it, as both sound
(:func:`service.checks.name_match.fold`), is flagged. Two letters or more away is left to the
transliteration ("Selenskyj" / "Zelensky" are two apart); a spelling the fold makes equal
("Nawalny" / "Navalny") passes.
"""

from __future__ import annotations

import re

from service.checks.name_match import city_names, fold, place_names


def _place(name: str) -> bool:
    return name in city_names() or name in place_names("en") or name in place_names("de")


_CAPITALISED = re.compile(r"(?<![\w'’-])[A-ZÄÖÜ][\w'’-]*\w")


def _one_apart(a: str, b: str) -> bool:
    """Whether two words differ by one letter changed, added or left out, or two next to each
    other swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                                  and a[diff[1]] == b[diff[0]])  # fmt: skip
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def swapped_names(persons: list[str], source: str, target: str) -> list[tuple[str, str]]:
    """The surnames of ``persons`` (named in ``source``) that ``target`` does not have as written
    but one letter away, each with the word that stands for it ("Scholz", "Schulz" for "Olaf Schulz"
    in place of "Olaf Scholz")."""
    swaps: list[tuple[str, str]] = []
    words = set(_CAPITALISED.findall(target))
    for name in dict.fromkeys(persons):
        if len(name) < 4 or re.search(rf"(?<![\w-]){re.escape(name)}", target) or _place(name):
            continue  # a place's other language's name is often a letter apart ("Belgrade", "Belgrad")
        near = sorted(
            word
            for word in words
            if not re.search(
                rf"(?<![\w-]){re.escape(word)}(?![\w-])", source
            )  # as a word: "Musial" is in "Musiala"
            and re.sub(r"['’]", "", word) != name  # "Frerich's" for "Frerichs"
            and _one_apart(fold(name), fold(re.sub(r"['’]s$", "", word)))
        )
        if near:
            swaps.append((name, near[0]))
    return swaps
