from __future__ import annotations

import pytest

from service.parse.segment import split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Dr. Müller sagte am 19. Juni 2025, dass z. B. 6.000 Soldaten kommen. Das ist viel.",
            ["Dr. Müller sagte am 19. Juni 2025, dass z. B. 6.000 Soldaten kommen.", "Das ist viel."],
        ),
        (
            "„Wir sind besorgt“, sagte sie. Wer weiß? Es gibt u. a. Minenräumer.",
            ["„Wir sind besorgt“, sagte sie.", "Wer weiß?", "Es gibt u. a. Minenräumer."],
        ),
        (
            "Die Statistik zeigt 37 K.-o.-Spiele in der Königsklasse. Danach kam nichts.",
            ["Die Statistik zeigt 37 K.-o.-Spiele in der Königsklasse.", "Danach kam nichts."],
        ),
    ],
)
def test_german(text: str, expected: list[str]) -> None:
    assert split_sentences(text, "de") == expected


def test_english() -> None:
    text = 'Mr. Smith arrived at 5 p.m. on Monday. "It is over," he said. Prices rose 2.5 percent.'
    assert split_sentences(text, "en") == [
        "Mr. Smith arrived at 5 p.m. on Monday.",
        '"It is over," he said.',
        "Prices rose 2.5 percent.",
    ]


def test_korean() -> None:
    text = "북한이 6,000명의 군인을 보냈다. 미국은 우려했다! 정말일까?"
    assert split_sentences(text, "ko") == ["북한이 6,000명의 군인을 보냈다.", "미국은 우려했다!", "정말일까?"]


def test_sentences_are_exact_substrings() -> None:
    text = "Erster  Satz  mit   Leerzeichen.   Zweiter Satz."
    sentences = split_sentences(text, "de")
    assert all(sentence in text for sentence in sentences)
    assert "".join("".join(s.split()) for s in sentences) == "".join(text.split())
