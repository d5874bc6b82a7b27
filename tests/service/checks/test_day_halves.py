"""a.m. for p.m. (the README listed it among what the checks did not see): hand-written de/en/ko
cases, and the same time written each language's way, which passes."""

from __future__ import annotations

import pytest

from service.checks import check_pair


def numbers(source: str, target: str, source_lang: str, target_lang: str) -> list[str | None]:
    return [f.detail for f in check_pair(source, target, source_lang, target_lang) if f.check == "numbers"]


@pytest.mark.parametrize(
    ("source", "target", "source_lang", "target_lang", "detail"),
    [
        (
            "Das Spiel beginnt um 15 Uhr.",
            "The match starts at 3 a.m.",
            "de",
            "en",
            "15 Uhr in the source, 3 a.m. in the translation",
        ),
        (
            "The blast happened at 3:30 a.m.",
            "Die Explosion ereignete sich um 15:30 Uhr.",
            "en",
            "de",
            "3:30 a.m. in the source, 15:30 Uhr in the translation",
        ),
        (
            "경기는 오후 3시에 시작한다.",
            "The match starts at 3 a.m.",
            "ko",
            "en",
            "오후 3시 in the source, 3 a.m. in the translation",
        ),
        (
            "Der Anschlag geschah um 8 Uhr abends.",
            "The attack happened at 8 a.m.",
            "de",
            "en",
            "8 Uhr abends in the source, 8 a.m. in the translation",
        ),
        (
            "The polls close at 8 p.m.",
            "투표는 오전 8시에 끝난다.",
            "en",
            "ko",
            "8 p.m. in the source, 오전 8시 in the translation",
        ),
        # German news counts 24 hours: "10 Uhr" is in the morning (an outside tester's misses)
        (
            "Die Pressekonferenz ist für 11 Uhr angesetzt.",
            "The press conference is scheduled for 11 p.m.",
            "de",
            "en",
            "11 Uhr in the source, 11 p.m. in the translation",
        ),
        (
            "The suspect fled on foot shortly after 10 p.m.",
            "Der Verdächtige floh kurz nach 10 Uhr zu Fuß.",
            "en",
            "de",
            "10 p.m. in the source, 10 Uhr in the translation",
        ),
        (
            "Die Pressekonferenz beginnt um 10 Uhr.",
            "기자회견은 오후 10시에 시작한다.",
            "de",
            "ko",
            "10 Uhr in the source, 오후 10시 in the translation",
        ),
    ],
)
def test_morning_for_afternoon_is_named(
    source: str, target: str, source_lang: str, target_lang: str, detail: str
) -> None:
    assert numbers(source, target, source_lang, target_lang) == [detail]


@pytest.mark.parametrize(
    ("source", "target", "source_lang", "target_lang"),
    [
        ("Das Spiel beginnt um 15 Uhr.", "The match starts at 3 p.m.", "de", "en"),
        ("The polls close at 8 p.m.", "Die Wahllokale schließen um 20 Uhr.", "en", "de"),
        ("경기는 오후 3시에 시작한다.", "Das Spiel beginnt um 15 Uhr.", "ko", "de"),
        ("Die Explosion war um 3 Uhr nachts.", "The explosion was at 3 a.m.", "de", "en"),
        # an hour whose half is not said is not read (German "N Uhr" aside, which counts 24 hours)
        ("The explosion was at 3:30.", "Die Explosion war um 15:30 Uhr.", "en", "de"),
        ("Die Sitzung beginnt um 12 Uhr.", "The session starts at 12 p.m.", "de", "en"),
        # hours of a duration are no time of day
        ("회의는 15시간 동안 이어졌다.", "The meeting lasted 15 hours, until 3 a.m.", "ko", "en"),
    ],
)
def test_the_same_time_passes(source: str, target: str, source_lang: str, target_lang: str) -> None:
    assert numbers(source, target, source_lang, target_lang) == []
