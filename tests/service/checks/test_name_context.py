"""Names found by where they stand: the first word of a sentence, hand-written de/en cases."""

from __future__ import annotations

from service.checks.lexicon import german_compound
from service.checks.names import check_names


def details(source: str, target: str, source_lang: str, target_lang: str) -> list[str | None]:
    return [f.detail for f in check_names(source, target, source_lang, target_lang)]


def test_a_name_that_starts_a_german_sentence() -> None:
    # no list knows it, nor is it a German compound: a name, though every first word is capitalised
    source = "Die Fotografen warteten. Mendoza wurde erschossen."
    assert details(source, "The photographers waited. Mendoza was shot.", "de", "en") == []
    assert details(source, "The photographers waited. He was shot.", "de", "en") == [
        "Mendoza in the source, not in the translation"
    ]
    # one the German lists know as a name only
    assert details("Paraguay war eine Provinz.", "It was a province.", "de", "en") == [
        "Paraguay in the source, not in the translation"
    ]
    # one German parts make up ("Nagel" + "mann") that ends as German family names do; a common
    # noun so made is in the lists ("Kaufmann")
    source = "Nagelsmann nominierte am Donnerstag 26 Spieler."
    assert details(source, "Nagelsmann named 26 players on Thursday.", "de", "en") == []
    assert details(source, "The coach named 26 players on Thursday.", "de", "en") == [
        "Nagelsmann in the source, not in the translation"
    ]
    assert details("Kaufmann ist ein Beruf.", "Merchant is a profession.", "de", "en") == []


def test_a_german_first_word_that_is_no_name() -> None:
    # a conjunction no list has, made of two frequent words; a German word typed with an accent;
    # German nouns and words after an ordinal, an abbreviation or a quotation mark
    for source, target in (
        ("Obschon es regnete, kamen alle.", "Although it rained, everyone came."),
        ("Wahrscheinlích kommt er morgen.", "He will probably come tomorrow."),
        ("Die Stadt wurde im 18. Jahrunderts gegründet.", "The city was founded in the 1700s."),
        ("Die Höhlenbilder gehen bis 5000 v. Chr. zurück.", "The cave paintings date to 5000 BC."),
        ("Die Stadt ist groß. Busbahnhöfe gibt es viele.", "The city is large. It has many bus stations."),
    ):
        assert details(source, target, "de", "en") == [], source


def test_a_name_that_starts_an_english_sentence() -> None:
    # one German lists as a name only and English seldom writes; not an ordinary word ("Inland"),
    # nor a country, whose adjective the translator writes
    assert details("Luna died on Friday.", "Sie starb am Freitag.", "en", "de") == [
        "Luna in the source, not in the translation"
    ]
    assert details("Luna died on Friday.", "Luna starb am Freitag.", "en", "de") == []
    assert details("Inland waterways are good.", "Binnenwasserstraßen sind gut.", "en", "de") == []
    assert details("Poland's skier won.", "Der polnische Skifahrer gewann.", "en", "de") == []
    # one neither language knows, in any spelling of English: a name put in by the translation
    assert details("Er hat Schmerzen.", "Velasquez has ongoing pain.", "de", "en") == [
        "Velasquez in the translation, not in the source"
    ]
    for target in ("Organisers were relieved.", "Inspite of that, it rained.", "Wagonways were built."):
        assert details("Die Veranstalter waren froh.", target, "de", "en") == [], target


def test_a_german_name_after_an_article_or_a_year() -> None:
    # a year and a verb are no article ("2002 wurde Gaziantep"); a name spelt as no German word is,
    # after an article and an adjective ("das heutige Casablanca", "der Guaycurú")
    assert details(
        "Im Jahr 2002 wurde Gaziantep zerstört.", "In 2002, the city was destroyed.", "de", "en"
    ) == ["Gaziantep in the source, not in the translation"]
    assert details("Das heutige Casablanca ist alt.", "Today's city is old.", "de", "en") == [
        "Casablanca in the source, not in the translation"
    ]
    assert details("Dort lebten auch die Guaycurú.", "The tribe lived there too.", "de", "en") == [
        "Guaycurú in the source, not in the translation"
    ]
    assert details("Dort lebten auch die Guaycurú.", "The Guaycurú lived there too.", "de", "en") == []
    # a German noun the lists miss after an article is still no name
    assert (
        details("Sie zeigten die Mikroexpressionen.", "They showed the micro-expressions.", "de", "en") == []
    )


