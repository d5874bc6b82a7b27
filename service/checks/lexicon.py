"""Word lists the names check reads: which words are ordinary German or English words.

pyspellchecker ships frequency lists (lowercase) for English (counts from subtitles) and German
(a word list with names as well as nouns, most at one count). A word is taken as German when the
list has it, inflected ("Straßen") or as a compound of its words ("Weltkulturerbegebiete").
"""

from __future__ import annotations

import gzip
import json
import re
from functools import cache, lru_cache
from importlib import resources

# An English word this frequent is an ordinary word even capitalised ("War", "Ocean", "Hand")
COMMON = 10_000
# Rarer than the ordinary words English capitalises in the names it translates ("Ocean",
# "Independence", "United"); English names ("Miller", "Trump") are in the list too
RARE = 3_000
# An English word this frequent is a function word ("The", "And", "At"), no part of a name
FUNCTION_EN = 1_000_000
# A name of the German list this frequent in English is an ordinary English word too ("Lord", "Park")
NAME_COMMON = 30_000
# The count pyspellchecker's English list gives a word it has seen only now and then ("guarani")
SELDOM_EN = 100
# The German list gives most of its words (names, nouns) one low count; words it counts above
# this are the frequent ones ("Haus" 142, "Hand" 321), ordinary words rather than names
FREQUENT_DE = 55

# The count pyspellchecker's German list gives most of its words, names among them
RAREST_DE = 50
_ENDINGS_DE = ("", "n", "en", "s", "es", "e", "er", "ern", "em")


@cache
def dictionary(lang: str) -> dict[str, int]:
    """Word counts of ``lang`` (lowercase) from pyspellchecker's frequency lists; empty for others."""
    path = resources.files("spellchecker") / "resources" / f"{lang}.json.gz"
    if not path.is_file():
        return {}
    with path.open("rb") as raw, gzip.open(raw) as unzipped:
        counts: dict[str, int] = json.load(unzipped)
    return counts


@cache
def german_nouns() -> dict[str, str]:
    """German noun forms (as written) -> "n" (a common noun), "p" (a name) or "np" (both), from the
    German Wiktionary through the german-nouns list (CC BY-SA 4.0; data/README.md)."""
    path = resources.files("service.checks") / "data" / "german_nouns.tsv.gz"
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as lines:
        return dict(line.rstrip("\n").split("\t") for line in lines if "\t" in line)


@cache
def _census(name: str) -> frozenset[str]:
    path = resources.files("service.checks") / "data" / name
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as lines:
        return frozenset(line.strip() for line in lines if line.strip())


def given_names() -> frozenset[str]:
    """Given names ("Ryan", "Emma"), from the US Census 1990 name files (public domain;
    data/README.md)."""
    return _census("given_names.txt.gz")


def first_names() -> frozenset[str]:
    """First names of many countries ("Philipp", "André", "Wiebke"), from Faker's locales (MIT;
    data/README.md). Noisy on its own ("Paris", "Summer"): read with guards."""
    return _census("first_names.txt.gz")


def german_places() -> frozenset[str]:
    """The towns and villages of Germany, Austria and Switzerland, 500 people or more ("Pressig",
    "Abtswind"), from GeoNames (CC BY 4.0; data/README.md)."""
    return _census("german_places.txt.gz")


def surnames() -> frozenset[str]:
    """The 2,000 commonest US surnames ("Brooks", "Woods"), from the same files."""
    return _census("surnames.txt.gz")


@cache
def german_vocabulary() -> frozenset[str]:
    """Lowercase German words: Wiktionary's nouns and names (the parts of compounds: "Südfrankreich",
    "Nordkorea-Politik") and the words pyspellchecker's list counts as frequent. Its rarest words
    (one count, most of the list) are left out: names are among them ("johnson", "merkel")."""
    nouns = (form.lower() for form in german_nouns())
    frequent = (word for word, count in dictionary("de").items() if count > RAREST_DE)
    return frozenset(frequent).union(nouns)


def en_count(word: str) -> int:
    return dictionary("en").get(word.lower(), 0)


def de_count(word: str) -> int | None:
    return dictionary("de").get(word.lower())  # not casefold: the list keeps "ß"


def german_word(low: str) -> bool:
    """In the German lists as written, or a known German word with an inflection ending: a common
    noun of Wiktionary or a frequent word of pyspellchecker's list ("straßen"; not "Miller" from
    a stray "mill")."""
    if low in german_vocabulary() or low in _SMALL_WORDS:
        return True
    if low in dictionary("de") and _VERB_OR_ORDINAL.search(low):
        return True  # a verb made a noun or an ordinal ("Verschlucken", "Elfter")
    nouns, counts = german_nouns(), dictionary("de")
    for end in _ENDINGS_DE[1:]:
        base = low[: len(low) - len(end)]  # a stem of three letters or more ("Krug-er", not "M-er", "In-en")
        known = "n" in nouns.get(base.capitalize(), "") or counts.get(base, 0) >= FREQUENT_DE
        if low.endswith(end) and len(base) >= 3 and known:
            return True
    return False


# Parts of compounds and names no list has as a word of its own
_SMALL_WORDS = frozenset({"ost", "west", "nord", "süd", "sankt", "bad", "neu", "alt"})
_VERB_OR_ORDINAL = re.compile(r"(?:[^aeiou]en|ern|eln|ter|tes|ten|tem|ster|stes|sten)$")


