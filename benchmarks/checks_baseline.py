"""The checks benchmark's baseline: ``workers/quality.py`` as it was before issue 23 (bare flag
names), kept verbatim so that every run of ``checks.py`` measures it on the same data."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# Thousands separator and decimal mark by language; others follow English.
_SEPARATORS = {"de": (".", ","), "fr": (" ", ","), "es": (".", ","), "it": (".", ","), "nl": (".", ",")}
_NUMBER = re.compile(r"\d+(?:[.,\u202f\u00a0 ]\d{3})*(?:[.,]\d+)?")
_WORD = re.compile(r"\w+", re.UNICODE)


def _numbers(text: str, lang: str) -> list[Decimal]:
    """The numbers in ``text``, read with the language's separators, sorted."""
    thousands, decimal = _SEPARATORS.get(lang, (",", "."))
    found: list[Decimal] = []
    for match in _NUMBER.finditer(text):
        token = match.group(0)
        # A single separator followed by exactly three digits is a thousands separator in the
        # language's convention; everything else is read as the language's decimal mark.
        token = re.sub(r"[\u202f\u00a0 ]", "", token)
        token = token.replace(thousands, "") if thousands != " " else token
        token = token.replace(decimal, ".")
        try:
            found.append(Decimal(token).normalize())
        except InvalidOperation:
            continue
    return sorted(found)


def _loops(words: list[str]) -> bool:
    for size in (1, 2, 3, 4):
        for start in range(0, max(0, len(words) - size * 4) + 1):
            unit = words[start : start + size]
            if all(words[start + k * size : start + (k + 1) * size] == unit for k in range(1, 4)):
                return True
    return len(words) >= 12 and len(set(words)) / len(words) < 0.3


def baseline_check(source: str, target: str, source_lang: str, target_lang: str) -> list[str]:
    flags: list[str] = []
    if source.strip() and not target.strip():
        return ["empty"]
    if _numbers(source, source_lang) != _numbers(target, target_lang):
        flags.append("numbers")
    source_words = _WORD.findall(source.casefold())
    if len(source.split()) >= 3 and source_words == _WORD.findall(target.casefold()):
        flags.append("untranslated")
    if _loops(_WORD.findall(target.casefold())):
        flags.append("repetition")
    return flags
