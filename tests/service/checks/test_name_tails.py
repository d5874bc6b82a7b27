"""A two-word name whose second word the translation replaced ("Manchester City" / "Manchester
United"): an outside tester's miss, both words being ordinary words of their languages."""

from __future__ import annotations

import pytest

from service.checks import check_pair


def details(source: str, target: str, source_lang: str, target_lang: str) -> list[str | None]:
    return [f.detail for f in check_pair(source, target, source_lang, target_lang) if f.check == "names"]


@pytest.mark.parametrize(
    ("source", "target", "source_lang", "target_lang", "said"),
    [
        (
            "Manchester City gewann am Samstag gegen Arsenal.",
            "Manchester United won against Arsenal on Saturday.",
            "de",
            "en",
            "Manchester City in the source, Manchester United in the translation",
        ),
        (
            "On Saturday Manchester United beat Arsenal.",
            "Am Samstag schlug Manchester City Arsenal.",
            "en",
            "de",
            "Manchester United in the source, Manchester City in the translation",
        ),
    ],
)
def test_the_second_word_replaced_is_one_flag(
    source: str, target: str, source_lang: str, target_lang: str, said: str
) -> None:
    assert details(source, target, source_lang, target_lang) == [said]


@pytest.mark.parametrize(
    ("source", "target", "source_lang", "target_lang"),
    [
        ("Manchester City gewann am Samstag.", "Manchester City won on Saturday.", "de", "en"),
        # a word each language writes its own way is translated
        ("Er lag im Paget Krankenhaus.", "He was in Paget Hospital.", "de", "en"),
        ("He was in Paget Hospital.", "Er lag im Paget Krankenhaus.", "en", "de"),
        ("The Golden Gate Bridge is closed.", "Die Golden Gate Brücke ist gesperrt.", "en", "de"),
        ("Der FC Bayern München gewann.", "FC Bayern Munich won.", "de", "en"),
        # a city's other name
        ("Inter Mailand verlor in Rom.", "Inter Milan lost in Rome.", "de", "en"),
    ],
)
def test_a_translated_or_shortened_second_word_passes(
    source: str, target: str, source_lang: str, target_lang: str
) -> None:
    assert details(source, target, source_lang, target_lang) == []


def test_a_short_form_of_the_second_word_is_no_other_name() -> None:
    from service.checks.name_tails import replaced_tails

    source, target = "Die Microsoft Corporation wuchs.", "Microsoft Corp grew."
    assert replaced_tails(source, target, ["Microsoft"], "de", "en") == []
    assert replaced_tails(source, "Microsoft Games grew.", ["Microsoft"], "de", "en") == [
        ("Microsoft Corporation", "Microsoft Games")
    ]
