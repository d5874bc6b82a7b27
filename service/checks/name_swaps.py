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

A name the source has on its own ("Laut Scholz ...", "Söder kritisierte ...") is looked at too, with
what a translation does to a name on its own left out: a place (its other language's name is often
a letter apart, "Kreta" / "Crete", "Belgrad" / "Belgrade", and a country's or language's name by
CLDR, "Latein" / "Latin"), a short name each language writes its own way ("UdSSR" / "USSR"), and
an ending added or left off ("Kanadas" / "Canada's", "Schalker" / "Schalke", "Geisinger" /
"Geisingen").
"""

from __future__ import annotations

import re

from service.checks.german_kinds import german_kind
from service.checks.lexicon import first_names, german_places, given_names
from service.checks.name_match import city_names, exonyms, fold, place_names
from service.checks.other_spellings import ALIASES


def _place(name: str) -> bool:
    return name in city_names() or name in place_names("en") or name in place_names("de")


def _other_form(name: str, near: str) -> bool:
    """Whether a name on its own and the word a letter from it are one name in two languages'
    spellings or forms: a place's other name ("Belgrad" / "Belgrade"), another ending ("Kanadas" /
    "Canada", "Kreta" / "Crete", "Schalker" / "Schalke", "Geisinger" / "Geisingen"), a country's
    or language's other name by CLDR ("Latein" / "Latin"), or a short name ("UdSSR" / "USSR"). A
    misspelt place ("Nigreia" for "Nigeria") is none of these."""
    if name in ALIASES or _place(near) or near in german_places():
        return True
    a, b = fold(name), fold(near)
    if a != b and (
        a.startswith(b) or b.startswith(a) or (a[:-1] == b[:-1] and {a[-1], b[-1]} <= set("aeonrs"))
    ):
        return True
    return any(  # a word of it: "Guayana" of "Französisch-Guayana" is "Guiana" of "French Guiana"
        fold(word) == b
        for stem in (name, name.removesuffix("s"))
        for lang, other_lang in (("de", "en"), ("en", "de"))
        for other in exonyms(lang, other_lang).get(fold(stem), ())
        for word in re.findall(r"\w+", other)
    )


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


def _apart(name: str, word: str) -> bool:
    """Whether ``word`` is a letter from ``name`` as both sound, or, where the two sound alike,
    as written and both are surnames the German list knows ("Hofmann" / "Hoffmann", "Maier" /
    "Mayer": two families, not two spellings of one name; not given names, which rulers and saints
    take in each language's form, "Josef" / "Joseph")."""
    if _one_apart(fold(name), fold(word)):
        return True
    return (
        fold(name) == fold(word)
        and _one_apart(name.casefold(), word.casefold())
        and all(_surname(w) for w in (name, word))
    )


def _surname(word: str) -> bool:
    return "p" in german_kind(word) and word not in first_names() and word not in given_names()


def swapped_names(
    persons: list[str],
    source: str,
    target: str,
    alone: list[str] | tuple[str, ...] = (),
) -> list[tuple[str, str]]:
    """The surnames of ``persons`` (named in ``source``), and the names the source has on their own
    (``alone``), that ``target`` does not have as written but one letter away, each with the word
    that stands for it ("Scholz", "Schulz" for "Olaf Schulz" in place of "Olaf Scholz")."""
    swaps: list[tuple[str, str]] = []
    source, target = source.translate(_APOSTROPHES), target.translate(_APOSTROPHES)
    words = set(_CAPITALISED.findall(target))
    people = set(persons)
    for name in dict.fromkeys([*persons, *alone]):
        if len(name) < 4 or re.search(rf"(?<![\w-]){re.escape(name)}", target):
            continue
        near = sorted(  # a place's other language's name is often a letter apart ("Belgrad")
            bare
            for word in words
            if not re.search(
                rf"(?<![\w-]){re.escape(word)}(?![\w-])", source
            )  # as a word: "Musial" is in "Musiala"
            and word.replace("'", "") != name  # "Frerich's" for "Frerichs"
            and word.replace("-", "").casefold() != name.casefold()  # "Gruga-Halle" for "Grugahalle"
            and _apart(name, bare := word.removesuffix("'s"))
            and not (_place(name) and _place(bare))
            and (name in people or not _other_form(name, bare))
        )
        if near:
            swaps.append((name, near[0]))
    return swaps


_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "´": "'"})
