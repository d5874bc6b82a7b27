"""Names the word lists alone take for nouns, read in their sentence by the part-of-speech tagger
(service/checks/tagging.py, HanTa's German and English models from its package): a surname that is
a German noun, a place or a person English writes rarely. And the same words as nouns, after an
article or a number, are not taken for names."""

from __future__ import annotations

import pytest

from service.checks.names import check_names, names_of
from service.checks.tagging import proper_nouns


def details(source: str, target: str, source_lang: str, target_lang: str) -> list[str | None]:
    return [f.detail for f in check_names(source, target, source_lang, target_lang)]


@pytest.mark.parametrize(
    ("source", "kept", "dropped", "name"),
    [
        # a surname German lists as a noun ("Schneider", tailor), at the start of a sentence
        (
            "Die Waffe hatte eine Ladehemmung. Schneider leidet seitdem unter Schmerzen.",
            "The gun jammed. Schneider has suffered pain ever since.",
            "The gun jammed. He has suffered pain ever since.",
            "Schneider",
        ),
        # a person German lists as a unit of measurement
        (
            "1884 zog Tesla in die Vereinigten Staaten um.",
            "In 1884 Tesla moved to the United States.",
            "In 1884 he moved to the United States.",
            "Tesla",
        ),
        # a surname German lists as a noun (a mallet), beside other names
        (
            "Die Romantik schöpfte aus Schriftstellern wie Goethe, Fichte und Schlegel.",
            "Romanticism drew on writers such as Goethe, Fichte and Schlegel.",
            "Romanticism drew on writers such as Goethe, Fichte and others.",
            "Schlegel",
        ),
        # a town no list knows that the lists read as a German compound ("Devon-port")
        (
            "Das Krankenhaus in Devonport wird vom Bund finanziert.",
            "The hospital in Devonport is funded by the federal government.",
            "The hospital is funded by the federal government.",
            "Devonport",
        ),
        # a name no list has in any form, after an article
        (
            "Die Sundarbans sind der größte Mangrovengürtel der Welt.",
            "The Sundarbans are the largest mangrove belt in the world.",
            "The are the largest mangrove belt in the world.",
            "Sundarbans",
        ),
    ],
)
def test_a_german_name_the_lists_read_as_a_noun_is_missed_when_dropped(
    source: str, kept: str, dropped: str, name: str
) -> None:
    assert name in names_of(source, "de", "en")
    assert details(source, kept, "de", "en") == []
    assert f"{name} in the source, not in the translation" in details(source, dropped, "de", "en")


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("Der Schneider näht einen Anzug für die Hochzeit.", "The tailor is sewing a suit for the wedding."),
        ("Verkehrsströme haben eine gewisse Konstanz.", "Traffic flows have a certain constancy."),
        ("Die Botschaft wurde mit einem Edding geschrieben.", "The message was written with a marker."),
        ("Der Standard läuft auf 2,4 Ghz und 5 Ghz.", "The standard runs at 2.4GHz and 5GHz."),
        (
            "Wir haben einen Folktreff für das Dorf organisiert.",
            "We organised a folk meeting for the village.",
        ),
        ("Das Gebäude wurde um 400 n. Chr. gebaut.", "The building was built around 400 AD."),
        (
            "Damals fuhren 13 Dampf- und acht Elloks.",
            "At the time, 13 steam and eight electric locomotives ran.",
        ),
        (
            "Löwenrudel handeln ähnlich wie Wolfs- oder Hunderudel.",
            "Lion prides act like packs of wolves or dogs.",
        ),
    ],
)
def test_the_same_kind_of_word_as_a_noun_is_no_name(source: str, target: str) -> None:
    assert details(source, target, "de", "en") == []


def test_an_english_name_the_lists_leave_undecided_is_read_in_its_sentence() -> None:
    source = "The fatalities were Nicholas Alden, 25, and Zachary Cuddeback, 21."
    assert (
        details(source, "Die Todesopfer waren Nicholas Alden, 25, und Zachary Cuddeback, 21.", "en", "de")
        == []
    )
    assert "Zachary in the source, not in the translation" in details(
        source, "Die Todesopfer waren Nicholas Alden, 25, und Cuddeback, 21.", "en", "de"
    )


def test_the_tagger_reads_a_word_in_its_sentence() -> None:
    # the offsets of the words it reads as proper nouns: the names, not the nouns beside them
    text = "Am Montag traf Sara Danius den Hund von Wong Kan Seng."
    starts = {text.index(w) for w in ("Sara", "Danius", "Wong", "Kan", "Seng")}
    assert proper_nouns(text, "de") == starts
    english = "In 1884, Tesla moved to New York to work for Edison."
    assert {english.index(w) for w in ("Tesla", "Edison")} <= proper_nouns(english, "en")
    assert english.index("work") not in proper_nouns(english, "en")
    assert proper_nouns("Ein Satz.", "ko") == frozenset()  # no Korean model: nothing read


