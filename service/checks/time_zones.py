"""A time given in the readers' time zone: "Mittwoch, 22 Uhr MEZ" / "한국시간 목요일 오전 6시",
"9 p.m. ET" / "3 Uhr MESZ". Where each side names one zone, the two differ, and a time of the
translation is a time of the source moved by the zones' difference (an hour either way for summer
time), the hours are the same moment and a weekday moved past midnight the same day. Read by the
numbers check (the hours) and the weekday check (the day)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# each zone's hours from UTC (winter time; summer time is allowed an hour either way)
_OFFSETS = {
    "UTC": 0, "GMT": 0, "WEZ": 0, "WET": 0, "MEZ": 1, "CET": 1, "BST": 1, "MESZ": 2, "CEST": 2,
    "OEZ": 2, "EET": 2, "EST": -5, "ET": -5, "EDT": -4, "CST": -6, "CT": -6, "CDT": -5, "MST": -7,
    "MDT": -6, "PST": -8, "PT": -8, "PDT": -7, "KST": 9, "JST": 9,
}  # fmt: skip
ZONES = frozenset(_OFFSETS)
_WORDS = (
    (r"한국\s?시간", 9), (r"(?:미\s?)?동부\s?시간", -5), (r"(?:미\s?)?서부\s?시간", -8),
    (r"(?:deutscher|mitteleuropäischer|Berliner) (?:Sommer)?[Zz]eit", 1),
    (r"(?:koreanischer|Seouler) Zeit", 9), (r"(?:US-)?(?:Ostküstenzeit|Westküstenzeit)", -5),
    (r"(?:Korean|Seoul) time", 9), (r"(?:German|Berlin|Central European) time", 1),
    (r"(?:Eastern|New York|Washington) time", -5), (r"(?:Pacific|California) time", -8),
)  # fmt: skip
_ZONE = re.compile(
    r"(?<![\w-])("
    + "|".join(sorted(_OFFSETS, key=len, reverse=True))
    + r")(?![\w-])"
    + "".join(f"|({words})" for words, _ in _WORDS)
)
# a time of day with the word that makes it one: "22 Uhr", "22:00", "10 p.m.", "오후 10시"
_CLOCK = re.compile(
    r"(?:(오전|오후|새벽|아침|저녁|밤)\s?)?(?<![\d.,:])(\d{1,2})(?::(\d\d)|\.(\d\d)(?=\s?Uhr))?"
    r"\s?(Uhr|[ap]\.?\s?m\.?|시|h\b)?"
)
_AFTERNOON_KO = ("오후", "저녁", "밤")


@dataclass(frozen=True)
class Moved:
    """What a time-zone conversion moves: the hours of each side that are one moment (source hour,
    translation hour), and the days a weekday moves by (1: the translation's day is the next)."""

    hours: frozenset[tuple[int, int]]
    days: frozenset[int]


NOT_MOVED = Moved(frozenset(), frozenset())


def _zone(text: str) -> int | None:
    """The one zone a text names, as hours from UTC; None where it names none or several."""
    found: set[int] = set()
    for m in _ZONE.finditer(text):
        if m.group(1):
            found.add(_OFFSETS[m.group(1)])
        else:
            found.update(hours for (_, hours), g in zip(_WORDS, m.groups()[1:], strict=True) if g)
    return found.pop() if len(found) == 1 else None


def _hours(text: str) -> list[set[int]]:
    """Each time of day of a text: the hours (0-23) it may be."""
    out = []
    for m in _CLOCK.finditer(text):
        half, hour, unit = m.group(1), int(m.group(2)), m.group(5)
        if (unit is None and m.group(3) is None) or hour > 24:
            continue  # a number, not a time
        if half:
            out.append({hour % 12 + 12} if half in _AFTERNOON_KO else {hour % 12})
        elif unit and unit[0] in "ap" and hour <= 12:
            out.append({hour % 12 + 12} if unit[0] == "p" else {hour % 12})
        elif unit == "시" and hour <= 12:
            out.append({hour % 12, hour % 12 + 12})
        else:
            out.append({hour % 24})
    return out


def zone_moved(source: str, target: str) -> Moved:
    """The hours and days a translation moves by giving the source's times in another zone."""
    src_zone, tgt_zone = _zone(source), _zone(target)
    if src_zone is None or tgt_zone is None or src_zone == tgt_zone:
        return NOT_MOVED
    hours: set[tuple[int, int]] = set()
    days: set[int] = set()
    for src_hours in _hours(source):
        for tgt_hours in _hours(target):
            for h in src_hours:
                for summer in (0, -1, 1):
                    moved = h + tgt_zone - src_zone + summer
                    if moved % 24 in tgt_hours:
                        hours.add((h, moved % 24))
                        days.add(moved // 24)
    return Moved(frozenset(hours), frozenset(days))
