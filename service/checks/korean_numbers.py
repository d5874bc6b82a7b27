"""Korean numbers written as words: native numerals ("세 명", "열두 번", "스물두 살") and Sino-Korean
ones ("삼백", "팔십 퍼센트", "삼차원"), with the counters that follow them (the numbers check reads
them; :mod:`service.checks.numbers`)."""

from __future__ import annotations

import re
from decimal import Decimal

# the units Korean groups numbers by, in words and after digits ("6만", "3억")
KO_UNITS = {"십": 10, "백": 100, "천": 1000, "만": 10**4, "억": 10**8, "조": 10**12}
# native numerals, as words and in their forms before a counter ("둘"/"두", "셋"/"세")
_KO_NATIVE = {
    "한": 1, "하나": 1, "첫": 1, "두": 2, "둘": 2, "세": 3, "셋": 3, "석": 3, "네": 4, "넷": 4, "넉": 4,
    "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9, "열": 10, "열한": 11, "열두": 12, "스무": 20,
    "스물": 20, "서른": 30, "마흔": 40, "쉰": 50, "예순": 60, "일흔": 70, "여든": 80, "아흔": 90,
    "양": 2, "단": 1,
}  # fmt: skip
_KO_SINO = {"일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "칠": 7, "팔": 8, "구": 9}
_KO_SINO_UNITS = {"십": 10, "백": 100, "천": 1000}
_KO_COUNTERS = (
    "번째", "째", "명", "개월", "개국", "개", "가지", "번", "살", "마리", "권", "대", "시간", "시", "달",
    "차례", "차원", "척", "채", "곳", "배", "쌍", "년", "월", "일", "주", "세", "분", "초", "층", "위",
    "퍼센트", "사람", "학년", "회", "종", "편", "건", "기",
)  # fmt: skip


# a Sino-Korean number written in words ("삼백", "팔십", "이천십")
_KO_SINO_NUMBER = re.compile(r"[일이삼사오육칠팔구십백천만억]+")


_KO_TENS = {"열": 10, "스물": 20, "스무": 20, "서른": 30, "마흔": 40, "쉰": 50, "예순": 60, "일흔": 70,
            "여든": 80, "아흔": 90}  # fmt: skip


_KO_UNITS_NATIVE = sorted(
    (u for u, v in _KO_NATIVE.items() if 1 <= v <= 9 and u not in "양단첫"), key=len, reverse=True
)


def korean_word(word: str) -> Decimal | None:
    """The value of a Korean number word: native ("세", "열두", "스물두 살"), or Sino-Korean ("삼백",
    "팔십", "삼차원"); None for any other word."""
    for tens in _KO_TENS:  # "열여덟" (18), "스물두" (22)
        rest = word[len(tens) :]
        if word.startswith(tens) and rest:
            for unit in _KO_UNITS_NATIVE:
                if rest.startswith(unit) and (rest == unit or rest[len(unit) :].startswith(_KO_COUNTERS)):
                    return Decimal(_KO_TENS[tens] + _KO_NATIVE[unit])
    for numeral in sorted(_KO_NATIVE, key=len, reverse=True):
        if word == numeral or (word.startswith(numeral) and word[len(numeral) :].startswith(_KO_COUNTERS)):
            return Decimal(_KO_NATIVE[numeral])
    m = _KO_SINO_NUMBER.match(word)
    if m and (len(m.group(0)) >= 2 or word[m.end() :].startswith(_KO_COUNTERS)):
        total, group, digit = 0, 0, 0
        for ch in m.group(0):
            if ch in _KO_SINO:
                digit = _KO_SINO[ch]
            elif ch in _KO_SINO_UNITS:
                group += (digit or 1) * _KO_SINO_UNITS[ch]
                digit = 0
            else:
                total += (group + digit or 1) * KO_UNITS[ch]
                group = digit = 0
        return Decimal(total + group + digit)
    return None


# a count in a Korean text: a native numeral before the word it counts ("세 명", "두 화합물", "열두
# 번"), or a Sino-Korean number of two syllables or more before a counter ("팔십 퍼센트"); a
# translation must carry it as a word or in digits. Not a Sino-Korean numeral inside a word
# ("삼국", the Three Kingdoms), which this check reads as a value only
_KO_COUNT = re.compile(r"(?<![가-힣\d])([가-힣]{1,3})\s+(?=([가-힣]+))")
_KO_COUNTER = re.compile("|".join(_KO_COUNTERS))


def korean_counts(text: str) -> list[tuple[str, Decimal]]:
    """The counts of a Korean text, two or more ("세 명" 3, "두 화합물" 2, "열두 번" 12, "팔십 퍼센트"
    80; not "한 번", "첫 번째", nor "네" for "yes" or "your" before a word that is no counter)."""
    out = []
    for match in _KO_COUNT.finditer(text):
        numeral, counted = match.groups()
        counter = _KO_COUNTER.match(counted)
        sino = len(numeral) >= 2 and bool(_KO_SINO_NUMBER.fullmatch(numeral))
        native = numeral in _KO_NATIVE or any(
            numeral.startswith(tens) and numeral[len(tens) :] in _KO_UNITS_NATIVE for tens in _KO_TENS
        )
        # a counter after the ambiguous ones: "네" (yes, your), "둘 다" (both), "셋 중" (of the three)
        loose = sino or numeral in ("네", "둘", "셋", "넷")
        if numeral in ("한", "첫", "양", "단") or not (native or sino) or (loose and not counter):
            continue
        value = korean_word(numeral + (counter.group(0) if counter else "명"))
        if value is not None and value >= 2:
            out.append((f"{numeral} {counter.group(0) if counter else counted}", value))
    return out


def korean_numerals_in_words(text: str) -> set[Decimal]:
    """The values of the Sino-Korean numerals a Korean word starts with ("삼국" 3, "육각형" 6,
    "팔각정" 8): a translation may write them as number words ("drei Königreiche"), so they count.
    Only the syllables that seldom start another word, and "이" (2) in the words where it is one
    ("이족", "이중"): "이" (this), "사" (4, between, company), "오" (5, come), "구" (9, district) and
    "일" (1, day, work) start too many others."""
    words = re.findall(r"[가-힣]{2,}", text)
    values = {Decimal(_KO_SINO[word[0]]) for word in words if word[0] in "삼육칠팔"}
    return values | ({Decimal(2)} if any(word.startswith(_KO_TWO) for word in words) else set())


# words that start with "이" as the numeral two: two-footed, double, two-person, binary, two-wheeled,
# second-class or bisected, two-dimensional, dichotomy
_KO_TWO = ("이족", "이중", "이인", "이진", "이륜", "이등", "이차원", "이분법")


# a minute of a football match's second half: "후반 23분" is the 68th minute
_SECOND_HALF = re.compile(r"후반\s?(?:전\s?)?(\d{1,2})분")


def second_half_minutes(text: str) -> dict[int, Decimal]:
    """Where a minute of a match's second half is written (the position of its number), and the
    minute of the match it is ("후반 23분" is 68: 45 + 23)."""
    return {m.start(1): Decimal(45 + int(m.group(1))) for m in _SECOND_HALF.finditer(text)}


# a day of the month without its month ("3일(현지시간)", "지난 3일", "오는 5일"): Korean news dates
# an event by its day where German and English name the weekday ("am Dienstag", "on Tuesday") or the
# day as seen from the news ("gestern", "yesterday"); not a full date ("12월 3일"), a span ("3일간",
# "3일 동안", "3일째", "3일 만에", "3일 전")
_BARE_DAY = re.compile(
    r"(?<![\d.,~])(?<!월\s)(?<!월)([1-9]|[12]\d|3[01])일(?!\s?(?:간|동안|째|만에|연속|이내|이상|이하|안에|뒤|후|전))"
)


def bare_days(text: str) -> set[int]:
    """Where a Korean text writes a day of the month without its month (the position of its
    number)."""
    return {m.start(1) for m in _BARE_DAY.finditer(text)}
