"""Names German news gives people and places that the word lists alone read as nouns: a surname
after a first name ("Carolin Linde"), the person a quotation is attributed to ("sagte Franke", ",
so Dinkel"), a city after a preposition ("in Essen"), a party's acronym with a small letter
("AfD"). Each is flagged when a translation drops it; the same words as nouns are not."""

from __future__ import annotations

import pytest

from service.checks.names import check_names, names_of
from service.checks.people import german_people
from service.checks.speakers import quoted_speakers


def details(source: str, target: str) -> list[str | None]:
    return [f.detail for f in check_names(source, target, "de", "en")]


@pytest.mark.parametrize(
    ("source", "kept", "dropped", "name"),
    [
        # a surname the German list has as a noun (a linden tree), after a first name
        (
            "Am Samstag gewann Carolin Linde das Rennen in Leipzig.",
            "On Saturday Carolin Linde won the race in Leipzig.",
            "On Saturday Carolin won the race in Leipzig.",
            "Linde",
        ),
        # a first name that ends in s like a genitive, before a surname that is a noun (a barn)
        (
            "Verkehrsminister Andreas Scheuer will die Autokonzerne in die Pflicht nehmen.",
            "Transport Minister Andreas Scheuer wants to hold the carmakers to account.",
            "Transport Minister Andreas wants to hold the carmakers to account.",
            "Scheuer",
        ),
        # a surname the lists read as a German compound, after a first name no German list knows
        (
            "Trainer André Breitenreiter versammelte seine Spieler im Kreis.",
            "Coach André Breitenreiter gathered his players in a circle.",
            "Coach André gathered his players in a circle.",
            "Breitenreiter",
        ),
        # the person a quotation is attributed to, a noun in the list (a Franconian)
        (
            '"Es geht nicht ums Gewinnen", sagte Franke nach dem Konzert.',
            '"It is not about winning," Franke said after the concert.',
            '"It is not about winning," he said after the concert.',
            "Franke",
        ),
        # the same after "so" at the end of a quotation (a noun: spelt, the grain)
        (
            '"Da waren 10 000 Zuschauer hier", so Dinkel weiter.',
            '"There were 10,000 spectators here," Dinkel continued.',
            '"There were 10,000 spectators here," he continued.',
            "Dinkel",
        ),
        # and in a clause with "wie"
        (
            "Die Kinder klangen richtig gut, wie Lahm sagte.",
            "The children sounded really good, as Lahm said.",
            "The children sounded really good, as he said.",
            "Lahm",
        ),
        # after "hatte ... gesagt", and after "erinnert" at the end of a quotation
        (
            '"Es geht nicht ums Gewinnen", hatte Franke gesagt.',
            '"It is not about winning," Franke had said.',
            '"It is not about winning," he had said.',
            "Franke",
        ),
        (
            '"Das war die schwierigste Arbeit", erinnert Dinkel.',
            '"That was the hardest work," Dinkel recalls.',
            '"That was the hardest work," he recalls.',
            "Dinkel",
        ),
        # a city that is a frequent German word ("essen", to eat), after "in" with no article
        (
            "Beim Absturz eines Segelflugzeugs in Essen ist der Pilot gestorben.",
            "The pilot died when a glider crashed in Essen.",
            "The pilot died when a glider crashed.",
            "Essen",
        ),
        # a village GeoNames lists that the lists read as a derivation (-ig), anywhere in the sentence
        (
            "Das Bahnbetriebswerk Pressig war jahrzehntelang die Drehscheibe im Frankenwald.",
            "The Pressig railway depot was the hub of the Franconian Forest for decades.",
            "The railway depot was the hub of the Franconian Forest for decades.",
            "Pressig",
        ),
        # a place no list knows, after a preposition with no article
        (
            "Am Wochenende wurde eine Ausstellung in Mittelehrenbach eröffnet.",
            "An exhibition opened in Mittelehrenbach at the weekend.",
            "An exhibition opened at the weekend.",
            "Mittelehrenbach",
        ),
        # a surname after a role written as a compound, no article between
        (
            "In der Halbzeit reagierte Hannover-Coach Breitenreiter auf die Vorstellung.",
            "At half-time Hannover coach Breitenreiter reacted to the performance.",
            "At half-time the Hannover coach reacted to the performance.",
            "Breitenreiter",
        ),
        # a family name no list has, German by its ending (-mann, -meier), the lists read as a compound
        (
            "Nach dem Spiel lobte Horstmann die Abwehr.",
            "After the match Horstmann praised the defence.",
            "After the match he praised the defence.",
            "Horstmann",
        ),
        # a club's name after its form, a word no list has
        (
            "Am Sonntag verlor der SC Altenrheine knapp.",
            "On Sunday SC Altenrheine narrowly lost.",
            "On Sunday the SC narrowly lost.",
            "Altenrheine",
        ),
        # an adjective of a town: kept, or the town named, is no flag
        (
            "Die Hamelner Tafel verteilt wieder Lebensmittel.",
            "The Hameln food bank is handing out food again.",
            "The food bank is handing out food again.",
            "Hamelner",
        ),
        # a village that looks like two nouns (an abbot, the wind), after a preposition
        (
            "Mit einem Fackelzug begann das Weinfest in Abtswind.",
            "The wine festival in Abtswind began with a torchlight procession.",
            "The wine festival began with a torchlight procession.",
            "Abtswind",
        ),
        # a noun of the lists (a spruce) in a list of names
        (
            "Die Romantik schöpfte aus Schriftstellern wie Goethe, Fichte und Schlegel.",
            "Romanticism drew on writers such as Goethe, Fichte and Schlegel.",
            "Romanticism drew on writers such as Goethe and Schlegel.",
            "Fichte",
        ),
        # a company's name joined to a German noun by a hyphen, though it splits into German words
        (
            "Die Mitglieder des Thyssenkrupp-Aufsichtsrats stimmten zu.",
            "The members of the Thyssenkrupp supervisory board agreed.",
            "The members of the supervisory board agreed.",
            "Thyssenkrupp",
        ),
        # the name after a saint's title ("St." is no end of a sentence)
        (
            "Die Strände liegen im Vorort St. Heliers am Hafen.",
            "The beaches are in the suburb of St. Heliers by the harbour.",
            "The beaches are in the suburb of St. by the harbour.",
            "Heliers",
        ),
        # a party's acronym with a small letter inside
        (
            "Die SPD fällt in einer Umfrage hinter die AfD zurück.",
            "The SPD falls behind the AfD in a poll.",
            "The SPD falls behind in a poll.",
            "AfD",
        ),
    ],
)
def test_a_name_of_german_news_is_missed_when_dropped(
    source: str, kept: str, dropped: str, name: str
) -> None:
    assert details(source, kept) == []
    assert f"{name} in the source, not in the translation" in details(source, dropped)


