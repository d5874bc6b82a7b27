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


# Found by an outside tester: Kiwi took the quotation opened after "만났다." into that sentence and
# ended a sentence at the closing mark, leaving "라고 그는 말했다." as a sentence of its own.
KOREAN_QUOTES = {
    "curly double, 라고": (
        "쇼이구 서기는 김정은 위원장을 만났다. “우리는 형제국가”라고 그는 말했다.",
        ["쇼이구 서기는 김정은 위원장을 만났다.", "“우리는 형제국가”라고 그는 말했다."],
    ),
    "curly double, 이라고": (
        "그는 만났다. “우리는 형제”이라고 말했다. 그리고 떠났다.",
        ["그는 만났다.", "“우리는 형제”이라고 말했다.", "그리고 떠났다."],
    ),
    "curly double, sentences inside": (
        "그는 만났다. “우리는 형제다. 영원하다.”라고 그는 말했다.",
        ["그는 만났다.", "“우리는 형제다. 영원하다.”라고 그는 말했다."],
    ),
    "curly single, 라며": (
        "A씨는 만났다. ‘형제’ ‘동맹’이라며 웃었다.",
        ["A씨는 만났다.", "‘형제’ ‘동맹’이라며 웃었다."],
    ),
    "straight double, 며": (
        '그는 만났다! "우리는 형제다"며 웃었다.',
        ["그는 만났다!", '"우리는 형제다"며 웃었다.'],
    ),
    "straight single, 고, and an apostrophe": (
        "그는 만났다? '좋다'고 말했다. Trump's 'deal'이라고 했다.",
        ["그는 만났다?", "'좋다'고 말했다.", "Trump's 'deal'이라고 했다."],
    ),
    "corner brackets, 하고": (
        "그는 만났다.「우리는 형제」하고 말했다.",
        ["그는 만났다.", "「우리는 형제」하고 말했다."],
    ),
    "double corner brackets, 라는": (
        "그는 책을 냈다. 『형제』라는 책이다.",
        ["그는 책을 냈다.", "『형제』라는 책이다."],
    ),
    # After a sentence that does not end in Hangul there is no cut, but the particle still stays.
    "after a wire credit": (
        "회의는 오후 3시에 열렸다(AP). “형제국가”라고 그는 말했다.",
        ["회의는 오후 3시에 열렸다(AP). “형제국가”라고 그는 말했다."],
    ),
    # What was split right stays so: a quoted sentence of its own, and a quote in mid-sentence.
    "a quoted sentence": (
        "그는 만났다. “우리는 형제다.” 그는 말했다.",
        ["그는 만났다.", "“우리는 형제다.”", "그는 말했다."],
    ),
    "a quote mid-sentence": (
        "그는 “우리는 형제다. 영원하다”라고 말했다. 다음이다.",
        ["그는 “우리는 형제다. 영원하다”라고 말했다.", "다음이다."],
    ),
}


@pytest.mark.parametrize("case", list(KOREAN_QUOTES))
def test_korean_quotation_and_its_particle_stay_one_sentence(case: str) -> None:
    text, expected = KOREAN_QUOTES[case]
    assert split_sentences(text, "ko") == expected


def test_sentences_are_exact_substrings() -> None:
    text = "Erster  Satz  mit   Leerzeichen.   Zweiter Satz."
    sentences = split_sentences(text, "de")
    assert all(sentence in text for sentence in sentences)
    assert "".join("".join(s.split()) for s in sentences) == "".join(text.split())


def test_two_dates_a_sentence_apart_are_no_numbered_list() -> None:
    # pysbd read "1. Mai" and "2. Mai" as the points of a list and cut "Am" off each sentence
    assert split_sentences("Am 1. Mai kamen viele. Am 2. Mai kamen mehr.", "de") == [
        "Am 1. Mai kamen viele.",
        "Am 2. Mai kamen mehr.",
    ]
    assert split_sentences("Er kam am 2. Mai. Sie kam am 3. Mai.", "de") == [
        "Er kam am 2. Mai.",
        "Sie kam am 3. Mai.",
    ]
    text = "Seit dem 9. November 1989 ist alles anders. Am 10. November feierten sie."
    assert split_sentences(text, "de") == [
        "Seit dem 9. November 1989 ist alles anders.",
        "Am 10. November feierten sie.",
    ]
    # a numbered point after a colon stays a sentence of its own
    assert split_sentences("Die Punkte: 1. Geld. 2. Zeit.", "de") == ["Die Punkte:", "1. Geld.", "2. Zeit."]
