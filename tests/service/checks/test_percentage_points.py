"""Percentage points are not percent (found by an outside attack: "zwei Prozentpunkte" as "two
percent" passed the numbers check, which finds the 2 on both sides)."""

from __future__ import annotations

import pytest

from service.checks import check_pair


def _numbers(source: str, target: str, source_lang: str, target_lang: str) -> list[str | None]:
    return [f.detail for f in check_pair(source, target, source_lang, target_lang) if f.check == "numbers"]


@pytest.mark.parametrize(
    ("source", "target", "source_lang", "target_lang", "detail"),
    [
        ("Die Partei verlor zwei Prozentpunkte.", "The party lost two percent.", "de", "en",
         "Prozentpunkte in the source, percent (not percentage points) in the translation"),
        ("The party lost two percentage points.", "Die Partei verlor zwei Prozent.", "en", "de",
         "percentage points in the source, percent (not Prozentpunkte) in the translation"),
        ("Die Partei verlor zwei Prozentpunkte.", "그 정당은 2%를 잃었다.", "de", "ko",
         "Prozentpunkte in the source, percent (not 퍼센트포인트) in the translation"),
        ("Die SPD kam auf 20 Prozent.", "The SPD got 20 percentage points.", "de", "en",
         "percent in the source, percentage points in the translation"),
    ],
)  # fmt: skip
def test_points_and_percent_swapped_are_flagged(
    source: str, target: str, source_lang: str, target_lang: str, detail: str
) -> None:
    assert _numbers(source, target, source_lang, target_lang) == [detail]


@pytest.mark.parametrize(
    ("source", "target", "source_lang", "target_lang"),
    [
        ("Die Partei verlor zwei Prozentpunkte.", "The party lost two percentage points.", "de", "en"),
        ("Die Partei verlor 2,5 Prozentpunkte auf 20 Prozent.", "The party lost 2.5 points to 20 percent.",
         "de", "en"),
        ("Die Partei verlor zwei Prozentpunkte.", "그 정당은 2%포인트를 잃었다.", "de", "ko"),
        # points of a game are no percentage points
        ("Das Team gewann mit 3 Punkten Vorsprung und 40 Prozent Ballbesitz.",
         "The team won by 3 points with 40 percent possession.", "de", "en"),
    ],
)  # fmt: skip
def test_points_kept_and_other_points_pass(
    source: str, target: str, source_lang: str, target_lang: str
) -> None:
    assert _numbers(source, target, source_lang, target_lang) == []


def test_percentage_points_inside_a_german_compound() -> None:
    """An outside tester's false flag: "Viertelprozentpunkt" was read as percent."""
    source = "The Fed raised rates by a quarter of a percentage point to 5.25%."
    right = "Die Fed erhöhte die Zinsen um einen Viertelprozentpunkt auf 5,25 Prozent."
    assert check_pair(source, right, "en", "de") == []
    wrong = check_pair(source, right.replace("Viertelprozentpunkt", "Viertelprozent"), "en", "de")
    assert [f.detail for f in wrong] == [
        "percentage points in the source, percent (not Prozentpunkte) in the translation"
    ]
