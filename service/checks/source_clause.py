"""A clause of the source language left in a German or English translation, among translated words:
"Rund 20.000 Haushalte were left without power." (English source, German translation) or "The
minister said that die Steuern steigen werden." (German source, English translation).

The run check of :mod:`service.checks.surface` finds five source words kept as they are; a clause of
three or four, or one the model half translated, passes it. Here the translation's words are read
one by one: a word only the source language writes ("arrested", "without"; "festgenommen", a
German noun such as "Steuern") or one of its function words ("the", "were"; "der", "wurde") counts
for the source language; a word only the target language writes, or one of its function words,
ends the run; a word both write ("was", "power", "in") continues it without counting. Three
source-language words in a run, two of them words only that language writes, make a clause left
untranslated (not "state of the art", which German writes too). English words in a German
translation must be written in lower case (capitalised ones are names and titles: "Black Lives
Matter"); German nouns are capitalised, so a German run in English may have them, but needs a
lowercase word only German writes ("festgenommen"): an office's name kept in German ("Bundesamt für
Migration und Flüchtlinge") is no clause. A quotation is skipped: a newspaper may quote in the
original language.
"""

from __future__ import annotations

import re

from service.checks.language_words import QUOTED, english_only, function_words, german_only

_MIN_WORDS = 3  # source-language words in a run
# short German function words English has no word like (not "die", "den", "was", "hat", "bis": English
# words as well); only German's: German writes English phrases ("state of the art") that English's
# short words would make a clause
_SHORT_GERMAN = frozenset({"der", "dem", "des", "ist", "und", "auf", "aus", "bei", "mit", "vom", "zum", "zur",
                           "ein", "wir", "uns", "ihm", "sie", "ich", "wie", "nur"})  # fmt: skip
_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\S")


def source_clause_left(source: str, target: str, source_lang: str, target_lang: str) -> str | None:
    """The words of the longest source-language run in ``target``, as written, or None. The words
    both languages write at its ends are part of it where the source has them ("power" of "were left
    without power")."""
    if {source_lang, target_lang} != {"de", "en"}:
        return None
    theirs_only = english_only if source_lang == "en" else german_only
    ours_only = german_only if source_lang == "en" else english_only
    theirs_function, ours_function = function_words(source_lang), function_words(target_lang)
    kept = {w.lower() for w in _TOKEN.findall(source)}
    best: list[tuple[str, bool]] = []
    run: list[tuple[str, bool]] = []  # (word, counts for the source language)
    for word in _TOKEN.findall(QUOTED.sub(' " ', target)):
        low = word.lower()
        lower = word[:1].islower()
        ours = low in ours_function or ours_only(word)
        theirs = (lower or source_lang == "de") and not ours and (theirs_only(word) or low in theirs_function)
        if theirs:
            run.append((word, True))
        elif (lower or source_lang == "de") and word.isalpha() and not ours:
            run.append((word, False))  # a word both languages write, a name: the run goes on
        else:
            best = max(best, _trimmed(run, kept), key=_counted)
            run = []
    best = max(best, _trimmed(run, kept), key=_counted)
    # two words only the source language writes ("state of the art" is German too), one of them in
    # lower case: not a German name kept ("Bundesamt für Migration und Flüchtlinge"), whose nouns and
    # function words alone would make a run
    own_words = [w for w, counts in best if counts and theirs_only(w)]
    # in English, a short German function word counts as one of the two ("der flüchtig ist"), never
    # as the word in lower case
    short = [w for w, counts in best if counts and source_lang == "de" and w.lower() in _SHORT_GERMAN]
    if (
        _counted(best) >= _MIN_WORDS
        and len(own_words) + len(short) >= 2
        and any(w[:1].islower() for w in own_words)
    ):
        return " ".join(w for w, _ in best)
    return None


def _trimmed(run: list[tuple[str, bool]], kept: set[str]) -> list[tuple[str, bool]]:
    """The run without the shared words at its ends that the source does not have."""
    start, end = 0, len(run)
    while start < end and not run[start][1] and run[start][0].lower() not in kept:
        start += 1
    while end > start and not run[end - 1][1] and run[end - 1][0].lower() not in kept:
        end -= 1
    return run[start:end]


def _counted(run: list[tuple[str, bool]]) -> int:
    return sum(1 for _, counts in run if counts)
