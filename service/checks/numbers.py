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
from dataclasses import replace
from decimal import Decimal

from service.checks.bracketed_amounts import conversions, gives_two_ways, glossed_codes
from service.checks.calendar_words import month_mentions, names_a_day
from service.checks.flag import Flag, flag
from service.checks.korean_numbers import KO_UNITS as _KO_UNITS
from service.checks.korean_numbers import (
    bare_days,
    korean_counts,
    korean_numerals_in_words,
    second_half_minutes,
)
from service.checks.language_words import LANGUAGE_NAMES
from service.checks.number_words import SCALES, cardinal_words, dec, multiples, word_list, word_values
from service.checks.results import set_summaries
from service.checks.rounded_amounts import unrounded
from service.checks.temperatures import fahrenheit_converted
from service.checks.time_zones import zone_moved
from service.checks.tournament_rounds import round_values
from service.checks.units import converted
from service.checks.written_numbers import Number

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
_KO_SMALL = {"십": 10, "백": 100, "천": 1000}


_DECIMAL_MARK = {"de": ",", "en": ".", "ko": "."}


def _readings(token: str, lang: str = "") -> list[set[Decimal]]:
    """The values a digit token can mean; a date or version ("19.06.2025", "802.11") is several.
    One mark is read by the language's conventions where the token follows them: the decimal mark
    ("2,5" in German is 2.5, not 25) or the thousands mark before three digits ("1.250" in German
    is 1250, not 1.25); otherwise (no language, or "2.5" in German) both ways."""
    groups = re.split(r"[.,'\u2019\u202f\u00a0 ]", token)
    seps = re.findall(r"[.,'\u2019\u202f\u00a0 ]", token)
    concat = dec("".join(groups))
    out: set[Decimal] = {concat} if concat is not None else set()
    if not seps:
        return [out]
    if len(seps) == 1:
        whole, part = groups
        decimal = dec(f"{whole}.{part}") or Decimal(0)
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
        out.add(dec("".join(groups[:-1]) + "." + groups[-1]) or Decimal(0))  # 1.234,5
        return [out]
    return [{d} for g in groups if (d := dec(g)) is not None]  # a date or a version: each part


def _scale(unit: str | None) -> int | None:
    if not unit:
        return None
    if unit[0] in _KO_UNITS:
        if not all(ch in _KO_UNITS for ch in unit):
            return None  # "만명" as one word after a range: not a unit alone
        return _korean_amount([(Decimal(1), unit)])
    return SCALES.get(unit.lower())


def _big(unit: str) -> int:
    return max((_KO_UNITS[u] for u in unit if u not in _KO_SMALL), default=1)


# the ones of a Korean amount after its units, in digits without a unit of their own ("7만1500원"),
# not a year or a date after an amount ("6만 2024년")
_KO_REST = re.compile(r"\s?(\d{1,4})(?![\d.,]|\s?[년월일시분초]|\s?[조억만천백십])")


def _ones_after(unit: str, ones: str) -> bool:
    """Whether digits after a Korean unit are its ones: after 만, 억 or 조 up to four digits ("7만1500"),
    after 천 up to three ("3천500"), after 백 up to two."""
    last = _KO_UNITS[unit[-1]] if unit else 1
    return last >= _KO_UNITS["만"] or (last in (100, 1000) and len(ones) < len(str(last)))


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


_MONEY_SIGNS = frozenset("€$£¥₩")
_MILLION_M = re.compile(r"m(?![\w.])|m\.(?!\w)")
# news English's million before the word it counts ("1.5m people", "3m barrels"), which may be
# metres too ("10m waves", "2m tall"): both readings are kept
_MILLION_COUNTED = re.compile(r"m(?=\s+[a-z])")
# "24/7": always, which the other side says in words ("rund um die Uhr", "around the clock"); so
# do Korean's "1년 내내" (all year round) and "1년 365일" (every day of the year)
_ALWAYS = re.compile(r"(?<![\d/])24/7(?![\d/])|(?<![\d.,])1년\s?(?:내내|365일)")
# a fraction in one character after a whole number: "29¾ inches"
_VULGAR = {"¼": Decimal("0.25"), "½": Decimal("0.5"), "¾": Decimal("0.75")}


