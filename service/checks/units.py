"""Units: "40 Kilometer" is not "40 miles", "drei Stunden" not "three minutes".

The numbers check finds the 40 on both sides and passes a unit changed beside it. Here each amount
with a unit after it is read in German, English and Korean words and abbreviations ("km",
"Kilometer", "kilometres", "킬로미터") into one unit of one dimension (length, area, weight, volume,
speed, duration). An amount of the source that the translation gives with the same number and
another unit of that dimension, and not with its own unit, is flagged: "40 Kilometer in the source,
40 miles in the translation" (also where "100 km" follows in both). A unit converted with its
number ("40 miles (64 km)", "64 Kilometer") is not: the number differs, and the numbers check says
so where the source lacks it. Numbers in words are read as in digits ("drei Stunden", "three minutes").
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from service.checks.flag import Flag, flag
from service.checks.number_words import cardinal_words

# unit -> (dimension, the ways German, English and Korean write it after a number); longer forms
# first within a dimension, where one starts another ("km/h" before "km")
_UNITS: dict[str, tuple[str, str]] = {
    "km/h": (
        "speed",
        r"km/h|kmh|Stundenkilometern?|Kilometern? (?:pro|je|in der) Stunde|kilomet(?:er|re)s? (?:per|an) hour"
        r"|킬로미터 ?/ ?시",
    ),
    "mph": ("speed", r"mph|miles? (?:per|an) hour|Meilen pro Stunde"),
    "knot": ("speed", r"Knoten|knots?|노트"),
    "km²": ("area", r"km²|km2|Quadratkilometern?|square kilomet(?:er|re)s?|제곱킬로미터|㎢"),
    "mi²": ("area", r"square miles?|Quadratmeilen?|제곱마일"),
    "m²": ("area", r"m²|Quadratmetern?|square met(?:er|re)s?|제곱미터|㎡"),
    "ft²": ("area", r"square f(?:ee|oo)t|sq\.? ?ft|Quadratfuß|제곱피트"),
    "hectare": ("area", r"Hektar|hectares?|ha|헥타르"),
    "acre": ("area", r"acres?|Acres?|에이커"),
    "km": ("length", r"km|Kilometern?|kilomet(?:er|re)s?|킬로미터|㎞"),
    "mile": ("length", r"miles?|Meilen?|마일"),
    "cm": ("length", r"cm|Zentimetern?|centimet(?:er|re)s?|센티미터|센티|㎝"),
    "mm": ("length", r"mm|Millimetern?|millimet(?:er|re)s?|밀리미터|㎜"),
    "m": ("length", r"Metern?|met(?:er|re)s?|미터"),
    "foot": ("length", r"feet|foot|ft|Fuß|피트"),
    "inch": ("length", r"inch(?:es)?|Zoll|인치"),
    "yard": ("length", r"yards?|Yards?|야드"),
    "kg": ("weight", r"kg|Kilogramms?|Kilo|kilograms?|kilogrammes?|kilos|킬로그램|킬로"),
    "g": ("weight", r"Gramm|grams?|grammes?|그램"),
    "tonne": ("weight", r"Tonnen|tonnes?|tons?|톤"),
    "pound": ("weight", r"lbs?|pounds?|Pfund|파운드"),
    "ounce": ("weight", r"ounces?|oz|Unzen?|온스"),
    "litre": ("volume", r"Litern?|lit(?:er|re)s?|리터"),
    "gallon": ("volume", r"gallons?|Gallonen?|갤런"),
    "barrel": ("volume", r"barrels?|Barrel|배럴"),
    "second": ("duration", r"Sekunden?|seconds?|secs?|초"),
    "minute": ("duration", r"Minuten?|minutes?|mins?|분"),
    "hour": ("duration", r"Stunden?|hours?|hrs?|시간"),
    "day": ("duration", r"Tagen?|Tage|days?|일간|일 ?동안"),
    "week": ("duration", r"Wochen?|weeks?|주일?간|주 ?동안"),
    "month": ("duration", r"Monaten?|Monate|months?|개월"),
    "year": ("duration", r"Jahren?|Jahre|years?|년간|년 ?동안"),
}
_DIGITS = r"\d+(?:[.,]\d+)*[¼½¾]?"  # "29¾ inches"
_VULGAR = {"¼": ".25", "½": ".5", "¾": ".75"}
# between a number and its unit: a space, a hyphen ("40-Stunden-Woche", "a 40-hour week")
_GAP = r"(?:\s?-\s?|\s|\u00a0|\u202f)?"
# after a unit: no Latin letter or digit ("5 hat" is no hectare); after a Korean unit no syllable
# but a particle's ("3분기" is a quarter, not 3 minutes; "3시간에", "200헥타르가" are units)
_AFTER = r"(?![A-Za-zÄÖÜäöüß0-9²])(?![가-힣](?<![이가을를은는의에로도만씩과와까부동나쯤여]))"
_ALTERNATIVES = "|".join(f"(?P<u{i}>{words})" for i, (_dimension, words) in enumerate(_UNITS.values()))
_NAMES = list(_UNITS)
_PER_HOUR = {"km": "km/h", "mile": "mph"}


@lru_cache(maxsize=256)
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """Numbers in digits, or as the number words given, each with a unit after it."""
    number = "|".join([_DIGITS, *(re.escape(w) for w in words)])
    return re.compile(rf"(?<![\w.,])(?P<n>{number}){_GAP}(?:{_ALTERNATIVES}){_AFTER}")


def _values(number: str, spoken: dict[str, Decimal]) -> set[str]:
    """The values a number may be ("2,5" and "2.5" are 2.5; "1.250" is 1250 too; "drei" is 3)."""
    if number in spoken:
        return {str(spoken[number].normalize())}
    if number[-1:] in _VULGAR and number[:-1].isdigit():
        return {str(Decimal(number[:-1] + _VULGAR[number[-1]]))}
    digits = re.sub(r"[.,]", "", number)
    values = {digits.lstrip("0") or "0"}
    if re.fullmatch(r"\d+[.,]\d+", number):
        values.add(str(Decimal(number.replace(",", ".")).normalize()))
    return values


def units(text: str, lang: str = "", *, unbracketed: bool = False) -> list[tuple[str, str, set[str]]]:
    """Each amount with a unit in ``text``: (as written, unit, the values its number may be). A
    number word before a unit counts as its number ("drei Stunden" is 3 hours). ``unbracketed``:
    only amounts neither in brackets nor with brackets after them (not an amount given two ways,
    "80 km (50 mi)")."""
    spoken = dict(cardinal_words(text, lang, ordinals=False)) if lang in ("de", "en") else {}
    found = []
    matches = list(_pattern(tuple(sorted(spoken))).finditer(text))
    ends = {m.end() for m in matches}
    for match in matches:
        if unbracketed and (
            _gives_other_way(text, match.start(), ends) or re.match(r"\s*\(", text[match.end() :])
        ):
            continue
        unit = next(
            _NAMES[int(name[1:])] for name, value in match.groupdict().items() if value and name != "n"
        )
        if text[max(0, match.start() - 4) : match.start()].rstrip().endswith("시속"):
            unit = _PER_HOUR.get(unit, unit)  # "시속 150km" is a speed
        found.append((match.group(0), unit, _values(match.group("n"), spoken)))
    return found


def _gives_other_way(text: str, start: int, ends: set[int]) -> bool:
    """Whether an amount at ``start`` is in brackets after another amount, giving it another way
    ("80 km (50 mi)"); not one in brackets of its own ("the document (it measures 29¾ inches)")."""
    opened = text.rfind("(", 0, start)
    if opened < 0 or text.find(")", opened, start) >= 0:
        return False
    return len(text[:opened].rstrip()) in ends


def check_units(source: str, target: str, source_lang: str = "", target_lang: str = "") -> list[Flag]:
    """An amount of the source that the translation gives with the same number and another unit of
    its dimension, and nowhere with its own unit."""
    src, tgt = units(source, source_lang), units(target, target_lang)
    if not src or not tgt:
        return []
    flags = []
    for written, unit, values in src:
        if any(other == unit and v & values for _, other, v in tgt):
            continue
        dimension = _UNITS[unit][0]
        instead = next((w for w, other, v in tgt if _UNITS[other][0] == dimension and v & values), None)
        if instead is not None:
            flags.append(flag("numbers", "major", f"{written} in the source, {instead} in the translation"))
    return flags


# each unit in its dimension's base (metre, square metre, kilogram, litre, km/h, second)
_FACTORS: dict[str, Decimal] = {
    "km/h": Decimal(1), "mph": Decimal("1.609344"), "knot": Decimal("1.852"),
    "km²": Decimal(10**6), "mi²": Decimal("2589988.11"), "m²": Decimal(1), "ft²": Decimal("0.09290304"),
    "hectare": Decimal(10**4), "acre": Decimal("4046.8564"),
    "km": Decimal(1000), "mile": Decimal("1609.344"), "cm": Decimal("0.01"), "mm": Decimal("0.001"),
    "m": Decimal(1), "foot": Decimal("0.3048"), "inch": Decimal("0.0254"), "yard": Decimal("0.9144"),
    "kg": Decimal(1), "g": Decimal("0.001"), "tonne": Decimal(1000), "pound": Decimal("0.45359237"),
    "ounce": Decimal("0.028349523"), "litre": Decimal(1), "gallon": Decimal("3.785411784"),
    "barrel": Decimal("158.987295"), "second": Decimal(1), "minute": Decimal(60), "hour": Decimal(3600),
    "day": Decimal(86400), "week": Decimal(604800), "month": Decimal(2629800), "year": Decimal(31557600),
}  # fmt: skip


def _written_precision(number: str) -> Decimal:
    """Half a step of the last digit a number is written to: "48" 0.5, "1,83" 0.005, "1600" 50
    (trailing zeros of a whole number are a rounding), "4.000" read as 4000: 500."""
    if re.fullmatch(r"\d+[.,]\d{1,2}", number):  # a decimal: "1,83", "2.5"
        return Decimal("0.5") / 10 ** len(re.split(r"[.,]", number)[1])
    digits = re.sub(r"[.,]", "", number)
    zeros = len(digits) - len(digits.rstrip("0")) if digits.strip("0") else 0
    return Decimal("0.5") * 10**zeros


def converted(
    source: str, target: str, source_lang: str = "", target_lang: str = ""
) -> tuple[set[Decimal], set[Decimal]]:
    """The amounts a translation gives in another unit of their dimension, converted right to the
    number it is written to ("30 miles" / "48 Kilometer", "4,000 acres" / "1600헥타르", "6 feet" /
    "1,83 Meter"; not "60 Kilometer", 2 % aside at most): the source's values so given, and the
    translation's values that give them, for the numbers check to pass. Not an amount given two ways
    in brackets, whose numbers the numbers check compares each ("6,387 km (3,980 miles)" / "km
    (3,980 miles)" is a number dropped)."""
    src, tgt = units(source, source_lang, unbracketed=True), units(target, target_lang, unbracketed=True)
    kept: set[Decimal] = set()
    given: set[Decimal] = set()
    for _, unit, values in src:
        for other_written, other, other_values in tgt:
            if other == unit or _UNITS[other][0] != _UNITS[unit][0]:
                continue
            number = re.match(r"[\d.,]+", other_written)
            precision = _written_precision(number.group(0)) if number else Decimal("0.5")
            for value in values:
                expected = Decimal(value) * _FACTORS[unit] / _FACTORS[other]
                for theirs in other_values:
                    off = abs(Decimal(theirs) - expected)
                    if off <= max(precision, expected * Decimal("0.02")):
                        kept.add(Decimal(value))
                        given.add(Decimal(theirs))
    return kept, given
