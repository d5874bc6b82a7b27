"""The names a German text writes in words of other languages, before a noun or with a qualifier:
an English name kept whole ("Westminster Magistrates Court", "Commonwealth Games": every word of a
run of capitalised words that English knows, one of them an English word German does not have), a
name standing before a German noun ("der Kruger Nationalpark"), and the river or region that tells
a place from another of its name ("Frankfurt am Main"), which a translation may leave out."""

from __future__ import annotations

import re
from functools import cache

from service.checks.german_kinds import city, german_kind, village
from service.checks.german_names import FUNCTION_WORD, TITLES
from service.checks.lexicon import (
    FREQUENT_DE,
    RARE,
    american,
    de_count,
    en_count,
    german_nouns,
    german_places,
)
from service.checks.name_match import city_names, place_names, place_of_adjective

_RUN = re.compile(
    r"(?<![\w-])[A-Z][\w'’.-]*\w(?:(?:\s+|\s+(?:of|and|for|the|&)\s+|['’]s\s+)[A-Z][\w'’.-]*\w)+"
)
_RUN_WORD = re.compile(r"[A-Z][\w.-]*\w")


def english_names(text: str) -> list[str]:
    """The words of the English names a German text keeps: runs of two capitalised words or more,
    each one English knows (or a name), at least one a frequent English word that is no frequent
    German one ("Edinburgh Sheriff Court", "Microsoft Office", "Commonwealth Games"); not "Deutsche
    Bank" (English does not know "Deutsche") nor "Als Team" (a German function word)."""
    out: list[str] = []
    for run in _RUN.finditer(text):
        words = [w.rstrip(".") for w in _RUN_WORD.findall(run.group(0))]
        known = all(
            en_count(part) > 0 or _british(part) or german_kind(part) == "p" or part in place_names("de")
            for w in words
            for part in w.split("-")  # "Highway Buffalo-Pittsburgh"
        ) and not any((de_count(w.lower()) or 0) >= FUNCTION_WORD or TITLES.search(w + " ") for w in words)
        english = any(en_count(w) >= RARE and (de_count(w.lower()) or 0) < FREQUENT_DE for w in words)
        if known and english:
            out.extend(w for w in words if len(w) >= 3)
    return out


@cache
def _cities_of_several_words() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The cities GeoNames names in several capitalised words, by their first word."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for name in city_names():
        words = tuple(name.split())
        if len(words) >= 2 and all(w[:1].isupper() for w in words):
            by_first.setdefault(words[0], []).append(words)
    return {first: tuple(names) for first, names in by_first.items()}


_WORD = re.compile(r"[^\W\d_][\w'’]*")
# a saint's title, which a translation writes its own way ("Sankt Petersburg", "Saint Petersburg")
_SAINTS = frozenset({"Sankt", "St", "Saint", "Ste"})


def city_runs(text: str) -> list[str]:
    """The words of a city named in several words inside a German sentence ("New Orleans", "Buenos
    Aires", "Hong Kong"), each of which a translation keeps, though a list may have it as a German
    noun ("Orleans", a cloth); not a saint's title ("Sankt Petersburg")."""
    words = [(m.group(0), m.start()) for m in _WORD.finditer(text)]
    cities = _cities_of_several_words()
    out: list[str] = []
    for at, (word, start) in enumerate(words):
        for name in cities.get(word, ()) if start else ():
            if tuple(w for w, _ in words[at : at + len(name)]) == name:
                out += [w for w in name if len(w) >= 3 and w not in _SAINTS]
    return out


