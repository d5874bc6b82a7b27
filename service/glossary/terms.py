"""Glossary terms through a translation engine.

Before decoding, each glossary term found in a sentence is replaced by a placeholder,
``ZQX<n>`` (another prefix where the sentence itself holds "ZQX"): Latin capitals and digits,
which SentencePiece models split into common pieces and tend to copy the way they copy an
acronym or a number. After decoding, each placeholder is
replaced by what the term must become in the target language (the term itself where it is not to
be translated). A model may drop or mangle a placeholder (the tests' random-weight model always
does; how often a trained model does is not measured here): the term is then put in at the
relative position it had in the source, on a word boundary, and the output gets a minor
``glossary`` flag (workers/translate.py) so an editor checks it. Either way every protected
term is in the output.

Which entries apply to a sentence is part of its output's settings hash
(:func:`settings_hash_for`): a glossary change makes exactly the outputs it touches stale.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from service.glossary.model import GlossaryEntry

PREFIXES = ("ZQX", "XQZ", "QZX", "ZXQ", "XZQ", "QXZ")  # the first the text does not contain


def _pattern(entry: GlossaryEntry) -> re.Pattern[str]:
    return _compiled(entry.source, entry.case_sensitive)


@lru_cache(maxsize=65_536)  # a glossary's terms are matched against every sentence: compile each once
def _compiled(source: str, case_sensitive: bool) -> re.Pattern[str]:
    # Whole words only: "Kim" must not match inside "Kimchi". \b fails next to punctuation that
    # ends a term ("Inc."), so the boundary is "not a word character" instead.
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(rf"(?<!\w){re.escape(source)}(?!\w)", flags)


def applicable(text: str, entries: Sequence[GlossaryEntry], target_lang: str) -> list[GlossaryEntry]:
    """The entries found in ``text`` that say something about ``target_lang``, longest term first."""
    found = [e for e in entries if e.target_for(target_lang) is not None and _pattern(e).search(text)]
    return sorted(found, key=lambda e: len(e.source), reverse=True)


def settings_hash_for(base: str, text: str, entries: Sequence[GlossaryEntry], target_lang: str) -> str:
    """The decoding settings hash ``base``, extended by the glossary entries that apply to ``text``."""
    used = applicable(text, entries, target_lang)
    if not used:
        return base
    shape = [base, *[[e.source, e.case_sensitive, e.target_for(target_lang)] for e in used]]
    return hashlib.sha256(json.dumps(shape, ensure_ascii=False).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Protected:
    text: str  # what the engine sees
    replacements: tuple[str, ...]  # placeholder n -> what it becomes in the target
    positions: tuple[float, ...]  # where each term was in the source, 0..1
    prefix: str = PREFIXES[0]  # placeholders are prefix + n; the source text holds no such word

    @property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(rf"{self.prefix}(\d+)")


def _prefix_for(text: str) -> str | None:
    """A placeholder prefix the text does not already contain (an article may quote "ZQX0")."""
    return next((prefix for prefix in PREFIXES if prefix not in text.upper()), None)


def protect(text: str, entries: Sequence[GlossaryEntry], target_lang: str) -> Protected:
    """Replace each occurrence of an applicable term by a numbered placeholder."""
    prefix = _prefix_for(text)
    if prefix is None:  # the sentence quotes every prefix: left as it is, not protected
        return Protected(text, (), ())
    replacements: list[str] = []
    positions: list[float] = []
    spans: list[tuple[int, int, str]] = []
    taken = [False] * len(text)
    for entry in applicable(text, entries, target_lang):
        target = entry.target_for(target_lang)
        assert target is not None
        for match in _pattern(entry).finditer(text):
            if any(taken[match.start() : match.end()]):
                continue  # inside a longer term already protected
            for i in range(match.start(), match.end()):
                taken[i] = True
            spans.append((match.start(), match.end(), target))
    out: list[str] = []
    last = 0
    for start, end, target in sorted(spans):
        out.append(text[last:start])
        out.append(f"{prefix}{len(replacements)}")
        replacements.append(target)
        positions.append(start / max(1, len(text)))
        last = end
    out.append(text[last:])
    return Protected("".join(out), tuple(replacements), tuple(positions), prefix)


def restore(output: str, protected: Protected) -> tuple[str, bool]:
    """The output with each placeholder replaced by its term; ``(text, placed)`` where ``placed``
    says a term was missing and was put in by position (the output needs an editor's look).

    Placeholders the model invented or repeated are removed; a missing one is inserted (as a
    placeholder, so that no term is split by another) before all are replaced by their terms."""
    if not protected.replacements:
        return output, False
    seen: set[int] = set()

    def keep_first(match: re.Match[str]) -> str:
        n = int(match.group(1))
        if n >= len(protected.replacements) or n in seen:
            return ""
        seen.add(n)
        return match.group(0)

    pattern = protected.pattern
    text = pattern.sub(keep_first, output)
    missing = [n for n in range(len(protected.replacements)) if n not in seen]
    for n in missing:
        text = _insert_at(text, f"{protected.prefix}{n}", protected.positions[n])
    text = pattern.sub(lambda m: protected.replacements[int(m.group(1))], text)
    return re.sub(r"\s{2,}", " ", text).strip(), bool(missing)


def _insert_at(text: str, term: str, position: float) -> str:
    """``term`` inserted at the word boundary nearest to ``position`` (0..1) of ``text``."""
    words = text.split()
    if not words:
        return term
    at = round(position * len(words))
    words.insert(min(at, len(words)), term)
    return " ".join(words)
