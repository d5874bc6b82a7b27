"""Checks on the translation's surface: empty, left untranslated, in another language, too long or
short, looping."""

from __future__ import annotations

import re
from collections import Counter

from service.checks.flag import Flag, flag
from service.checks.language_words import FUNCTION_WORDS, LANGUAGE_NAMES, QUOTED, english_only, german_only
from service.checks.source_clause import source_clause_left
from service.parse.language import detect

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
    if target.strip() and not source.strip():  # nothing it could translate: not a translation of it
        return [flag("empty", "major", "the source is empty, the translation is not")]
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
    # German and English: a clause in the source's language among translated words, which the reader
    # of the translation cannot read
    clause = source_clause_left(source, target, source_lang, target_lang)
    if clause is not None:
        return [flag("untranslated", "major", f"'{clause}' left in {LANGUAGE_NAMES[source_lang]}")]
    # Latin to Latin: a run of five or more source words, most of them lowercase, in the target
    left_run = _longest_run_kept(source.split(), target.split())
    if left_run is not None:
        return [flag("untranslated", "minor", f"'{left_run}' left in the source language")]
    return []


# a translation this long (words, or Hangul letters) is long enough to tell its language
_LANGUAGE_WORDS = 6
_LANGUAGE_HANGUL = 12
_SURE = 0.95
_FAIRLY_SURE_WITHOUT_OWN = 0.8


def check_language(source: str, target: str, source_lang: str, target_lang: str) -> list[Flag]:
    """A translation written in another language than the one asked for (a correction typed in
    English for the Korean translation, a model that answered in the source language): Korean
    without Hangul, German or English that reads, with confidence, as another language."""
    letters = [c for c in target if c.isalpha()]
    hangul = sum(1 for c in letters if _HANGUL.match(c))
    words = _LATIN_WORD.findall(target)
    if target_lang == "ko":
        if len(words) >= _LANGUAGE_WORDS and hangul < 0.2 * len(letters):
            code, confidence = detect(target)
            named = LANGUAGE_NAMES.get(code or "", "") if confidence >= _SURE else ""
            return [
                flag(
                    "language", "major", f"the translation reads as {named or 'another language'}, not Korean"
                )
            ]
        return []
    if target_lang not in ("de", "en"):
        return []
    if hangul >= _LANGUAGE_HANGUL and hangul > 0.5 * len(letters):
        wanted = LANGUAGE_NAMES[target_lang]
        return [flag("language", "major", f"the translation reads as Korean, not {wanted}")]
    # read by its ordinary words: names ("TSV Straßberg", "Oberschleißheim") are any language's
    ordinary = [w for w in words if w[:1].islower()]
    code = _other_by_function_words(ordinary, target_lang) or _other_by_vocabulary(target, target_lang)
    if not code and len(ordinary) >= _LANGUAGE_WORDS:
        detected, confidence = detect(" ".join(ordinary))
        if detected and detected != target_lang and confidence >= _SURE and detected in LANGUAGE_NAMES:
            code = detected
    # less sure where none of its ordinary words (whole, accents kept; a quotation left out) is a
    # function word of its own language ("Het was de warmste juni sinds ...": Dutch at 0.86)
    unquoted = [w for w in re.findall(r"[^\W\d_]+", QUOTED.sub(" ", target)) if w[:1].islower()]
    if (
        not code
        and len(unquoted) >= _LANGUAGE_WORDS
        and not any(w in FUNCTION_WORDS[target_lang] for w in unquoted)
    ):
        detected, confidence = detect(" ".join(unquoted))
        if (
            detected
            and detected != target_lang
            and confidence >= _FAIRLY_SURE_WITHOUT_OWN
            and detected in LANGUAGE_NAMES
        ):
            code = detected
    if code:
        read, wanted = LANGUAGE_NAMES[code], LANGUAGE_NAMES[target_lang]
        return [flag("language", "major", f"the translation reads as {read}, not {wanted}")]
    return []