def digit_numbers(text: str, lang: str = "") -> list[Number]:
    """Each number written in digits, with its scale word and the values it can mean (by the
    conventions of ``lang`` where given)."""
    found: list[Number] = []
    times = {m.start(): m for m in _TIME.finditer(text)}
    always = [m.span() for m in _ALWAYS.finditer(text)]
    matches = [m for m in _DIGITS.finditer(text) if not any(a <= m.start() < b for a, b in always)]
    skip: set[int] = set()
    for i, match in enumerate(matches):
        if i in skip:
            continue
        token, unit, time = match.group(1), match.group(2), match.group(3)
        if (
            unit is None
            and text[match.start() - 1 : match.start()] in _MONEY_SIGNS
            and _MILLION_M.match(text, match.end())
        ):
            unit = "million"  # "€5m", "$3.5m": news English's million after an amount
        counted = unit is None and _MILLION_COUNTED.match(text, match.end()) is not None
        if counted:
            unit = "million"  # "1.5m people": read as millions, and as metres below
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
        shown = match.group(0).strip()
        glyph = text[match.end() : match.end() + 1]
        if glyph in _VULGAR and unit is None and token.isdigit():  # "29¾" is 29.75
            readings = [{r + _VULGAR[glyph] for r in reading} for reading in readings]
            shown += glyph
        if lang == "de" and re.fullmatch(r"[1-9]0", token) and _DECADE_DE.match(text[match.end() :]):
            readings = [{*r, Decimal(1900 + int(token)), Decimal(2000 + int(token))} for r in readings]
        ranged = _RANGE_TO_SCALED.match(text[match.end() : match.end() + 40]) if unit is None else None
        if ranged and len(readings) == 1:
            shared = next(
                (_scale(u) for u in (ranged.group(1), ranged.group(1).rstrip(".,;")) if _scale(u)), None
            )
            if shared is not None:  # keep the bare value too: "2 bis 3 Millionen" may be written out
                readings = [readings[0] | {v for r in readings[0] if (v := dec(r * shared)) is not None}]
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
            rest = _KO_REST.match(text, matches[j].end()) if j + 1 < len(matches) else None
            if (
                rest
                and _ones_after(matches[j].group(2), rest.group(1))
                and rest.end(1) == matches[j + 1].end()
            ):
                # the ones after the units, in digits: "7만1500원" is 71,500, "2억5000만 3200원"
                j += 1
                groups.append((Decimal(int(rest.group(1))), ""))
                skip.add(j)
            amount = _korean_amount(groups)
            values = {Decimal(amount).normalize()} if amount is not None else {n for n, _ in groups}
            end = matches[j].end()
            found.append(Number(text[match.start() : end].strip(), frozenset(values), at=match.start()))
            continue
        scale = _scale(unit)
        if scale is not None and len(readings) == 1:
            # "6 Millionen" is 6,000,000, not 6: "3 billion" must not pass for "3억"
            readings[0] = {v for r in readings[0] if (v := dec(r * scale)) is not None} | (
                readings[0] if counted else set()
            )
        if time:
            for reading in readings[:1]:
                on_clock = [r for r in reading if r == r.to_integral() and 0 < r <= 24]
                reading |= {d for r in on_clock for d in (r + 12, r - 12) if 0 <= d <= 24}
        parts: frozenset[Decimal] = frozenset()
        if len(readings) == 1 and re.fullmatch(r"\d+[.,]\d+", token):
            parts = frozenset(Decimal(int(g)) for g in re.split(r"[.,]", token))
        for reading in readings:
            if reading:
                found.append(Number(shown, frozenset(reading), parts, at=match.start()))
    return found


def _with_match_minutes(numbers: list[Number], text: str, lang: str) -> list[Number]:
    """Korean numbers with the minute of the match they may stand for ("후반 23분" / "68th minute")."""
    minutes = second_half_minutes(text) if lang == "ko" else {}
    if not minutes:
        return numbers
    return [replace(n, values=n.values | {minutes[n.at]}) if n.at in minutes else n for n in numbers]


