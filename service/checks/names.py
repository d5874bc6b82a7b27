"""Names, acronyms and codes: Latin-script ones in the source appear in a Latin-script translation.

What counts as a name in the source, without a dictionary:

* an acronym or code: two capitals or more ("NATO", "COVID-19", "802.11n", "F-35"), or letters with
  digits, or a capital inside a word ("iPhone", "McDonald");
* in English, a capitalised word that does not start the sentence (German capitalises every noun,
  so there a single capitalised word is not taken for a name);
* in German, two or more capitalised words in a row that do not start the sentence ("Angela Merkel",
  "Ehud Ur");
* in Korean, every Latin-script word (a Korean text writes in Latin script only what it keeps).

A name is found in the translation when it is there as written, or a word of the translation
starts like it (exonyms and inflections: "Russia"/"Russland", "Italy"/"Italien", "Europas").
For a Korean translation names are not checked here: only where a glossary gives the Korean form
(glossary check) or the article itself does (consistency check), never guessed.
"""

from __future__ import annotations

import gzip
import json
import re
from functools import cache, lru_cache
from importlib import resources

from babel import Locale

from service.checks.flag import Flag, flag

_TOKEN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ0-9][\w'’.-]*[\w]|[A-Za-zÀ-ÖØ-öø-ÿ]")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|[\"„“«(\[]\s*)$")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.]*[A-Z0-9]s?$|^[a-z]+[A-Z]\w*$|^Ma?c[A-Z]\w+$")
_CODE = re.compile(r"^(?=.*\d)(?=.*[A-Z])[\w.-]+$|^\d+(?:\.\d+)+[a-z]$")
# An English word this frequent (pyspellchecker's counts, from subtitles) is an ordinary word even
# capitalised ("War", "Ocean", "Hand"), not a name
_COMMON = 10_000
# English names ("Miller", "Trump", "Katrina") are in that list too, but rarer than the ordinary
# words English capitalises in names it translates ("Ocean", "Independence", "United")
_RARE = 3_000
_NOT_NAMES_EN = {
    "I", "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Jr", "Sr", "Inc", "Ltd", "Co", "Corp", "Monday", "Tuesday",
    "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April",
    "May", "June", "July", "August", "September", "October", "November", "December",
}  # fmt: skip
# Acronyms German and English write differently (either way round)
_ACRONYM_PAIRS = (("AI", "KI"), ("UN", "UNO"), ("UN", "VN"), ("US", "USA"), ("GDP", "BIP"), ("TV", "Fernseh"),
                  ("WLAN", "Wi-?Fi"), ("WLAN", "WiFi"), ("AIDS", "Aids"), ("EU", "European Union"),
                  ("EU", "Europäische"), ("UN", "United Nations"), ("UN", "Vereinte"),
                  ("US", "United States"), ("US", "Vereinigte"), ("TV", "[Tt]elevision"),
                  ("WHO", "Weltgesundheits"), ("WHO", "World Health"))  # fmt: skip
_ACRONYM_ALIASES: dict[str, tuple[str, ...]] = {}
for _a, _b in _ACRONYM_PAIRS:
    _ACRONYM_ALIASES[_a] = (*_ACRONYM_ALIASES.get(_a, ()), _b)
    _ACRONYM_ALIASES[_b] = (*_ACRONYM_ALIASES.get(_b, ()), _a)
_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "é": "e", "è": "e", "á": "a", "ó": "o"})


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
def exonyms(source_lang: str, target_lang: str) -> dict[str, tuple[str, ...]]:
    """Word of a country, region or language name in ``source_lang`` -> that name in
    ``target_lang`` (CLDR, through Babel): "Sweden" -> "Schweden", "Catalan" -> "Katalanisch"."""
    out: dict[str, set[str]] = {}
    try:
        src, tgt = Locale(source_lang), Locale(target_lang)
    except (ValueError, TypeError):
        return {}
    for table in ("territories", "languages"):
        theirs = getattr(tgt, table)
        for code, name in getattr(src, table).items():
            if code in theirs:
                for word in re.findall(r"\w{3,}", name):
                    out.setdefault(word.casefold(), set()).add(theirs[code])
    return {word: tuple(names) for word, names in out.items()}


_ENDINGS_DE = ("", "n", "en", "s", "es", "e", "er", "ern", "em")


def _german_word(low: str) -> bool:
    words = dictionary("de")
    return any(low.endswith(end) and low[: len(low) - len(end)] in words for end in _ENDINGS_DE)


@lru_cache(maxsize=65_536)
def _german_compound(low: str) -> bool:
    """Whether a word is German: in the list, inflected ("straßen"), or made of words of the list,
    with their joining letters ("weltkulturerbegebiete", "kokosblütenzucker", "typ-1-diabetes")."""
    parts = [p for p in re.split(r"[-\d]+", low) if p]
    if len(parts) > 1:
        return all(len(p) < 3 or _german_compound(p) for p in parts)
    if _german_word(low):
        return True
    for cut in range(len(low) - 3, 3, -1):
        head, tail = low[:cut], low[cut:]
        known_head = head in dictionary("de") or (head[-1] in "sn" and head[:-1] in dictionary("de"))
        if known_head and (_german_word(tail) or (len(tail) >= 6 and _german_compound(tail))):
            return True
    return False


