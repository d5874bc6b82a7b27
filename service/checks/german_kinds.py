"""What kind of word a capitalised German word is by the word lists alone: a name, a common noun or
both (:func:`german_kind`), a place (a city, a town or village, a street, a place named after a
person, one no list knows), a word spelt as no German word is, or one that ends in a German noun.

:mod:`service.checks.german_names` reads these with a word's neighbours.
"""

from __future__ import annotations

import re

from service.checks.lexicon import (
    COMMON,
    FREQUENT_DE,
    PLACE_ENDINGS,
    RARE,
    RAREST_DE,
    de_count,
    en_count,
    german_compound,
    german_nouns,
    german_places,
    german_word,
)
from service.checks.name_match import city_names, place_names

# spellings no German word has: an accent other than the umlauts ("Guaycurú", "Sámi"), a final
# vowel other than e ("Casablanca", "Intihuatana"), a c that is no ch, ck or sch ("Asociacion")
# or a final -cs ("Paralympics")
_FOREIGN = re.compile(r"[^\W\däöüßa-z]|[aiouy]$|c(?![hk])|cs$", re.IGNORECASE)


# German names the lists have as common nouns, or not at all, that English news keeps as they are:
# the clubs' own words of German football ("Borussia Dortmund", "Eintracht Frankfurt", "Schalke
# 04"), the league and the feast ("Bundesliga", "Oktoberfest")
KEPT_GERMAN = frozenset(
    {"Borussia", "Eintracht", "Fortuna", "Hertha", "Werder", "Arminia", "Alemannia", "Hansa", "Dynamo",
     "Kickers", "Greuther", "Schalke", "Bundesliga", "Oktoberfest"}
)  # fmt: skip


# German regions CLDR does not name, which the lists have as nouns too or not at all
_REGIONS = frozenset(
    {"Oberbayern", "Niederbayern", "Niedersachsen", "Oberfranken", "Unterfranken", "Mittelfranken",
     "Oberpfalz", "Elsass"}
)  # fmt: skip


def german_kind(word: str) -> str:
    """ "p" (a name), "n" (a common noun), "np" (both) by Wiktionary, or "" (not listed). A name
    that is also a frequent German word is both ("Sonne", "Abend", "Bergen", "Norden"); a country
    or city CLDR names in German is a name ("China", "Wien"), and so is a German name English news
    keeps (:data:`KEPT_GERMAN`)."""
    if word in place_names("de") or (word[-1:] in ("s", "n") and word[:-1] in place_names("de")):
        return "p"  # a place, in its genitive or dative too ("Frankreichs", "den Niederlanden")
    if word in KEPT_GERMAN or (word.endswith("s") and word[:-1] in KEPT_GERMAN) or word in _REGIONS:
        return "p"
    nouns = german_nouns()
    kind = nouns.get(word) or ("p" if word.endswith("s") and nouns.get(word[:-1]) == "p" else "")
    if kind == "p" and (de_count(word.lower()) or 0) >= FREQUENT_DE:
        return "np"
    return kind


def city(word: str) -> bool:
    """A city GeoNames names ("Gaziantep", "Devonport") that is no common noun of the German list
    ("Halle", "Kiel") nor a frequent word of either language ("Essen", "Hall", "Nice")."""
    return (
        word in city_names()
        and "n" not in german_kind(word)
        and (de_count(word.lower()) or 0) < FREQUENT_DE
        and en_count(word) < COMMON
        and not two_nouns(word)
    )


def village(word: str) -> bool:
    """A town or village of Germany, Austria or Switzerland ("Pressig", "Kottingbrunn") that is no
    common noun of the German list, no frequent word of either language ("Essen", "Lauf") and no
    two nouns run together ("Tempel-hof")."""
    return (
        word in german_places()
        and german_kind(word) in ("", "p")
        and (de_count(word.lower()) or 0) <= RAREST_DE
        and en_count(word) < RARE
        and not two_nouns(word)
    )


def small_town(word: str) -> bool:
    """A town or village of the GeoNames list that may look like two nouns ("Abtswind"), but is
    neither a word of the lists nor a frequent one: after a preposition with no article, a place."""
    return (
        word in german_places()
        and german_kind(word) in ("", "p")
        and (de_count(word.lower()) or 0) <= RAREST_DE
        and en_count(word) < RARE
    )