def test_german_words_mixed_with_english_and_species_are_no_names() -> None:
    for source, target in (
        (
            "Der erste Aufruf zum Musikcontest war ein Erfolg.",
            "The first call to the music contest was a success.",
        ),
        ("Sie wollen eine FBI-Untersuchung im Turbotempo.", "They want a high-speed FBI investigation."),
        ("Bedroht ist auch der Gila cypha.", "The humpback chub is threatened too."),
        ("Bedroht sind auch Gila cypha und Gila elegans.", "Two chubs are threatened too."),
    ):
        assert details(source, target, "de", "en") == [], source
    # a German word and a frequent English one make a German compound, either way round; a name's
    # German-looking last part does not
    assert german_compound("musikcontest") and german_compound("turbotempo")
    assert not german_compound("silverstein")


def test_given_names_and_surnames_beside_each_other() -> None:
    # a given name the German list has as a noun too, before a surname ("Anna Jochemsen"); a
    # surname German parts make up after a given name ("Arnold Schwarzenegger"); a surname the list
    # has as a noun too after a given name no list knows ("Kristoffer Schneider")
    for source, target, missing in (
        ("Dazu gehört Anna Jochemsen aus Holland.", "They include Anna from Holland.", "Jochemsen"),
        ("Dazu gehört Anna Jochemsen aus Holland.", "They include Jochemsen from Holland.", "Anna"),
        ("Gouverneur Arnold Schwarzenegger unterschrieb.", "Governor Arnold signed.", "Schwarzenegger"),
        ("Verletzt wurde Kristoffer Schneider.", "Kristoffer was hurt.", "Schneider"),
    ):
        assert details(source, target, "de", "en") == [f"{missing} in the source, not in the translation"]
    # German nouns beside them are not: "eine Art Schutzschicht", "seinen Freund Christoph", a
    # place before a compound ("in England Fördergleise")
    for source, target in (
        ("Das bildet eine Art Schutzschicht.", "That forms a sort of shell."),
        ("Er hat seinen Freund Christoph geheiratet.", "He married his partner Christoph."),
        ("Damals baute man in England Fördergleise.", "Wagonways were built in England then."),
    ):
        assert details(source, target, "de", "en") == [], source


def test_compounds_and_inflections_of_the_lists_words() -> None:
    # an inflection ending needs a stem of three letters ("Starmer" is no "M-er", "Saarinen" no
    # "In-en"); a verb's stem may end a compound left open ("Kennenlern-")
    assert not german_compound("starmer") and not german_compound("saarinen")
    assert german_compound("kennenlern") and german_compound("krüger")


def test_german_words_for_people_are_no_names() -> None:
    # a person named after an acronym ("BMXer": the acronym is what the translation keeps); the
    # feminine of an agent noun the lists miss, last in a hyphenated compound
    assert details("Dort kommen BMXer auf ihre Kosten.", "It is a boon for BMX riders.", "de", "en") == []
    assert details("Dort kommen BMXer auf ihre Kosten.", "It is a boon for riders.", "de", "en") == [
        "BMX in the source, not in the translation"
    ]
    source = "Die Liste-Pilz-Mandatarin Daniela Holzinger staunt."
    assert details(source, "Liste Pilz candidate Daniela Holzinger is surprised.", "de", "en") == []
    assert german_compound("mandatarin") and german_compound("kolumnistinnen")


def test_an_english_name_a_german_text_keeps_is_kept_whole() -> None:
    # every word of a run of words English knows, one an English word German does not have: the
    # English name stays in an English translation, German nouns of it too ("Sheriff", "Court")
    source = "Adekoya stand vor dem Edinburgh Sheriff Court."
    assert details(source, "Adekoya appeared at Edinburgh Sheriff Court.", "de", "en") == []
    assert details(source, "Adekoya appeared at Edinburgh Court.", "de", "en") == [
        "Sheriff in the source, not in the translation"
    ]
    # not a German run: "Deutsche" is no English word, "Als" a German function word
    assert details("Die Deutsche Bank meldet Gewinne.", "The German bank reports profits.", "de", "en") == []
    assert details("Wir haben Als Team gewonnen.", "We won as a team.", "de", "en") == []


def test_an_acronym_the_german_list_counts_as_a_word_is_no_shouting() -> None:
    source = "Historiker kritisieren die Politik des FBI."
    assert details(source, "Historians criticise past FBI policies.", "de", "en") == []
    assert details(source, "Historians criticise past policies.", "de", "en") == [
        "FBI in the source, not in the translation"
    ]
    # a word in capitals for emphasis is still none ("NIE", "ACHTUNG")
    assert (
        details(
            "Das war NIE geplant. ACHTUNG, Baustelle!", "That was never planned. Caution, works!", "de", "en"
        )
        == []
    )


