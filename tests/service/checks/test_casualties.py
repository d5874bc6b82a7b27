"""The dead and the injured counted the other way round, and a temperature's scale swapped: every
number is there, so only reading what each counts tells (an outside tester's "2명이 숨지고 15명이
다쳤다" / "15 died, two injured" and "minus 20 degrees Fahrenheit" / "minus 20 Grad Celsius" passed)."""

from __future__ import annotations

import pytest

from tests.service.checks.pair_details import details


@pytest.mark.parametrize(
    ("source_lang", "target_lang", "source", "target"),
    [
        (
            "ko",
            "de",
            "2명이 숨지고 15명이 다쳤다.",
            "Bei dem Unfall kamen 15 Menschen ums Leben, zwei wurden verletzt.",
        ),
        (
            "en",
            "de",
            "The blast killed two people and injured 15.",
            "Bei der Explosion wurden 15 Menschen getötet und zwei verletzt.",
        ),
        ("en", "ko", "Two people died and 15 were injured.", "15명이 숨지고 2명이 다쳤다."),
    ],
)
def test_the_dead_and_the_injured_swapped_are_flagged(
    source_lang: str, target_lang: str, source: str, target: str
) -> None:
    assert "2 dead in the source, 2 injured in the translation" in details(
        source, target, source_lang, target_lang
    )


@pytest.mark.parametrize(
    ("source_lang", "target_lang", "source", "target"),
    [
        (
            "ko",
            "de",
            "2명이 숨지고 15명이 다쳤다.",
            "Bei dem Unfall kamen zwei Menschen ums Leben, 15 wurden verletzt.",
        ),
        (
            "en",
            "de",
            "The blast killed at least two people and injured 15 others.",
            "Die Explosion tötete mindestens zwei Menschen und verletzte 15 weitere.",
        ),
        (
            "de",
            "en",
            "Drei Menschen starben, zwölf wurden verletzt.",
            "Three people died and twelve were injured.",
        ),
    ],
)
def test_the_same_count_passes(source_lang: str, target_lang: str, source: str, target: str) -> None:
    assert details(source, target, source_lang, target_lang) == []


def test_a_temperature_on_another_scale_is_flagged() -> None:
    assert details("It was minus 20 degrees Fahrenheit.", "Es war minus 20 Grad Celsius.", "en", "de") == [
        "20 °F in the source, 20 °C in the translation"
    ]
    # converted, or its scale left unsaid, passes
    assert details("It was 95 degrees Fahrenheit.", "Es war 35 Grad Celsius heiß.", "en", "de") == []
    assert details("It was 20°C.", "Es waren 20 Grad.", "en", "de") == []


def test_counts_in_thousands_are_read_as_the_numbers_check_reads_them() -> None:
    flags = details(
        "The quake killed 1,500 people and injured 2,300.",
        "Das Beben tötete 2.300 Menschen und verletzte 1.500.",
        "en",
        "de",
    )
    assert "1500 dead in the source, 1500 injured in the translation" in flags