def unknown_place(word: str) -> bool:
    """A word no list knows, that ends in no German noun in any form ("Mittelehrenbach", "Eckental";
    not "Besuchersicht", "Unternehmensvorständen"): after a preposition with no article, a place."""
    low = word.lower()
    return (
        word.isalpha()
        and len(word) >= 4
        and not german_kind(word)
        and (de_count(low) or 0) <= RAREST_DE
        and en_count(word) < RARE
        and not german_word(low)
        and not german_tail(word)
        and not any(
            german_word(low[cut:]) or "n" in german_nouns().get(low[cut:].capitalize(), "")
            for cut in range(2, len(low) - 4)
        )
    )


def foreign_word(word: str) -> bool:
    """A word no list has as a word, rare in English, spelt as no German word is ("Muskoka": "Mus"
    and "Koka" are in the lists, but German ends no word of its own in -a)."""
    return (
        word.isalpha()
        and len(word) >= 4
        and not german_kind(word)
        and de_count(word.lower()) is None
        and en_count(word) < RARE
        and looks_foreign(word)
    )


def two_nouns(word: str) -> bool:
    """A word made of two common nouns of the German list ("Tempel-hof", "Tor-eck")."""
    nouns = german_nouns()
    return any(
        nouns.get(word[:cut]) == "n" and "n" in nouns.get(word[cut:].capitalize(), "")
        for cut in range(3, len(word) - 2)
    )


# a street, square or lane, and the name it is called after
_STREET = re.compile(r"([A-ZÄÖÜ][a-zäöüß]{2,}?)(?:straße|strasse|weg|platz|allee|gasse)")


def street(word: str) -> bool:
    """A street no list knows that is named after a name, not after German words ("Morlaixplatz",
    "Sechseläutenplatz", "Brandhoveweg"; not "Bahnradweg", "Messeparkplatz"): English news keeps it
    as written."""
    match = _STREET.fullmatch(word)
    if match is None or de_count(word.lower()) is not None:
        return False
    named = match.group(1)
    return german_kind(named) == "p" or not german_compound(named.lower())


_PLACE_TAIL = re.compile(r"^(\w{3,}?)(?:burg|berg|stein|dorf|hausen|heim|feld|bach|stadt|hof|ingen|hafen)s?$")


def named_after(word: str) -> bool:
    """A place named after a person, a name with a German place ending ("Petersburg",
    "Wilhelmshaven", "Ludwigshafen", "Karlsruhe" aside): not a common noun of a word the lists
    have ("Sandburg", "Friedhof")."""
    head = _PLACE_TAIL.match(word)
    if not head:
        return False
    name = head.group(1)
    return german_kind(name) == "p" or (name.endswith("s") and german_kind(name[:-1]) == "p")


def looks_foreign(word: str) -> bool:
    """A word no list knows, spelt as no German word is ("die Sundarbans" aside): a name after an
    article too ("das heutige Casablanca", "der Guaycurú", "die Springboks")."""
    return bool(_FOREIGN.search(word[1:]))


_PLACE_ENDING = re.compile(rf"(?:{PLACE_ENDINGS})s?")


def german_tail(word: str) -> bool:
    """A word that ends in a German common noun of four letters or more, one German writes often
    or one after a frequent word ("Folk-treff", "Ed-ding", "Hard-rock", "Tor-steher"; not
    "Devon-port", "Schl-egel")."""
    nouns = german_nouns()
    for cut in range(2, len(word) - 3):
        head, tail = word[:cut].lower(), word[cut:]
        kind = nouns.get(tail.capitalize(), "")
        if "n" not in kind or (kind == "np" and _PLACE_ENDING.fullmatch(tail.lower())):
            continue  # not a German place's ending that is a name too ("Bellings-hausen", "Gold-stein")
        if (
            (de_count(tail.lower()) or 0) >= FREQUENT_DE
            or en_count(head) >= 1000
            or (de_count(head) or 0) >= FREQUENT_DE
        ):
            return True
    return False
