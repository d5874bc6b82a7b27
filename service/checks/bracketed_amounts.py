"""Amounts a news text gives two ways, one in brackets: a conversion ("15억 달러(약 2조 원)", "100
miles (160 km)") and a code that glosses the number before it ("주요 7개국(G7)"). Read by the numbers
check (:mod:`service.checks.numbers`), which lets a translation give such an amount one way.
"""

from __future__ import annotations

import re

# an amount and its conversion in brackets: "15억 달러(약 2조 원)", "4.000 Acres (rund 1.600 Hektar)",
# "100 miles (160 km)": a unit or currency (no digits) between the two, an approximation word before
# the second
_CONVERSION = re.compile(
    r"(?<![\d.,])\d[\d.,]*[^\W\d]*\s?(?:[^\W\d]+\.?\s?){0,3}\(\s?(?:약|about|around|roughly|some|approximately"
    r"|nearly|almost|rund|etwa|ca\.|circa|knapp|fast|gut|umgerechnet)?\s?[$€£¥₩]?\s?(\d[\d.,]*)[^()\d]{0,30}\)"
)
# a number in brackets, or a number with brackets after it: the text gives an amount two ways, or did
# before a number was dropped ("6,387 km (3,980 miles)" / "km (3,980 miles)")
# (not a name glossed in brackets after it: "50km 떨어진 라 플라타(La Plata)")
_BRACKETED_NUMBER = re.compile(r"\([^()]*\d[^()]*\)|\d[^()\d]{0,30}\((?![A-Z][^()\d]*\))")
# a number, then a code in brackets that repeats it: the code glosses the words ("주요 7개국(G7)", "20
# Staaten (G20)"), and a translation writes the number once ("G7")
_GLOSSED_CODE = re.compile(r"(?<![\d.,])(\d+)[^\d()]{0,12}\(\s?[A-Za-z]+-?(\d+)\s?\)")


def conversions(text: str) -> list[tuple[int, int]]:
    """Where ``text`` gives an amount and its conversion in brackets: (where the amount's number
    starts, where the conversion's does)."""
    return [(m.start(), m.start(1)) for m in _CONVERSION.finditer(text)]


def gives_two_ways(text: str) -> bool:
    """Whether ``text`` has a number in brackets, or a number with brackets after it."""
    return _BRACKETED_NUMBER.search(text) is not None


def glossed_codes(text: str) -> set[int]:
    """Where the number of a code in brackets starts that glosses the same number before it."""
    return {m.start(2) for m in _GLOSSED_CODE.finditer(text) if m.group(1) == m.group(2)}