def _pool(numbers: list[Number], words: set[Decimal]) -> set[Decimal]:
    return set(words).union(*(n.values for n in numbers)) if numbers else set(words)


def _without_bare_days(
    numbers: list[Number], text: str, lang: str, other: str, other_lang: str
) -> list[Number]:
    """A Korean text's numbers less the days it writes without their month ("3일(현지시간)"), where
    the other side names the day by a word instead ("on Tuesday", "gestern"), as news does."""
    if lang != "ko" or other_lang not in ("de", "en") or not names_a_day(other, other_lang):
        return numbers
    days = bare_days(text)
    return [n for n in numbers if n.at not in days] if days else numbers


def check_numbers(source: str, target: str, source_lang: str, target_lang: str) -> list[Flag]:
    src = _with_match_minutes(digit_numbers(source, source_lang), source, source_lang)
    tgt = _with_match_minutes(digit_numbers(target, target_lang), target, target_lang)
    src = _without_bare_days(src, source, source_lang, target, target_lang)
    tgt = _without_bare_days(tgt, target, target_lang, source, source_lang)
    # the sets won before the set scores ("3-0(6-2 6-2 7-6)"), which the other side may leave out
    src = [n for n in src if n.at not in set_summaries(source)]
    tgt = [n for n in tgt if n.at not in set_summaries(target)]
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
    multiplied = _multiples_into_korean(source, target, source_lang, target_lang)
    if not (src or tgt or src_words or tgt_words):
        return multiplied
    src_pool = _pool(src, word_values(source, source_lang))
    if from_korean:  # a Sino-Korean numeral inside a word counts too ("삼국" for "drei Königreiche")
        src_pool |= korean_numerals_in_words(source)
    tgt_pool = _pool(tgt, word_values(target, target_lang))
    # a unit converted with its number ("30 miles" / "48 Kilometer"), not in brackets
    for kept, given in (
        converted(source, target, source_lang, target_lang),
        fahrenheit_converted(source, target, source_lang, target_lang)
        if not (gives_two_ways(source) or gives_two_ways(target))
        else (set(), set()),
    ):
        src_pool |= given
        tgt_pool |= kept
    src_pool |= round_values(source)  # "quarterfinals" / "8강"
    tgt_pool |= round_values(target)
    moved = zone_moved(source, target)  # a time in the readers' zone ("22 Uhr MEZ" / "오전 6시 KST")
    src_pool |= {Decimal(theirs) for _, theirs in moved.hours}
    tgt_pool |= {Decimal(ours) for ours, _ in moved.hours}
    src = _unconverted(src, source, tgt_pool, target)
    tgt = _unconverted(tgt, target, src_pool, source)
    src, tgt = unrounded(src, tgt, tgt_pool, src_pool, target)
    shown_src, shown_tgt = _months_said(src, source, source_lang), _months_said(tgt, target, target_lang)
    missing = (
        [n.text for n in shown_src if not n.found(tgt_pool)],
        [w for w, v in src_words if v not in tgt_pool],
    )
    added = (
        [n.text for n in shown_tgt if not n.found(src_pool)],
        [w for w, v in tgt_words if v not in src_pool],
    )
    return _dedupe(
        _changed(missing, added, target_lang)
        + multiplied
        + _fewer(
            _unglossed(src, source), tgt, word_list(target, target_lang) + _month_values(target, target_lang)
        )
    )


def _unconverted(numbers: list[Number], text: str, other_pool: set[Decimal], other: str) -> list[Number]:
    """``numbers`` less those of an amount given two ways in ``text`` (:func:`conversions`) where the
    other side gives it one way, as one of the two: a translator adds a conversion for the reader
    ("$1.5 billion" / "15억 달러(약 2조 원)") or keeps only one of the source's ("4,000 acres (1,600
    hectares)" / "1.600 Hektar"). Where the other side has a number in brackets too, each number is
    compared ("3 Tage (72 Stunden)" / "4 days (72 hours)", "6,387 km (3,980 miles)" / "km (3,980
    miles)")."""
    pairs = conversions(text)
    if not pairs or gives_two_ways(other):
        return numbers
    at = {n.at: n for n in numbers}
    excused = {
        one
        for first, second in pairs
        if first in at and second in at
        and (at[first].found(other_pool) or at[second].found(other_pool))
        for one in (first, second)
    }  # fmt: skip
    return [n for n in numbers if n.at not in excused or n.found(other_pool)]


