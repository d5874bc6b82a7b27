"""A result turned round: "FC Bayern gewann gegen Dortmund" / "Dortmund beat Bayern".

Between German and English: a sentence that says who won against whom ("X beat Y", "Y lost to X",
"X besiegte Y", "Y unterlag X", "X hat gegen Y gewonnen") is read on both sides into a winner and a
loser, each a run of capitalised words; where the translation's winner is the source's loser and
its loser the source's winner, the result is flagged: the names and the score are all there, so no
other check sees it. A sentence that says it otherwise ("Bayern's 3-1 win over Dortmund") is not
read, and nothing is flagged.

A score turned round inside a line of them ("6:4, 6:7 (3:7), 6:3" / "6-4, 7-6 (7-3), 6-3", "1:2
(0:1)" / "1-2 (1-0)"), in any two languages: where every score is turned round, the translation
tells it from the other side ("Bremen verlor 1:2" / "Leverkusen beat Bremen 2-1"), which passes.
"""

from __future__ import annotations

import re

from service.checks.flag import Flag, flag
from service.checks.name_match import name_in

# (at a word's start only: a search from inside a long word would read it again from each letter)
_TEAM = (
    r"(?<![\w'’-])(?:(?i:the|der|die|das|den|dem)\s+)?"
    r"([A-ZÄÖÜ][\w'’-]*(?:\s+(?:[A-ZÄÖÜ][\w'’-]*|\d{2,4}(?![\d:–-])|de|del|di|von|am)){0,3})"
)
_GAP = r"(?:\s+[\w.,:'’-]+){0,6}?"
# between a team and its verb, or a verb and the other team: when, where and how ("am Sonntag",
# "im Pokal", "überraschend"; "on Saturday", "again")
_LEAD_DE = (
    r"(?:\s+(?:(?:am|im|zum|beim|vor|nach|in|an|auf)\s+[\w.]+|auch|erneut|überraschend|souverän"
    r"|deutlich|knapp|klar|verdient|mühelos|locker))*"
)
_LEAD_EN = r"(?:\s+(?:(?:on|at|in)\s+[\w.]+|also|again|comfortably|narrowly|easily))?"
# (pattern, whether the first team is the winner)
_RESULTS = {
    "en": (
        (
            rf"{_TEAM}{_LEAD_EN}\s+(?:beat|defeated|edged|thrashed|routed|overcame|downed|crushed|stunned|upset"
            rf"|outclassed|swept|edged past|won against|won over|triumphed over|knocked out|eliminated"
            rf"|ousted){_LEAD_EN}\s+{_TEAM}",
            True,
        ),
        (rf"{_TEAM}{_LEAD_EN}\s+won(?:\s+[\w.,:–-]+){{0,4}}?\s+(?:against|over)\s+{_TEAM}", True),
        (
            rf"{_TEAM}{_LEAD_EN}\s+(?:lost|fell|succumbed)\s+(?:[\w:–-]+\s+){{0,2}}(?:to|at|against)\s+{_TEAM}",
            False,
        ),
        (rf"{_TEAM}\s+(?:were|was)\s+(?:beaten|defeated|thrashed|routed)\s+by\s+{_TEAM}", False),
    ),
    "de": (
        (
            rf"{_TEAM}\s+(?:besiegte|besiegt|schlug|schlägt|bezwang|bezwingt|deklassierte){_LEAD_DE}\s+{_TEAM}",
            True,
        ),
        (
            rf"{_TEAM}\s+(?:gewann|gewinnt|siegte|siegt)(?:\s+[\w.,:–-]+){{0,4}}?\s+(?:gegen|über|bei)\s+{_TEAM}",
            True,
        ),
        (rf"{_TEAM}\s+(?:hat|hatte){_GAP}\s+gegen\s+{_TEAM}{_GAP}\s+gewonnen", True),
        (
            rf"{_TEAM}\s+(?:verlor|verliert|unterlag|unterliegt)\s+(?:[\w:–-]+\s+){{0,2}}(?:gegen\s+)?{_TEAM}",
            False,
        ),
        (rf"{_TEAM}\s+(?:hat|hatte){_GAP}\s+gegen\s+{_TEAM}{_GAP}\s+verloren", False),
    ),
}
_PATTERNS = {lang: [(re.compile(p), first_won) for p, first_won in found] for lang, found in _RESULTS.items()}
_NOT_TEAMS = frozenset(
    {"The", "Der", "Die", "Das", "Den", "Dem", "Am", "Im", "On", "In", "At", "Mit", "Nach"}
)


