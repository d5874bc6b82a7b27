"""How the names check says what it found: a name of several words replaced as one flag ("Olaf
Scholz in the source, Friedrich Merz in the translation"), a two-word name whose second word was
replaced as one ("Manchester City" / "Manchester United"), an acronym spelled out as minor, and one
acronym for another as one flag. Each takes the flags :func:`service.checks.names.check_names` made
and returns them said once."""

from __future__ import annotations

import re

from service.checks.acronyms import is_acronym
from service.checks.flag import Flag, flag
from service.checks.name_match import name_in

_MISSING = re.compile(r"(.+) in the source, not in the translation")
_ADDED = re.compile(r"(.+) in the translation, not in the source")


def _run_of(words: list[str], text: str) -> str | None:
    """The words as one run of ``text`` ("Olaf Scholz"), in the text's order, or None where they are
    not side by side there."""
    at = {w: m.start() for w in words if (m := re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text))}
    if len(at) != len(words):
        return None
    ordered = sorted(words, key=at.__getitem__)
    run = re.compile(r"\s+".join(rf"(?<!\w){re.escape(w)}(?!\w)" for w in ordered))
    return " ".join(ordered) if run.search(text) else None


def runs_said_once(flags: list[Flag], source: str, target: str) -> list[Flag]:
    """A person (or any name of several words) replaced by another said once: "Olaf Scholz in the
    source, Friedrich Merz in the translation", not four flags, one per word (an outside tester's
    remark); where the words the translation lacks stand side by side in the source, and those it
    adds side by side in the translation, and two or more of them in either."""
    lost = [m.group(1) for f in flags if (m := _MISSING.fullmatch(f.detail or ""))]
    new = [m.group(1) for f in flags if (m := _ADDED.fullmatch(f.detail or ""))]
    if not lost or not new or len(lost) + len(new) < 3:
        return flags
    was, now = _run_of(lost, source), _run_of(new, target)
    if was is None or now is None:
        return flags
    said = {f"{w} in the source, not in the translation" for w in lost}
    said |= {f"{w} in the translation, not in the source" for w in new}
    return [f for f in flags if f.detail not in said] + [
        flag("names", "major", f"{was} in the source, {now} in the translation")
    ]


_CAPITALS = re.compile(r"(?<![\w-])[A-Z][A-Z0-9-]*[A-Z0-9](?![\w-])")


def acronyms_spelled_out(
    flags: list[Flag], source: str, target: str, source_lang: str, target_lang: str
) -> list[Flag]:
    """An acronym of the source the translation lacks is a minor flag where the translation has no
    acronym of its own in its place: translators spell them out ("BND" / "the foreign intelligence
    service"), which an editor should see, but not above a number or a name changed ("SPD" / "CDU"
    stays major, and one acronym for one is said as one: "SPD in the source, CDU in the
    translation")."""
    theirs = list(
        dict.fromkeys(
            w
            for w in _CAPITALS.findall(target)
            if is_acronym(w) and not name_in(w, source, target_lang, source_lang, acronym=True)
        )
    )
    if theirs:
        lost = [
            m.group(1) for f in flags if (m := _MISSING.fullmatch(f.detail or "")) and is_acronym(m.group(1))
        ]
        if len(lost) == len(theirs) == 1:
            said = {
                f"{lost[0]} in the source, not in the translation",
                f"{theirs[0]} in the translation, not in the source",
            }
            return [f for f in flags if f.detail not in said] + [
                flag("names", "major", f"{lost[0]} in the source, {theirs[0]} in the translation")
            ]
        return flags
    return [
        f.model_copy(update={"severity": "minor"})
        if (m := _MISSING.fullmatch(f.detail or "")) and is_acronym(m.group(1))
        else f
        for f in flags
    ]


_SWAP_SAID = re.compile(r"(.+) in the source, (?!not in the translation).+ in the translation")


def tails_said_once(flags: list[Flag], tails: list[tuple[str, str]]) -> list[Flag]:
    """``flags`` with a two-word name whose second word was replaced said once ("Manchester City in
    the source, Manchester United in the translation"), not also as its words missing or added,
    nor where its second word is flagged as misspelt already ("Friedrich Merz" / "Friedrich Merk")."""
    swapped = {m[1] for f in flags if (m := _SWAP_SAID.match(f.detail or ""))}
    tails = [(name, other) for name, other in tails if name.split()[-1] not in swapped]
    said = {f"{name.split()[-1]} in the source, not in the translation" for name, _ in tails}
    said |= {f"{other.split()[-1]} in the translation, not in the source" for _, other in tails}
    return [f for f in flags if f.detail not in said] + [
        flag("names", "major", f"{name} in the source, {other} in the translation") for name, other in tails
    ]
