"""The dead and the injured counted the other way round: "2명이 숨지고 15명이 다쳤다" / "15 people
died and two were injured".

Every number is there, so the numbers check passes it. Here each number of people in a sentence
that counts both the dead and the injured is read with its role word ("two people died", "killed
two", "zwei Tote", "2명이 숨지고"), on each side; a number the source counts
as dead and the translation as injured (or the other way) is flagged, under numbers.
"""

from __future__ import annotations

import re
from decimal import Decimal

from service.checks.flag import Flag, flag
from service.checks.korean_numbers import korean_counts
from service.checks.number_words import cardinal_words
from service.checks.numbers import digit_numbers

_ROLES = {
    "dead": {
        "en": r"\b(?:killed|dead|died|deaths?|fatalities|lost their lives)\b",
        "de": r"\b(?:tot|Tote[n]?|getötet\w*|tötete\w*|ums Leben|starben|gestorben|Todesopfer\w*"
        r"|verstorben\w*)\b",
        "ko": r"숨지|숨진|숨졌|사망|목숨",
    },
    "injured": {
        "en": r"\b(?:injured|wounded|hurt|injuries)\b",
        "de": r"\b(?:verletzt\w*|Verletzte\w*|verwundet\w*)\b",
        "ko": r"다쳤|다친|다치|부상|중상|경상",
    },
}
_PATTERNS = {role: {lang: re.compile(p) for lang, p in by_lang.items()} for role, by_lang in _ROLES.items()}
# between a verb and the number it counts: a space, and "at least", "some", "mindestens", "rund"
_OBJECT_GAP = re.compile(r"\s+(?:(?:at least|some|about|around|mindestens|rund|etwa)\s+)?")


def _numbers(text: str, lang: str) -> list[tuple[int, int, Decimal]]:
    """Each number of ``text`` in digits (as the numbers check reads them: "1,500", "7만1500", not a
    time of day) or words: (start, end, value)."""
    found = [
        (n.at, n.at + len(n.text), value)
        for n in digit_numbers(text, lang)
        if not n.clock
        for value in n.values
    ]
    words = korean_counts(text) if lang == "ko" else cardinal_words(text, lang, ordinals=False)
    for written, value in words:
        for m in re.finditer(rf"(?<!\w){re.escape(written)}(?!\w)", text):
            found.append((m.start(), m.end(), value))
    return found


def counted(text: str, lang: str) -> dict[Decimal, str] | None:
    """Each number of a sentence that counts both the dead and the injured, with its role word: a
    verb right before it, else the first after it (before the next number), else the nearest before
    it, each within 40 characters; None where the sentence does not count both."""
    roles = [(m.start(), m.end(), role) for role, by_lang in _PATTERNS.items() if lang in by_lang
             for m in by_lang[lang].finditer(text)]  # fmt: skip
    if {role for *_, role in roles} != {"dead", "injured"}:
        return None
    out: dict[Decimal, str] = {}
    numbers = sorted(_numbers(text, lang))
    for i, (start, end, value) in enumerate(numbers):
        # the role word after the number, before the next one ("2명이 숨지고", "zwei wurden verletzt",
        # "two people died"); else the nearest before it ("killed two")
        following = numbers[i + 1][0] if i + 1 < len(numbers) else len(text)
        after = [r for r in roles if end <= r[0] < following and r[0] - end <= 40]
        before = [r for r in roles if r[1] <= start and start - r[1] <= 40]
        verb = [r for r in before if lang != "ko" and _OBJECT_GAP.fullmatch(text[r[1] : start])]
        if verb:  # a verb right before its object ("killed two", "injured 15", "tötete zwei")
            out.setdefault(value, verb[-1][2])
        elif after:
            out.setdefault(value, min(after)[2])
        elif before:
            out.setdefault(value, max(before)[2])
    return out


def check_casualties(source: str, target: str, source_lang: str, target_lang: str) -> list[Flag]:
    said, written = counted(source, source_lang), counted(target, target_lang)
    if not said or not written:
        return []
    swapped = [value for value, role in said.items() if written.get(value, role) != role]
    if not swapped:
        return []
    value = swapped[0]
    number = format(value, "f")  # "1500", not "1.5E+3"
    detail = f"{number} {said[value]} in the source, {number} {written[value]} in the translation"
    return [flag("numbers", "major", detail)]