def _multiples_into_korean(source: str, target: str, source_lang: str, target_lang: str) -> list[Flag]:
    """A German or English multiple ("verdreifacht") that a Korean translation says as another ("두
    배"): Korean numbers are not required word by word, so this one is compared on its own."""
    if target_lang != "ko" or source_lang not in ("de", "en"):
        return []
    said = multiples(target, "ko")
    values = {value for _, value in said}
    return [
        flag("numbers", "major", f"{word} in the source, {said[0][0]} in the translation")
        for word, value in multiples(source, source_lang)
        if said and value not in values
    ]


def _instead(was: str, now: str, target_lang: str) -> str:
    """One number written for another; the same digits read another way in the translation's
    language ("20.000" is 20 in English) said so."""
    if was != now:
        return f"{was} in the source, {now} in the translation"
    language = LANGUAGE_NAMES.get(target_lang, target_lang)
    return (
        f"{was} in the source, {now} in the translation, where {language} reads it as another number "
        "(its decimal and thousands marks differ)"
    )


_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December")  # fmt: skip


def _month_values(text: str, lang: str) -> list[Decimal]:
    """The months a German or English text names, as numbers: "26. März" has the 3 of "3월 26일"
    once (an outside tester's "3월 twice in the source" beside a score "3-0")."""
    return [Decimal(month) for month in month_mentions(text, lang)]


def _months_said(numbers: list[Number], text: str, lang: str) -> list[Number]:
    """A Korean month said as one in a flag: "6월 (June)", not "6" (an outside tester's remark)."""
    if lang != "ko":
        return numbers
    out = []
    for n in numbers:
        month = next(iter(n.values)) if len(n.values) == 1 else Decimal(0)
        end = n.at + len(n.text)
        if n.at >= 0 and text[end : end + 1] == "월" and month == month.to_integral() and 1 <= month <= 12:
            n = replace(n, text=f"{n.text}월 ({_MONTHS_EN[int(month) - 1]})")
        out.append(n)
    return out


def _changed(
    missing: tuple[list[str], list[str]], added: tuple[list[str], list[str]], target_lang: str
) -> list[Flag]:
    """A flag for each number the translation lacks and each it adds, each given as (in digits, in
    words). One number for another is one flag naming both ("80 in the source, 70 in the
    translation"): where the translation lacks one and adds one, or lacks one in digits and adds one
    in digits (or in words and in words) beside others."""
    lacks = [list(dict.fromkeys(m)) for m in missing]
    adds = [list(dict.fromkeys(a)) for a in added]
    pairs: list[tuple[str, str]] = []
    if len(lacks[0]) + len(lacks[1]) == len(adds[0]) + len(adds[1]) == 1:
        pairs.append(((lacks[0] + lacks[1])[0], (adds[0] + adds[1])[0]))
        lacks, adds = [[], []], [[], []]
    for kind in (0, 1):
        if len(lacks[kind]) == len(adds[kind]) == 1:
            pairs.append((lacks[kind].pop(), adds[kind].pop()))
    return (
        [flag("numbers", "major", _instead(was, now, target_lang)) for was, now in pairs]
        + [
            flag("numbers", "major", f"{text} in the source, not in the translation")
            for text in lacks[0] + lacks[1]
        ]
        + [
            flag("numbers", "major", f"{text} in the translation, not in the source")
            for text in adds[0] + adds[1]
        ]
    )


_TIMES = {2: "twice", 3: "three times", 4: "four times"}


def _unglossed(numbers: list[Number], text: str) -> list[Number]:
    """``numbers`` less the number of a code in brackets that glosses the same number before it."""
    codes = glossed_codes(text)
    return [n for n in numbers if n.at not in codes] if codes else numbers


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
