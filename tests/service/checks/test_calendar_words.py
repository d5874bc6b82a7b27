"""Weekdays and months on both sides of a translation: a changed one is a major flag, a dropped one minor, and
a day kept in a name ("Welt am Sonntag") or written in a compound ("Samstagabend") is the same day."""

from __future__ import annotations

from service.checks import check_pair


def flags(source: str, target: str, source_lang: str, target_lang: str) -> list[tuple[str, str | None]]:
    return [
        (f.severity, f.detail)
        for f in check_pair(source, target, source_lang, target_lang)
        if f.check == "numbers"
    ]


def test_a_changed_weekday_is_major_in_each_direction() -> None:
    source = "Am Montag traf Scholz in Berlin Macron."
    assert flags(source, "On Monday, Scholz met Macron in Berlin.", "de", "en") == []
    # one day for another is one flag naming both
    assert flags(source, "On Tuesday, Scholz met Macron in Berlin.", "de", "en") == [
        ("major", "Montag in the source, Tuesday in the translation")
    ]
    assert flags(source, "숄츠는 월요일 베를린에서 마크롱을 만났다.", "de", "ko") == []
    assert flags(source, "숄츠는 화요일 베를린에서 마크롱을 만났다.", "de", "ko") == [
        ("major", "Montag in the source, 화요일 in the translation")
    ]
    assert flags("The vote is on Friday.", "Die Abstimmung ist am Samstag.", "en", "de") == [
        ("major", "Friday in the source, Samstag in the translation")
    ]
    # two days for one are said each
    assert flags("The vote is on Friday.", "Die Abstimmung ist am Samstag oder Sonntag.", "en", "de") == [
        ("major", "Friday in the source, not in the translation"),
        ("major", "Samstag in the translation, not in the source"),
        ("major", "Sonntag in the translation, not in the source"),
    ]


def test_a_dropped_weekday_is_minor() -> None:
    assert flags("Der Läufer gewann am Sonntag.", "The runner won.", "de", "en") == [
        ("minor", "Sonntag in the source, not in the translation")
    ]


def test_the_same_day_in_a_compound_a_plural_or_a_name_kept_as_written() -> None:
    for source, target, pair in (
        ("Am Samstagabend spielte die Band.", "On Saturday evening the band played.", ("de", "en")),
        ("Der Markt ist montags geschlossen.", "The market is closed on Mondays.", ("de", "en")),
        (
            "Sartor sagte der „Welt am Sonntag“, er trete zurück.",
            "Sartor told the Welt am Sonntag he would resign.",
            ("de", "en"),
        ),
        (
            "Kanye West trat bei „Saturday Night Live“ auf.",
            "Kanye West appeared on Saturday Night Live.",
            ("de", "en"),
        ),
        ("On thursday, the fire was out.", "Am Donnerstag war das Feuer aus.", ("en", "de")),
    ):
        assert flags(source, target, *pair) == [], source


def test_a_changed_month_is_major_and_a_dropped_one_minor() -> None:
    source = "Der Vertrag wurde am 3. Oktober unterzeichnet."
    assert flags(source, "The contract was signed on October 3.", "de", "en") == []
    assert flags(source, "The contract was signed on November 3.", "de", "en") == [
        ("major", "Oktober in the source, November in the translation")
    ]
    assert flags("Das Gesetz tritt im Januar in Kraft.", "The law takes effect in June.", "de", "en") == [
        ("major", "Januar in the source, June in the translation")
    ]
    assert flags("The vote is in March.", "Die Abstimmung ist im April.", "en", "de") == [
        ("major", "March in the source, April in the translation")
    ]
    assert flags("Die Wahl ist im Mai.", "The election is in spring.", "de", "en") == [
        ("minor", "Mai in the source, not in the translation")
    ]
    # abbreviations with their full stop, and a day's full stop before the month
    assert flags("Am 3. Okt. begann es.", "It began on Oct. 3.", "de", "en") == []
    assert flags("Am 3. Okt. begann es.", "It began on Nov. 3.", "de", "en")[0][0] == "major"
    assert flags("Am 01.Januar 2018 ging sie.", "On January 1, 2018 she left.", "de", "en") == []


def test_words_that_are_no_months() -> None:
    # the verbs "may" and "march" in lower case; a word a month starts; a name kept on both sides
    assert flags("You may march in May.", "Sie dürfen im Mai marschieren.", "en", "de") == []
    assert (
        flags("Beim Oktoberfest gab es Augustiner.", "At the Oktoberfest there was Augustiner.", "de", "en")
        == []
    )
    assert flags("Die Wahl ist im Oktober.", "선거는 10월에 있다.", "de", "ko") == []


def test_a_month_named_on_one_side_may_be_written_in_digits_on_the_other() -> None:
    """An outside tester's false flag: "01.03.2025" / "1 March 2025" said March was added."""
    for source, target, src, tgt in (
        (
            "Das Treffen wurde auf den 01.03.2025 verschoben.",
            "The meeting was postponed to 1 March 2025.",
            "de",
            "en",
        ),
        (
            "The meeting was postponed to 1 March 2025.",
            "Das Treffen wurde auf den 1.3.2025 verschoben.",
            "en",
            "de",
        ),
        ("Die Frist endet am 2025-03-01.", "The deadline ends on March 1, 2025.", "de", "en"),
    ):
        assert check_pair(source, target, src, tgt) == [], source
    wrong = check_pair(
        "Das Treffen wurde auf den 01.03.2025 verschoben.", "It was postponed to 1 January 2025.", "de", "en"
    )
    assert "January in the translation, not in the source" in [f.detail for f in wrong]
