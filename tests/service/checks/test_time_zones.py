"""A time given in the readers' time zone: the hour and, past midnight, the weekday move with it
("Mittwoch, 22 Uhr MEZ" / "한국시간 목요일 오전 6시"). Each such pair passes; an hour or a day that the
zones' difference does not explain is still flagged."""

from __future__ import annotations

import pytest

from service.checks import check_pair
from tests.service.checks.pair_details import details

_ET = "The speech starts on Wednesday at 9 p.m. ET."


@pytest.mark.parametrize(
    ("source_lang", "target_lang", "source", "target"),
    [
        ("de", "ko", "Die Rede beginnt am Mittwoch um 22 Uhr MEZ.",
         "연설은 한국시간 목요일 오전 6시에 시작된다."),
        ("en", "de", _ET, "Die Rede beginnt am Donnerstag um 3 Uhr MEZ."),
        ("en", "de", "The speech starts on Wednesday at 10 p.m. CET.",
         "Die Rede beginnt am Donnerstag um 6 Uhr koreanischer Zeit."),
        ("ko", "en", "연준은 한국시간 목요일 새벽 3시 금리를 발표한다.",
         "The Fed announces its rate decision on Wednesday at 2 p.m. ET."),
        # summer time: an hour either way
        ("en", "de", "The vote is on Tuesday at 11 p.m. EDT.",
         "Die Abstimmung ist am Mittwoch um 5 Uhr MESZ."),
    ],
)  # fmt: skip
def test_a_time_in_the_readers_zone_passes(
    source_lang: str, target_lang: str, source: str, target: str
) -> None:
    assert check_pair(source, target, source_lang, target_lang) == []


@pytest.mark.parametrize(
    ("source_lang", "target_lang", "source", "target", "said"),
    [
        # the day moved by two, or an hour the zones do not explain
        ("en", "de", _ET, "Die Rede beginnt am Freitag um 3 Uhr MEZ.",
         "Wednesday in the source, Freitag in the translation"),
        ("en", "de", _ET, "Die Rede beginnt am Donnerstag um 7 Uhr MEZ.",
         "Wednesday in the source, Donnerstag in the translation"),
        # no zone named on one side: nothing moves
        ("en", "de", "The speech starts on Wednesday at 9 p.m.", "Die Rede beginnt am Donnerstag um 3 Uhr.",
         "Wednesday in the source, Donnerstag in the translation"),
        # the same zone on both sides: nothing moves
        ("en", "de", "The speech starts at 9 p.m. ET.", "Die Rede beginnt um 3 Uhr ET.",
         "9 in the source, 3 in the translation"),
    ],
)  # fmt: skip
def test_a_time_the_zones_do_not_explain_is_flagged(
    source_lang: str, target_lang: str, source: str, target: str, said: str
) -> None:
    assert said in details(source, target, source_lang, target_lang)
