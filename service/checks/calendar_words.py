"""Weekdays and months: the same ones on both sides of a translation ("am Montag" / "on Monday" /
"월요일에"; "im Oktober" / "in October").

A news sentence dates an event by its weekday or its month as often as by a full date; a model
that turns Monday into Tuesday or October into November changes the facts as a wrong digit does.
Each side's days and months are read in the pair's languages, and one that one side names and the
other does not is flagged, under the numbers check (full dates are read there too).

* Days (German, English, Korean): whole words, and a word a day starts ("Sonntagsfrage",
  "Samstagabend", "montags" and "Sundays" are that day); "Mon" or "Sat" are not read.
* Months (German and English; a Korean month is a number, "10월", which the numbers check reads):
  whole words written with a capital ("May", "March": not "may", "march"), and their abbreviations
  with a full stop ("Okt.", "Sept."), not a word a month starts ("Augustiner", "Maifeiertag").
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from service.checks.flag import Flag, flag
from service.checks.korean_numbers import bare_days
from service.checks.time_zones import zone_moved

DAYS = {
    "de": ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "ko": ("월요일", "화요일", "수요일", "목요일", "금요일", "토요일", "일요일"),
}
MONTHS = {
    "de": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
           "Oktober", "November", "Dezember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
}  # fmt: skip
# German words of time a name is no: each day and month, and the parts of a span ("Anfang Mai", "Mitte
# der Woche"); a word a day starts is one too ("Montagabend")
_SPAN_DE = ("Anfang", "Ende", "Mitte", "Beginn")
TIME_WORDS_DE = frozenset((*DAYS["de"], *MONTHS["de"], *_SPAN_DE))


def time_word(word: str) -> bool:
    """Whether a capitalised German word is a word of time ("Mai", "Mitte", "Sonntagabend"), not a
    name that starts like one ("Maier", "Endemann")."""
    return word in TIME_WORDS_DE or word.startswith(DAYS["de"])


# other names of a day or month: "Sonnabend" is Saturday in the north, Austria's "Jänner" and "Feber"
_OTHER_DAYS = {"de": {"sonnabend": 5}}
_OTHER_MONTHS = {"de": {"jänner": 0, "feber": 1}}
_ABBREVIATED = {
    "de": {
        "jan.": 0,
        "feb.": 1,
        "febr.": 1,
        "aug.": 7,
        "sept.": 8,
        "sep.": 8,
        "okt.": 9,
        "nov.": 10,
        "dez.": 11,
    },
    "en": {"jan.": 0, "feb.": 1, "aug.": 7, "sept.": 8, "sep.": 8, "oct.": 9, "nov.": 10, "dec.": 11},
}


def _table(
    names: Mapping[str, tuple[str, ...]], *others: Mapping[str, Mapping[str, int]]
) -> dict[str, dict[str, int]]:
    """Each language's names, lower case -> number (0 = Monday, 0 = January)."""
    return {
        lang: {name.lower(): at for at, name in enumerate(words)}
        | {k: v for o in others for k, v in o.get(lang, {}).items()}
        for lang, words in names.items()
    }


_DAY = _table(DAYS, _OTHER_DAYS)
_MONTH = _table(MONTHS, _OTHER_MONTHS, _ABBREVIATED)
# days: whole words or a word's start in German and English; Korean writes a day onto the word before
# it as well ("매주월요일"); months: whole words with a capital, or an abbreviation with its full stop
_DAY_WORD = {
    lang: re.compile(("" if lang == "ko" else r"(?<!\w)") + "(" + "|".join(days) + ")", re.I)
    for lang, days in _DAY.items()
}
_MONTH_WORD = {
    lang: re.compile(
        r"(?<!\w)(?<![^\W\d]\.)("  # not after a letter's full stop ("v.Chr."), after a day's ("01.Januar")
        + "|".join(re.escape(m[:1].upper() + m[1:]) for m in sorted(months, key=len, reverse=True))
        + r")(?!\w)"
    )
    for lang, months in _MONTH.items()
}


def _named(
    text: str, lang: str, words: Mapping[str, re.Pattern[str]], table: Mapping[str, Mapping[str, int]]
) -> dict[int, str]:
    """The days or months (by ``words``' patterns and ``table``'s numbers) a ``lang`` text names:
    number -> the word as written."""
    pattern = words.get(lang)
    if pattern is None:
        return {}
    found: dict[int, str] = {}
    for match in pattern.finditer(text):
        found.setdefault(table[lang][match.group(1).lower()], match.group(1))
    return found


def weekdays(text: str, lang: str) -> dict[int, str]:
    """The weekdays a ``lang`` text names: day (0 = Monday) -> the word as written."""
    return _named(text, lang, _DAY_WORD, _DAY)


# the words German and English name a day by besides its weekday ("morgen" in small letters only:
# "am Morgen" is the morning)
_DAY_WORDS = {
    "de": re.compile(r"(?<!\w)(?:[Vv]orgestern|[Gg]estern|[Hh]eute|[Üü]bermorgen|morgen|am Vortag)(?!\w)"),
    "en": re.compile(r"(?<!\w)(?:yesterday|today|tomorrow|tonight|last night)(?!\w)", re.I),
}


def names_a_day(text: str, lang: str) -> bool:
    """Whether a German or English text names a day by a word: its weekday ("am Dienstag", "on
    Tuesday") or as seen from the news ("gestern", "yesterday")."""
    pattern = _DAY_WORDS.get(lang)
    return bool(weekdays(text, lang)) or (pattern is not None and pattern.search(text) is not None)