# a player of a line-up or a list of scorers: a surname, maybe after an initial, maybe with goals or a
# substitute in brackets ("P. Horstmann", "Bruland (2)", "Kröger (87. Diallo)"), or a goal with the score
# before it and the minute after ("1:1 Haaland (34.)")
_PLAYER = (
    r"(?:\d{1,2}:\d{1,2}\s)?(?:[A-ZÄÖÜ]\.\s)?[A-ZÄÖÜ][\w'’-]+"
    r"(?:\s\((?:\d+(?:/\d+)?\.?|\d+\.\s[A-ZÄÖÜ][\w'’-]+)\))?"
)
_LINE_UP = re.compile(
    rf"(?<![\w'’.-]){_PLAYER}(?:(?:,\s|\s[-–]\s){_PLAYER}){{3,}}(?![\w'’-])(?!\s(?:und|oder)\b)"
)
# what tells a line-up from a list of nouns: the dash between its rows, an initial, goals in brackets
_LINE_UP_SIGN = re.compile(r"\s[-–]\s|(?:^|\s)[A-ZÄÖÜ]\.\s|\(\d")
_PLAYER_NAME = re.compile(r"(?<![\w.])[A-ZÄÖÜ][\w'’-]{2,}")


def line_ups(text: str) -> list[str]:
    """The players of a sports report's line-up or list of scorers ("Spangenberg - Hecker,
    Strohbücker, Adolph - Kröger (87. Diallo), P. Horstmann"; "Tore: Hintze (9), Ernst (6),
    Kretschmer (3)"): four names or more, with commas or dashes between and no word in small letters,
    one of them with an initial, goals in brackets or a dash; not a list of nouns in a sentence,
    which ends in "und" or "oder" ("Äpfel, Birnen, Pflaumen und Kiwis")."""
    return [
        name
        for match in _LINE_UP.finditer(text)
        if _LINE_UP_SIGN.search(match.group(0))
        for name in _PLAYER_NAME.findall(match.group(0))
    ]


# a company's name before its legal form ("Siemens AG"), a town after an institution named for it
# ("Landgericht Essen", "Flughafen Essen/Mülheim"): German words that name ("Essen" is a meal too)
_BEFORE_FORM = re.compile(r"(?<![\w-])([A-ZÄÖÜ][\w&-]+)\s+(?:AG|GmbH|SE|KG|KGaA)(?![\w])")
_AFTER_INSTITUTION = re.compile(
    r"(?<![\w-])(?:Landgericht|Amtsgericht|Oberlandesgericht|Verwaltungsgericht|Flughafen|Hauptbahnhof"
    r"|Polizeipräsidium|Polizeiinspektion|Polizeidirektion|Universität|Landkreis|Stadtwerke|Bistum"
    r"|Erzbistum|Regierungsbezirk)\s+([A-ZÄÖÜ][\w-]+)"
)


def named_by_kind(text: str) -> list[str]:
    """A company's name before its legal form ("Die Siemens AG"), no frequent German word; a town
    after an institution that carries its name ("Landgericht Essen", "Flughafen Essen")."""
    out = [
        m.group(1) for m in _BEFORE_FORM.finditer(text) if (de_count(m.group(1).lower()) or 0) < FUNCTION_WORD
    ]
    return out + [
        m.group(1)
        for m in _AFTER_INSTITUTION.finditer(text)
        if m.group(1) in city_names() or m.group(1) in german_places()
    ]


# a newspaper by its place or region and its kind ("Süddeutsche Zeitung", "Westfälische Nachrichten",
# "Heilbronner Stimme", "Westdeutsche Allgemeine Zeitung"), and the Sunday papers
_PAPER = re.compile(
    r"(?<![\w-])([A-ZÄÖÜ][\w-]*(?:e|er))\s+((?:Allgemeine\s+)?(?:Zeitung|Allgemeine|Nachrichten|Rundschau"
    r"|Stimme|Post|Tagespost|Anzeiger|Stadt-Anzeiger|Kurier|Morgenpost|Tageblatt|Tagblatt|Volksstimme|Presse))"
    r"(?![\w-])"
)
_SUNDAY_PAPER = re.compile(r"(?<![\w-])(Bild|Welt)\s+am\s+Sonntag\b")


