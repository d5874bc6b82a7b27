"""The names check both ways round, on hand-written de/en/ko cases: names dropped, replaced or
added are flagged and named; exonyms, translators' spellings, translated titles and German nouns
are not."""

from __future__ import annotations

from service.checks import check_pair
from service.checks.names import check_names


def details(source: str, target: str, source_lang: str, target_lang: str) -> list[str | None]:
    return [f.detail for f in check_names(source, target, source_lang, target_lang)]


def test_a_replaced_name_is_named_on_both_sides() -> None:
    source = "Bundeskanzler Scholz traf Macron in Paris."
    assert details(source, "Chancellor Scholz met Macron in Paris.", "de", "en") == []
    assert details(source, "Chancellor Scholz met Merkel in Paris.", "de", "en") == [
        "Macron in the source, not in the translation",
        "Merkel in the translation, not in the source",
    ]
    flags = check_pair(source, "Chancellor Scholz met Merkel in Paris.", "de", "en")
    assert {(f.check, f.severity) for f in flags} == {("names", "major")}
    # the other way round: a name the German translation has and the English source lacks
    en = "Ads ran in Iowa against Gingrich."
    assert details(en, "Werbespots liefen in Iowa gegen Gingrich.", "en", "de") == []
    assert details(en, "Werbespots liefen in Ohio gegen Gingrich.", "en", "de") == [
        "Iowa in the source, not in the translation",
        "Ohio in the translation, not in the source",
    ]


def test_german_names_beside_articles_titles_and_in_compounds() -> None:
    # a name the German Wiktionary lists, after an article; a surname no list knows; a name in a
    # hyphenated compound; a name after a title that ends in a full stop
    # (a country of the translation is not checked back: translators name countries outright, and
    # a replaced one is the source's, missing)
    assert details("Flugunfälle sind im Iran häufig.", "Plane crashes are common in Iraq.", "de", "en") == [
        "Iran in the source, not in the translation"
    ]
    assert details("Er schockiert mit Entgleisungen.", "He shocks the people of Brazil.", "de", "en") == []
    assert details(
        "Die Geschichte hat keinen Eindruck auf Miller gemacht.", "The story did not impress him.", "de", "en"
    ) == ["Miller in the source, not in the translation"]
    assert details("Die Ebola-Mortalität sank.", "Mortality fell.", "de", "en") == [
        "Ebola in the source, not in the translation"
    ]
    assert details("Das meint Dr. Moll.", "So thinks the doctor.", "de", "en") == [
        "Moll in the source, not in the translation"
    ]
    assert details("Das meint Dr. Moll.", "So thinks Dr. Moll.", "de", "en") == []
    # a country CLDR names in German, after an adjective; "die Welt" is no place
    assert details("Im alten China gab es Toiletten.", "Ancient Egypt had toilets.", "de", "en") == [
        "China in the source, not in the translation"
    ]
    assert (
        details("Paris ist die Modehauptstadt der Welt.", "Paris is the fashion capital.", "de", "en") == []
    )


def test_english_names_no_list_knows_and_words_after_an_article() -> None:
    # a surname rare in English and unknown to German is a name where no article stands before it;
    # a translated title or place word after "the" is not
    assert details(
        "When asked for comment, Miller said it was fine.",
        "Auf Nachfrage sagte er, es sei in Ordnung.",
        "en",
        "de",
    ) == ["Miller in the source, not in the translation"]
    assert (
        details(
            "Later the Chancellor visited the Peninsula and the Congress.",
            "Später besuchte die Kanzlerin die Halbinsel und den Kongress.",
            "en",
            "de",
        )
        == []
    )


def test_german_nouns_are_not_names() -> None:
    # nouns the word lists miss (Wiktionary has them), compounds, verbs made nouns, a noun that is
    # also a surname ("Stein") without a title, nouns after an article or an adjective
    cases = [
        ("Das Rudel jagte Geparden im Schnee.", "The pack hunted cheetahs in the snow."),
        ("Zum Hausbau wurde Stein verwendet.", "Stone was used for building houses."),
        ("Brot mit Olivenöl gibt es am Busbahnhof.", "Bread with olive oil is sold at the bus station."),
        ("Verschandeln Sie die Stätte nicht durch Einkratzen.", "Do not deface the site by scratching."),
        ("Sie kamen bei großartigem Wetter und exzellentes Teamwork.", "They came in great weather."),
        ("Die Alliierten landeten in Südfrankreich.", "The Allies landed in southern France."),
        ("Das Versprechen Nordkoreas war wichtig.", "North Korea's promise was important."),
    ]
    for source, target in cases:
        assert details(source, target, "de", "en") == [], source
        assert details(target, source, "en", "de") == [], target


