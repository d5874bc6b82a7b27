"""A temperature's lost minus (found by an outside attack: "minus 5 Grad" as "5 degrees" passed)."""

from __future__ import annotations

import re

import pytest

from service.checks import check_pair


def _numbers(source: str, target: str, source_lang: str, target_lang: str) -> list[str | None]:
    return [f.detail for f in check_pair(source, target, source_lang, target_lang) if f.check == "numbers"]


@pytest.mark.parametrize(
    ("source", "target", "source_lang", "target_lang"),
    [
        ("Es war minus 5 Grad kalt.", "It was 5 degrees cold.", "de", "en"),
        (
            "In der Nacht sanken die Temperaturen auf -12 °C.",
            "At night temperatures fell to 12°C.",
            "de",
            "en",
        ),
        ("Es war 5 Grad unter null.", "It was 5 degrees.", "de", "en"),
        ("It was 5 degrees below zero.", "Es hatte 5 Grad.", "en", "de"),
        ("Es war minus 5 Grad kalt.", "기온은 5도였다.", "de", "ko"),
        ("기온은 영하 5도였다.", "It was 5 degrees.", "ko", "en"),
    ],
)
def test_a_lost_minus_of_a_temperature_is_flagged(
    source: str, target: str, source_lang: str, target_lang: str
) -> None:
    found = _numbers(source, target, source_lang, target_lang)
    assert len(found) == 1 and "without its minus in the translation" in str(found[0]), found


@pytest.mark.parametrize(
    ("source", "target", "source_lang", "target_lang"),
    [
        ("Es war minus 5 Grad kalt.", "It was minus 5 degrees.", "de", "en"),
        ("Es war -5 °C kalt.", "It was 5 degrees below zero.", "de", "en"),
        ("Es war 5 Grad unter dem Gefrierpunkt.", "It was minus five degrees.", "de", "en"),
        ("Es war minus 5 Grad kalt.", "기온은 영하 5도였다.", "de", "ko"),
        ("Temperaturen von 10-15 Grad.", "Temperatures of 10-15 degrees.", "de", "en"),
        ("Ein Winkel von 45 Grad.", "An angle of 45 degrees.", "de", "en"),
        # a minus that is no temperature's is the translator's to say in words
        ("Die Aktie fiel um -5,2 Prozent.", "The share fell 5.2 percent.", "de", "en"),
    ],
)
def test_a_kept_minus_and_other_numbers_pass(
    source: str, target: str, source_lang: str, target_lang: str
) -> None:
    assert not any("minus" in str(d) for d in _numbers(source, target, source_lang, target_lang))


def test_a_minus_added_is_flagged() -> None:
    assert _numbers("Es war 5 Grad warm.", "It was -5 degrees.", "de", "en") == [
        "5° in the source, below zero (−5°) in the translation"
    ]


@pytest.mark.parametrize(
    ("source", "target", "source_lang", "target_lang", "detail"),
    [
        # a temperature in words is read as in digits ("minus fünf Grad" passed as "five degrees")
        ("Es waren minus fünf Grad.", "It was five degrees.", "de", "en", "−5° in the source, 5° without"),
        ("Es waren fünf Grad unter null.", "It was 5 degrees.", "de", "en", "−5° in the source, 5° without"),
        ("It was twenty five degrees below zero.", "Es waren 25 Grad.", "en", "de", "−25° in the source"),
        ("Es waren fünf Grad.", "It was minus five degrees.", "de", "en", "5° in the source, below zero"),
        # a minus that opens the sentence (a second outside attack)
        (
            "Minus zwölf Grad wurden gemessen.",
            "Twelve degrees were measured.",
            "de",
            "en",
            "−12° in the source",
        ),
    ],
)
def test_a_temperature_in_words_keeps_its_sign(
    source: str, target: str, source_lang: str, target_lang: str, detail: str
) -> None:
    found = _numbers(source, target, source_lang, target_lang)
    assert len(found) == 1 and str(found[0]).startswith(detail), found
    assert _numbers(re.sub("(?i)minus ", "", source).replace(" unter null", "").replace(" below zero", ""),
                    target.replace("minus ", ""), source_lang, target_lang) == []  # fmt: skip


def test_a_temperature_written_as_one_word_is_a_number_not_a_code() -> None:
    """ "38C" was flagged as a name (a code to keep) where the German writes "38 Grad"."""
    source = "Temperatures are expected to reach 38C in Madrid on Friday."
    assert check_pair(source, "In Madrid werden am Freitag bis zu 38 Grad erwartet.", "en", "de") == []
    wrong = check_pair(source, "In Madrid werden am Freitag bis zu 36 Grad erwartet.", "en", "de")
    assert {f.check for f in wrong} == {"numbers"}, wrong
