"""Across a German article: a word the translation keeps as written elsewhere is a name there."""

from __future__ import annotations

from service.checks import check_article, check_pair

# a village German word lists split into words ("Al-bachten"), a city that is a German noun too
VILLAGE = [
    (
        "Der SC Münster gewann am Sonntag gegen Albachten mit 3:1.",
        "SC Münster won 3-1 against Albachten on Sunday.",
    ),
    ("Nübel schockte Albachten erneut in der 64. Minute.", "Nübel shocked them again in the 64th minute."),
]
CITY = [
    (
        "Der Flughafen liegt zwischen Mülheim und Essen im Ruhrgebiet.",
        "The airport lies between Mülheim and Essen in the Ruhr.",
    ),
    (
        "Am Flughafen Mülheim/Essen ist es zu einem tödlichen Unfall gekommen.",
        "A fatal accident occurred at Mülheim airport.",
    ),
]


def _names(flags: list) -> list[tuple[str, str]]:
    return [(f.severity, f.detail) for f in flags if f.check == "names"]


def test_a_word_the_article_keeps_as_a_name_is_missed_where_a_sentence_drops_it() -> None:
    for pairs, word in ((VILLAGE, "Albachten"), (CITY, "Essen")):
        source, target = pairs[1]
        assert _names(check_pair(source, target, "de", "en")) == []  # the sentence alone cannot tell
        flags = check_article(pairs, "de", "en")
        assert _names(flags[0]) == []
        assert _names(flags[1]) == [
            ("minor", f"{word} is kept as a name elsewhere in this article, not in this translation")
        ]


def test_the_sentence_that_keeps_the_name_is_not_flagged() -> None:
    kept = [
        VILLAGE[0],
        (
            "Nübel schockte Albachten erneut in der 64. Minute.",
            "Nübel shocked Albachten again in the 64th minute.",
        ),
    ]
    assert [_names(f) for f in check_article(kept, "de", "en")] == [[], []]


def test_a_common_noun_kept_inside_a_name_is_translated_elsewhere() -> None:
    pairs = [
        ("Die Lange Nacht der Museen lockt Tausende.", "The Lange Nacht der Museen draws thousands."),
        ("Die Nacht war kalt und klar.", "The night was cold and clear."),
    ]
    assert [_names(f) for f in check_article(pairs, "de", "en")] == [[], []]


def test_only_german_into_english() -> None:
    english = [(t, s) for s, t in VILLAGE]
    assert all(_names(f) == [] for f in check_article(english, "en", "de"))
    korean = [
        (VILLAGE[0][0], "SC 뮌스터는 일요일 Albachten을 3:1로 이겼다."),
        (VILLAGE[1][0], "뉘벨이 64분에 다시 충격을 주었다."),
    ]
    assert all(_names(f) == [] for f in check_article(korean, "de", "ko"))


def test_a_first_word_kept_proves_nothing() -> None:
    # "Heute" opens both sentences: kept first in a sentence is no sign of a name
    pairs = [
        ("Heute fällt der Unterricht aus.", "Heute: no school today."),
        ("Der Bus kommt heute nicht, sagt die Stadt.", "The bus won't come today, says the city."),
    ]
    assert [_names(f) for f in check_article(pairs, "de", "en")] == [[], []]


def test_a_day_and_a_noun_are_not_names_because_a_name_of_the_article_holds_them() -> None:
    """Found by an outside attack: "Bild am Sonntag" in one sentence made "am Sonntag" ("on
    Sunday") a dropped name in another, and the players Koch and Bauer of a line-up made "der Koch
    des Restaurants" and "den Bauer" (the chef, the farmer) dropped names."""
    from service.checks import check_article

    pairs = [
        ("Laut Bild am Sonntag kommt er.", "According to Bild am Sonntag he is coming."),
        ("Der Heimatverein lädt am Sonntag ein.", "The local society invites on Sunday."),
        (
            "Es spielten: Fischer - Koch, Wolf, Bauer (2), Schmidt.",
            "Playing: Fischer - Koch, Wolf, Bauer (2), Schmidt.",
        ),
        ("Der Koch des Restaurants lobte den Bauer.", "The restaurant's chef praised the farmer."),
        ("Dann traf Koch zweimal.", "Then Wolf scored twice."),
    ]
    flags = check_article(pairs, "de", "en")
    assert flags[1] == [] and flags[3] == []
    assert "Koch in the source, not in the translation" in [f.detail for f in flags[4]]