def _other_by_function_words(ordinary: list[str], target_lang: str) -> str | None:
    """The other of German and English where the translation's ordinary words are that language's
    function words, three or more, and none of its own: a detector less than sure of a short
    sentence ("He built a WiFi door bell, he said." for German) is sure enough then."""
    (other,) = {"de", "en"} - {target_lang}
    words = [w.lower() for w in ordinary]
    theirs = sum(w in FUNCTION_WORDS[other] for w in words)
    own = sum(w in FUNCTION_WORDS[target_lang] for w in words)
    return other if theirs >= 3 and own == 0 else None


def _other_by_vocabulary(target: str, target_lang: str) -> str | None:
    """Another language for a short translation with none of the target language's function words
    or words: two or more words of the other of German and English (its function words, German
    nouns and words English does not have, English words German does not have: "Die Polizei hat
    6.000 Demonstranten festgenommen." for English), or three words or more in lower case (names are
    any language's) that the detector reads as another language it is fairly sure of ("La police a
    arrêté 6 000 manifestants.")."""
    # a quotation kept in its own language ("So ein Tag, so wunderschön wie heute") is no vote
    words = re.findall(r"[^\W\d_]+", QUOTED.sub(" ", target))
    low = [w.lower() for w in words]
    if any(w in FUNCTION_WORDS[target_lang] and w != "a" for w in low):  # French, Spanish have "a" too
        return None
    (other,) = {"de", "en"} - {target_lang}
    own, theirs = (german_only, english_only) if target_lang == "de" else (english_only, german_only)
    if any(own(w) for w in words):
        return None  # a word of its own language
    votes = [w for w in words if theirs(w) or w.lower() in FUNCTION_WORDS[other]]
    if len(votes) >= 2 and any(w[:1].islower() for w in votes):  # not only names ("Kröger, Hecker")
        return other
    ordinary = [w for w in words if w[:1].islower()]  # names are any language's ("van de Pol")
    if len(ordinary) >= 3:
        code, confidence = detect(" ".join(ordinary))
        if code and code != target_lang and code in LANGUAGE_NAMES and confidence >= _FAIRLY_SURE:
            return code
    return None


# how sure the detector must be of a short translation's language, which has no word of its own
_FAIRLY_SURE = 0.9


_RUN = 5  # source words in a row that make a passage left untranslated


def _lowercase(words: list[str]) -> int:
    return sum(1 for w in words if w[:1].islower())


def _longest_run_kept(words: list[str], target_words: list[str]) -> str | None:
    """The longest run of :data:`_RUN` or more source words, three or more of them lowercase, that
    the target has as it is. In time linear in the words (a sentence of 800 one-letter words took
    seconds when every run was searched for): the source's windows of five words that the target
    has too are found through a set, and a stretch of such windows is the run where the target has
    it whole; else its longest window that qualifies."""
    if len(words) < _RUN or len(target_words) < _RUN:
        return None
    grams = {tuple(target_words[k : k + _RUN]) for k in range(len(target_words) - _RUN + 1)}
    present = [tuple(words[i : i + _RUN]) in grams for i in range(len(words) - _RUN + 1)]
    target_text = f" {' '.join(target_words)} "
    best: list[str] | None = None
    i = 0
    while i < len(present):
        if not present[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(present) and present[j + 1]:
            j += 1
        run = words[i : j + _RUN]
        if _lowercase(run) >= 3:
            if f" {' '.join(run)} " not in target_text:  # its windows are there, not all in one place
                windows = (words[k : k + _RUN] for k in range(i, j + 1))
                run = next((w for w in windows if _lowercase(w) >= 3), [])
            if run and (best is None or len(run) > len(best)):
                best = run
        i = j + 1
    return " ".join(best) if best else None


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
        for start in range(len(words) - size * 4 + 1):  # none where the words are too few (or none)
            unit = words[start : start + size]
            if all(words[start + k * size : start + (k + 1) * size] == unit for k in range(1, 4)):
                return " ".join(unit)
    if len(words) >= 12 and len(set(words)) / len(words) < 0.3:
        return Counter(words).most_common(1)[0][0]
    return None


def check_repetition(source: str, target: str) -> list[Flag]:
    looped = _loop(_WORD.findall(target.casefold()))
    if looped is not None and _loop(_WORD.findall(source.casefold())) is None:
        return [flag("repetition", "major", f"'{looped}' repeated over and over")]
    return []
