"""Percentage points are not percent: "zwei Prozentpunkte" is not "two percent".

A party that gains two percentage points (from 20 % to 22 %) has not gained two percent (from 20 % to
20.4 %). The numbers check finds the 2 on both sides; here a text that speaks of percentage points
("Prozentpunkte", "percentage points", "points" after a number, "%포인트", "%p") must be translated
into one that does, and one that speaks only of percent into one that does not.
"""

from __future__ import annotations

import re

from service.checks.flag import Flag, flag

# the forms that say percentage points and nothing else
_POINTS = {
    "de": re.compile(r"[Pp]rozent-?[Pp]unkt|%-?[Pp]unkt|\bPP\b"),  # "Viertelprozentpunkt" too
    "en": re.compile(r"percentage[- ]points?|per ?cent(?:age)?[- ]points?|\bpp\b", re.IGNORECASE),
    "ko": re.compile(r"(?:%|퍼센트|프로)\s?포인트|\d\s?%p"),
}
# and the shorter ones a translation of percentage points may use ("lost 2.5 points to 20 percent")
_LOOSE_POINTS = {
    "de": re.compile(r"\d\s*Punkte?n?\b|Viertelpunkt|halben Punkt|Basispunkt"),
    "en": re.compile(
        r"\d\s*points?\b|\b(?:quarter|half|basis)[- ](?:a[- ])?points?\b|half a point", re.IGNORECASE
    ),
    "ko": re.compile(r"포인트"),
}
_PERCENT = {
    "de": re.compile(r"Prozent|%"),
    "en": re.compile(r"per ?cent|%", re.IGNORECASE),
    "ko": re.compile(r"퍼센트|%|프로"),
}
_NAMED = {"de": "Prozentpunkte", "en": "percentage points", "ko": "퍼센트포인트"}


def check_percentage_points(source: str, target: str, source_lang: str, target_lang: str) -> list[Flag]:
    if source_lang not in _POINTS or target_lang not in _POINTS:
        return []
    points = bool(_POINTS[source_lang].search(source))
    translated = bool(_POINTS[target_lang].search(target))
    loosely = translated or bool(_LOOSE_POINTS[target_lang].search(target))
    if points and not loosely and _PERCENT[target_lang].search(target):
        detail = (
            f"{_NAMED[source_lang]} in the source, percent (not {_NAMED[target_lang]}) in the translation"
        )
        return [flag("numbers", "major", detail)]
    if (
        translated
        and not points
        and not _LOOSE_POINTS[source_lang].search(source)
        and _PERCENT[source_lang].search(source)
    ):
        detail = f"percent in the source, {_NAMED[target_lang]} in the translation"
        return [flag("numbers", "major", detail)]
    return []