def test_a_latin_term_in_english_is_no_name() -> None:
    # a capitalised word before a Latin epithet is a genus or a Latin term, which translators name
    # in their own words ("Nordlicht" for "Aurora borealis"), in English as in German
    source, target = "Man sieht das Nordlicht gut.", "One sees the Aurora borealis well."
    assert details(source, target, "de", "en") == []
    assert details(target, source, "en", "de") == []
    # a name before an English word stays one
    assert details("One sees the Aurora well.", "Man sieht das Nordlicht gut.", "en", "de") != []


def test_a_name_after_an_opening_quotation_mark_inside_a_german_sentence() -> None:
    # German capitalises nouns after „ as anywhere: the word is read as inside the sentence
    source = "Er arbeitete an Shows wie „Taxi“ und „Cheers“."
    assert details(source, "He worked on shows such as Taxi and Cheers.", "de", "en") == []
    assert details(source, "He worked on shows such as Taxi and others.", "de", "en") == [
        "Cheers in the source, not in the translation"
    ]
    # a German function word that starts the quotation is none
    assert details("Er half bei „Die Simpsons“.", "He helped with The Simpsons.", "de", "en") == []


def test_an_english_name_of_capitalised_parts_joined_by_hyphens() -> None:
    source = "He moved to KwaZulu-Natal in 1884."
    assert details(source, "Er zog 1884 nach KwaZulu-Natal.", "en", "de") == []
    assert details(source, "Er zog 1884 nach Natal.", "en", "de") == [
        "KwaZulu in the source, not in the translation"
    ]
    assert details("He moved to Baden-Württemberg.", "Er zog nach Baden.", "en", "de") == [
        "Württemberg in the source, not in the translation"
    ]
    # a people's combining form is none ("Sino-Japanese", "Anglo-Saxon")
    source = "The First Sino-Japanese War ended."
    assert details(source, "Der erste Japanisch-Chinesische Krieg endete.", "en", "de") == []


def test_a_german_place_named_after_a_person_is_a_name() -> None:
    # a listed given name with a place ending ("Peters-burg", "Wilhelms-hafen"); a common noun of
    # the lists' words with the same ending is none ("Sandburg", "Friedhof")
    source = "Die Kreuzfahrt endet in St. Petersburg."
    assert details(source, "The cruise ends in St. Petersburg.", "de", "en") == []
    assert details(source, "The cruise ends in the city.", "de", "en") == [
        "Petersburg in the source, not in the translation"
    ]
    assert (
        details(
            "Die Kinder bauten eine Sandburg am Friedhof.",
            "The children built a sandcastle by the cemetery.",
            "de",
            "en",
        )
        == []
    )


def test_a_city_geonames_knows_is_a_name() -> None:
    # after an article and an adjective, or a year, where a German noun would stand
    source = "Eine Autobombe explodierte im türkischen Gaziantep nach der Messe 2007 Taipei."
    assert (
        details(source, "A car bomb exploded in Gaziantep, Turkey, after the 2007 Taipei fair.", "de", "en")
        == []
    )
    assert details(source, "A car bomb exploded in Turkey after the 2007 fair.", "de", "en") == [
        "Gaziantep in the source, not in the translation",
        "Taipei in the source, not in the translation",
    ]
    # a city that is a German noun, a frequent word or made of two German nouns is none there
    for source, target in (
        ("Sie aßen in der Halle.", "They ate in the hall."),
        ("Das Essen war gut.", "The food was good."),
        ("Jeder Tempel hatte einen offenen Tempelhof.", "Each temple had an open courtyard."),
    ):
        assert details(source, target, "de", "en") == [], source
    assert (
        details("They were Reading the Declaration of Independence.", "Sie lasen die Erklärung.", "en", "de")
        == []
    )


def test_a_given_name_before_a_capitalised_word_in_english_is_a_person() -> None:
    # the surname is a name even where it is an English word ("Stone", "Sacks")
    source = "The movie, featuring Ryan Gosling and Emma Stone, received nominations."
    target = "Der Film mit Ryan Gosling und Emma Stone wurde nominiert."
    assert details(source, target, "en", "de") == []
    assert details(source, "Der Film mit Ryan Gosling und Emma wurde nominiert.", "en", "de") == [
        "Stone in the source, not in the translation"
    ]
    # a given name that is a place, or one far down the lists, starts no person ("Jordan Valley",
    # "Foster Care")
    for source, target in (
        ("They spoke of the Jordan Valley.", "Sie sprachen über das Jordantal."),
        ("Children are placed in Foster Care.", "Kinder kommen in Pflegefamilien."),
    ):
        assert details(source, target, "en", "de") == [], source


