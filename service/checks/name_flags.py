"""How the names check says what it found: a name of several words replaced as one flag ("Olaf
Scholz in the source, Friedrich Merz in the translation"), a two-word name whose second word was
replaced as one ("Manchester City" / "Manchester United"), an acronym spelled out as minor, and one
acronym for another as one flag. Each takes the flags :func:`service.checks.names.check_names` made
and returns them said once."""

from __future__ import annotations

import re

from service.checks.acronyms import is_acronym
from service.checks.country_codes import country_of_code
from service.checks.flag import Flag, flag
from service.checks.name_match import name_in
from service.checks.time_zones import ZONES, zone_moved

_MISSING = re.compile(r"(.+) in the source, not in the translation")
_ADDED = re.compile(r"(.+) in the translation, not in the source")


def _run_of(words: list[str], text: str) -> str | None:
    """The words as one run of ``text`` ("Olaf Scholz"), in the text's order, or None where they are
    not side by side there."""
    at = {w: m.start() for w in words if (m := re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text))}
    if len(at) != len(words):
        return None
    ordered = sorted(words, key=at.__getitem__)
    run = re.compile(_PARTICLES.join(rf"(?<!\w){re.escape(w)}(?!\w)" for w in ordered))
    found = run.search(text)
    return found.group(0) if found else None


def _with_surname(run: str, text: str) -> str:
    """A run with the surname that follows it after small words ("Ursula" -> "Ursula von der
    Leyen"), which the lists may not read as a name of its own; a run of one word only ("Olaf
    Scholz von der SPD" stays "Olaf Scholz")."""
    if " " in run:
        return run
    found = re.search(rf"(?<!\w){re.escape(run)}(?:\s+(?:{_SMALL})){{1,3}}\s+[A-ZÄÖÜ][\w'’-]+", text)
    return found.group(0) if found else run


# the small words inside a person's name, which the run says as written ("Ursula von der Leyen")
_SMALL = r"von|van|der|den|de|da|di|del|della|du|le|la|bin|ibn|al|zu|ten|ter"
_PARTICLES = rf"\s+(?:(?:{_SMALL})\s+)*"


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
    was, now = _with_surname(was, source), _with_surname(now, target)
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
        if (m := _MISSING.fullmatch(f.detail or ""))
        and is_acronym(m.group(1))
        # a country's code is no acronym to spell out: its country is not in the translation
        and country_of_code(m.group(1), "en") is None
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


def _short_form(name: str, text: str) -> bool:
    """Whether ``text`` gives ``name`` alone in brackets right after a longer name that it stands
    for, as its short form: by the long name's initials ("Robert Koch-Institut (RKI)") or four
    letters of it in a row ("Statistisches Bundesamt (Destatis)"); not another name put there
    ("the Securities and Exchange Commission (Hirschaid)")."""
    match = re.search(rf"((?:[A-ZÄÖÜ][\w-]*\s(?:\w+\s)?){{1,4}})\(\s?{re.escape(name)}\s?\)", text)
    if match is None:
        return False
    long, short = match.group(1).casefold(), name.casefold()
    initials = "".join(w[0] for w in re.findall(r"\w+", long))
    return short in initials or any(short[i : i + 4] in long for i in range(len(short) - 3))


def short_forms_minor(flags: list[Flag], source: str, target: str) -> list[Flag]:
    """A name of the source that stands in brackets as the short form of the name before it is a
    minor flag where the translation lacks it (the translation gives the name written out: "the
    Federal Statistics Office" for "das Statistische Bundesamt (Destatis)"), and a short form the
    translation adds in brackets is none ("the Federal Statistics Office" / "das Statistische
    Bundesamt (Destatis)"). A time zone for another is none either ("EDT" / "MESZ")."""
    out = []
    for f in flags:
        lost, added = _MISSING.fullmatch(f.detail or ""), _ADDED.fullmatch(f.detail or "")
        # only where the other side has no short form in brackets: one for another is a name replaced
        if added and _short_form(added.group(1), target) and not _BRACKETED.search(source):
            continue
        if (swap := _ONE_FOR_ONE.fullmatch(f.detail or "")) and {swap[1], swap[2]} <= ZONES:
            continue  # a time in the readers' zone ("11 p.m. EDT" / "5 Uhr MESZ"): numbers has the hours
        if lost and lost.group(1) in ZONES and zone_moved(source, target).hours:
            continue  # the zone in words ("22 Uhr MEZ" / "6 Uhr koreanischer Zeit"), the hour moved
        if lost and _short_form(lost.group(1), source) and not _BRACKETED.search(target):
            f = f.model_copy(update={"severity": "minor"})
        out.append(f)
    return out


_BRACKETED = re.compile(r"\(\s?[A-ZÄÖÜ]")
_ONE_FOR_ONE = re.compile(r"(\S+) in the source, (\S+) in the translation")