# endings German derives ordinary nouns and adjectives with, never names
_DERIVED_DE = re.compile(
    r"(?:ung|ungen|heit|heiten|keit|keiten|schaft|schaften|ierung|ismus|ität|itäten|tion|tionen"
    r"|chen|lein|nis|nisse|ling|linge|isch|ische[nrms]?|lich|liche[nrms]?|ig|ige[nrms]?|bar)$"
)


# the feminine of an agent noun ("Mandatarin", "Kolumnistinnen"), long enough to be no given name
_FEMININE = re.compile(r"^.{4,}(?:ar|är|or|ist|eur)in(?:nen)?$")


_VERB_PREFIX = re.compile(r"(?:ein|aus|an|ab|auf|mit|vor|zu|über|unter|durch|um|nach|her|hin|weg|zurück)")


def _head(head: str) -> bool:
    """A first part of a compound: a word of the lists (all of pyspellchecker's), with a joining
    letter ("Arbeit-s-", "Lebe-n-s-") or less its final -e ("Schul-" of "Schule")."""
    return any(
        form in words
        for words in (dictionary("de"), german_vocabulary())
        for form in (
            head,
            head[:-1] if head[-1] in "sn" else "",
            head[:-2] if head.endswith(("en", "es", "er")) else "",
            head + "e",
        )
        if form
    )


@lru_cache(maxsize=65_536)
def german_compound(low: str) -> bool:
    """Whether a word is German: in the list, inflected ("straßen"), derived ("-ung", "-heit"),
    or made of words of the list with their joining letters ("weltkulturerbegebiete",
    "kokosblütenzucker", "olivenöl", "busbahnhof", "typ-1-diabetes")."""
    parts = [p for p in re.split(r"[-\d]+", low) if p]
    if len(parts) > 1:
        return all(len(p) < 3 or german_compound(p) for p in parts)
    if german_word(low) or (len(low) > 6 and _DERIVED_DE.search(low)) or _FEMININE.search(low):
        return True
    prefix = _VERB_PREFIX.match(low)  # a verb made a noun ("Einkratzen", "Aufstehen")
    if prefix and len(low) - prefix.end() >= 4 and german_word(low[prefix.end() :]):
        return True
    agent = re.match(r"(.{3,}?)(?:er|erin|erinnen|ern|ers)?$", low)  # "Rangierer", "Nachrüst-"
    if agent and (german_word(agent.group(1) + "en") or german_word(agent.group(1) + "n")):
        return True
    for cut in range(len(low) - 2, 2, -1):
        head, tail = low[:cut], low[cut:]
        if len(tail) >= 4 and re.search("[äöüß]", tail) and "n" in german_nouns().get(tail.capitalize(), ""):
            return True  # any first part before a noun only German writes ("Zyanur-säure")
        if not _head(head) or (
            len(head) == 3 and (head.capitalize() not in german_nouns() or de_count(head) is None)
        ):
            continue  # a head of three letters a noun of both lists ("Bus-bahnhof", not "Fis-ichella")
        if len(tail) >= 3 and german_word(tail):
            return True  # the last part known for sure; the first may be any word of the lists
        if len(tail) >= 4 and (dictionary("de").get(tail + "en") or 0) >= FREQUENT_DE:
            return True  # a verb's stem last, in a compound left open ("Kennenlern-Geschichten")
        nouns = german_nouns()  # a short last part only after a noun ("Oliven-öl", not "Mill-er"),
        # and one of two letters only a frequent word ("Meister-ei", not "Dill-on", "Nass-ar")
        short = len(tail) < 3 and (de_count(tail) or 0) < FREQUENT_DE
        if not short and "n" in nouns.get(tail.capitalize(), "") and "n" in nouns.get(head.capitalize(), ""):
            return True
        if len(tail) >= 5 and german_compound(tail):
            return True
    return _mixed_compound(low)


# the last parts of German place names ("Hamburg", "Recklinghausen", "Göttingen")
PLACE_ENDINGS = "burg|berg|stein|heim|hausen|dorf|feld|bach|stadt|hof|ingen|thal|tal"
# last parts of German-looking place and family names ("Silverstein", "Goldberg", "Newhausen")
_NAME_TAIL = re.compile(rf"(?:{PLACE_ENDINGS}|mann)s?$")


def _mixed_compound(low: str) -> bool:
    """A German word joined to a frequent English one of five letters or more, either way round
    ("Musikcontest", "Turbotempo"): German news mixes them; not a name's German-looking last
    part ("Silverstein")."""
    nouns = german_nouns()
    for cut in range(4, len(low) - 4):
        head, tail = low[:cut], low[cut:]
        if german_word(head) and "n" in nouns.get(head.capitalize(), "") and en_count(tail) >= _ENGLISH_PART:
            return True
        if (
            en_count(head) >= _ENGLISH_PART
            and "n" in nouns.get(tail.capitalize(), "")
            and not _NAME_TAIL.search(tail)
        ):
            return True
    return False


_ENGLISH_PART = 1000


def american(low: str) -> str:
    """An English word in American spelling ("harbour" -> "harbor"), as the English list has it."""
    low = re.sub(r"(?<=[fc])ence$", "ense", re.sub(r"tre$", "ter", low))
    return re.sub(r"our\b", "or", re.sub(r"is(e|ed|es|ing|ation|ations|er|ers)$", r"iz\1", low))