def newspapers(text: str) -> list[str]:
    """The words of a newspaper's name, which English news keeps ("laut Süddeutscher Zeitung":
    "according to Süddeutsche Zeitung"): a capitalised adjective of a place or region (German writes
    adjectives small, but in names) before the kind of paper ("Menschen Nachrichten" is two nouns:
    no adjective's ending); "Bild" and "Welt" before "am Sonntag" (the day is often translated)."""
    out = [word for match in _PAPER.finditer(text) for word in (match.group(1), *match.group(2).split())]
    return out + [match.group(1) for match in _SUNDAY_PAPER.finditer(text)]


# a capitalised word inside a sentence and the capitalised word after it, with a space between
_BEFORE_NOUN = re.compile(r"(?<=[a-zäöüß,] )([A-ZÄÖÜ][a-zäöüß]{3,}) ([A-ZÄÖÜ][a-zäöüß]{3,})(?![\w-])")


def before_nouns(text: str) -> list[str]:
    """Names a German text puts before a noun with a space ("der Kruger Nationalpark", "der
    Füchtorfer Heimatverein", "die Plieninger Straße"): German joins its own words to a noun, so a
    word standing before a common noun of the lists is a name (or a place's adjective), where no
    list knows it and it does not end in a noun of the lists ("der Frontsänger Steven Tyler", "die
    Begleitläuferin Anna")."""
    nouns = german_nouns()
    out: list[str] = []
    for match in _BEFORE_NOUN.finditer(text):
        word, noun = match.groups()
        low = word.lower()
        if german_kind(word) or de_count(low) is not None or "n" not in german_kind(noun):
            continue
        place = word in german_places() or place_of_adjective(word) is not None  # "Rehweiler", "Coburger"
        if not place and any("n" in nouns.get(low[cut:].capitalize(), "") for cut in range(1, len(low) - 3)):
            continue
        out.append(word)
    return out


def _british(word: str) -> bool:
    """An English word in British spelling ("Organisation", "Labour", "Centre"), as the English
    list has it in American spelling; not a German word the same rules would turn into an English
    one ("Prise", which is no "prize")."""
    low = word.lower()
    return bool(re.search(r"(?:isation|isations|our|ours|tre|tres)$", low)) and en_count(american(low)) > 0


# a compound's first part left open and the compound that completes it ("der Han- und der Jin-Dynastie")
_LEFT_OPEN = re.compile(
    r"(?<![\w-])([A-ZÄÖÜ]\w{2,})-\s+(?:und|oder|bis|sowie)\s+(?:(?:der|die|das|dem|den|des)\s+)?"
    r"([A-ZÄÖÜ]\w+)-[A-ZÄÖÜ]"
)


def left_open(text: str, names: set[str]) -> list[str]:
    """The first parts of compounds left open whose completing compound starts with a name ("Han" of
    "der Han- und der Jin-Dynastie", where "Jin" is one): the two are names of the same kind; not a
    frequent German word ("Nord- und Süd-Korea")."""
    return [
        match.group(1)
        for match in _LEFT_OPEN.finditer(text)
        if match.group(2) in names
        and (de_count(match.group(1).lower()) or 0) < FUNCTION_WORD
        and match.group(1) not in ("Nord", "Süd", "Ost", "West")
    ]


_QUALIFIED = re.compile(r"(?<![\w-])([A-ZÄÖÜ][\w-]+)\s+(?:am|an der|ob der|im|in der)\s+([A-ZÄÖÜ]\w+)")


def place_qualifiers(text: str) -> set[str]:
    """The river or region that tells a German place from another of its name ("Main" of "Frankfurt
    am Main", "Oder" of "Frankfurt an der Oder", "Breisgau" of "Freiburg im Breisgau"), which a
    translation may leave out: after a place the lists know, or after a word no list knows where the
    qualifier is a name only and follows "am", "an der" or "ob der" ("Obernberg am Inn"; not
    "Merkel in der Türkei", nor "Konzert am Rhein")."""
    return {
        match.group(2)
        for match in _QUALIFIED.finditer(text)
        if match.group(1) in place_names("de")
        or city(match.group(1))
        or village(match.group(1))
        or (
            match.group(0).split()[1] in ("am", "an", "ob")
            and not german_kind(match.group(1))
            and german_kind(match.group(2)) == "p"
        )
    }
