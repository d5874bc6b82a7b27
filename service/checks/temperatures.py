"""A temperature's sign: "minus 5 Grad" is not "5 degrees".

The numbers check compares values and finds the 5 on both sides; a lost minus passes it. Here each
temperature (a number before a degree unit: °, Grad, degrees, 도) is read with its sign in each
language's forms ("-5 °C", "minus 5 Grad", "5 Grad unter null", "5 degrees below zero", "영하 5도",
"마이너스 5도"), and a temperature both sides have is flagged where only one side has it below
zero. A temperature in words is read as in digits ("minus fünf Grad", "five degrees below zero").
Only temperatures: elsewhere a minus is often said in words a translator may choose ("ein Minus
von 5 Prozent", "down 5 percent"), which a sign check would take for a lost minus.
"""

from __future__ import annotations

import re
from decimal import Decimal

from service.checks.flag import Flag, flag
from service.checks.number_words import cardinal_words

_DEGREES = r"(?:\s?°\s?[CF]?|\s?(?:Grad|degrees?|deg\.?)(?:\s+(?:Celsius|Fahrenheit))?|\s?도)"
_TEMPERATURE = re.compile(
    r"(?P<sign>(?:(?<![\w.,)\]])[-−‒–](?=\d))|(?:\b[Mm]inus|마이너스|영하)\s*)?"
    rf"(?<!\d)(?P<number>\d+(?:[.,]\d+)?){_DEGREES}(?![A-Za-zÄÖÜäöüß])"
    r"(?P<below>\s+(?:unter\s+(?:null|Null|dem\s+Gefrierpunkt)|below\s+(?:zero|freezing)))?"
)


def temperatures(text: str) -> dict[str, bool]:
    """Each temperature's value (its decimal mark a full stop) and whether it is below zero."""
    found: dict[str, bool] = {}
    for match in _TEMPERATURE.finditer(text):
        value = match.group("number").replace(",", ".")
        found[value] = found.get(value, False) or bool(match.group("sign") or match.group("below"))
    return found


def _in_digits(text: str, lang: str) -> str:
    """``text`` with each number word before a degree unit written in digits ("minus fünf Grad" ->
    "minus 5 Grad", "forty five degrees" -> "45 degrees")."""
    for words, value in cardinal_words(text, lang, ordinals=False):
        text = re.sub(rf"(?<![\w-]){re.escape(words)}(?=\s?(?:Grad|degrees?)\b)", str(value), text)
    return text


def check_temperatures(source: str, target: str, source_lang: str = "", target_lang: str = "") -> list[Flag]:
    src, tgt = temperatures(_in_digits(source, source_lang)), temperatures(_in_digits(target, target_lang))
    # the same number on another scale: "minus 20 degrees Fahrenheit" / "minus 20 Grad Celsius"
    ours = {n: scale for _, n, scale in _signed(source, source_lang) if scale}
    theirs = {n: scale for _, n, scale in _signed(target, target_lang) if scale}
    flags = [
        flag("numbers", "major", f"{n} °{scale} in the source, {n} °{theirs[n]} in the translation")
        for n, scale in ours.items()
        if theirs.get(n, scale) != scale
    ]
    for value, below in src.items():
        if value in tgt and tgt[value] != below:
            if below:
                detail = f"−{value}° in the source, {value}° without its minus in the translation"
            else:
                detail = f"{value}° in the source, below zero (−{value}°) in the translation"
            flags.append(flag("numbers", "major", detail))
    return flags


_FAHRENHEIT = re.compile(r"°\s?F\b|Fahrenheit")
_CELSIUS = re.compile(r"°\s?C\b|Celsius")


def _signed(text: str, lang: str) -> list[tuple[Decimal, Decimal, str]]:
    """Each temperature of ``text``: its value with its sign, the number as written, and the scale
    it names ("F", "C", or "" where it names none)."""
    out = []
    for match in _TEMPERATURE.finditer(_in_digits(text, lang)):
        number = Decimal(match.group("number").replace(",", "."))
        below = bool(match.group("sign") or match.group("below"))
        written = match.group(0)
        scale = "F" if _FAHRENHEIT.search(written) else "C" if _CELSIUS.search(written) else ""
        out.append((-number if below else number, number, scale))
    return out


def fahrenheit_converted(
    source: str, target: str, source_lang: str = "", target_lang: str = ""
) -> tuple[set[Decimal], set[Decimal]]:
    """Temperatures one side says in Fahrenheit and the other in Celsius, converted right to a degree
    ("95 degrees Fahrenheit" / "35 Grad"): the source's numbers so given and the translation's that
    give them, for the numbers check to pass (as :func:`service.checks.units.converted`)."""
    src, tgt = _signed(source, source_lang), _signed(target, target_lang)
    kept: set[Decimal] = set()
    given: set[Decimal] = set()
    for value, number, scale in src:
        for other_value, other_number, other_scale in tgt:
            if (scale == "F") == (other_scale == "F"):
                continue
            celsius, other = (value - 32) * 5 / 9, other_value
            if other_scale == "F":
                celsius, other = value, (other_value - 32) * 5 / 9
            if abs(celsius - other) <= 1:
                kept.add(number)
                given.add(other_number)
    return kept, given
