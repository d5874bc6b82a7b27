"""Acronyms and codes: the words a translation keeps as written whatever its language ("NATO",
"COVID-19", "F-35", "iPhone")."""

from __future__ import annotations

import re

# capitals with a small letter between ("AfD", "KfW", "BfV"): a German party's or office's acronym
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.]*[A-Z0-9]s?$|^[a-z]+[A-Z]\w*$|^Ma?c[A-Z]\w+$|^[A-Z][a-z][A-Z]s?$")
_CODE = re.compile(
    r"^(?=.*\d)(?=.*[A-Z])[\w.-]+$|^\d+(?:\.\d+)+[a-z]$|^[A-Z][a-z]{2,}-[A-Z]$"
)  # a word and a letter: "Super-G", "Vitamin-C"
# a temperature in degrees Celsius or Fahrenheit written as one word ("38C", "-5F"): a number, which
# the numbers check reads ("38 Grad"), not a code to keep
_TEMPERATURE = re.compile(r"-?\d{1,3}(?:[.,]\d)?°?[CF]")
ROMAN = re.compile(r"[IVXLC]+")


def is_acronym(word: str) -> bool:
    """An acronym ("NATO", "USAs"), a code ("COVID-19", "F-35") or a name with an inner capital;
    not a Roman numeral ("XVI": the numbers check reads those)."""
    if ROMAN.fullmatch(word):
        return False
    if (
        _CODE.match(word)
        and not re.search(r"\d-[A-ZÄÖÜ][a-zäöüß]|[a-zäöüß]{2}-\d|\d(?:er|e)\b|^\d+\.[A-ZÄÖÜ][a-zäöüß]", word)
        and not _TEMPERATURE.fullmatch(word)
    ):
        return True
    return bool(_ACRONYM.match(word)) and sum(c.isupper() for c in word) >= 2