@pytest.mark.parametrize(
    ("source", "target"),
    [
        # a word of time after a verb of saying, and a frequent word
        ("Das sagte Mitte Mai der Bürgermeister.", "The mayor said so in mid-May."),
        ("Er sagte Nein zu dem Angebot.", "He said no to the offer."),
        # a title after a genitive: no name after it
        (
            '"Wir wollten druckvoll beginnen", sagte Bayerns Chefcoach.',
            '"We wanted to start strongly," said Bayern\'s head coach.',
        ),
        # a role that is English in part ("Chefcoach"), after a genitive
        (
            '"Wir wollten druckvoll beginnen", sagte Schalkes Chefcoach.',
            '"We wanted to start strongly," said Schalke’s head coach.',
        ),
        # a plural noun after a first name ("Gedanke": a thought)
        ("Dabei machte sich Paula Gedanken über die Zukunft.", "Paula was thinking about the future."),
        # a material after "aus", a meal after an article
        (
            "Schienen, die ein Band aus Eisen tragen, sind effizienter.",
            "Tracks with a strip of iron are more efficient.",
        ),
        ("Nach dem Essen gingen alle nach Hause.", "After the meal everyone went home."),
        # a noun after a role, in a clause where it is the object
        (
            "Alle hoffen, dass der Bundestrainer Verständnis zeigt.",
            "Everyone hopes the coach will understand.",
        ),
        (
            "Es wird erwartet, dass der Verkehrsminister Stellung nimmt.",
            "The minister is expected to comment.",
        ),
        # compounds no list has whole, after a preposition; two nouns that a place is named, too
        (
            "Nach dem Wechsel wurde es aus Besuchersicht noch besser.",
            "After the change it got even better for visitors.",
        ),
        ("Frauen bleiben in Unternehmensvorständen selten.", "Women remain rare on company boards."),
        ("Jeder Tempel hatte einen offenen Tempelhof.", "Every temple had an open courtyard."),
        # a common noun made as a family name is ("Kaufmann"), a town that is a noun ("bei Regen")
        ("Der Kaufmann verkaufte seine Äpfel.", "The merchant sold his apples."),
        ("Bei Regen fällt das Spiel aus.", "If it rains the match is off."),
        # a verb's stem joined by a hyphen
        ("Die Nachrüst-Angebote kommen spät.", "The retrofit offers come late."),
        ("Es gibt keine Kennenlern-Geschichten mehr.", "There are no how-we-met stories any more."),
        # a list of nouns, none of them a name
        ("Im Wald wachsen Fichte, Tanne und Kiefer.", "Spruce, fir and pine grow in the forest."),
        # an agent noun that ends like a town's adjective ("Fahrer", "Trainer")
        ("Der Trainer lobte den Fahrer.", "The coach praised the driver."),
    ],
)
def test_the_same_words_as_nouns_are_no_names(source: str, target: str) -> None:
    assert details(source, target) == []