def test_exonyms_spellings_aliases_and_translated_titles_pass() -> None:
    cases = [
        ("German pastries in Bavaria are rich.", "Deutsche Backwaren in Bayern sind gehaltvoll."),
        ("Minoan cities of Crete were rich.", "Die minoischen Städte auf Kreta waren reich."),
        ("Constantinople was the fashion capital.", "Konstantinopel war die Modehauptstadt."),
        ("He was a former Filipino policeman.", "Er war ein ehemaliger philippinischer Polizist."),
        ("This is common elsewhere in the UK.", "Das ist anderswo in Großbritannien üblich."),
        ("It was built in 2500 BCE.", "Es wurde 2500 v. Chr. erbaut."),
        ("The North Atlantic campaign of WWII.", "Die Nordatlantik-Kampagne im Zweiten Weltkrieg."),
        ("According to Mick O'Flynn, it is fine.", "Laut Mick O‘Flynn ist es in Ordnung."),
        ("The capital of Moldova is Chişinău.", "Die Hauptstadt von Moldawien ist Kischinau."),
        ("We toured the Rhine valley.", "Wir besuchten das Rheintal."),
        ("It was once called Eastern Paraguay.", "Es hieß einst Ostparaguay."),
        ("The price was 45 million AUD.", "Der Preis betrug 45 Millionen australische Dollar."),
        ("Chancellor Merkel met the Prime Minister.", "Kanzlerin Merkel traf den Premierminister."),
        ("He built a Wi-Fi doorbell.", "Er baute eine WLAN-Türklingel."),
    ]
    for source, target in cases:
        assert details(source, target, "en", "de") == [], source
        assert details(target, source, "de", "en") == [], target


def test_a_korean_source_keeps_its_latin_words_in_english() -> None:
    source = "주요 지역 맥주는 '넘버원(Number One)'이다."
    assert details(source, "The main local beer is 'Number One'.", "ko", "en") == []
    assert details(source, "The main local beer is 'One'.", "ko", "en") == [
        "Number in the source, not in the translation"
    ]
    # a German translation translates the English words of a Korean gloss; names it keeps
    assert details(source, "Das wichtigste lokale Bier ist „Nummer eins“.", "ko", "de") == []
    assert details("커맨즈 관리자 Adam Cuerden은 말했다.", "Der Administrator sagte es.", "ko", "de") == [
        "Adam in the source, not in the translation",
        "Cuerden in the source, not in the translation",
    ]
    # names of a Latin translation are not checked back against a Korean source (Hangul names)
    assert details("메르켈 총리가 말했다.", "Chancellor Merkel said so.", "ko", "en") == []


def test_what_news_translators_do_with_names_passes() -> None:
    # titles translated, German abbreviations spelled out or left out, a genitive, a country's
    # adjective, a name made explicit, capitals for emphasis (cases like those of WMT news)
    cases = [
        ("Er traf Kanzlerin Angela Merkel.", "He met Chancellor Angela Merkel."),
        ("Nach dem WM-Aus trat er zurück.", "He resigned after the World Cup exit."),
        ("Die, die den FC Bayern kennen, wissen es.", "Those who know Bayern know it."),
        ("Die Außenminister Mazedoniens haben sich geeinigt.", "Macedonia's foreign ministers agreed."),
        ("Das hat mit Kims Briefen zu tun.", "This is linked to Kim’s letters."),
        ("Es fehlen Lotsen im deutschen Luftraum.", "Germany's airspace lacks controllers."),
        ("Er postete: Ich trinke NIE wieder.", "He posted: I will NEVER drink again."),
        ("Sie kommen aus dem Ruhrgebiet.", "They come from the Ruhr area."),
    ]
    for source, target in cases:
        assert details(source, target, "de", "en") == [], source


