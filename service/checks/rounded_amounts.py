"""An amount a translation rounds: "3조5574억 원" / "3,56 Billionen Won", "1,618" / "rund 1.600".

The numbers check compares values; a translator who rounds writes another one. Here a pair of numbers
that the check would flag (one lost, one added) passes where the translation's is the source's
rounded to fewer digits, and says so by its form or its words (:func:`unrounded`).
"""

from __future__ import annotations

import re
from decimal import Decimal

from service.checks.written_numbers import Number

# a word before an amount that says it is rounded ("rund 3,6 Milliarden", "about 1,600", "약 3조")
_ABOUT = re.compile(
    r"(?:rund|etwa|ca\.|circa|knapp|fast|gut|über|mehr als|about|around|roughly|nearly|almost|some|over"
    r"|more than|약|대략)\s*[$€£¥₩]?\s*$",
    re.IGNORECASE,
)


def _significant(number: Number) -> int:
    """How many significant digits a number is written with ("3,56 Billionen" 3, "3조5574억" 5,
    "1.600" 2: a whole number's trailing zeros are a rounding)."""
    written = re.match(r"[\d.,'\u2019\u202f\u00a0 조억만천백십]*", number.text)
    digits = re.sub(r"\D", "", written.group(0) if written else number.text).lstrip("0")
    if not re.search(r"\d[.,]\d{1,2}(?!\d)", number.text):
        digits = digits.rstrip("0")
    return len(digits)


# a rounded amount: a decimal with a scale word ("3,56 Billionen", "2.5 million", "3.5억")
_SCALED_DECIMAL = re.compile(r"\d[.,]\d{1,2}\s?(?:[A-Za-z]|[조억만])")


def unrounded(
    src: list[Number], tgt: list[Number], tgt_pool: set[Decimal], src_pool: set[Decimal], target: str
) -> tuple[list[Number], list[Number]]:
    """The numbers less each pair where the translation gives the source's amount rounded to fewer
    digits: a decimal with its scale word, three digits or more ("3조5574억 원" / "3,56 Billionen
    Won"), or two digits or more after a word that says so ("rund 1.600" for "1,618"); never more
    digits than the source's (that is another number)."""
    lost = [n for n in src if not n.found(tgt_pool)]
    # the translation's numbers written as rounded, each with its significant digits: not a year or
    # a count rounded without a word ("1941" / "1940"); read once each, not once per source number
    rounded = [
        (t, keep)
        for t in tgt
        if not t.found(src_pool)
        and (
            ((keep := _significant(t)) >= 2 and _ABOUT.search(target[max(0, t.at - 14) : t.at]) is not None)
            or (keep >= 3 and _SCALED_DECIMAL.match(t.text))
        )
    ]
    if not rounded:
        return src, tgt
    matched: set[int] = set()
    for s in lost:
        digits = _significant(s)
        for t, keep in rounded:
            if keep >= digits:
                continue
            for vt in t.values:
                if not vt:
                    continue
                step = Decimal(10) ** (vt.copy_abs().adjusted() - keep + 1)
                if any(abs(vs - vt) <= step / 2 for vs in s.values):
                    matched |= {id(s), id(t)}
    if not matched:
        return src, tgt
    return [n for n in src if id(n) not in matched], [n for n in tgt if id(n) not in matched]