def result(text: str, lang: str) -> tuple[str, str] | None:
    """The winner and the loser a German or English sentence names, or None."""
    for pattern, first_won in _PATTERNS.get(lang, ()):
        match = pattern.search(text)
        if match and match.group(1) not in _NOT_TEAMS and match.group(2) not in _NOT_TEAMS:
            first, second = match.group(1), match.group(2)
            return (first, second) if first_won else (second, first)
    return None


def _same(team: str, other: str, lang: str, other_lang: str) -> bool:
    """Whether a word of four letters or more of ``team`` is in ``other`` (as written, or its form
    on the other side: "München" / "Munich")."""
    words = [w for w in re.findall(r"[\w'’-]{4,}", team) if w[:1].isupper()]
    return any(name_in(w, other, lang, other_lang) for w in words)


def check_results(source: str, target: str, source_lang: str, target_lang: str) -> list[Flag]:
    if {source_lang, target_lang} != {"de", "en"}:
        return []
    said, written = result(source, source_lang), result(target, target_lang)
    if said is None or written is None:
        return []
    (won, lost), (their_won, their_lost) = said, written
    if (
        _same(won, their_lost, source_lang, target_lang)
        and _same(lost, their_won, source_lang, target_lang)
        and not _same(won, their_won, source_lang, target_lang)
    ):
        detail = f"{won} won against {lost} in the source; the translation has {their_won} winning"
        return [flag("names", "major", detail)]
    return []


# a score: two numbers of one or two digits with a colon or a dash between, not a time ("um 14:30",
# "10:00 Uhr", "3:30 p.m.") nor part of a longer number or date
_SCORE = re.compile(
    r"(?<![\d.,:/])(\d{1,2})\s?[:\-–]\s?(\d{1,2})(?![\d:/.,]\d)(?!\s?(?:Uhr|h\b|[ap]\.?m\.?|시))"
)
_TIME_BEFORE = re.compile(r"(?:\bum|\bat|\bgegen|\bbis|\bab)\s*$")


def _score_matches(text: str) -> list[re.Match[str]]:
    return [m for m in _SCORE.finditer(text) if not _TIME_BEFORE.search(text[: m.start()])]


def set_summaries(text: str, *, counted: bool = True) -> set[int]:
    """Where the numbers start of a score that counts the sets in brackets after it, as Korean wire
    copy gives it ("3-0(6-2 6-2 7-6)": three sets to none), which a translation may leave out;
    ``counted``: only one that counts them right (not "3-0(6-2 2-6 7-6)")."""
    found = _score_matches(text)
    out: set[int] = set()
    for i, m in enumerate(found):
        if not re.match(r"\s?\(", text[m.end() :]):
            continue
        close = text.find(")", m.end())
        sets = [(int(n.group(1)), int(n.group(2))) for n in found[i + 1 :] if n.end() <= close]
        won = sum(a > b for a, b in sets), sum(b > a for a, b in sets)
        if len(sets) >= 2 and (won == (int(m.group(1)), int(m.group(2))) or not counted):
            out |= {m.start(1), m.start(2)}
    return out


def scores(text: str) -> list[tuple[int, int]]:
    """The scores of a text, in order (not one that counts the sets after it)."""
    summaries = set_summaries(text, counted=False)
    return [(int(m.group(1)), int(m.group(2))) for m in _score_matches(text) if m.start(1) not in summaries]


def check_scores(source: str, target: str) -> list[Flag]:
    """A score turned round among scores told the same way ("6:4, 6:7" / "6-4, 7-6")."""
    theirs, ours = scores(source), scores(target)
    if len(theirs) < 2 or len(theirs) != len(ours):
        return []
    if any(sorted(a) != sorted(b) for a, b in zip(theirs, ours, strict=True)):
        return []  # not the same scores in the same order: the numbers check says what differs
    turned = [(a, b) for a, b in zip(theirs, ours, strict=True) if a != b]
    kept = [a for a, b in zip(theirs, ours, strict=True) if a == b and a[0] != a[1]]
    if not turned or not kept:
        return []  # none turned, or all: the translation tells it from the other side
    was = ", ".join(f"{a}:{b}" for (a, b), _ in turned)
    now = ", ".join(f"{a}:{b}" for _, (a, b) in turned)
    said = "a score turned round" if len(turned) == 1 else "scores turned round"
    return [
        flag(
            "numbers", "major", f"{was} in the source, {now} in the translation: {said} where others are not"
        )
    ]
