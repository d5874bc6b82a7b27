"""An English name of several words that a German translation keeps in English, but not whole.

German news keeps many English names as they are ("United States Geological Survey", "Edinburgh
Sheriff Court", "Crown Office", "Highway Patrol") and translates others ("Nationales
Hurrikanzentrum", "Harvard-Universität"). Which way a translator goes cannot be told from the
source; but where the translation has the name's last word, its head noun, in English as written
("Survey", "Court", "Office": words that are no German), the name was kept in English, and a word
of it missing ("United States Geological", "Edinburgh Court") was dropped.
"""

from __future__ import annotations

import re

from service.checks.calendar_words import DAYS, MONTHS
from service.checks.german_kinds import german_kind
from service.checks.german_names import TITLES
from service.checks.lexicon import COMMON, FREQUENT_DE, FUNCTION_EN, RARE, american, de_count, en_count
from service.checks.name_match import found_in

# two capitalised words or more, with the small words names have inside ("Bank of England")
_RUN = re.compile(r"(?<![\w'’-])[A-Z][\w'’.-]*\w(?:(?:\s+|\s+(?:of|for|the|&)\s+)[A-Z][\w'’.-]*\w)+")
_WORD = re.compile(r"[A-Z][\w'’-]*\w")


def partly_kept(source: str, target: str) -> list[str]:
    """The words of the English names of ``source`` that ``target`` keeps in English, by their head
    noun and a word before it as written, but not the words between ("Edinburgh Court" for
    "Edinburgh Sheriff Court"). Words before the first one kept may be translated ("Acting
    Director" of "Acting Director Park Conservation"), unless the rest of the name is kept as the
    source writes it, word for word ("States Geological Survey" for "United States Geological
    Survey", "Shooters Association" for "Sporting Shooters Association"), where the name does not
    start the sentence (its first capital may be the sentence's) or follow a possessive ("New
    Zealand's Adam Hall" is two names). A title ends a name ("United States President Donald
    Trump")."""
    missing: list[str] = []
    for run in _RUN.finditer(source):
        words = [re.sub(r"['’]s$", "", w) for w in _WORD.findall(run.group(0))]
        opening = bool(_OPENING.search(source[: run.start()]))
        parts = [
            [re.sub(r"['’]s$", "", w) for w in _WORD.findall(part)]
            for part in re.split(r"(?<=['’]s)\s+", run.group(0))
        ]
        for name in _split_at_titles(words):
            # the head: the last English noun kept as written ("Association" of "Sporting Shooters
            # Association of Australia", "Power" of "Hokuriku Electric Power Co.")
            heads = [at for at, word in enumerate(name) if _english_head(word) and _as_written(word, target)]
            if not heads or heads[-1] < 2:
                continue
            head = heads[-1]
            first = next((at for at, word in enumerate(name[:head]) if _as_written(word, target)), None)
            if first is None:
                continue
            missing += [word for word in name[first + 1 : head] if _dropped(word, target)]
            whole = any(name == part[-len(name) :] for part in parts)
            if (
                first
                and whole
                and not (opening and name[0] == words[0])
                and _as_written(" ".join(name[first : head + 1]), target)
            ):
                missing += [
                    word
                    for word in name[:first]
                    if (de_count(word.lower()) or 0) < FREQUENT_DE and _dropped(word, target)
                ]
    return missing


def _dropped(word: str, target: str) -> bool:
    return len(word) >= 3 and en_count(word) < FUNCTION_EN and not found_in(word, target)


# a day or month before a name ("on Tuesday Manchester City won") is no part of it
_DATES = frozenset((*DAYS["en"], *MONTHS["en"]))


def _split_at_titles(words: list[str], *, function_words: bool = True) -> list[list[str]]:
    """The names of a run of capitalised words, split at titles, days and months and (by default)
    at function words ("United States President Donald Trump", "Ferrari And Porsche")."""
    names: list[list[str]] = [[]]
    for word in words:
        if TITLES.search(word + " ") or word in _DATES or (function_words and en_count(word) >= FUNCTION_EN):
            names.append([])
        else:
            names[-1].append(word)
    return [name for name in names if name]


def _english_head(word: str) -> bool:
    """A noun English writes often and German seldom, a loanword at most ("Survey", "Court",
    "Center", "Office"), no name."""
    return en_count(word) >= RARE and (de_count(word) or 0) < FREQUENT_DE and "p" not in german_kind(word)


