"""Countries by their three-letter codes, as sports results give them, and acronyms that are
ordinary nouns German writes as words ("CEO" / "Geschäftsführerin", "SUV" / "Geländewagen")."""

from __future__ import annotations

import pytest

from service.checks import check_pair
from tests.service.checks.pair_details import details


@pytest.mark.parametrize(
    ("source", "target", "source_lang", "target_lang"),
    [
        ("Die Loipe in Östersund (SWE) liegt Eberhard.",
         "The course in Östersund, Sweden, suits Eberhard.", "de", "en"),
        ("The course in Östersund, Sweden, suits Eberhard.",
         "Die Loipe in Östersund (SWE) liegt Eberhard.", "en", "de"),
        ("He won in Kontiolahti, Finland.", "Er gewann in Kontiolahti (FIN).", "en", "de"),
        ("Marcel Hirscher (AUT) gewann vor Henrik Kristoffersen (NOR).",
         "Austria's Marcel Hirscher won ahead of Norway's Henrik Kristoffersen.", "de", "en"),
        ("Thomas Dreßen (GER) wurde Dritter vor Beat Feuz (SUI).",
         "Germany's Thomas Dressen came third ahead of Beat Feuz of Switzerland.", "de", "en"),
        ("Germany's Thomas Dressen came third.", "Thomas Dreßen (GER) wurde Dritter.", "en", "de"),
        ("said foundation CEO Wiebke Ankersen.",
         "sagte Stiftungs-Geschäftsführerin Wiebke Ankersen.", "en", "de"),
        ("He did not return from a journey in his SUV.",
         "Er kehrte von einer Fahrt mit seinem Geländewagen nicht zurück.", "en", "de"),
        ("The PMI figures are based on surveys.",
         "Der Einkaufsmanagerindex stützt sich auf Umfragen.", "en", "de"),
        ("Der Motor hat 150 PS.", "The engine has 150 hp.", "de", "en"),
        ("the pastoral interests of the high-HP cyclists",
         "die Belange der PS-starken Zweiradfahrer", "en", "de"),
    ],
)  # fmt: skip
def test_passes(source: str, target: str, source_lang: str, target_lang: str) -> None:
    assert check_pair(source, target, source_lang, target_lang) == []


@pytest.mark.parametrize(
    ("source", "target", "source_lang", "target_lang", "said"),
    [
        # another country for the code: major, not the minor flag of an acronym spelled out
        ("Marcel Hirscher (AUT) gewann.", "Switzerland's Marcel Hirscher won.", "de", "en",
         "AUT in the source, not in the translation"),
        ("Thomas Dreßen (GER) wurde Dritter.", "Austria's Thomas Dressen came third.", "de", "en",
         "GER in the source, not in the translation"),
        ("Marcel Hirscher of Austria won.", "Marcel Hirscher (SUI) gewann.", "en", "de",
         "Austria in the source, not in the translation"),
        # a code is matched in capitals and whole: "Auto" is no "AUT"
        ("Austria won the match.",
         "Das Auto gewann.", "en", "de", "Austria in the source, not in the translation"),
    ],
)  # fmt: skip
def test_flagged(source: str, target: str, source_lang: str, target_lang: str, said: str) -> None:
    flags = check_pair(source, target, source_lang, target_lang)
    assert said in details(source, target, source_lang, target_lang)
    assert all(f.severity == "major" for f in flags if f.detail == said)


def test_german_capitals_that_are_words_are_still_no_code_outside_brackets() -> None:
    """German "AUS" in capitals, for emphasis, is not Australia where no brackets hold it."""
    assert check_pair("Er kam AUS dem Haus.", "He came out of the house.", "de", "en") == []
