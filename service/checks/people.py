"""People named in a German text: a first name and the surname after it.

News names people of every country, and a surname is often a German word as well ("Philipp Lahm",
"Georg Dinkel", "Carolin Stallmann"): the lists alone take it for a noun or a compound. After a
first name it is a surname. The first names come from many countries' lists
(:func:`service.checks.lexicon.first_names`), which hold places and words as well ("Paris",
"Golden", "Summer"), so a first name counts only where it is no place, no German common noun and
no frequent word of either language; and the word after it only where it is no frequent German
word ("Frank Ernst" aside), no word of time ("Anna Anfang"), no title, no place and no inflected
form of a German noun ("Mario Gedanken": the plural of "Gedanke").
"""

from __future__ import annotations

import re

from service.checks.calendar_words import time_word
from service.checks.german_kinds import german_kind
from service.checks.german_names import FUNCTION_WORD, TITLES
from service.checks.lexicon import COMMON, RARE, de_count, en_count, first_names, german_nouns
from service.checks.name_match import big_city, place_names

# two capitalised words, the second read again as the first of the next pair ("Minister Andreas Scheuer")
_PAIR = re.compile(r"(?<![\w.-])([A-ZÄÖÜ][a-zäöüßà-ÿ]+)(?=\s+([A-ZÄÖÜ][\w’'-]*[a-zäöüß])(?![\w-]))")


def first_name(word: str) -> bool:
    """A first name of the lists that is no place, no German common noun and no frequent word."""
    return (
        word in first_names()
        and "n" not in german_kind(word)
        and word not in place_names("de")
        and word not in place_names("en")
        and not big_city(word)  # a town somewhere may share it ("Andreas"); a city is a place
        and en_count(word) < COMMON
        and (de_count(word.lower()) or 0) < FUNCTION_WORD
    )


def _inflected_noun(word: str) -> bool:
    """A form of a German common noun the list has in a shorter form too ("Gedanken" of "Gedanke",
    "Tage" of "Tag"); not a noun with -er, which surnames are made of ("Scheuer", "Fischer")."""
    nouns = german_nouns()
    return "n" in nouns.get(word, "") and any(
        word.endswith(end) and len(word) - len(end) >= 3 and "n" in nouns.get(word[: -len(end)], "")
        for end in _ENDINGS
    )


_ENDINGS = ("n", "en", "e", "s", "es")


def _surname(word: str) -> bool:
    if "-" in word:  # a double surname ("Hartmann-Niemerg"), not a compound ("FCG-Torwart")
        return all(
            part[1:].islower() and _surname(part) and "n" not in german_kind(part) for part in word.split("-")
        )
    return (
        len(word) >= 3
        and not time_word(word)
        and (de_count(word.lower()) or 0) < FUNCTION_WORD
        and not _inflected_noun(word)
        and word not in place_names("de")
        and not TITLES.search(word + " ")
    )


def german_people(text: str) -> list[str]:
    """The first names and surnames of the people a German ``text`` names ("Philipp", "Lahm")."""
    out: list[str] = []
    for match in _PAIR.finditer(text):
        first, surname = match.groups()
        if first_name(first) and _surname(surname):
            out += [first, surname]
    return out


def surnames_after_first_names(text: str) -> list[str]:
    """Every capitalised word after a word the first-name lists have, unguarded ("Merkel" of "Angela
    Merkel", though "Angela" is a German noun too): only for comparing spellings
    (:mod:`service.checks.name_swaps`), never to require a name."""
    return [
        surname
        for first, surname in _PAIR.findall(text)
        if first in first_names()
        and en_count(surname) < RARE
        and "n" not in german_kind(surname).replace("np", "")
    ]
