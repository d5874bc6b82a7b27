"""How news in each language writes what the source says otherwise: Korean wire copy dates by the
day of the month where German and English name the weekday, writes "7만1500원", "0.25%포인트" for
"a quarter of a percentage point", and adds a conversion in brackets ("15억 달러(약 2조 원)"); an
English source gives an amount two ways that a translation gives one way. Each passes; the same
sentence with a number changed or dropped is still flagged."""

from __future__ import annotations

import pytest

from service.checks import check_pair
from tests.service.checks.pair_details import details


@pytest.mark.parametrize(
    ("source_lang", "target_lang", "source", "target"),
    [
        # the day of the month for the weekday, or for "yesterday", either way round
        (
            "en",
            "ko",
            "The ministry said on Tuesday that prices rose.",
            "외교부는 3일(현지시간) 물가가 올랐다고 밝혔다.",
        ),
        (
            "ko",
            "en",
            "외교부는 3일(현지시간) 물가가 올랐다고 밝혔다.",
            "The ministry said on Tuesday that prices rose.",
        ),
        ("ko", "de", "외교부는 지난 3일 밝혔다.", "Das Ministerium teilte gestern mit."),
        ("de", "ko", "Das Ministerium teilte am Dienstag mit.", "외교부는 3일 밝혔다."),
        # an amount in 만 with its ones in digits
        ("en", "ko", "Shares fell 3% to 71,500 won.", "주가는 3% 내린 7만1500원을 기록했다."),
        ("ko", "en", "주가는 7만 1500원을 기록했다.", "Shares closed at 71,500 won."),
        # a share in words as a decimal or a percent
        (
            "en",
            "ko",
            "The rate was raised by a quarter of a percentage point.",
            "금리는 0.25%포인트 인상됐다.",
        ),
        ("de", "ko", "Die Hälfte der Befragten stimmte zu.", "응답자의 50%가 동의했다."),
        # a code in brackets glossing the words before it, the number once in the translation
        ("ko", "en", "주요 7개국(G7) 정상들이 이탈리아에서 만났다.", "The G7 leaders met in Italy."),
        # a conversion added for the reader, or one of the source's two ways kept
        ("en", "ko", "The deal is worth $1.5 billion.", "이 거래는 15억 달러(약 2조 원) 규모다."),
        (
            "de",
            "en",
            "Das Feuer zerstörte 4.000 Acres.",
            "The fire burned 4,000 acres (about 1,600 hectares).",
        ),
        ("en", "de", "The fire burned 4,000 acres (1,600 hectares).", "Das Feuer zerstörte 1.600 Hektar."),
        # German parties by what their members are, either way round
        (
            "de",
            "en",
            "Bundeskanzler Friedrich Merz (CDU) lehnte das ab.",
            "Chancellor Friedrich Merz of the Christian Democrats rejected that.",
        ),
        (
            "en",
            "de",
            "Chancellor Friedrich Merz of the Christian Democrats rejected that.",
            "Bundeskanzler Friedrich Merz (CDU) lehnte das ab.",
        ),
        ("de", "en", "Die AfD legte zu.", "Alternative for Germany gained."),
        # a scale of temperature added or dropped
        (
            "de",
            "en",
            "Die Temperaturen steigen auf bis zu 35 Grad.",
            "Temperatures will rise to as much as 35 degrees Celsius.",
        ),
        (
            "en",
            "de",
            "Temperatures will rise to as much as 35 degrees Celsius.",
            "Die Temperaturen steigen auf bis zu 35 Grad.",
        ),
        # a short form the translation adds in brackets after the name it stands for
        (
            "en",
            "de",
            "The Federal Statistics Office said so on Wednesday.",
            "Das Statistische Bundesamt (Destatis) teilte das am Mittwoch mit.",
        ),
        # a unit converted with its number, to the precision the number is written to
        ("en", "de", "The fire spread over 30 miles.", "Das Feuer breitete sich über 48 Kilometer aus."),
        ("en", "de", "Winds reached 70 mph.", "Der Wind erreichte 113 km/h."),
        ("en", "de", "He is 6 feet tall.", "Er ist 1,83 Meter groß."),
        ("en", "ko", "The fire burned 4,000 acres.", "산불로 1600헥타르가 불탔다."),
        ("de", "ko", "Das Auto stand 500 Fuß entfernt.", "차는 150미터 떨어져 있었다."),
        ("de", "en", "Die Messe dauert zwei Wochen.", "The fair lasts 14 days."),
        # Fahrenheit into Celsius, to a degree
        ("en", "de", "It was 95 degrees Fahrenheit.", "Es war 35 Grad heiß."),
        ("de", "en", "Es war minus 10 Grad.", "It was 14 degrees Fahrenheit."),
        ("en", "ko", "It was 95°F.", "기온은 35도였다."),
        # news English's million before what it counts
        (
            "en",
            "de",
            "The UN said 1.5m people had fled.",
            "Die UN teilte mit, 1,5 Millionen Menschen seien geflohen.",
        ),
        (
            "de",
            "en",
            "Die UN teilte mit, 1,5 Millionen Menschen seien geflohen.",
            "The UN said 1.5m people had fled.",
        ),
        # "24/7" in words; an American date's month named
        ("en", "de", "The shop is open 24/7.", "Der Laden ist rund um die Uhr geöffnet."),
        ("de", "en", "Der Laden ist rund um die Uhr geöffnet.", "The shop is open 24/7."),
        (
            "en",
            "de",
            "The attacks of 9/11 changed everything.",
            "Die Anschläge vom 11. September haben alles verändert.",
        ),
        (
            "de",
            "en",
            "Die Anschläge vom 11. September haben alles verändert.",
            "The attacks of 9/11 changed everything.",
        ),
        # an outside tester's correct pairs (2026-12-03, night) the checks flagged
        (
            "de",
            "en",
            "Bundeskanzler Olaf Scholz (SPD) reist nach Paris.",
            "German Chancellor Olaf Scholz, a Social Democrat, will travel to Paris.",
        ),
        ("ko", "de", "사과는 한 개에 3천500원에 팔렸다.", "Äpfel wurden für 3500 Won pro Stück verkauft."),
        ("ko", "de", "정부는 2조 원을 투입한다.", "Die Regierung stellt zwei Billionen Won bereit."),
        (
            "en",
            "de",
            "The storm made landfall near Tampa at 11 p.m. EDT with winds of 120 mph.",
            "Der Sturm traf um 23 Uhr Ortszeit (5 Uhr MESZ) mit rund 190 km/h nahe Tampa auf Land.",
        ),
        # an exchange rate's pair of currencies; a quarter point of interest; an amount rounded
        ("ko", "en", "원/달러 환율은 1,385.5원에 마감했다.", "The won closed at 1,385.5 per dollar."),
        (
            "en",
            "ko",
            "The Fed raised rates by a quarter point to 5.25%.",
            "연준은 금리를 0.25%포인트 올려 5.25%로 했다.",
        ),
        ("ko", "de", "매출은 3조5574억 원이었다.", "Der Umsatz betrug 3,56 Billionen Won."),
        ("en", "de", "The fire burned 1,618 hectares.", "Das Feuer zerstörte rund 1.600 Hektar."),
    ],
)
def test_what_news_writes_otherwise_passes(
    source_lang: str, target_lang: str, source: str, target: str
) -> None:
    assert details(source, target, source_lang, target_lang) == []