def is_name(word: str, source_lang: str, target_lang: str) -> bool:
    """Whether a capitalised word of the source is a name a Latin-script translation keeps.

    Never a common English word ("War", "Ocean", "Hand"). German capitalises every noun, and its
    list (pyspellchecker's) has names as well as nouns, all at one count: a name there is a word
    the list lacks that is no compound or inflection of its words ("Danius"), or one English
    knows at least 100 times ("Miller"). A Latin-script word in Korean is kept on purpose: any
    word not common in English."""
    low = word.lower()  # not casefold: the lists keep "ß"
    en_count = dictionary("en").get(low, 0)
    if en_count >= _COMMON:
        return False
    if source_lang == "ko":
        return en_count < _RARE
    if source_lang == "de":
        de_count = dictionary("de").get(low)
        return de_count is None and (en_count >= 100 or not _german_compound(low))
    # English: rare in English, and either a word German has too ("Paris", "Obama") or hardly an
    # English word at all ("Siminoff"); a name only English writes ("Trump") is missed, rather than
    # flagging every translated one ("Peninsula", "Congress")
    return en_count < _RARE and (low in dictionary("de") or en_count < 100)


def _fold(word: str) -> str:
    return word.casefold().translate(_FOLD)


def _starts_sentence(text: str, start: int) -> bool:
    return bool(_SENTENCE_START.search(text[:start]))


def is_acronym(word: str) -> bool:
    """An acronym ("NATO", "USAs"), a code ("COVID-19", "F-35") or a name with an inner capital;
    not a Roman numeral ("XVI": the numbers check reads those)."""
    if re.fullmatch(r"[IVXLC]+", word):
        return False
    if _CODE.match(word) and not re.search(r"\d-[A-ZÄÖÜ][a-zäöüß]|[a-zäöüß]{2}-\d", word):
        return True
    return bool(_ACRONYM.match(word)) and sum(c.isupper() for c in word) >= 2


def _acronyms_in(word: str) -> list[str]:
    if is_acronym(word):
        return [word]
    parts = word.split("-")
    for end in range(len(parts) - 1, 1, -1):  # a code first in a compound: "F-35-Modell"
        if is_acronym(code := "-".join(parts[:end])):
            return [code, *(p for p in parts[end:] if len(p) > 1 and is_acronym(p))]
    return [part for part in parts if len(part) > 1 and is_acronym(part)]


_TITLES = re.compile(
    r"(?:Dr|Prof|Herr|Frau|Präsident(?:in)?|Minister(?:in)?|Premierminister(?:in)?|Kanzler(?:in)?"
    r"|Senator(?:in)?|Sprecher(?:in)?|Trainer(?:in)?|Chef(?:in)?|von|van|de)\.?\s+$"
)
_BEFORE = re.compile(r"([A-ZÄÖÜ][\w'’-]+)\s+$")
_AFTER = re.compile(r"^\s+([A-ZÄÖÜ][\w'’-]+)")


def _beside_name(text: str, start: int, length: int) -> bool:
    """German: a word the lists do not know counts as a name only after a title ("Dr. Moll",
    "Präsident Harper") or beside another such word ("Sara Danius"); alone it is more often a
    noun the lists miss."""
    before, after = text[max(0, start - 40) : start], text[start + length : start + length + 40]
    if _TITLES.search(before):
        return True
    near = [m.group(1) for m in (_BEFORE.search(before), _AFTER.match(after)) if m]
    return any(is_name(word, "de", "en") or dictionary("de").get(word.lower()) is None for word in near)


def source_names(text: str, lang: str, target_lang: str = "en") -> list[str]:
    """The names, acronyms and codes of ``text`` that a Latin-script translation must keep."""
    out: list[str] = []
    if lang == "ko":  # Latin-script words in Korean, less the particles written onto them
        words = re.findall(r"(?<![A-Za-z])[A-Z][A-Za-z0-9'’&.-]*[A-Za-z0-9]", text)
        return [w for w in dict.fromkeys(words) if is_acronym(w) or is_name(w, "ko", target_lang)]
    tokens = [(re.sub(r"['’]s?$", "", m.group(0).rstrip(".")), m.start()) for m in _TOKEN.finditer(text)]
    for word, start in tokens:
        initial = _starts_sentence(text, start)
        if acronyms := _acronyms_in(word):
            out.extend(acronyms)
            continue
        capital = word[:1].isupper() and not initial and word not in _NOT_NAMES_EN and len(word) >= 2
        if capital and "-" not in word and is_name(word, lang, target_lang) \
                and (lang != "de" or _beside_name(text, start, len(word))):  # fmt: skip
            out.append(word)
    return list(dict.fromkeys(out))


def found_in(name: str, target: str) -> bool:
    if name in target:
        return True
    if len(name) <= 3 and not is_acronym(name):
        return name.casefold() in target.casefold()
    if is_acronym(name):
        letters = re.sub(r"[^A-Za-z0-9]", "", name).casefold()
        squeezed = re.sub(r"[^A-Za-z0-9]", "", target).casefold()
        if letters in squeezed or letters.rstrip("s") in squeezed:
            return True
        # "USA" and "US", "UNO" and "UN": an acronym of the translation that begins the same
        return len(letters) >= 3 and any(
            a.casefold() == letters[:2] for a in re.findall(r"\b[A-Z]{2}\b", target.replace(".", ""))
        )
    stem = _fold(name)[: max(4, min(len(name) - 2, 6))] if len(name) > 4 else _fold(name)
    return any(_fold(word).startswith(stem) for word in re.findall(r"\w+", target))


def check_names(source: str, target: str, source_lang: str, target_lang: str) -> list[Flag]:
    if target_lang == "ko":
        return []
    known = exonyms("en" if source_lang == "ko" else source_lang, target_lang)
    return [
        flag("names", "major", f"{name} in the source, not in the translation")
        for name in source_names(source, source_lang, target_lang)
        if not found_in(name, target)
        and not any(
            found_in(word, target) for other in known.get(name.casefold(), ()) for word in other.split()
        )
        and not any(re.search(rf"(?<!\w){alias}", target) for alias in _ACRONYM_ALIASES.get(name, ()))
    ]
