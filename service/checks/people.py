"""People named in a German or English text: a first name and the surname after it.

News names people of every country, and a surname is often a German word as well ("Philipp Lahm",
"Georg Dinkel", "Carolin Stallmann"): the lists alone take it for a noun or a compound. After a
first name it is a surname. The first names come from many countries' lists
(:func:`service.checks.lexicon.first_names`), which hold places and words as well ("Paris",
"Golden", "Summer"), so a first name counts only where it is no place, no German common noun and
no frequent word of either language; and the word after it only where it is no frequent German
word ("Frank Ernst" aside), no word of time ("Anna Anfang"), no title, no place and no inflected
form of a German noun ("Mario Gedanken": the plural of "Gedanke").

In English (:func:`english_people`) a given name of the census lists before a capitalised word
makes a person; :func:`person_names` gathers both, with a name after a title or a verb of saying
and a team's line-up.
"""

from __future__ import annotations

import re

from service.checks.calendar_words import DAYS, time_word
from service.checks.german_kinds import city, german_kind
from service.checks.german_names import FUNCTION_WORD, TITLES
from service.checks.german_runs import line_ups
from service.checks.lexicon import (
    COMMON,
    FUNCTION_EN,
    NAME_COMMON,
    RARE,
    de_count,
    en_count,
    first_names,
    german_nouns,
    given_names,
)
from service.checks.name_match import big_city, place_names
from service.checks.speakers import quoted_speakers

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


# Words capitalised beside names that are no names: titles, days, months, pronouns, feasts
NOT_NAMES = {
    "I", "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Jr", "Sr", "Inc", "Ltd", "Co", "Corp", *DAYS["en"],
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", *DAYS["de"], "Januar", "Februar", "März",
    "Mai", "Juni", "Juli", "Oktober", "Dezember", "Herr", "Frau", "Sie", "Ihr", "Ihre", "Ihnen", "Du",
    "Dich", "Dir", "Dein", "Deine", "Euch", "Euer",
    # a place in a race, a German ordinal made a noun ("wurde Achter": "finished eighth")
    "Erster", "Zweiter", "Dritter", "Vierter", "Fünfter", "Sechster", "Siebter", "Achter", "Neunter",
    "Zehnter",
    # titles and offices: translated, never kept ("Kanzlerin Merkel" / "Chancellor Merkel")
    "Chancellor", "Chancellors", "Chancellery", "President", "Minister", "Ministry", "Senator",
    "Governor", "Mayor", "Secretary", "Prime", "Premier", "King", "Queen", "Prince", "Princess", "Pope",
    "Professor", "General", "Sheikh", "Emperor", "Lord", "Sir", "Madam", "Kanzler", "Kanzlerin",
    "Präsident", "Präsidentin", "Bürgermeister", "Bürgermeisterin", "König", "Königin", "Papst",
    # feasts each language names its own way
    "Christmas", "Easter", "Pentecost", "Whitsun", "Whitsunday", "Lent", "Epiphany", "Weihnachten",
    "Ostern", "Pfingsten", "Silvester", "Fastenzeit",
    # scales of temperature, units named after people: a translator adds or drops them ("35 Grad" /
    # "35 degrees Celsius"); the temperatures check compares the degrees
    "Celsius", "Fahrenheit", "Kelvin",
}  # fmt: skip


# a given name, a nickname in quotation marks maybe ("Dustin "Goldust" Runnels"), and the surname
_PERSON = re.compile(
    r"(?<![\w-])([A-Z][a-z]+)\s+(?:[\"“][^\"“”]{1,30}[\"”]\s+)?([A-Z][\w'’-]*[a-z])(?![\w-])"
)
_POSTNOMINAL = re.compile(r"\s+(?:MP|MSP|MEP|QC|KC|Jr|Sr)\b")  # "Norman Lamb MP": a person


def english_people(text: str) -> list[str]:
    """A given name and the word after it in an English text: a person's name, the surname too
    where it is an English word ("Ryan Gosling", "Emma Stone", "Oliver Sacks"); not a given name
    English writes as a frequent word ("Mark", "Will", "Hope") nor a title or month after it."""
    out: list[str] = []
    for match in _PERSON.finditer(text):
        given, surname = match.group(1), re.sub(r"['’]s?$", "", match.group(2))  # "Swift's": "Swift"
        if (
            (
                (given in given_names() and not city(given) and given not in place_names("en"))
                or (given in given_names() and _POSTNOMINAL.match(text, match.end()))
                # a first name of another country (no place: people.first_name) only before a word
                # rare in English ("Florian Jasic"; not "Ellsworth Land")
                or (first_name(given) and en_count(surname) < RARE)
            )
            and en_count(given) < NAME_COMMON
            and given not in NOT_NAMES
            and surname not in NOT_NAMES
            and not TITLES.search(surname + " ")
            and en_count(surname) < FUNCTION_EN
        ):
            out += [given, surname]
    return out


# a title and the name after it, up to three words ("Präsident Wolodymyr Selenskyj")
_AFTER_TITLE = re.compile(
    TITLES.pattern.removesuffix("$") + r"((?:[A-ZÄÖÜ][\w'’-]+\s+){0,2}[A-ZÄÖÜ][\w'’-]+)"
)


def person_names(text: str, lang: str) -> list[str]:
    """The given names and surnames of the people a German or English text names: after a first
    name, a verb of saying ("sagte Franke") or a given name of the census lists."""
    persons = [*english_people(text), *surnames_after_first_names(text)]
    persons += [
        m.group(1).split()[-1] for m in _AFTER_TITLE.finditer(text)
    ]  # "Präsident Wolodymyr Selenskyj"
    if lang == "de":
        persons += [*german_people(text), *quoted_speakers(text), *line_ups(text)]
    # an English possessive is the name ("Taylor Swift's tour": "Swift", which German writes "Swifts")
    return list(dict.fromkeys(re.sub(r"(?<=\w)['’]s?$", "", p) if lang == "en" else p for p in persons))
