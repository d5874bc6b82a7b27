"""Weekdays: the same days on both sides of a translation ("am Montag" / "on Monday" / "월요일에").

A news sentence dates an event by its weekday as often as by its date; a model that turns Monday
into Tuesday changes the facts as a wrong digit does. Each side's weekdays are read in the pair's
languages (German, English, Korean), and a day one side names that the other does not is flagged,
under the numbers check (dates are read there too). Only whole words: "Sonntagsfrage",
"Samstagabend", "montags" and "Sundays" are read as the day they start with; "Mon" or "Sat" are
not read.
"""

from __future__ import annotations

import re

from service.checks.flag import Flag, flag

DAYS = {
    "de": ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "ko": ("월요일", "화요일", "수요일", "목요일", "금요일", "토요일", "일요일"),
}
# each language's day names, lower case -> day (0 = Monday); "Sonnabend" is Saturday in the north
_DAY = {
    lang: {name.lower(): day for day, name in enumerate(names)} | ({"sonnabend": 5} if lang == "de" else {})
    for lang, names in DAYS.items()
}
# whole words in German and English; Korean writes a day onto the word before it as well ("매주월요일")
_WORD = {
    lang: re.compile(("" if lang == "ko" else r"(?<!\w)") + "(" + "|".join(days) + ")", re.I)
    for lang, days in _DAY.items()
}


def weekdays(text: str, lang: str) -> dict[int, str]:
    """The weekdays a ``lang`` text names: day (0 = Monday) -> the word as written."""
    pattern = _WORD.get(lang)
    if pattern is None:
        return {}
    found: dict[int, str] = {}
    for match in pattern.finditer(text):
        found.setdefault(_DAY[lang][match.group(1).lower()], match.group(1))
    return found


def check_weekdays(source: str, target: str, source_lang: str, target_lang: str) -> list[Flag]:
    """A day one side names and the other does not. Each side is read in both languages, so that
    a name kept as written ("Welt am Sonntag", "Saturday Night Live") is the same day on both
    sides. A day left out is minor (a translator may drop "am Sonntag" for "on the weekend"); a day
    put in its place ("Montag" / "Tuesday") is major."""
    if source_lang not in _WORD or target_lang not in _WORD:
        return []
    langs = dict.fromkeys((source_lang, target_lang))
    src = {day: word for lang in langs for day, word in weekdays(source, lang).items()}
    tgt = {day: word for lang in langs for day, word in weekdays(target, lang).items()}
    missing = [word for day, word in src.items() if day not in tgt]
    added = [word for day, word in tgt.items() if day not in src]
    return [
        flag("numbers", "major" if added else "minor", f"{word} in the source, not in the translation")
        for word in missing
    ] + [flag("numbers", "major", f"{word} in the translation, not in the source") for word in added]
