"""A unit changed with its number kept ("40 Kilometer" / "40 miles"; the README listed it among what
the checks did not see), and "doubled" / "tripled": hand-written de/en/ko cases, and the ways
translators say the same amount, which pass."""

from __future__ import annotations

import pytest

from service.checks import check_pair


def numbers(source: str, target: str, source_lang: str, target_lang: str) -> list[str | None]:
    return [f.detail for f in check_pair(source, target, source_lang, target_lang) if f.check == "numbers"]


@pytest.mark.parametrize(
    ("source", "target", "source_lang", "target_lang", "detail"),
    [
        (
            "Der Stau war 40 Kilometer lang.",
            "The traffic jam was 40 miles long.",
            "de",
            "en",
            "40 Kilometer in the source, 40 miles in the translation",
        ),
        (
            "Die Sitzung dauerte drei Stunden.",
            "The session lasted three minutes.",
            "de",
            "en",
            "drei Stunden in the source, three minutes in the translation",
        ),
        (
            "The storm reached 120 mph.",
            "Der Sturm erreichte 120 km/h.",
            "en",
            "de",
            "120 mph in the source, 120 km/h in the translation",
        ),
        (
            "Er wog 90 Kilo.",
            "He weighed 90 pounds.",
            "de",
            "en",
            "90 Kilo in the source, 90 pounds in the translation",
        ),
        (
            "산불로 200헥타르가 탔다.",
            "The fire burned 200 acres.",
            "ko",
            "en",
            "200헥타르 in the source, 200 acres in the translation",
        ),
        (
            "The talks lasted 3 days.",
            "회담은 3시간 동안 이어졌다.",
            "en",
            "ko",
            "3 days in the source, 3시간 in the translation",
        ),
        # a speed (an outside tester's misses): "Kilometer pro Stunde", and Korean's "시속 150km"
        (
            "Der Sturm erreichte bis zu 100 Kilometern pro Stunde.",
            "The storm reached up to 100 miles per hour.",
            "de",
            "en",
            "100 Kilometern pro Stunde in the source, 100 miles per hour in the translation",
        ),
        (
            "태풍은 시속 180km의 강풍을 동반했다.",
            "The typhoon brought winds of 180 miles per hour.",
            "ko",
            "en",
            "180km in the source, 180 miles per hour in the translation",
        ),
        # a number a verb says, also into Korean ("두 배", "세 배")
        (
            "Die Zahl der Touristen hat sich seit 2020 verdreifacht.",
            "관광객 수는 2020년 이후 두 배로 늘었다.",
            "de",
            "ko",
            "verdreifacht in the source, 두 배 in the translation",
        ),
        (
            "Der Umsatz hat sich verdoppelt.",
            "Sales have tripled.",
            "de",
            "en",
            "verdoppelt in the source, tripled in the translation",
        ),
        (
            "The number of cases tripled.",
            "Die Zahl der Fälle hat sich verdoppelt.",
            "en",
            "de",
            "tripled in the source, verdoppelt in the translation",
        ),
    ],
)
def test_a_unit_or_a_multiple_changed_is_named(
    source: str, target: str, source_lang: str, target_lang: str, detail: str
) -> None:
    assert numbers(source, target, source_lang, target_lang) == [detail]


@pytest.mark.parametrize(
    ("source", "target", "source_lang", "target_lang"),
    [
        ("Der Stau war 40 Kilometer lang.", "The traffic jam was 40 km long.", "de", "en"),
        ("The run was 5 miles (8 km).", "Der Lauf war 5 Meilen (8 Kilometer) lang.", "en", "de"),
        ("Eine 40-Stunden-Woche ist die Regel.", "A 40-hour week is the rule.", "de", "en"),
        ("Er ist 30 Jahre alt.", "He is 30 years old.", "de", "en"),
        ("Die Sitzung dauerte drei Stunden.", "The session lasted 3 hours.", "de", "en"),
        ("3시간 동안 회의했다.", "They met for three hours.", "ko", "en"),
        ("3분기 실적이 발표됐다.", "The results for the third quarter were published.", "ko", "en"),
        ("Der Umsatz hat sich verdoppelt.", "Sales have doubled.", "de", "en"),
        ("Die Zahl hat sich verdreifacht.", "The number is three times as high.", "de", "en"),
        ("Sales doubled.", "Der Umsatz stieg auf das Doppelte.", "en", "de"),
        ("Sales have doubled since last year.", "매출이 지난해 이후 두 배로 늘었다.", "en", "ko"),
        ("태풍은 시속 180km의 강풍을 동반했다.", "The typhoon brought winds of 180 km/h.", "ko", "en"),
    ],
)
def test_the_same_amount_said_another_way_passes(
    source: str, target: str, source_lang: str, target_lang: str
) -> None:
    assert numbers(source, target, source_lang, target_lang) == []
