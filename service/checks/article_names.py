"""Across a German article: a word the translation keeps as written in one sentence is a name of
this article, and a sentence that drops it is flagged.

German capitalises every noun, so a word such as "Essen" (a city, and a meal), "Franke" (a
family name, and a Franconian) or "Albachten" (a village the lists split into words) is not known
for a name in one sentence alone. Where the English translation of another sentence of the same
article writes the word as the German does, capitalised and not first in its sentence, the article
itself says it is a name; a sentence whose source holds it and whose translation has it in no form
gets a minor flag. Words the German lists have as common nouns only ("Nacht", "Film", "Bundeswehr")
are left out: a common noun kept once inside a name ("Lange Nacht der Museen") is translated
elsewhere as it should be.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from service.checks.calendar_words import DAYS, MONTHS
from service.checks.flag import Flag, flag
from service.checks.german_kinds import german_kind
from service.checks.german_names import DETERMINER
from service.checks.name_match import found_in
from service.checks.names import source_names

_CAPITALISED = re.compile(r"(?<![\w'’-])[A-ZÄÖÜ]\w{2,}(?![\w-])")
# the start of a text or of a sentence in it, or an opening quotation mark or bracket
_OPENING = re.compile(r"(?:^|[.!?:„“\"«»(])\s*$")


def _mid_sentence(text: str, start: int) -> bool:
    return not _OPENING.search(text[:start])


# days and months: a name's part ("Bild am Sonntag") and the day itself alike
_CALENDAR = frozenset((*DAYS["de"], *MONTHS["de"]))


def _only_as_noun(word: str, source: str) -> bool:
    """Whether a word the lists have as a name and a noun ("Koch", "Bauer") stands only after an
    article or a determiner in this sentence: the noun ("der Koch des Restaurants"), not the name."""
    return all(DETERMINER.search(source[: m.start()]) for m in _as_written(word).finditer(source))


def _as_written(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")


def kept_words(pairs: Sequence[tuple[str, str]]) -> set[str]:
    """The capitalised words that some sentence's translation writes as its German source does,
    neither first in the source sentence nor in the translation's, and not a German common noun
    only."""
    kept: set[str] = set()
    for source, target in pairs:
        for m in _CAPITALISED.finditer(source):
            word = m.group(0)
            if word in kept or not _mid_sentence(source, m.start()) or german_kind(word) == "n":
                continue
            if any(_mid_sentence(target, n.start()) for n in _as_written(word).finditer(target)):
                kept.add(word)
    return kept


def check_article_names(
    pairs: Sequence[tuple[str, str]], source_lang: str, target_lang: str
) -> list[tuple[int, Flag]]:
    """(sentence index, flag) for each sentence of a German article whose translation drops a
    word the article keeps as a name elsewhere (English translations; names the sentence's own
    check knows are its own flags)."""
    if source_lang != "de" or target_lang != "en":
        return []
    kept = {word: _as_written(word) for word in kept_words(pairs)}  # each word's pattern made once
    out: list[tuple[int, Flag]] = []
    for i, (source, target) in enumerate(pairs):
        words = sorted(word for word, written in kept.items() if written.search(source))
        if not words:
            continue
        own = set(source_names(source, source_lang, target_lang))
        for word in words:
            if word in _CALENDAR or (german_kind(word) == "np" and _only_as_noun(word, source)):
                continue  # "am Sonntag" beside "Bild am Sonntag"; "der Koch" beside the player Koch
            if word not in own and not found_in(word, target):
                detail = f"{word} is kept as a name elsewhere in this article, not in this translation"
                out.append((i, flag("names", "minor", detail)))
    return out