def test_a_german_compound_ending_in_a_noun_only_german_writes() -> None:
    # a first part no list knows before a noun with an umlaut or ß: German ("Zyanur-säure"),
    # translated, no name
    source = "Die Kristalle bildeten sich durch Melamin und Zyanursäure."
    assert details(source, "The crystals formed from melamine and cyanuric acid.", "de", "en") == []
    assert german_compound("zyanursäure") and not german_compound("gaziantep")


def test_a_capitalised_word_the_translation_adds_needs_more_than_no_article() -> None:
    # the translation's side: an English word only its neighbours can tell is a name there only
    # beside a title or a name ("Senator Carter"), not for want of an article ("Virtual Scaffolds")
    source = "Virtuelle Hilfestellungen sind in die Software eingebaut."
    assert details(source, "Virtual Scaffolds are built into the software.", "de", "en") == []
    assert details("Er sprach gestern.", "Senator Carter spoke yesterday.", "de", "en") == [
        "Carter in the translation, not in the source"
    ]


def test_the_plural_of_an_english_word_is_no_name_unless_a_surname() -> None:
    source = "Japanese work culture is more formal than what Westerners may be used to."
    assert (
        details(source, "Die japanische Arbeitskultur ist formeller, als Westler gewohnt sind.", "en", "de")
        == []
    )
    source = "He helped create the show with Brooks and Groening."
    assert details(source, "Er half Groening bei der Erschaffung der Show.", "en", "de") == [
        "Brooks in the source, not in the translation"
    ]


def test_a_name_a_romance_article_starts_and_a_city_of_a_given_name() -> None:
    source = "Das Turnier findet in La Plata und auf Las Cañitas statt."
    assert details(source, "The tournament takes place in La Plata and at Las Cañitas.", "de", "en") == []
    assert sorted(details(source, "The tournament takes place in La Plata.", "de", "en")) == [
        "Cañitas in the source, not in the translation",
        "Las in the source, not in the translation",
    ]
    # a city whose first part is a given name is no compound of two German nouns ("Johannes-burg")
    assert details("Das Spiel ist in Johannesburg.", "The match is there.", "de", "en") == [
        "Johannesburg in the source, not in the translation"
    ]


def test_an_english_surname_that_is_a_german_noun_after_a_given_name() -> None:
    source = "Der Neuseeländer Adam Hall kam als Neunter ins Ziel."
    assert details(source, "New Zealand's Adam Hall finished ninth.", "de", "en") == []
    assert details(source, "New Zealand's Adam finished ninth.", "de", "en") == [
        "Hall in the source, not in the translation"
    ]
    # a German word after a name that is a pronoun too, or after a dative name, is none
    for source, target in (
        (
            "Allen Abgesängen zum Trotz war 2018 ein gutes Jahr.",
            "Despite all the talk, 2018 was a good year.",
        ),
        ("Wir sollten aufhören, uns über Mario Gedanken zu machen.", "We should stop worrying about Mario."),
    ):
        assert details(source, target, "de", "en") == [], source


def test_names_of_german_news_an_english_translation_keeps() -> None:
    # a club's own word, the league, the feast: German nouns or unknown to the lists, kept in English
    for source, target, missing in (
        ("Am Samstag verlor Borussia Dortmund in Mainz.", "On Saturday Dortmund lost in Mainz.", "Borussia"),
        ("Der Stürmer wechselt zu Eintracht Frankfurt.", "The striker moves to Frankfurt.", "Eintracht"),
        ("Er spielt seit 2015 in der Bundesliga.", "He has played in the league since 2015.", "Bundesliga"),
        ("Die Stadt feiert das Oktoberfest.", "The town celebrates the festival.", "Oktoberfest"),
        # club forms a translation keeps ("FC Liverpool" may be "Liverpool")
        ("Zum ersten Sieg kam der VfB Stuttgart.", "Stuttgart also got its first win.", "VfB"),
        # a given name English writes often as a word, before a surname ("Christian Wulff")
        ("Für Christian Wulff war die Amtszeit zu kurz.", "For Wulff the term was too short.", "Christian"),
    ):
        assert details(source, target, "de", "en") == [f"{missing} in the source, not in the translation"]
    for source, target in (
        ("Der FC Liverpool spielte 1:1.", "Liverpool drew 1-1."),
        ("Borussia Dortmund gewann in der Bundesliga.", "Borussia Dortmund won in the Bundesliga."),
    ):
        assert details(source, target, "de", "en") == [], source