def test_what_an_english_translation_may_write_otherwise_passes() -> None:
    # a region of ordinary words, whole; a city without its river; an institution translated
    assert (
        details("Der Krieg in Nahost dauert an.", "The war in the Middle East continues.", "de", "en") == []
    )
    assert (
        details(
            "Der Bürgermeister von Frankfurt am Main, Mike Josef, lehnte ab.",
            "Frankfurt Mayor Mike Josef declined.",
            "de",
            "en",
        )
        == []
    )
    source = "Das Bundesverfassungsgericht in Karlsruhe hat die Klage abgewiesen."
    assert (
        details(source, "The Federal Constitutional Court in Karlsruhe dismissed the complaint.", "de", "en")
        == []
    )
    # a place the lists do not know, told apart by its river, which a translation may leave out
    inn = "Hinweise bitte an die Polizeiinspektion Obernberg am Inn."
    assert details(inn, "Please send any information to the Obernberg police.", "de", "en") == []
    # only after "am", "an der", "ob der": a country after "in der" is no qualifier of a person
    turkey = "Gestern war Merkel in der Türkei."
    assert details(turkey, "Yesterday Merkel was in Greece.", "de", "en") == [
        "Türkei in the source, not in the translation"
    ]
    # and what is left out is still flagged
    assert details("Der Krieg in Nahost dauert an.", "The war in the East continues.", "de", "en") == [
        "Nahost in the source, not in the translation"
    ]
    assert details(source, "The Federal Constitutional Court dismissed the complaint.", "de", "en") == [
        "Karlsruhe in the source, not in the translation"
    ]


def test_a_word_and_a_capital_letter_is_a_code_both_ways() -> None:
    # "Super-G" is kept as written (a discipline's name, like "F-35"); a translator may write it
    # with a space or in lower case ("Vitamin-C" / "vitamin C"), not leave it out
    de = "Sie belegte gestern im Super-G den neunten Platz."
    assert details(de, "Yesterday she finished ninth in the super-G.", "de", "en") == []
    assert details(de, "Yesterday she finished ninth in the.", "de", "en") == [
        "Super-G in the source, not in the translation"
    ]
    assert details("Er nahm Vitamin-C-Tabletten.", "He took vitamin C tablets.", "de", "en") == []
    en = "She finished ninth in the Super-G yesterday."
    assert details(en, "Sie belegte gestern im Super-G den neunten Platz.", "en", "de") == []
    assert details(en, "Sie belegte gestern den neunten Platz.", "en", "de") == [
        "Super-G in the source, not in the translation"
    ]


def test_an_english_name_kept_in_english_keeps_its_head() -> None:
    # the other words of the name are kept as written, the head noun is missing: dropped
    en = "Nixon read it in the yard of Independence Hall on July 8."
    assert details(en, "Nixon las es am 8. Juli im Hof der Independence Hall.", "en", "de") == []
    assert details(en, "Nixon las es am 8. Juli im Hof der Independence.", "en", "de") == [
        "Hall in the source, not in the translation"
    ]
    assert details(
        "Ring settled a lawsuit with the ADT Corporation.", "Ring einigte sich mit ADT.", "en", "de"
    ) == ["Corporation in the source, not in the translation"]
    # a kind of place German names in its own word, an epithet, a capital the sentence starts with
    assert details("The Noto Airport was closed.", "Der Flughafen Noto wurde geschlossen.", "en", "de") == []
    assert details("They landed at Noto Airport.", "Sie landeten am Flughafen Noto.", "en", "de") == []
    assert (
        details(
            "Sagas say Erik the Red was exiled.", "Sagen zufolge wurde Erik der Rote verbannt.", "en", "de"
        )
        == []
    )
    assert (
        details(
            "Würselen Despite the cold, it was fun.", "Würselen Trotz der Kälte war es schön.", "en", "de"
        )
        == []
    )