def months(text: str, lang: str) -> dict[int, str]:
    """The months a German or English text names: month (0 = January) -> the word as written."""
    return _named(text, lang, _MONTH_WORD, _MONTH)


def month_mentions(text: str, lang: str) -> list[int]:
    """Each month a German or English text names, as often as it names it (1 = January)."""
    pattern = _MONTH_WORD.get(lang)
    return [] if pattern is None else [_MONTH[lang][m.group(1).lower()] + 1 for m in pattern.finditer(text)]


# a date in digits, day first ("01.03.2025", "1.3.25") or as ISO writes it ("2025-03-01"): its month
# may be named on the other side ("1 March 2025")
_DAY_FIRST = re.compile(r"(?<![\d.])(?:0?[1-9]|[12]\d|3[01])\.(0?[1-9]|1[0-2])\.(?:\d{4}|\d{2})(?![\d.]*\d)")
_ISO_DATE = re.compile(r"(?<![\d-])\d{4}-(0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?![\d-])")


# an American date, month first, without its year: "9/11", "1/6" (only read to excuse the month
# named on the other side: "die Anschläge vom 11. September")
_MONTH_FIRST = re.compile(r"(?<![\d/.,])(1[0-2]|0?[1-9])/(?:3[01]|[12]\d|0?[1-9])(?![\d/]|\.\d)")


def months_in_digits(text: str, lang: str = "") -> set[int]:
    """The months of the dates ``text`` writes in digits (0 = January); in English, "9/11" too."""
    patterns = (_DAY_FIRST, _ISO_DATE, *((_MONTH_FIRST,) if lang == "en" else ()))
    return {int(m.group(1)) - 1 for pattern in patterns for m in pattern.finditer(text)}


def _compare(
    source: dict[int, str], target: dict[int, str], in_digits: tuple[set[int], set[int]] = (set(), set())
) -> list[Flag]:
    """A day or month one side names and the other does not: major where another stands in its place
    ("Montag" / "Tuesday": one flag naming both), minor where it is left out (a translator may drop
    "am Sonntag" for "on the weekend"). ``in_digits``: the months each side writes in a date in
    digits, which stand for the month named on the other side ("01.03.2025" / "1 March 2025")."""
    missing = [word for at, word in source.items() if at not in target and at not in in_digits[1]]
    added = [word for at, word in target.items() if at not in source and at not in in_digits[0]]
    if len(missing) == len(added) == 1:  # one day for another is one flag naming both
        return [flag("numbers", "major", f"{missing[0]} in the source, {added[0]} in the translation")]
    return [
        flag("numbers", "major" if added else "minor", f"{word} in the source, not in the translation")
        for word in missing
    ] + [flag("numbers", "major", f"{word} in the translation, not in the source") for word in added]


def _moved_by_zone(
    src: dict[int, str], tgt: dict[int, str], source: str, target: str
) -> tuple[dict[int, str], dict[int, str]]:
    """The weekdays less the one a time in the readers' zone moves past midnight: "Mittwoch, 22 Uhr
    MEZ" / "한국시간 목요일 오전 6시" (:func:`service.checks.time_zones.zone_moved`)."""
    lost, added = set(src) - set(tgt), set(tgt) - set(src)
    if len(lost) != 1 or len(added) != 1:
        return src, tgt
    (was,), (now,) = lost, added
    if not any(day and (was + day) % 7 == now for day in zone_moved(source, target).days):
        return src, tgt
    return {d: w for d, w in src.items() if d != was}, {d: w for d, w in tgt.items() if d != now}


# German news names a night by the day it ends on: "in der Nacht zum Donnerstag" is Wednesday night
_NIGHT_TO = re.compile(r"Nacht (?:zum|zu|auf den|auf)\s+(\w+)")


def _night_before(days: dict[int, str], other: dict[int, str], text: str, lang: str) -> dict[int, str]:
    """A German side's days with a night named by the day it ends on read as the day it begins on,
    where the other side names that day and not the next ("in der Nacht zum Donnerstag" /
    "Wednesday night", an outside tester's pair)."""
    if lang != "de":
        return days
    out = dict(days)
    for m in _NIGHT_TO.finditer(text):
        for day, word in weekdays(m.group(1), "de").items():
            if day in out and (day - 1) % 7 in other and day not in other:
                del out[day]
                out[(day - 1) % 7] = word
    return out


def check_calendar_words(source: str, target: str, source_lang: str, target_lang: str) -> list[Flag]:
    """The days and the months of the two sides compared (:func:`_compare`), where both languages
    have them named (months: German and English). Each side is read in both languages, so that a
    name kept as written ("Welt am Sonntag", "Saturday Night Live") is the same on both sides."""
    flags: list[Flag] = []
    for read, names in ((weekdays, _DAY_WORD), (months, _MONTH_WORD)):
        if source_lang not in names or target_lang not in names:
            continue
        langs = dict.fromkeys((source_lang, target_lang))
        src = {at: word for lang in langs for at, word in read(source, lang).items()}
        tgt = {at: word for lang in langs for at, word in read(target, lang).items()}
        digits = (
            (months_in_digits(source, source_lang), months_in_digits(target, target_lang))
            if read is months
            else (set(), set())
        )
        if read is weekdays:  # Korean news dates by the day of the month ("3일(현지시간)") instead
            tgt = {} if source_lang == "ko" and not src and bare_days(source) else tgt
            src = {} if target_lang == "ko" and not tgt and bare_days(target) else src
            src, tgt = _moved_by_zone(src, tgt, source, target)
            src, tgt = (
                _night_before(src, tgt, source, source_lang),
                _night_before(tgt, src, target, target_lang),
            )
        flags += _compare(src, tgt, digits)
    return flags
