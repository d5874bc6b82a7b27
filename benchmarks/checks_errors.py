"""Errors the checks benchmark puts into human translations by a rule of their own, with no random
draw (so the rows drawn in ``checks.py`` stay as they were): a currency named as another, a unit
named as another with its number kept, a negation taken out, a clause left in the source
language."""

from __future__ import annotations

import re

from service.checks.currencies import currencies
from service.checks.units import units

# what a currency of the translation is replaced by: the dollar by the euro, any other by the dollar
_OTHER_CURRENCY = {
    "de": ("Euro", "Dollar"), "en": ("euros", "dollars"), "ko": ("유로", "달러"),
}  # fmt: skip
_SIGNS = {"$": "€", "€": "$", "£": "$", "₩": "$", "¥": "$"}


def currency_changed(source: str, target: str, lang: str) -> str | None:
    """The first currency the source and the translation both name, written in the translation as
    another; None where they name none."""
    shared = [
        (family, word) for family, (word, _) in currencies(target).items() if family in currencies(source)
    ]
    if not shared:
        return None
    family, word = shared[0]
    euro, dollar = _OTHER_CURRENCY[lang]
    other = _SIGNS.get(word) or (euro if family == "dollar" else dollar)
    at = target.find(word)
    return target[:at] + other + target[at + len(word) :]


_NEGATION_WORDS = {
    "de": (r"\s?\bnicht\b", ""), "en": (r"\s?\bnot\b|n['’]t\b", ""),
}  # fmt: skip


def negation_lost(source: str, target: str, lang: str) -> str | None:
    """The translation with its one "nicht" or "not" taken out, where it has one such word and the
    source says no too; None otherwise."""
    if lang not in _NEGATION_WORDS or not re.search(r"\b(?:nicht|not|kein\w*|no|never|nie)\b|n't", source):
        return None
    pattern, replacement = _NEGATION_WORDS[lang]
    if len(re.findall(pattern, target)) != 1:
        return None
    broken = re.sub(pattern, replacement, target, count=1)
    # not where another word of negation is left ("no tsunami warning ... will not be"), nor where
    # the source's only negation is an idiom ("nicht nur" / "not only")
    rest = (
        r"\b(?:no|never|nothing|none|nor|neither|without|nobody|nicht|kein\w*|nie|niemals|nichts|ohne"
        r"|weder)\b"
    )
    if re.search(rest, broken, re.IGNORECASE) or not re.search(
        r"\b(?:nicht|not)\b(?!\s+(?:nur|only|just|bloß))|\bkein\w*|\bnie\b|\bnever\b|\bno\b|n't", source
    ):
        return None
    return broken


# a clause: the words after a sentence's last comma, four or more, three of them in lower case
_LAST_CLAUSE = re.compile(r",\s+([^,]+)$")


def clause_left(source: str, target: str) -> str | None:
    """The translation with its last clause (after its last comma) replaced by the source's last
    clause, as a model that stopped translating half way would leave it: "Die Polizei sagte, the
    suspect was arrested on Monday."; None where either has no such clause."""
    src, tgt = _LAST_CLAUSE.search(source), _LAST_CLAUSE.search(target)
    if not src or not tgt:
        return None
    words = src.group(1).split()
    if len(words) < 4 or sum(1 for w in words if w[:1].islower()) < 3:
        return None
    return target[: tgt.start(1)] + src.group(1)


# a unit of the translation -> another of its dimension, in each language
_OTHER_UNIT = {
    "km": {"de": "Meilen", "en": "miles", "ko": "마일"},
    "mile": {"de": "Kilometer", "en": "kilometres", "ko": "킬로미터"},
    "m": {"de": "Fuß", "en": "feet", "ko": "피트"},
    "foot": {"de": "Meter", "en": "metres", "ko": "미터"},
    "cm": {"de": "Zoll", "en": "inches", "ko": "인치"},
    "kg": {"de": "Pfund", "en": "pounds", "ko": "파운드"},
    "pound": {"de": "Kilogramm", "en": "kilograms", "ko": "킬로그램"},
    "tonne": {"de": "Kilogramm", "en": "kilograms", "ko": "킬로그램"},
    "km²": {"de": "Quadratmeilen", "en": "square miles", "ko": "제곱마일"},
    "hectare": {"de": "Acres", "en": "acres", "ko": "에이커"},
    "litre": {"de": "Gallonen", "en": "gallons", "ko": "갤런"},
    "km/h": {"de": "Meilen pro Stunde", "en": "mph", "ko": "마일"},
    "second": {"de": "Minuten", "en": "minutes", "ko": "분"},
    "minute": {"de": "Stunden", "en": "hours", "ko": "시간"},
    "hour": {"de": "Minuten", "en": "minutes", "ko": "분"},
    "day": {"de": "Wochen", "en": "weeks", "ko": "주간"},
    "week": {"de": "Tage", "en": "days", "ko": "일간"},
    "month": {"de": "Jahre", "en": "years", "ko": "년간"},
    "year": {"de": "Monate", "en": "months", "ko": "개월"},
}


def unit_changed(source: str, target: str, source_lang: str, target_lang: str) -> str | None:
    """The translation with the first unit it shares with the source (same unit, same number)
    written as another unit of its dimension, the number kept ("40 Kilometer" -> "40 Meilen");
    None where they share none."""
    theirs = {(unit, value) for _, unit, values in units(source, source_lang) for value in values}
    for written, unit, values in units(target, target_lang):
        if unit in _OTHER_UNIT and any((unit, v) in theirs for v in values):
            number = re.match(r"\S+?(?=\s?-?\s?[^\d\s.,-])", written)
            if number is None:
                continue
            at = target.find(written)
            rest = written[number.end() :]
            gap = rest[: len(rest) - len(rest.lstrip(" -\u00a0\u202f"))]
            replaced = (
                written[: number.end()]
                + (gap or ("" if target_lang == "ko" else " "))
                + _OTHER_UNIT[unit][target_lang]
            )
            return target[:at] + replaced + target[at + len(written) :]
    return None