def _as_written(word: str, target: str) -> bool:
    return bool(re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", target))


# The kinds of place and body German names in its own word, before or after the name, or leaves
# out ("Flughafen Noto" for "Noto Airport", "Ligacup", "Schloss Bellevue", "der Hudson" for "the
# Hudson River"): such a head missing is no word dropped
_KIND_NOUNS = frozenset(
    {"River", "Desert", "City", "Ocean", "Sea", "Mountains", "Mountain", "Lake", "Valley", "State",
     "States", "Province", "County", "Region", "Island", "Islands", "Peninsula", "Canyon", "Falls",
     "Bay", "Gulf", "Strait", "Coast", "Harbour", "Harbor", "Port", "Park", "Street", "Road", "Avenue",
     "Square", "Airport", "Station", "Stadium", "University", "College", "Museum", "Church",
     "Cathedral", "Palace", "Castle", "Bridge", "Tower", "Hospital", "School", "Company", "Party",
     "Government", "Ministry", "Army", "Navy", "Republic", "Kingdom", "Empire", "Dynasty", "War",
     "Games", "Cup", "League", "Championship", "Award", "Prize", "Festival", "Day", "Week", "Age",
     "Era", "Period"}
)  # fmt: skip
# An English word this frequent is an everyday one ("Night", "Red") that a translation renders
EVERYDAY = 10 * COMMON
# a capital that may be the sentence's own: at the start, after a full stop, colon or quotation mark
_OPENING = re.compile(r"(?:^|[.!?:]\s+|[\"“„‚(]\s*)$")


def head_dropped(source: str, target: str) -> list[str]:
    """The head noun of an English name whose other words ``target`` keeps as written, where the
    head is missing ("All Blacks" as "die All", "ADT Corporation" as "ADT", "Wild Card" as "eine
    Wild", "the All Blacks" as "die All"): a name kept in English is kept whole. Not a kind of place
    or body German names in its own word (:data:`_KIND_NOUNS`), not an everyday word, not a name at
    the start of a sentence (its first capital may be the sentence's: "Würselen Despite the cool...";
    after a function word it is not: "The Ninth Ward"), and not an epithet ("Erik the Red" is "Erik
    der Rote")."""
    missing: list[str] = []
    for run in _RUN.finditer(source):
        if re.search(r"\sthe\s", run.group(0)):
            continue
        words = [re.sub(r"['’]s$", "", w) for w in _WORD.findall(run.group(0))]
        if _OPENING.search(source[: run.start()]):
            if en_count(words[0]) < FUNCTION_EN:
                continue
            words = words[1:]  # the sentence's capital is a function word's: "The Ninth Ward"
        # a function word inside a sentence with a capital is the name's ("the All Blacks")
        for name in _split_at_titles(words, function_words=False):
            head = name[-1]
            if (
                len(name) >= 2
                and len(head) >= 3
                and head not in _KIND_NOUNS
                and RARE <= max(en_count(head), en_count(american(head.lower()))) < EVERYDAY
                and all(_as_written(word, target) for word in name[:-1])
                and not found_in(head, target)
            ):
                missing.append(head)
    return missing


def kind_kept(source: str, target: str) -> list[str]:
    """The words of an English name that ends in a kind of place or body (:data:`_KIND_NOUNS`)
    which ``target`` keeps as written, but not the name's other words ("Hong Kong Island" as "Hong
    Island", "Victoria Harbour" as "Harbour", "Mission Bay" as "Bay"): where the translation keeps
    the kind in English it keeps the name in English, whole; where it names the kind in German
    ("Flughafen Noto"), it is not checked here. A possessive ends a name ("South Korea's Jong Seork
    Park")."""
    missing: list[str] = []
    for run in _RUN.finditer(source):
        at = run.start()
        for part in re.split(r"(?<=['’]s)\s+", run.group(0)):
            at = source.index(part, at)
            words = [re.sub(r"['’]s$", "", w) for w in _WORD.findall(part)]
            if _OPENING.search(source[:at]) and en_count(words[0]) >= FUNCTION_EN:
                words = words[1:]  # "The Ninth Ward": the sentence's capital is the article's
            for name in _split_at_titles(words):
                if len(name) >= 2 and name[-1] in _KIND_NOUNS and _as_written(name[-1], target):
                    missing += [
                        word
                        for word in name[:-1]
                        if len(word) >= 3 and word not in _KIND_NOUNS and not found_in(word, target)
                    ]
    return missing