@pytest.mark.parametrize(
    ("source", "whole", "partly", "word"),
    [
        (
            "Adekoya has since been in Edinburgh Sheriff Court charged with murder.",
            "Adekoya stand seitdem vor dem Edinburgh Sheriff Court, angeklagt wegen Mordes.",
            "Adekoya stand seitdem vor dem Edinburgh Court, angeklagt wegen Mordes.",
            "Sheriff",
        ),
        (
            "No reports reached the United States Geological Survey (USGS).",
            "Beim United States Geological Survey (USGS) gingen keine Berichte ein.",
            "Beim United States Survey (USGS) gingen keine Berichte ein.",
            "Geological",
        ),
        (  # the first word dropped, the rest kept word for word
            "No reports reached the United States Geological Survey (USGS).",
            "Beim United States Geological Survey (USGS) gingen keine Berichte ein.",
            "Beim States Geological Survey (USGS) gingen keine Berichte ein.",
            "United",
        ),
        (
            "Volunteers of the Sporting Shooters Association were recruited.",
            "Freiwillige der Sporting Shooters Association wurden angeworben.",
            "Freiwillige der Shooters Association wurden angeworben.",
            "Sporting",
        ),
    ],
)
def test_an_english_name_kept_in_english_must_be_kept_whole(
    source: str, whole: str, partly: str, word: str
) -> None:
    assert details(source, whole, "en", "de") == []
    assert f"{word} in the source, not in the translation" in details(source, partly, "en", "de")


@pytest.mark.parametrize(
    ("source", "target"),
    [
        # a word before the words kept may be the sentence's capital or another name's
        ("Against West Ham United the team lost 1:3.", "Gegen West Ham United verlor das Team 1:3."),
        (
            "New Zealand's Adam Hall finished ninth.",
            "Der Neuseeländer Adam Hall wurde Neunter.",
        ),
        # translated words before the name kept in English
        (
            "The Acting Director Park Conservation spoke.",
            "Der kommissarische Direktor Park Conservation sprach.",
        ),
    ],
)
def test_words_before_an_english_name_kept_may_be_translated(source: str, target: str) -> None:
    assert details(source, target, "en", "de") == []


@pytest.mark.parametrize(
    ("source", "target"),
    [
        # translated, in part or whole: nothing kept as written, or only the name
        (
            "The National Hurricane Center says Jerry poses no threat.",
            "Das Nationale Hurrikanzentrum sagt, Jerry sei keine Gefahr.",
        ),
        ("He studied at Harvard University in Boston.", "Er studierte an der Harvard-Universität in Boston."),
        # a title ends a name: "United States" is not part of "President Donald Trump"
        (
            "The United States President Donald Trump announced it on Sunday.",
            "Der Präsident der Vereinigten Staaten, Donald Trump, kündigte es am Sonntag an.",
        ),
        # words before the first one kept may be translated
        (
            "Mick O'Flynn, the Acting Director Park Conservation and Heritage, agreed.",
            "Mick O'Flynn, der geschäftsführende Direktor von Park Conservation and Heritage, stimmte zu.",
        ),
    ],
)
def test_an_english_name_translated_or_after_a_title_is_not_flagged(source: str, target: str) -> None:
    assert details(source, target, "en", "de") == []


def test_the_parts_of_a_double_given_name_are_names() -> None:
    source = "Der König floh mit Königin Marie-Antoinette nach Varennes."
    assert details(source, "The king fled with Queen Marie Antoinette to Varennes.", "de", "en") == []
    assert details(source, "The king fled with Queen Antoinette to Varennes.", "de", "en") == [
        "Marie in the source, not in the translation"
    ]
    museum = "Beamte des Anne-Frank-Museums sagen, der Baum sei krank."
    assert details(museum, "Officials of the Anne Frank Museum say the tree is ill.", "de", "en") == []
    assert details(museum, "Officials of the Frank Museum say the tree is ill.", "de", "en") == [
        "Anne in the source, not in the translation"
    ]


def test_an_english_name_no_list_knows_starting_a_sentence_is_read_in_it() -> None:
    source = "The photographers later took the place of an aged lady. Mendoza was gunned down."
    kept = "Die Fotografen nahmen später den Platz einer älteren Dame ein. Mendoza wurde erschossen."
    dropped = "Die Fotografen nahmen später den Platz einer älteren Dame ein. Er wurde erschossen."
    assert details(source, kept, "en", "de") == []
    assert details(source, dropped, "en", "de") == ["Mendoza in the source, not in the translation"]


def test_an_acronym_joined_to_a_word_is_kept_even_where_it_spells_a_word() -> None:
    source = "In der PALM-Studie diente ZMapp als Kontrolle."
    assert details(source, "In the PALM study, ZMapp served as a control.", "de", "en") == []
    assert details(source, "In the study, ZMapp served as a control.", "de", "en") == [
        "PALM in the source, not in the translation"
    ]
    # in capitals alone, for emphasis, it is a word ("NIE" is "never")
    assert details("Das darf NIE wieder passieren.", "That must never happen again.", "de", "en") == []