def test_the_readers_name_what_they_find() -> None:
    assert quoted_speakers('"Ja", sagte Schot der Zeitung. "Nein", erinnert sich Georg Dinkel.') == [
        "Schot",
        "Dinkel",
    ]
    assert german_people("Mit Laura Siegemund und Wiebke Silge gewann das Team.") == [
        "Laura",
        "Siegemund",
        "Wiebke",
        "Silge",
    ]
    assert "AfD" in names_of("Die AfD legt zu.", "de", "en")


def test_an_acronym_is_not_found_in_a_word_that_sounds_like_it() -> None:
    # "WAZ" (a newspaper) is no "was" in a translator's spelling
    source = 'Wie die "WAZ" berichtet, war der Flugschüler allein an Bord.'
    assert details(source, "The WAZ reported that the student pilot was alone on board.") == []
    assert "WAZ in the source, not in the translation" in details(
        source, "It was reported that the student pilot was alone on board."
    )


def test_an_english_text_names_people_of_other_countries() -> None:
    # a first name the English census lists lack, before a surname: both are kept in German
    source = "The evening ended with a duet: Florian Jasic played with the pianist."
    kept = "Der Abend endete mit einem Duett: Florian Jasic spielte mit dem Pianisten."
    dropped = "Der Abend endete mit einem Duett: Jasic spielte mit dem Pianisten."
    assert check_names(source, kept, "en", "de") == []
    assert "Florian in the source, not in the translation" in [
        f.detail for f in check_names(source, dropped, "en", "de")
    ]
    # not the English word of a place named after a person ("Ellsworth Land": "Ellsworthland")
    assert "Land" not in names_of("It lies in Ellsworth Land, south of the Peninsula.", "en", "de")


@pytest.mark.parametrize(
    ("source", "kept", "dropped", "name"),
    [
        # a surname that is an English word, after a given name that is a town too, before "MP"
        (
            "Norman Lamb MP is expected to take the job.",
            "Es wird erwartet, dass der Abgeordnete Norman Lamb den Job übernimmt.",
            "Es wird erwartet, dass der Abgeordnete Norman den Job übernimmt.",
            "Lamb",
        ),
        # a nickname in quotation marks between the given name and the surname
        (
            'Dustin "Goldust" Runnels said he would miss her.',
            "Dustin „Goldust“ Runnels sagte, er werde sie vermissen.",
            "Dustin „Goldust“ sagte, er werde sie vermissen.",
            "Runnels",
        ),
    ],
)
def test_an_english_person_after_a_nickname_or_before_letters(
    source: str, kept: str, dropped: str, name: str
) -> None:
    assert check_names(source, kept, "en", "de") == []
    assert f"{name} in the source, not in the translation" in [
        f.detail for f in check_names(source, dropped, "en", "de")
    ]


def test_a_name_that_starts_like_a_month_is_still_a_speaker() -> None:
    assert quoted_speakers('"Ja", sagte Maier. "Nein", sagte Mitte Mai der Chef.') == ["Maier"]


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        ("Wüst sagte, die Lage sei ernst.", ["Wüst"]),
        ("Hendrik Wüst erklärte am Montag, es gehe voran.", ["Wüst"]),
        ('"Wir sind bereit." Seibert betonte, dass es gehe.', ["Seibert"]),
        ("Zudem sagte er, es gehe voran.", []),
        ("Anschließend erklärte der Trainer, es gehe voran.", []),
        ("Gleichzeitig erklärte Grindel erneut, dass es gehe.", ["Grindel"]),  # after the verb
        ("Grundsätzlich wünscht sich Wüstenhagen eine Entwicklung.", ["Wüstenhagen"]),
    ],
)
def test_a_speaker_who_opens_the_sentence(text: str, speakers: list[str]) -> None:
    """The subject first, before a verb of saying ("Wüst sagte, ..."): a name, where no pronoun,
    article or capitalised subject follows the verb (then the first word is an adverb)."""
    assert quoted_speakers(text) == speakers


def test_a_misspelt_speaker_who_opens_the_sentence_is_flagged() -> None:
    flags = check_names("Wüst sagte, die Lage sei ernst.", "Wist said the situation was serious.", "de", "en")
    assert [f.detail for f in flags] == ["Wüst in the source, Wist in the translation"]
    assert (
        check_names("Wüst sagte, die Lage sei ernst.", "Wüst said the situation was serious.", "de", "en")
        == []
    )
