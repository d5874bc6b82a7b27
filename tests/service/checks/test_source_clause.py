"""A clause left in the source language among translated words (an outside tester's "Haushalte were
left without power" passed every check): hand-written German and English cases, and the source
words German and English translations keep on purpose, which pass."""

from __future__ import annotations

import pytest

from service.checks import check_pair


def untranslated(
    source: str, target: str, source_lang: str, target_lang: str
) -> list[tuple[str, str | None]]:
    return [
        (f.severity, f.detail)
        for f in check_pair(source, target, source_lang, target_lang)
        if f.check == "untranslated"
    ]


@pytest.mark.parametrize(
    ("source", "target", "source_lang", "target_lang", "left"),
    [
        (
            "About 20,000 households were left without power on Monday.",
            "Rund 20.000 Haushalte were left without power am Montag.",
            "en",
            "de",
            "'were left without power' left in English",
        ),
        (
            "The police said the suspect was arrested on Monday.",
            "Die Polizei sagte, the suspect was arrested am Montag.",
            "en",
            "de",
            "'the suspect was arrested' left in English",
        ),
        (
            "Die Polizei sagte, der Verdächtige wurde am Montag festgenommen.",
            "The police said der Verdächtige wurde am Montag festgenommen.",
            "de",
            "en",
            "'der Verdächtige wurde am Montag festgenommen' left in German",
        ),
        (
            "Der Minister sagte, dass die Steuern steigen werden.",
            "The minister said that die Steuern steigen werden.",
            "de",
            "en",
            "'die Steuern steigen werden' left in German",
        ),
    ],
)
def test_a_clause_left_in_the_source_language_is_a_major_flag_naming_it(
    source: str, target: str, source_lang: str, target_lang: str, left: str
) -> None:
    assert untranslated(source, target, source_lang, target_lang) == [("major", left)]


@pytest.mark.parametrize(
    ("source", "target", "source_lang", "target_lang"),
    [
        # a name of an office or a title kept in its own language
        (
            "Das Bundesamt für Migration und Flüchtlinge prüft den Antrag.",
            "The Bundesamt für Migration und Flüchtlinge is reviewing the application.",
            "de",
            "en",
        ),
        (
            "Fans sang Black Lives Matter before the match.",
            "Die Fans sangen Black Lives Matter vor dem Spiel.",
            "en",
            "de",
        ),
        # a quotation kept in the original language
        (
            'He shouted "we never give up" at the crowd.',
            'Er rief der Menge "we never give up" zu.',
            "en",
            "de",
        ),
        # English words German writes too, and a German word English borrows
        (
            "The technology is state of the art, he said.",
            "Die Technik sei state of the art, sagte er.",
            "en",
            "de",
        ),
        (
            "Die Kanzlerin sprach von einer Zeitenwende in der Außenpolitik.",
            "The chancellor spoke of a Zeitenwende in foreign policy.",
            "de",
            "en",
        ),
        ("Viele arbeiten im Homeoffice, sagte der Chef.", "Many work from home, the boss said.", "de", "en"),
        # other pairs of languages are not read so
        ("경찰은 용의자를 체포했다.", "Die Polizei hat den Verdächtigen festgenommen.", "ko", "de"),
    ],
)
def test_source_words_kept_on_purpose_pass(
    source: str, target: str, source_lang: str, target_lang: str
) -> None:
    assert untranslated(source, target, source_lang, target_lang) == []


def test_a_clause_left_is_one_flag_not_also_a_negation_lost() -> None:
    """The source's "without" kept in the clause left untranslated is no negation lost (a newcomer
    got both flags for one error)."""
    flags = check_pair(
        "About 20,000 households were left without power on Monday.",
        "Rund 20.000 Haushalte were left without power am Montag.",
        "en",
        "de",
    )
    assert [(f.check, f.detail) for f in flags] == [
        ("untranslated", "'were left without power' left in English")
    ]


@pytest.mark.parametrize(
    ("source", "target", "source_lang", "target_lang", "language"),
    [
        (
            "Die Temperaturen steigen am Wochenende auf bis zu 35 Grad.",
            "Les températures grimperont jusqu'à 35 degrés ce week-end.",
            "de",
            "en",
            "French",
        ),
        (
            "It was the hottest June since records began in 1884.",
            "Het was de warmste juni sinds het begin van de metingen in 1884.",
            "en",
            "de",
            "Dutch",
        ),
    ],
)
def test_a_translation_in_a_fourth_language_is_named(
    source: str, target: str, source_lang: str, target_lang: str, language: str
) -> None:
    """French and Dutch passed (an outside tester): the detector was less than sure of them, and the
    French one's accented words were read in pieces."""
    target_name = {"de": "German", "en": "English"}[target_lang]
    flags = check_pair(source, target, source_lang, target_lang)
    assert f"the translation reads as {language}, not {target_name}" in [
        f.detail for f in flags if f.check == "language"
    ]


def test_short_function_words_count_towards_a_clause_left() -> None:
    # "der" and "ist" are German's alone: with "flüchtig" they make a clause left, where only one
    # word of four letters or more is German's alone
    source = "Die Polizei sucht nach dem Täter, der flüchtig ist."
    flags = check_pair(source, "The police are looking for the perpetrator, der flüchtig ist.", "de", "en")
    assert "'der flüchtig ist' left in German" in [f.detail for f in flags]
    # an office's name kept in German, with its "und", is still no clause
    office = "Das Bundesamt für Migration und Flüchtlinge prüft."
    assert check_pair(office, "The Bundesamt für Migration und Flüchtlinge is reviewing.", "de", "en") == []
