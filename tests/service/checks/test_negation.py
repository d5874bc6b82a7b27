"""A negation the translation lost (an outside tester's misses: 0 of 8 were flagged), hand-written
German and English cases; and the ways each language says no otherwise, which pass."""

from __future__ import annotations

import pytest

from service.checks import check_pair


def negation(source: str, target: str, source_lang: str, target_lang: str) -> list[str | None]:
    return [f.detail for f in check_pair(source, target, source_lang, target_lang) if f.check == "negation"]


@pytest.mark.parametrize(
    ("source", "target", "source_lang", "target_lang", "word"),
    [
        ("Das Urteil ist noch nicht rechtskräftig.", "The verdict is now final.", "de", "en", "nicht"),
        (
            "Die Polizei schloss einen terroristischen Hintergrund nicht aus.",
            "Police ruled out a terrorist motive.",
            "de",
            "en",
            "nicht",
        ),
        ("Der Angeklagte zeigte keine Reue.", "The defendant showed remorse.", "de", "en", "keine"),
        ("Der Minister will nicht zurücktreten.", "The minister wants to resign.", "de", "en", "nicht"),
        (
            "The summit ended late on Thursday without an agreement.",
            "Der Gipfel endete am späten Donnerstag mit einer Einigung.",
            "en",
            "de",
            "without",
        ),
        (
            "The company said it would not cut jobs in Germany.",
            "Das Unternehmen kündigte an, Stellen in Deutschland abzubauen.",
            "en",
            "de",
            "not",
        ),
        (
            "The driver was not injured in the crash.",
            "Der Fahrer wurde bei dem Unfall verletzt.",
            "en",
            "de",
            "not",
        ),
        # ordinary words that only look like a word carrying a negation ("bank" of "ban", "until")
        ("Die Bank hat den Kredit nicht gewährt.", "The bank granted the loan.", "de", "en", "nicht"),
        (
            "Die Straße ist bis Freitag nicht gesperrt.",
            "The road is closed until Friday.",
            "de",
            "en",
            "nicht",
        ),
    ],
)
def test_a_lost_negation_is_flagged(
    source: str, target: str, source_lang: str, target_lang: str, word: str
) -> None:
    assert negation(source, target, source_lang, target_lang) == [
        f"'{word}' in the source, no negation in the translation"
    ]


@pytest.mark.parametrize(
    ("source", "target", "source_lang", "target_lang"),
    [
        ("Das Urteil ist noch nicht rechtskräftig.", "The verdict is not yet final.", "de", "en"),
        ("Der Angeklagte zeigte keine Reue.", "The defendant showed no remorse.", "de", "en"),
        ("He didn't come.", "Er kam nicht.", "en", "de"),
        # a negative prefix or suffix, or a word that carries the negation
        ("Das war nicht hinnehmbar.", "That was unacceptable.", "de", "en"),
        ("Er konnte die Reise nicht antreten.", "He was unable to make the journey.", "de", "en"),
        ("Vier Fahrerinnen kamen nicht ins Ziel.", "Four skiers failed to finish.", "de", "en"),
        ("9.400 Häuser haben kein Wasser.", "9,400 homes are without water.", "de", "en"),
        ("The plan is not clear.", "Der Plan ist unklar.", "en", "de"),
        ("The effort was not successful.", "Die Mühe war erfolglos.", "en", "de"),
        # idioms whose negation negates nothing
        (
            "Sie misst nicht nur das Gewicht, sondern auch das Fett.",
            "It measures fat as well as weight.",
            "de",
            "en",
        ),
        ("Der Rauch war nicht zu übersehen.", "The smoke was hard to miss.", "de", "en"),
        (
            "No matter how calm they look, bears can attack.",
            "Egal wie ruhig sie wirken, Bären können angreifen.",
            "en",
            "de",
        ),
        # a country's code in capitals is no "nor"
        ("In Oslo (NOR), he came second.", "In Oslo (NOR) wurde er Zweiter.", "en", "de"),
        # Korean is not read by this check
        ("검찰은 아직 결정하지 않았다.", "Die Staatsanwaltschaft hat bereits entschieden.", "ko", "de"),
    ],
)
def test_a_negation_said_another_way_passes(
    source: str, target: str, source_lang: str, target_lang: str
) -> None:
    assert negation(source, target, source_lang, target_lang) == []