def test_a_day_of_the_month_stands_for_a_weekday_only() -> None:
    # a span of days is no date; a source that says no day asks for no day number
    assert details("Die Messe dauert am Dienstag an.", "박람회는 4일간 계속된다.", "de", "ko") != []
    assert details(
        "The ministry said that prices rose.", "외교부는 3일 물가가 올랐다고 밝혔다.", "en", "ko"
    ) == ["3 in the translation, not in the source"]
    # a full date is compared as before ("12월 3일" is no bare day)
    flags = details("The ministry said on Tuesday that prices rose.", "외교부는 12월 3일 밝혔다.", "en", "ko")
    assert "12월 (December) in the translation, not in the source" in flags


def test_a_glossed_code_with_another_number_is_flagged() -> None:
    assert "7 in the source, 8 in the translation" in details(
        "주요 7개국(G7) 정상들이 만났다.", "The G8 leaders met.", "ko", "en"
    )


def test_a_korean_amount_and_its_ones_are_one_number() -> None:
    assert details("Shares fell to 71,500 won.", "주가는 7만2500원을 기록했다.", "en", "ko") == [
        "71,500 in the source, 7만2500 in the translation"
    ]
    # a year after an amount is no part of it
    assert details("60,000 visitors came in 2024.", "2024년 6만 명이 방문했다.", "en", "ko") == []


