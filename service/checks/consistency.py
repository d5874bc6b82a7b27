"""Across the article: a source name given one form in the translation and another elsewhere.

A Korean translation names its form of a Latin-script name once, as "에후드 우르(Ehud Ur)"; every
other sentence whose source holds that name must then use that form (or the Latin one). For
Latin-script translations, a name of the source translated two ways (one sentence keeps
"Kim Jong-un", another writes "Kim Jong Un") is flagged where the second way appears; and a name
the article keeps elsewhere but a sentence drops (:mod:`service.checks.article_names`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from service.checks.article_names import check_article_names
from service.checks.flag import Flag, flag
from service.checks.name_match import spelled_as
from service.checks.names import source_names
from service.checks.people import person_names

_GLOSSED = re.compile(r"([가-힣]+(?:\s[가-힣]+){0,3})\s?\(([A-Za-z][A-Za-z .'’-]*[A-Za-z.])\)")


def _korean_forms(pairs: Sequence[tuple[str, str]]) -> dict[str, tuple[str, int]]:
    """Latin name -> (its Korean form in this article, where it is given first)."""
    forms: dict[str, tuple[str, int]] = {}
    for i, (_, target) in enumerate(pairs):
        for korean, latin in _GLOSSED.findall(target):
            words = korean.split()
            name_words = len(latin.split())
            # the Korean words right before the brackets, as many as the Latin name has: a particle
            # follows the brackets ("에후드 우르(Ehud Ur)는"), so none is taken off (a name may end
            # in a syllable that is one: "하메네이")
            form = " ".join(words[-name_words:])
            forms.setdefault(latin.strip(), (form, i))
    return forms


def check_consistency(
    pairs: Sequence[tuple[str, str]], source_lang: str, target_lang: str
) -> list[tuple[int, Flag]]:
    out = check_article_names(pairs, source_lang, target_lang)
    if target_lang == "ko":
        for latin, (form, first) in _korean_forms(pairs).items():
            for i, (source, target) in enumerate(pairs):
                if i != first and latin in source and form not in target and latin not in target:
                    detail = f"{latin} is {form} elsewhere in this article, not here"
                    out.append((i, flag("consistency", "major", detail)))
        return out
    # Latin targets: the spelling a name takes in the translation, per name of the source
    spelled: dict[str, tuple[str, int]] = {}
    # the people the article names (a first name before the surname once is enough): only a
    # person's name is looked for in another spelling, as places have their exonyms and adjectives
    persons = {name for source, _ in pairs for name in person_names(source, source_lang)}
    for i, (source, target) in enumerate(pairs):
        for name in _multiword_names(source) + source_names(source, source_lang, target_lang):
            match = _spelling(name).search(target)
            # as written, or in a translator's spelling ("Selenskyj": "Zelensky", then "Zelenskyy")
            written = match.group(0) if match else None
            if written is None and name in persons and not re.search(rf"(?<!\w){re.escape(name)}", target):
                written = spelled_as(name, target)  # not "Berliner" for "Berlin": a derivation
            if written is None:
                continue
            seen = spelled.setdefault(name, (written, i))
            short, long = sorted((seen[0], written), key=len)
            if seen[0] != written and long.startswith(short) and long[len(short) :] in _ENDINGS:
                continue  # an inflection of the same spelling ("Selenskyjs", "Frerich's")
            if seen[0] != written:
                detail = f"{name} is {seen[0]} elsewhere in this article, {written} here"
                out.append((i, flag("consistency", "minor", detail)))
    return out


# the endings of a name's genitive or plural ("Selenskyjs", "Frerich" of "Frerich's")
_ENDINGS = frozenset({"s", "es", "n", "en"})


def _multiword_names(text: str) -> list[str]:
    """Runs of two or more capitalised words ("Kim Jong-un", "Ehud Ur")."""
    return [m.group(0) for m in re.finditer(r"(?:(?<=\s)|^)[A-Z][\w'’]*(?:[\s-][A-Z][\w'’-]*)+", text)]


def _spelling(name: str) -> re.Pattern[str]:
    """The name in the ways translations mix: with or without hyphens and spaces, any case."""
    parts = [re.escape(p) for p in re.split(r"[\s-]+", name) if p]
    return re.compile(r"(?<!\w)" + r"[\s-]?".join(parts) + r"(?!\w)", re.IGNORECASE)
