"""Morning or afternoon: "15 Uhr" is not "3 a.m.", "오후 3시" not "3 a.m.".

The numbers check reads "3 p.m." as 3 or 15, as the other side may write either, so a.m. for p.m.
passes it. Here a time whose half of the day is written is read with it: English "a.m."/"p.m.", a
24-hour clock in any language ("15 Uhr", "15:30", "15시"), German "morgens", "vormittags",
"nachmittags", "abends" and Korean "오전", "오후", "새벽", "저녁", "밤" with the hour. A time of the
source and one of the translation at the same hour of a twelve-hour clock (and the same minutes,
where both give them) are flagged where their halves differ. German news counts 24 hours, so "um 10
Uhr" is read as morning ("10 Uhr" / "10 p.m." is flagged); an hour without its half elsewhere ("at
3:30", "3시", "12 Uhr") is not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from service.checks.flag import Flag, flag


@dataclass(frozen=True)
class Time:
    text: str  # as written
    hour: int  # 1 to 12
    minutes: int | None
    pm: bool


_EN = re.compile(r"(?<![\d:.])(\d{1,2})(?:[:.](\d\d))?\s?([ap])\.?\s?m\b\.?", re.IGNORECASE)
_CLOCK = re.compile(
    r"(?<![\d:.,])([01]?\d|2[0-3])(?:[:.]([0-5]\d))?\s?(?:Uhr|h\b|시(?!간))"
    r"|(?<![\d:.,])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])"
)
_DE_HALF = re.compile(r"\s+(morgens|früh|vormittags|nachmittags|abends|nachts)\b")
_KO_HALF = re.compile(r"(오전|새벽|아침|오후|저녁|밤)\s?$")
_PM_WORDS = {"nachmittags", "abends", "오후", "저녁", "밤"}


def _twelve(hour: int) -> int:
    return hour % 12 or 12


def times(text: str) -> list[Time]:
    """The times of ``text`` whose half of the day it says."""
    found = [
        Time(m.group(0).strip(), _twelve(int(m.group(1))), int(m.group(2)) if m.group(2) else None,
             m.group(3).lower() == "p")
        for m in _EN.finditer(text) if 1 <= int(m.group(1)) <= 12
    ]  # fmt: skip
    for m in _CLOCK.finditer(text):
        hour, minutes = (m.group(1), m.group(2)) if m.group(1) is not None else (m.group(3), m.group(4))
        h = int(hour)
        if any(t.text in text[m.start() : m.end() + 6] for t in found):
            continue  # "3:30 p.m." read above
        said = _DE_HALF.match(text, m.end()) or _KO_HALF.search(text[max(0, m.start() - 4) : m.start()])
        if said:
            word = said.group(1)
            pm = (word in _PM_WORDS and h < 12) or h >= 12
            if word == "nachts":
                pm = h >= 9
        elif h >= 13 or (h == 0 and minutes is not None):
            pm = h >= 13
        elif 1 <= h <= 11 and "Uhr" in m.group(0):
            pm = False  # German news counts 24 hours: "um 10 Uhr" is in the morning
        else:
            continue  # "at 10:30", "12 Uhr", "10시": the half is not said
        text_end = said.end() if said and said.re is _DE_HALF else m.end()
        written = text[m.start() : text_end]
        if said and said.re is _KO_HALF:
            written = f"{word} {written}"
        found.append(Time(written.strip(), _twelve(h), int(minutes) if minutes else None, pm))
    return found


def _same_minutes(one: Time, other: Time) -> bool:
    return one.minutes is None or other.minutes is None or one.minutes == other.minutes


def check_day_halves(source: str, target: str, source_lang: str = "", target_lang: str = "") -> list[Flag]:
    src, tgt = times(source), times(target)
    flags = []
    for time in src:
        same = [t for t in tgt if t.hour == time.hour and _same_minutes(t, time)]
        if same and not any(t.pm == time.pm for t in same):
            flags.append(
                flag("numbers", "major", f"{time.text} in the source, {same[0].text} in the translation")
            )
    return flags
