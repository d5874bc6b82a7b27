"""The numbers check: every number of the source is in the translation and the translation adds none.

Each number written in digits is read into the values it can mean, in any of de/en/ko conventions
("6.000", "6,000" and "6,000명" are 6000; "2,4" and "2.4" are 2.4; "1.5 Mrd.", "1.5 billion" and
"15억" are 1,500,000,000; "6만" is 60,000; "3 p.m." is also 15), and a number written in digits on one
side must meet one of its values on the other side. Number words ("zwei", "two", "두 명", "삼차원"),
month names ("Dezember" = 12, for "12월") and ordinals ("first", "erste", "첫") count as values on
the other side. Cardinals written as words are required too, between German and English ("vier" /
"four" or "4") and from a Korean source ("세 명" / "three" or "3"); "ein"/"a"/"한" and "both" are too
often not numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from service.checks.flag import Flag, flag
from service.checks.korean_numbers import KO_UNITS as _KO_UNITS
from service.checks.korean_numbers import korean_counts, korean_numerals_in_words, korean_word

_DIGITS = re.compile(
    r"(?<![\d])(\d{1,3}(?: \d{3})+(?!\d|[.,]\d)|\d+(?:[.,'\u2019]\d+|[\u202f\u00a0]\d{3}(?!\d))*)"
    r"(?:\s?(Millionen|Million|Mio\.?|Milliarden|Milliarde|Mrd\.?|Billionen|Billion|Tausend|tausend"
    r"|millions?|billions?|trillions?|thousand|bn|mn|[조억만천백십]+))?"
    r"(?=(\s?(?:Uhr|[ap]\.?m\.?|시|:\d\d))?)",
)
_TIME = re.compile(
    r"(?<![\d:])(\d{1,2}):(\d\d)(?![\d:])|(?<![\d.,])([01]\d|2[0-3])([0-5]\d)(?=\s?(?:GMT|UTC|MEZ|Uhr)\b)"
    # a time with a full stop before "Uhr" or "pm" ("14.30 Uhr", "2.30 pm"), not a decimal
    r"|(?<![\d.,:])([01]?\d|2[0-3])\.([0-5]\d)(?=\s?(?:Uhr\b|[ap]\.?m\b\.?))"
)
# a German decade ("90er Jahre", "80er-Jahren"): that decade of the 1900s or the 2000s
_DECADE_DE = re.compile(r"er(?:-|\s)?[Jj]ahre")
# A range shares its scale word: "4,2 bis 3,9 Millionen", "2 to 3 billion", "2~3억"
_RANGE_TO_SCALED = re.compile(r"^\s*(?:bis|to|und|and|or|oder|-|–|~|에서)\s*\d[\d.,]*\s?(\S+)")
# a German "Billion" is a million million; an English "billion" is a German "Milliarde"
_SCALES = {
    "million": 10**6, "millions": 10**6, "mn": 10**6, "millionen": 10**6, "mio": 10**6, "mio.": 10**6,
    "milliarde": 10**9, "milliarden": 10**9, "mrd": 10**9, "mrd.": 10**9, "billion": 10**9,
    "billions": 10**9, "bn": 10**9, "trillion": 10**12, "trillions": 10**12, "billionen": 10**12,
    "tausend": 1000, "thousand": 1000,
}  # fmt: skip
_KO_SMALL = {"십": 10, "백": 100, "천": 1000}
_ROMAN = {"II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10, "XI": 11,
          "XII": 12, "XIII": 13, "XIV": 14, "XV": 15, "XVI": 16, "XVII": 17, "XVIII": 18, "XIX": 19,
          "XX": 20, "XXI": 21}  # fmt: skip

_EN_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "thousand": 1000, "million": 10**6, "billion": 10**9, "dozen": 12, "first": 1, "second": 2,
    "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
    "eleventh": 11, "twelfth": 12, "twentieth": 20, "hundredth": 100, "both": 2, "twice": 2, "once": 1,
    "single": 1, "double": 2, "triple": 3, "half": 0.5, "quarter": 4, "decade": 10, "decades": 10,
    "century": 100, "pair": 2, "couple": 2, "a": 1, "an": 1, "twenties": 20, "thirties": 30,
    "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70, "eighties": 80, "nineties": 90,
}  # fmt: skip
_DE_WORDS = {
    "null": 0, "ein": 1, "eine": 1, "einen": 1, "einem": 1, "einer": 1, "eines": 1, "eins": 1, "zwei": 2,
    "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11,
    "zwölf": 12, "zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60,
    "siebzig": 70, "achtzig": 80, "neunzig": 90, "hundert": 100, "tausend": 1000, "million": 10**6,
    "millionen": 10**6, "milliarde": 10**9, "milliarden": 10**9, "dutzend": 12, "beide": 2, "beiden": 2,
    "zweimal": 2, "einmal": 1, "doppelt": 2, "halb": 0.5, "hälfte": 0.5, "jahrzehnt": 10, "paar": 2,
    "erst": 1, "zweit": 2, "dritt": 3, "viert": 4, "fünft": 5, "sechst": 6, "siebt": 7,
    "neunt": 9, "zehnt": 10, "elft": 11, "zwölft": 12, "jahrhundert": 100, "viertel": 4,
}  # fmt: skip
_DE_PREFIXES = sorted(
    ("zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwölf", "zwanzig",
     "dreißig", "vierzig", "fünfzig", "hundert", "tausend", "ein", "erst", "zweit", "dritt", "doppel",
     "viert", "fünft", "sechst", "siebt", "neunt", "zehnt", "elft", "zwölft"),
    key=len, reverse=True,
)  # fmt: skip
_DE_PREFIX_VALUE = {
    "erst": 1,
    "zweit": 2,
    "dritt": 3,
    "doppel": 2,
    "viert": 4,
    "fünft": 5,
    "sechst": 6,
    "siebt": 7,
    "neunt": 9,
    "zehnt": 10,
    "elft": 11,
    "zwölft": 12,
} | {p: v for p, v in _DE_WORDS.items() if p in _DE_PREFIXES}
_MONTHS = {
    **{m: i + 1 for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july",
       "august", "september", "october", "november", "december"))},
    **{m: i + 1 for i, m in enumerate(("januar", "februar", "märz", "april", "mai", "juni", "juli",
       "august", "september", "oktober", "november", "dezember"))},
    "jänner": 1, "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "okt": 10, "nov": 11, "dec": 12, "dez": 12,
}  # fmt: skip
_KO_WORD = re.compile(r"[가-힣]+")
_LATIN_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+")


@dataclass(frozen=True)
class Number:
    text: str  # as written
    values: frozenset[Decimal]  # every value it can mean
    parts: frozenset[Decimal] = frozenset()  # "41.30" may be 41 and 30 written apart ("41초 30")
    at: int = -1  # where it starts in the text: a number that reads two ways is two Numbers there
    clock: bool = False  # a time of day ("10:00", "14.30 Uhr"), or a score that reads as one ("16:10")

    def found(self, pool: set[Decimal]) -> bool:
        return bool(self.values & pool) or (bool(self.parts) and self.parts <= pool)


def _dec(value: str | int | float | Decimal) -> Decimal | None:
    try:
        return Decimal(str(value)).normalize()
    except InvalidOperation:
        return None


# the decimal mark of each language's numbers ("2,5 Prozent", "2.5 percent", "2.5퍼센트"); the
# other mark groups thousands ("1.250 Euro", "1,250 euros")
_DECIMAL_MARK = {"de": ",", "en": ".", "ko": "."}


def _readings(token: str, lang: str = "") -> list[set[Decimal]]:
    """The values a digit token can mean; a date or version ("19.06.2025", "802.11") is several.
    One mark is read by the language's conventions where the token follows them: the decimal mark
    ("2,5" in German is 2.5, not 25) or the thousands mark before three digits ("1.250" in German
    is 1250, not 1.25); otherwise (no language, or "2.5" in German) both ways."""
    groups = re.split(r"[.,'\u2019\u202f\u00a0 ]", token)
    seps = re.findall(r"[.,'\u2019\u202f\u00a0 ]", token)
    concat = _dec("".join(groups))
    out: set[Decimal] = {concat} if concat is not None else set()
    if not seps:
        return [out]
    if len(seps) == 1:
        whole, part = groups
        decimal = _dec(f"{whole}.{part}") or Decimal(0)
        mark = _DECIMAL_MARK.get(lang)
        if mark and seps[0] == mark:
            return [{decimal}]
        if mark and seps[0] in ".," and len(part) == 3:
            return [out]
        out.add(decimal)
        return [out]
    if all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3 and len(set(seps)) == 1:
        return [out]  # 1.234.567
    if len(set(seps[:-1])) == 1 and seps[-1] != seps[0] and all(len(g) == 3 for g in groups[1:-1]):
        out.add(_dec("".join(groups[:-1]) + "." + groups[-1]) or Decimal(0))  # 1.234,5
        return [out]
    return [{d} for g in groups if (d := _dec(g)) is not None]  # a date or a version: each part


def _scale(unit: str | None) -> int | None:
    if not unit:
        return None
    if unit[0] in _KO_UNITS:
        if not all(ch in _KO_UNITS for ch in unit):
            return None  # "만명" as one word after a range: not a unit alone
        return _korean_amount([(Decimal(1), unit)])
    return _SCALES.get(unit.lower())


def _big(unit: str) -> int:
    return max((_KO_UNITS[u] for u in unit if u not in _KO_SMALL), default=1)


def _follows(unit: str, following: str) -> bool:
    """Whether a Korean amount goes on: "1억" then "2천만" (smaller), "3백" then "7십만" (its 만)."""
    return _big(following) < _big(unit) or (_big(unit) == 1 and _big(following) > 1)


def _korean_amount(groups: list[tuple[Decimal, str]]) -> int | None:
    """A Korean amount written in digits and units: [(3, "백"), (7, "십만")] ("3백 7십만") is
    3,700,000; [(1, "억"), (2, "천만")] is 120,000,000."""
    total = group = Decimal(0)
    for number, units in groups:
        current = number
        for unit in units:
            if unit in _KO_SMALL:
                current *= _KO_SMALL[unit]
            else:
                group += current
                total += group * _KO_UNITS[unit]
                group = current = Decimal(0)
        group += current
    value = total + group
    return int(value) if value == value.to_integral() else None


# the "1." of a German club's name ("1. FC Köln", "1. FSV Mainz 05", "1. FFC Frankfurt")
_CLUB_ORDINAL = re.compile(r"\.\s*(?:FC|FSV|FFC|SC|SV|BFC|FCK|CfR|VfL|VfB)\b")


def digit_numbers(text: str, lang: str = "") -> list[Number]:
    """Each number written in digits, with its scale word and the values it can mean (by the
    conventions of ``lang`` where given)."""
    found: list[Number] = []
    times = {m.start(): m for m in _TIME.finditer(text)}
    matches = list(_DIGITS.finditer(text))
    skip: set[int] = set()
    for i, match in enumerate(matches):
        if i in skip:
            continue
        token, unit, time = match.group(1), match.group(2), match.group(3)
        clock = times.get(match.start())
        if clock and int(next(g for g in clock.groups() if g is not None)) > 24:  # "84:80": a score
            clock = None
        if clock:  # 10:00, 3:30: the hour (also 12 hours on) and the minutes
            hour, minute = (int(g) for g in clock.groups() if g is not None)
            hours = {Decimal(h) for h in (hour, hour + 12, hour - 12) if 0 <= h <= 24}
            # "14.30 Uhr" may be written "14.30" on the other side, which reads as a decimal
            dotted = {Decimal(clock.group(0))} if clock.group(5) is not None else set()
            found.append(Number(clock.group(0), frozenset(hours | dotted), at=clock.start(), clock=True))
            if minute:
                minutes = frozenset({Decimal(minute)} | dotted)
                found.append(Number(f":{minute:02d}", minutes, at=clock.start(), clock=True))
            for j, m in enumerate(matches):
                if m.start() == clock.start(2):
                    skip.add(j)
                    rest = re.fullmatch(r"\d\d([.,])(\d+)", m.group(1))  # "4:41,30": hundredths too
                    if rest:
                        hundredths = frozenset({Decimal(int(rest.group(2)))})
                        found.append(
                            Number(rest.group(1) + rest.group(2), hundredths, at=clock.start(), clock=True)
                        )
            continue
        if token == "1" and _CLUB_ORDINAL.match(text, match.end()):
            continue  # part of a club's name, which English often leaves out ("1. FC Köln": "FC Cologne")
        readings = _readings(token, lang)
        if lang == "de" and re.fullmatch(r"[1-9]0", token) and _DECADE_DE.match(text[match.end() :]):
            readings = [{*r, Decimal(1900 + int(token)), Decimal(2000 + int(token))} for r in readings]
        ranged = _RANGE_TO_SCALED.match(text[match.end() : match.end() + 40]) if unit is None else None
        if ranged and len(readings) == 1:
            shared = next(
                (_scale(u) for u in (ranged.group(1), ranged.group(1).rstrip(".,;")) if _scale(u)), None
            )
            if shared is not None:  # keep the bare value too: "2 bis 3 Millionen" may be written out
                readings = [readings[0] | {v for r in readings[0] if (v := _dec(r * shared)) is not None}]
        if unit and unit[0] in _KO_UNITS and len(readings) == 1:
            # a Korean amount, perhaps in parts: "1억 2천만", "3백 7십만"
            groups = [(max(readings[0]), unit)]
            j = i
            while j + 1 < len(matches) and not text[matches[j].end() : matches[j + 1].start()].strip() \
                    and matches[j + 1].group(2) and matches[j + 1].group(2)[0] in _KO_UNITS \
                    and _follows(matches[j].group(2), matches[j + 1].group(2)):  # fmt: skip
                j += 1
                groups.append((max(_readings(matches[j].group(1), lang)[0]), matches[j].group(2)))
                skip.add(j)
            amount = _korean_amount(groups)
            values = {Decimal(amount).normalize()} if amount is not None else {n for n, _ in groups}
            end = matches[j].end()
            found.append(Number(text[match.start() : end].strip(), frozenset(values), at=match.start()))
            continue
        scale = _scale(unit)
        if scale is not None and len(readings) == 1:
            # "6 Millionen" is 6,000,000, not 6: "3 billion" must not pass for "3억"
            readings[0] = {v for r in readings[0] if (v := _dec(r * scale)) is not None}
        if time:
            for reading in readings[:1]:
                on_clock = [r for r in reading if r == r.to_integral() and 0 < r <= 24]
                reading |= {d for r in on_clock for d in (r + 12, r - 12) if 0 <= d <= 24}
        parts: frozenset[Decimal] = frozenset()
        if len(readings) == 1 and re.fullmatch(r"\d+[.,]\d+", token):
            parts = frozenset(Decimal(int(g)) for g in re.split(r"[.,]", token))
        for reading in readings:
            if reading:
                found.append(Number(match.group(0).strip(), frozenset(reading), parts, at=match.start()))
    return found


def _german_word(word: str) -> Decimal | None:
    w = word.lower()
    for suffix in ("", "e", "en", "er", "es", "em", "n", "s"):
        base = w[: len(w) - len(suffix)] if suffix and w.endswith(suffix) else w if not suffix else None
        if base and base in _DE_WORDS:
            return _dec(_DE_WORDS[base])
    m = re.fullmatch(r"(ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun)und(zwanzig|dreißig|vierzig|fünfzig"
                     r"|sechzig|siebzig|achtzig|neunzig)\w*", w)  # fmt: skip
    if m:
        return _dec(_DE_WORDS.get(m.group(1), 1) + _DE_WORDS[m.group(2)])
    m = re.fullmatch(r"(drei|vier|fünf|sech|sieb|acht|neun)zehn\w*", w)
    if m:
        return _dec({"sech": 6, "sieb": 7}.get(m.group(1), _DE_WORDS.get(m.group(1), 0)) + 10)
    m = re.fullmatch(r"(\w{3,}?)(hundert|tausend)", w)  # "zwölftausend", "dreihundert"
    if m and (head := _german_word(m.group(1))) is not None:
        return _dec(head * (100 if m.group(2) == "hundert" else 1000))
    for prefix in _DE_PREFIXES:
        if w.startswith(prefix) and len(w) >= len(prefix) + 3:
            return _dec(_DE_PREFIX_VALUE[prefix])
    return None


for _teen in ("thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"):
    _EN_WORDS[_teen + "th"] = _EN_WORDS[_teen]
_DE_WORDS.update({"drittel": 3, "zehntausend": 10_000, "hunderttausend": 100_000})
_SCALE_AFTER = re.compile(
    r"([A-Za-zäöüß]+)\s+(Millionen|Million|Milliarden|Milliarde|million|billion|thousand|Tausend|hundred|Hundert)\b"
)


def _word_value(word: str, lang: str) -> Decimal | None:
    low = word.lower()
    if lang == "de":
        return _german_word(word)
    for form in (low, low[:-1] if low.endswith("s") else "", low[:-2] if low.endswith("es") else ""):
        if form in _EN_WORDS:
            return _dec(_EN_WORDS[form])
    return None


def _word_list(text: str, lang: str) -> list[Decimal]:
    """The value of each number word of ``text``, once for each time it is written ("first",
    "zweite", "six", "세")."""
    out = []
    if lang == "ko":
        out += [v for word in _KO_WORD.findall(text) if (v := korean_word(word)) is not None]
    wordlang = "de" if lang == "de" else "en"
    return out + [v for word in _LATIN_WORD.findall(text) if (v := _word_value(word, wordlang)) is not None]


def word_values(text: str, lang: str) -> set[Decimal]:
    """Values written in words (numerals, ordinals, month names): they count, but are not required."""
    out: set[Decimal] = set()
    for number, scale in _SCALE_AFTER.findall(text):  # "vier Millionen", "four million"
        value, factor = _word_value(number, lang), _SCALES.get(scale.lower()) or _EN_WORDS.get(scale.lower())
        if value is not None and factor:
            out.add(_dec(value * Decimal(factor)) or Decimal(0))
    for roman in re.findall(r"\b[A-Z][a-z]+\s+([IVX]{1,5})\b", text):  # "Elisabeth II.", "Ludwig XIV."
        if roman in _ROMAN:
            out.add(Decimal(_ROMAN[roman]))
    out.update(Decimal(len(m)) for m in re.findall(r"\bWW(I{1,2})\b", text))  # WWI, WWII
    if re.search(r"\b(?:halbe[nr]? Stunde|half an hour|half-hour|half hour)\b", text, re.IGNORECASE):
        out.add(Decimal(30))  # minutes
    out.update(_word_list(text, lang))
    for word in _LATIN_WORD.findall(text):
        low = word.lower()
        if low in _MONTHS and (word[0].isupper() or lang == "ko"):
            out.add(Decimal(_MONTHS[low]))
    for part in re.findall(r"[a-z]+(?:-[a-z]+)+", text.lower()):
        pieces = part.split("-")
        if lang == "en" and all(p in _EN_WORDS for p in pieces[:2]):
            a, b = _EN_WORDS[pieces[0]], _EN_WORDS[pieces[1]]
            out.add(_dec(a + b if a >= 20 and b < 10 else a) or Decimal(0))
    if lang == "en":  # tens and units with a space ("forty five")
        for tens, units in _SPACED_TENS_EN.findall(text.lower()):
            out.add(Decimal(_EN_WORDS[tens] + _EN_WORDS[units]))
    return out


def _pool(numbers: list[Number], words: set[Decimal]) -> set[Decimal]:
    return set(words).union(*(n.values for n in numbers)) if numbers else set(words)


# cardinal numbers written as a word, which a translation must carry as a word or in digits ("vier
# Kinder" / "four children" / "4 children"); not "ein"/"one" (an article, a pronoun), nor words
# that count loosely ("both", "couple", "Dutzend")
_CARDINALS = {
    "de": {w: v for w, v in _DE_WORDS.items() if isinstance(v, int) and 2 <= v <= 1000 and w in (
        "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwölf", "zwanzig",
        "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig")},
    "en": {w: v for w, v in _EN_WORDS.items() if isinstance(v, int) and 2 <= v <= 1000 and w in (
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
        "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")},
}  # fmt: skip


# ordinals and fractions written as words, required between German and English as cardinals are
# ("zum dritten Mal" / "for the third time", "ein Drittel" / "a third"); not "second"/"zweite" (a
# time; "the next round" for "die zweite Runde"), "half" or "quarter" (loosely used: "half an hour",
# "third quarter" for "drittes Quartal"), nor "achte" ("achten auf", to heed). German fractions are
# nouns, capitalised anywhere; the second part of a compound is no word of its own ("twenty-fourth").
_ORDINAL_STEMS_DE = (("dritt", 3), ("viert", 4), ("fünft", 5), ("sechst", 6), ("siebt", 7),
                     ("neunt", 9), ("zehnt", 10))  # fmt: skip
_ORDINALS: dict[str, dict[str, Decimal]] = {
    "de": {stem + end: Decimal(value) for stem, value in _ORDINAL_STEMS_DE
           for end in ("e", "en", "er", "es", "em")}
    | {"drittel": Decimal(3), "viertel": Decimal(4), "fünftel": Decimal(5), "sechstel": Decimal(6),
       "zehntel": Decimal(10), "hälfte": Decimal("0.5")},
    "en": {word: Decimal(_EN_WORDS[word])
           for word in ("third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")}
    | {"thirds": Decimal(3), "fifths": Decimal(5), "tenths": Decimal(10)},
}  # fmt: skip
_FRACTION_NOUNS = frozenset({"drittel", "viertel", "fünftel", "sechstel", "zehntel", "hälfte"})


def cardinal_words(text: str, lang: str, *, ordinals: bool = True) -> list[tuple[str, Decimal]]:
    """The cardinal numbers of a German or English text written as words ("vier", "twelve"), and its
    ordinals and fractions (:data:`_ORDINALS`, unless ``ordinals`` is false), in lower case or
    starting a sentence (a capitalised "Acht" inside a German sentence is a noun; a fraction is a
    noun anywhere)."""
    words: dict[str, Decimal | int] = {
        **_CARDINALS.get(lang, {}),
        **(_ORDINALS.get(lang, {}) if ordinals else {}),
    }
    out = []
    taken = 0  # where the last tens-and-units number ended ("forty-five", "forty five": "five" is part of it)
    for match in _LATIN_WORD.finditer(text):
        word = match.group(0)
        low = word.lower()
        if match.start() < taken:
            continue
        value: Decimal | int | None = words.get(low)
        end = match.end()
        units = _UNITS_AFTER_TENS.match(text, end) if lang == "en" and low in _TENS_EN else None
        if units:  # one number, "forty-five" or "forty five" (45), not 40 and 5
            taken = end = units.end()
            value = Decimal(words[low]) + Decimal(_EN_WORDS[units.group(1).lower()])
        if value is None or re.match(r"-\w", text[end : end + 2]):
            continue  # not the first part of a compound ("four-year", "Drei-Nationen", "forty-five-year")
        if low in _ORDINALS.get(lang, {}) and text[match.start() - 1 : match.start()] == "-":
            continue  # nor the last of one ("twenty-fourth")
        if (
            word[0].isupper()
            and low not in _FRACTION_NOUNS
            and not re.search(r"(?:^|[.!?:]\s+|[\"„“«]\s*)$", text[: match.start()])
        ):
            continue
        before, after = text[max(0, match.start() - 12) : match.start()], text[end : end + 12]
        if _IDIOM_BEFORE.search(before) or _IDIOM_AFTER.match(after):
            continue
        scale = _SCALED.match(text[end : end + 16])  # "vier Millionen", "four million"
        factor = _SCALES.get(scale.group(1).lower()) or _EN_WORDS.get(scale.group(1).lower()) if scale else 1
        out.append((text[match.start() : end], Decimal(value) * Decimal(factor or 1)))
    return out


_TENS_EN = frozenset({"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"})
_UNITS_EN = "one|two|three|four|five|six|seven|eight|nine"
# the units after English tens, with a hyphen or a space ("forty-five", "forty five")
_UNITS_AFTER_TENS = re.compile(rf"[- ]({_UNITS_EN})\b", re.IGNORECASE)
# tens and units with a space ("forty five")
_SPACED_TENS_EN = re.compile(rf"\b({'|'.join(sorted(_TENS_EN))}) ({_UNITS_EN})\b")


_SCALED = re.compile(
    r"\s+(millionen|million|milliarden|milliarde|billion|mio|mrd|tausend|thousand|hundert|hundred)\b", re.I
)


# numbers in idioms, not counts: "halb drei" (half past two), "geben Sie acht" (take care), "a
# joke or two", "Top Ten", "half past two", "ten to five"
_IDIOM_BEFORE = re.compile(
    r"(?i:\b(?:halb|viertel nach|viertel vor|gib|gibt|geben sie|gab|außer|or|top|past|to))\s+$"
)

_IDIOM_AFTER = re.compile(r"\s*(?:geben|gegeben|zu geben|gibt)\b")


def check_numbers(source: str, target: str, source_lang: str, target_lang: str) -> list[Flag]:
    src = digit_numbers(source, source_lang)
    tgt = digit_numbers(target, target_lang)
    # numbers in words, required on the other side: German and English cardinals between German
    # and English; a Korean source's counts ("세 명", "두 화합물") in a German or English translation.
    # Not the other way round into Korean: Korean writes Sino-Korean numerals inside words ("삼국"
    # for "drei Königreiche", "이족" for "zwei Füße"), which this check reads as values only
    latin = {source_lang, target_lang} <= {"de", "en"}
    src_words = cardinal_words(source, source_lang) if latin else []
    from_korean = source_lang == "ko" and target_lang in ("de", "en")
    if from_korean:
        src_words = korean_counts(source)
    # (ordinals and fractions only between German and English: Korean writes "절반" for "die Hälfte")
    tgt_words = cardinal_words(target, target_lang, ordinals=latin) if latin or from_korean else []
    if not (src or tgt or src_words or tgt_words):
        return []
    src_pool = _pool(src, word_values(source, source_lang))
    if from_korean:  # a Sino-Korean numeral inside a word counts too ("삼국" for "drei Königreiche")
        src_pool |= korean_numerals_in_words(source)
    tgt_pool = _pool(tgt, word_values(target, target_lang))
    flags = [
        flag("numbers", "major", f"{n.text} in the source, not in the translation")
        for n in src if not n.found(tgt_pool)
    ]  # fmt: skip
    flags += [
        flag("numbers", "major", f"{n.text} in the translation, not in the source")
        for n in tgt if not n.found(src_pool)
    ]  # fmt: skip
    flags += [
        flag("numbers", "major", f"{word} in the source, not in the translation")
        for word, value in src_words if value not in tgt_pool
    ]  # fmt: skip
    flags += [
        flag("numbers", "major", f"{word} in the translation, not in the source")
        for word, value in tgt_words if value not in src_pool
    ]  # fmt: skip
    return _dedupe(flags + _fewer(src, tgt, _word_list(target, target_lang)))


_TIMES = {2: "twice", 3: "three times", 4: "four times"}


def _fewer(src: list[Number], tgt: list[Number], tgt_words: list[Decimal]) -> list[Flag]:
    """A number the source writes more often than the translation has it ("1979 ... 1979" / "1979
    ... nothing", "6-6" / "-6"): the translation has it at least once, so the check above passes it.
    Counted where it is written, on both sides as the numbers that may mean it, and in the
    translation as number words too ("six-all"). Times, and scores that read as times ("16:10"), are
    left out: their hours read two ways ("07:19" may be 19) and meet other numbers."""
    flags = []
    for key in dict.fromkeys(n.values for n in src if not n.clock):
        wanted = len({n.at for n in src if n.values & key and not n.clock})
        if wanted < 2:
            continue
        # a time's hour and minutes are two numbers of the translation ("15:15" for "15-15")
        have = len({(n.at, n.text) for n in tgt if n.values & key}) + sum(1 for v in tgt_words if v in key)
        if 0 < have < wanted:
            text = next(n.text for n in src if n.values == key)
            times = _TIMES.get(wanted, f"{wanted} times")
            once = "once" if have == 1 else _TIMES.get(have, f"{have} times")
            flags.append(flag("numbers", "major", f"{text} {times} in the source, {once} in the translation"))
    return flags


def _dedupe(flags: list[Flag]) -> list[Flag]:
    seen: set[str | None] = set()
    out = []
    for f in flags:
        if f.detail not in seen:
            seen.add(f.detail)
            out.append(f)
    return out
