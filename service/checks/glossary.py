"""Glossary terms: where a term of the glossary is in the source (inflected too: "Nordkoreas",
"Nordkorea-Politik"), its required translation, or the term itself where it is not translated, is in
the translation (inflected too: "North Korea's", "북한의")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from service.checks.flag import Flag, flag
from service.glossary.model import GlossaryEntry

# endings German and English add to a noun, and the first part of a compound ("Nordkorea-Politik")
_ENDINGS = r"(?:s|es|n|en|e|er|ern|'s|’s|'|’)?(?=-|\W|$)"


@lru_cache(maxsize=65_536)
def source_pattern(term: str, case_sensitive: bool) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(term)}{_ENDINGS}", 0 if case_sensitive else re.IGNORECASE)


@lru_cache(maxsize=65_536)
def target_pattern(term: str, case_sensitive: bool) -> re.Pattern[str]:
    # A translation may inflect the term or attach a Korean particle: only its start is bounded.
    return re.compile(rf"(?<!\w){re.escape(term)}", 0 if case_sensitive else re.IGNORECASE)


def check_glossary(
    source: str, target: str, target_lang: str, entries: Sequence[GlossaryEntry]
) -> list[Flag]:
    flags: list[Flag] = []
    for entry in entries:
        wanted = entry.target_for(target_lang)
        if wanted is None or not source_pattern(entry.source, entry.case_sensitive).search(source):
            continue
        if target_pattern(wanted, entry.case_sensitive or entry.do_not_translate).search(target):
            continue
        if entry.do_not_translate:
            flags.append(
                flag("glossary", "major", f"{entry.source} is not to be translated: keep it as it is")
            )
        else:
            flags.append(
                flag(
                    "glossary", "major", f"{entry.source} is {wanted} by the glossary, not in the translation"
                )
            )
    return flags
