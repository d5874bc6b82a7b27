"""Whether the two languages of a check request look the wrong way round.

An editor who runs ``interlinear check --from en --to de`` on a German article and its English
translation gets a flag on every line (names "not in the translation", "reads as English, not
German") and no word on why. Read as a whole, the sources and the translations tell their
languages with confidence; where each reads as the other's, the request says so once.
"""

from __future__ import annotations

from collections.abc import Sequence

from service.checks.language_words import LANGUAGE_NAMES
from service.parse.language import detect

_CHECKED = ("de", "en", "ko")
# how much of each side is read: plenty to tell the language of an article
_SAMPLE = 4000
# the detector's confidence needed on both sides: a mixed or very short text says nothing
_SURE = 0.8
# fewer letters than this on a side tell nothing certain ("Berlin, 3. Mai" / "Berlin, May 3")
_MIN_LETTERS = 40


def _language_of(texts: Sequence[str]) -> str | None:
    text = " ".join(t.strip() for t in texts if t.strip())[:_SAMPLE]
    if sum(c.isalpha() for c in text) < _MIN_LETTERS:
        return None
    code, confidence = detect(text)
    return code if confidence >= _SURE else None


def swapped_hint(
    pairs: Sequence[tuple[str, str]],
    source_lang: str,
    target_lang: str,
    fields: tuple[str, str] = ("source_lang", "target_lang"),
) -> str | None:
    """A sentence saying the languages look swapped, where the sources read as ``target_lang`` and
    the translations as ``source_lang``; else None. ``fields``: what the interface calls the two."""
    if source_lang not in _CHECKED or target_lang not in _CHECKED:
        return None
    read_source = _language_of([source for source, _ in pairs])
    if read_source != target_lang:
        return None
    if _language_of([target for _, target in pairs]) != source_lang:
        return None
    return (
        f"the sources read as {LANGUAGE_NAMES[target_lang]} and the translations as "
        f"{LANGUAGE_NAMES[source_lang]}: "
        f"{fields[0]} and {fields[1]} look swapped; send {fields[0]} {target_lang!r} and "
        f"{fields[1]} {source_lang!r} if so, as the flags assume the languages given"
    )
