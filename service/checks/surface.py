"""Checks on the translation's surface: empty, left untranslated, too long or short, looping."""

from __future__ import annotations

import re

from service.checks.flag import Flag, flag

_WORD = re.compile(r"\w+", re.UNICODE)
_HANGUL = re.compile(r"[가-힣]")
_LATIN_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+")
# Characters of target per character of source, roughly, for news prose; a translation outside
# a factor of _SPREAD around it (and of more than _MIN_CHARS of source) is flagged.
_RATIO = {
    ("de", "en"): 0.9, ("en", "de"): 1.12, ("en", "ko"): 0.5, ("ko", "en"): 2.0, ("de", "ko"): 0.45,
    ("ko", "de"): 2.2,
}  # fmt: skip
_SPREAD = 2.6
_MIN_CHARS = 30


def check_empty(source: str, target: str) -> list[Flag]:
    if source.strip() and not target.strip():
        return [flag("empty", "major", "the translation is empty")]
    return []


def _script_words(text: str, lang: str) -> list[str]:
    return _HANGUL.findall(text) if lang == "ko" else _LATIN_WORD.findall(text)


def check_untranslated(source: str, target: str, source_lang: str, target_lang: str) -> list[Flag]:
    src_words = _WORD.findall(source.casefold())
    # Only a sentence with ordinary words needs translating: a dateline or a list of names and
    # numbers ("Berlin, 14. November.") may be the same in both languages.
    ordinary = sum(1 for w in source.split() if w[:1].isalpha() and not w[:1].isupper())
    if ordinary >= 2 and src_words == _WORD.findall(target.casefold()):
        return [flag("untranslated", "major", "the translation repeats the source")]
    if source_lang == "ko" and target_lang != "ko":
        left = re.findall(r"[가-힣]+(?:\s+[가-힣]+)*", target)
        if left:
            return [flag("untranslated", "major", f"'{left[0]}' left in Korean")]
        return []
    if target_lang == "ko" and source_lang != "ko":
        return []  # Latin words in Korean are names and titles more often than not
    # Latin to Latin: a run of five or more source words, most of them lowercase, in the target
    words = source.split()
    target_norm = " " + " ".join(target.split()) + " "
    for size in range(len(words), 4, -1):
        for start in range(0, len(words) - size + 1):
            run = words[start : start + size]
            lower = sum(1 for w in run if w[:1].islower())
            if lower >= 3 and f" {' '.join(run)} " in target_norm:
                return [flag("untranslated", "minor", f"'{' '.join(run)}' left in the source language")]
    return []


def check_length(source: str, target: str, source_lang: str, target_lang: str) -> list[Flag]:
    expected = _RATIO.get((source_lang, target_lang), 1.0)
    if len(source.strip()) < _MIN_CHARS or not target.strip():
        return []
    ratio = len(target.strip()) / len(source.strip())
    if ratio > expected * _SPREAD:
        return [flag("length", "minor", f"the translation is {ratio / expected:.1f} times as long as usual")]
    if ratio < expected / _SPREAD:
        return [flag("length", "major", f"the translation is {expected / ratio:.1f} times as short as usual")]
    return []


def _loop(words: list[str]) -> str | None:
    for size in (1, 2, 3, 4):
        for start in range(0, max(0, len(words) - size * 4) + 1):
            unit = words[start : start + size]
            if all(words[start + k * size : start + (k + 1) * size] == unit for k in range(1, 4)):
                return " ".join(unit)
    if len(words) >= 12 and len(set(words)) / len(words) < 0.3:
        return max(set(words), key=words.count)
    return None


def check_repetition(source: str, target: str) -> list[Flag]:
    looped = _loop(_WORD.findall(target.casefold()))
    if looped is not None and _loop(_WORD.findall(source.casefold())) is None:
        return [flag("repetition", "major", f"'{looped}' repeated over and over")]
    return []