def test_a_function_word_and_a_british_spelling_in_an_english_name() -> None:
    # "All" inside a sentence with a capital is the name's; "The" at its start is the sentence's
    en = "It was the final match for the All Blacks, who had won the trophy."
    assert (
        details(
            en, "Es war das letzte Spiel für die All Blacks, die die Trophäe gewonnen hatten.", "en", "de"
        )
        == []
    )
    assert details(
        en, "Es war das letzte Spiel für die All, die die Trophäe gewonnen hatten.", "en", "de"
    ) == ["Blacks in the source, not in the translation"]
    en = "The Ninth Ward is in waist-high water."
    assert details(en, "Der Ninth, der unter Wasser steht.", "en", "de") == [
        "Ward in the source, not in the translation"
    ]
    # "Organisation" is "organization" in the English list
    en = "The ruling party, the People's Organisation, kept its majority."
    assert details(en, "Die regierende Partei, die People's, behielt ihre Mehrheit.", "en", "de") == [
        "Organisation in the source, not in the translation"
    ]


def test_a_name_whose_kind_the_translation_keeps_in_english_is_kept_whole() -> None:
    en = "Hong Kong Island gives the territory its name."
    assert details(en, "Hong Kong Island ist Namensgeber für das Territorium.", "en", "de") == []
    assert details(en, "Hong Island ist Namensgeber für das Territorium.", "en", "de") == [
        "Kong in the source, not in the translation"
    ]
    en = "The beaches are in the suburbs of Mission Bay and St Heliers."
    assert details(en, "Die Strände liegen in den Vororten Bay und St. Heliers.", "en", "de") == [
        "Mission in the source, not in the translation"
    ]
    # the kind named in German is not checked; a possessive, a day or a month ends a name
    assert details("They landed at Noto Airport.", "Sie landeten am Flughafen Noto.", "en", "de") == []
    en = "South Korea's Jong Seork Park finished 24th."
    assert details(en, "Der Südkoreaner Jong Seork Park wurde 24.", "en", "de") == []
    en = "On Tuesday Manchester City won 2:0."
    assert details(en, "Am Dienstag gewann Manchester City 2:0.", "en", "de") == []


def test_a_role_before_a_persons_given_name_is_no_name() -> None:
    """ "Trainer" before "Vincent Kompany" read as an English name kept in German ("Wall Street")."""
    source = "„Wir haben heute geduldig gespielt“, sagte Trainer Vincent Kompany nach dem Spiel."
    target = '"We played patiently today," coach Vincent Kompany said after the match.'
    assert check_names(source, target, "de", "en") == []
    assert [f.detail for f in check_names(source, target.replace("Kompany", "Kompagny"), "de", "en")] == [
        "Kompany in the source, Kompagny in the translation"
    ]


def test_a_name_with_a_capital_inside_or_a_part_in_small_letters() -> None:
    """A capital inside a word is a firm's or a brand's name in either language ("TogiNet"; not
    German's gender forms, "LehrerInnen"); a name whose second part is in small letters
    ("Mohenjo-daro") is a name by its first part. Each dropped was unseen."""
    de, en = "Ende 2015 gründete TogiNet den Sender.", "In late 2015, TogiNet founded the station."
    assert check_names(de, en, "de", "en") == []
    assert details(de, "In late 2015, the company founded the station.", "de", "en") == [
        "TogiNet in the source, not in the translation"
    ]
    assert check_names("Die LehrerInnen streikten.", "The teachers went on strike.", "de", "en") == []
    en = "The cities of Harappa and Mohenjo-daro had flush toilets."
    assert check_names(en, "Die Städte Harappa und Mohenjo-daro hatten Spültoiletten.", "en", "de") == []
    assert details(en, "Die Städte Harappa und andere hatten Spültoiletten.", "en", "de") == [
        "Mohenjo in the source, not in the translation"
    ]
    # "GroKo", the grand coalition, as English news writes it
    de = "Die GroKo hat sich geeinigt."
    assert check_names(de, "The grand coalition has reached an agreement.", "de", "en") == []


def test_a_latin_name_opening_an_english_sentence() -> None:
    """A word opening an English sentence that English does not know and German lists only as a
    rare noun is a Latin name ("Mosasaurus was ..."): dropped, it was unseen."""
    en = "Mosasaurus was the apex predator of its time."
    assert check_names(en, "Der Mosasaurus war das größte Raubtier seiner Zeit.", "en", "de") == []
    assert details(en, "Er war das größte Raubtier seiner Zeit.", "en", "de") == [
        "Mosasaurus in the source, not in the translation"
    ]
