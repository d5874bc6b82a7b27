"""Names a German sentence tells by their neighbours (issue 23, names dropped de→en), on
hand-written cases: a word no list knows standing before a noun, the second given name of a double
one, an English name in British spelling, a city of several words; and the German words beside
which each rule stays silent."""

from __future__ import annotations

from service.checks.names import check_names


def details(source: str, target: str) -> list[str | None]:
    return [f.detail for f in check_names(source, target, "de", "en")]


def test_a_word_no_list_knows_before_a_noun_is_a_name() -> None:
    # German joins its own words to a noun: one standing before it with a space is a name
    assert details(
        "Der Kruger Nationalpark liegt im Nordosten.", "The National Park lies in the north-east."
    ) == ["Kruger in the source, not in the translation"]
    assert (
        details("Der Kruger Nationalpark liegt im Nordosten.", "Kruger National Park lies in the north-east.")
        == []
    )
    # not a German compound that ends in a noun of the lists (a role before a person's name)
    assert details("Dann stürzte der Frontsänger Steven Tyler.", "Then lead singer Steven Tyler fell.") == []
    assert details("Die Begleitläuferin Anna Ogarzynska kam an.", "Guide Anna Ogarzynska arrived.") == []


def test_the_second_of_a_double_given_name_is_a_name() -> None:
    source = "Sie flohen mit der elf Jahre alten Marie-Therese."
    assert details(source, "They fled with eleven year old Marie.") == [
        "Therese in the source, not in the translation"
    ]
    assert details(source, "They fled with eleven year old Marie-Therese.") == []
    assert details(source, "They fled with eleven year old Marie Therese.") == []


def test_an_english_name_in_british_spelling_is_kept_whole() -> None:
    source = "Die Regierungspartei, die South West Africa People's Organisation (SWAPO), gewann."
    assert details(source, "The ruling party, South West Africa People's (SWAPO), won.") == [
        "Organisation in the source, not in the translation"
    ]
    assert details(source, "The ruling party, South West Africa People's Organization (SWAPO), won.") == []
    # a German word the same spelling rules would make English is none ("Prise" is no "prize")
    assert (
        details("Er begrüßte die Gäste mit einer Prise Humor.", "He welcomed the guests with a bit of humor.")
        == []
    )


def test_each_word_of_a_city_of_several_words_is_a_name() -> None:
    # "Orleans" is a cloth in the German list
    source = 'Sie nannten es "Bushs New Orleans-Deal".'
    assert details(source, 'They called it "Bush\'s New Deal."') == [
        "Orleans in the source, not in the translation"
    ]
    assert details(source, 'They called it "Bush\'s New Orleans Deal."') == []
    # a saint's title is the translator's to write ("Sankt Petersburg" / "Saint Petersburg")
    assert (
        details(
            "Die Kreuzfahrten nach Sankt Petersburg sind beliebt.", "Cruises to Saint Petersburg are popular."
        )
        == []
    )
    assert (
        details(
            "Die Kreuzfahrten nach Sankt Petersburg sind beliebt.", "Cruises to St. Petersburg are popular."
        )
        == []
    )