def test_a_changed_number_beside_a_conversion_is_still_flagged() -> None:
    # the conversion kept, the amount changed: both sides give two ways, so each is compared
    assert details("Er war 3 Tage (72 Stunden) weg.", "He was away for 4 days (72 hours).", "de", "en") == [
        "3 in the source, 4 in the translation"
    ]
    # the one way kept is not the source's: flagged
    flags = details(
        "The fire burned 4,000 acres (1,600 hectares).", "Das Feuer zerstörte 1.700 Hektar.", "en", "de"
    )
    assert "1.700 in the translation, not in the source" in flags
    # a conversion added to a changed amount does not hide the change
    flags = details("The deal is worth $1.5 billion.", "이 거래는 25억 달러(약 2조 원) 규모다.", "en", "ko")
    assert "25억 in the translation, not in the source" in flags
    # the amount dropped and its conversion kept in brackets: the brackets tell, so it is flagged
    flags = details(
        "The river is 6,387 km (3,980 miles) long.", "Der Fluss ist km (3980 Meilen) lang.", "en", "de"
    )
    assert "6,387 in the source, not in the translation" in flags


def test_a_party_replaced_is_still_flagged() -> None:
    assert details("Merz (CDU) lehnte ab.", "Merz of the Social Democrats declined.", "de", "en") == [
        "CDU in the source, not in the translation"
    ]
    assert details("Merz of the Christian Democrats declined.", "Merz (SPD) lehnte ab.", "en", "de") == [
        "Christian in the source, not in the translation"
    ]


def test_a_short_form_in_brackets_left_out_is_minor() -> None:
    flags = check_pair(
        "Das Statistische Bundesamt (Destatis) teilte das mit.",
        "The Federal Statistics Office said so.",
        "de",
        "en",
    )
    assert [(f.detail, f.severity) for f in flags] == [
        ("Destatis in the source, not in the translation", "minor")
    ]
    # another name in the brackets is a name replaced, not a short form
    added = details(
        "The US Securities and Exchange Commission said so.",
        "Die US-Börsenaufsicht Securities and Exchange Commission (Hirschaid) teilte das mit.",
        "en",
        "de",
    )
    assert "Hirschaid in the translation, not in the source" in added


def test_a_conversion_gone_wrong_is_flagged() -> None:
    assert details(
        "The fire spread over 30 miles.", "Das Feuer breitete sich über 60 Kilometer aus.", "en", "de"
    ) == ["30 in the source, 60 in the translation"]
    assert details("The well is 100 feet deep.", "Der Brunnen ist 40 Meter tief.", "en", "de") == [
        "100 in the source, 40 in the translation"
    ]
    assert details("It was 95 degrees Fahrenheit.", "Es war 40 Grad heiß.", "en", "de") == [
        "95 in the source, 40 in the translation"
    ]
    # the number kept with another unit is the unit check's
    assert details(
        "The fire spread over 30 miles.", "Das Feuer breitete sich über 30 Kilometer aus.", "en", "de"
    ) == ["30 miles in the source, 30 Kilometer in the translation"]


def test_english_news_numbers_changed_are_still_flagged() -> None:
    # "2m tall" is still metres; another month for "9/11" is flagged
    assert details("The wall is 2m tall.", "Die Mauer ist 3 Meter hoch.", "en", "de") == [
        "2 in the source, 3 in the translation"
    ]
    flags = details(
        "The attacks of 9/11 changed everything.",
        "Die Anschläge vom 11. Oktober haben alles verändert.",
        "en",
        "de",
    )
    assert "Oktober in the translation, not in the source" in flags


def test_a_time_zone_dropped_is_still_flagged() -> None:
    flags = details("The program started at 15:00 UTC.", "Das Programm begann um 15:00 Uhr.", "en", "de")
    assert "UTC in the source, not in the translation" in flags


def test_a_rounding_that_changes_the_number_is_flagged() -> None:
    assert details("매출은 3조5574억 원이었다.", "Der Umsatz betrug 3,66 Billionen Won.", "ko", "de") == [
        "3조5574억 in the source, 3,66 Billionen in the translation"
    ]
    # more digits than the source's is another number; a year is never rounded
    assert details("The fire burned 1,600 hectares.", "Das Feuer zerstörte 1.618 Hektar.", "en", "de") == [
        "1,600 in the source, 1.618 in the translation"
    ]
    assert details("It was built in 1941.", "Es wurde 1940 gebaut.", "en", "de") == [
        "1941 in the source, 1940 in the translation"
    ]
    # percent for percentage points is still flagged
    assert details("Inflation rose 2 percent.", "물가가 2%포인트 올랐다.", "en", "ko") != []
