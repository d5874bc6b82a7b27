"""The other news checks on hand-written de/en/ko cases: names, quotes and brackets, kept tokens,
glossary terms, untranslated passages, length, repetition, empty, across the article; and old flags."""

from __future__ import annotations

import pytest

from service.checks import check_article, check_pair, flag, from_stored
from service.checks.glossary import check_glossary
from service.checks.markup import check_quotes, check_tokens
from service.checks.names import check_names
from service.checks.surface import check_empty, check_length, check_repetition, check_untranslated
from service.glossary.model import GlossaryEntry


def details(flags: list) -> list[str | None]:  # type: ignore[type-arg]
    return [f.detail for f in flags]


def test_names_acronyms_and_codes_must_stay_in_a_latin_translation() -> None:
    source = "Dr. Ehud Ur von der Dalhousie University testete das F-35-Modell der NATO."
    good = "Dr. Ehud Ur of Dalhousie University tested NATO's F-35 model."
    assert check_names(source, good, "de", "en") == []
    flags = check_names(source, "Dr. Ehud Ur of the university tested the model.", "de", "en")
    assert {
        "F-35 in the source, not in the translation",
        "NATO in the source, not in the translation",
    } <= set(details(flags))
    assert "Dalhousie in the source, not in the translation" in details(flags)
    en = "Prime Minister Stephen Harper met Jack Layton in Ottawa."
    assert check_names(en, "Premierminister Stephen Harper traf Jack Layton in Ottawa.", "en", "de") == []
    assert details(
        check_names(en, "Premierminister Stephen Harper traf Jack Miller in Ottawa.", "en", "de")
    ) == ["Layton in the source, not in the translation", "Miller in the translation, not in the source"]


def test_translated_names_pass() -> None:
    # exonyms (CLDR), ordinary capitalised words, acronyms written the other language's way
    assert (
        check_names(
            "Sweden and Germany sent troops to the Indian Ocean.",
            "Schweden und Deutschland schickten Truppen in den Indischen Ozean.",
            "en",
            "de",
        )
        == []
    )
    assert check_names("Die USA und die KI.", "The US and AI.", "de", "en") == []
    assert (
        check_names(
            "Die Regierung traf die Opposition im Parlament.",
            "The government met the opposition in parliament.",
            "de",
            "en",
        )
        == []
    )


def test_names_are_not_guessed_for_a_korean_translation() -> None:
    assert (
        check_names("Angela Merkel traf Emmanuel Macron.", "앙겔라 메르켈이 마크롱을 만났다.", "de", "ko")
        == []
    )


def test_latin_names_in_a_korean_source_stay() -> None:
    source = "노바스코샤주의 Ehud Ur 박사는 WHO에 경고했다."
    assert check_names(source, "Dr. Ehud Ur in Nova Scotia warned the WHO.", "ko", "en") == []
    assert "Ehud in the source, not in the translation" in details(
        check_names(source, "A doctor in Nova Scotia warned the WHO.", "ko", "en")
    )


def test_quotes_and_brackets_paired_as_in_the_source() -> None:
    assert check_quotes("Er sagte: „Wir kommen.“", 'He said: "We are coming."') == []
    assert check_quotes("Er sagte: „Wir kommen.“", '그는 "우리는 간다라고 말했다.')[0].check == "quotes"
    assert (
        check_quotes("Die UNO (Vereinte Nationen) tagt.", "The UN (United Nations meets.")[0].check
        == "brackets"
    )
    # a quotation running on from the sentence before stays open in both
    assert check_quotes("„Wir kommen morgen.", '"We are coming tomorrow.') == []


def test_urls_mails_handles_and_hashtags_are_kept() -> None:
    source = "Mehr unter https://example.org/a?b=1, per Mail an info@example.org, @dpa und #Kursk."
    assert (
        check_tokens(
            source, "More at https://example.org/a?b=1, by mail to info@example.org, @dpa and #Kursk."
        )
        == []
    )
    assert details(check_tokens(source, "More at the website, info@example.org, @dpa and #Kursk.")) == [
        "https://example.org/a?b=1 in the source, not in the translation"
    ]


GLOSSARY = [
    GlossaryEntry(source="Nordkorea", targets={"en": "North Korea", "ko": "북한"}),
    GlossaryEntry(source="DC Inside", do_not_translate=True),
]


def test_glossary_terms_inflected_and_in_compounds() -> None:
    assert (
        check_glossary(
            "Die Nordkorea-Politik Nordkoreas.", "North Korea's North Korea policy.", "en", GLOSSARY
        )
        == []
    )
    assert check_glossary("Nordkoreas Armee", "북한의 군대", "ko", GLOSSARY) == []
    assert details(check_glossary("Nordkoreas Armee", "The army of the DPRK", "en", GLOSSARY)) == [
        "Nordkorea is North Korea by the glossary, not in the translation"
    ]
    assert details(check_glossary("Laut DC Inside", "According to DC 인사이드", "ko", GLOSSARY)) == [
        "DC Inside is not to be translated: keep it as it is"
    ]


def test_surface_checks() -> None:
    source = "Nordkorea schickt Soldaten nach Russland, sagte der Sprecher am Montag in Seoul."
    assert check_untranslated(source, source, "de", "en")[0].severity == "major"
    assert (
        check_untranslated("북한은 군인을 보낸다.", "North Korea 군인을 보낸다.", "ko", "en")[0].check
        == "untranslated"
    )
    assert (
        check_untranslated(source, "North Korea sends soldiers to Russia, the spokesman said.", "de", "en")
        == []
    )
    # A dateline, names and numbers are the same in both languages: nothing left untranslated.
    assert check_untranslated("Berlin, 14. November.", "Berlin, 14 November.", "de", "en") == []
    assert check_untranslated("Kim Jong Un, Wladimir Putin, 2026.", "Kim Jong Un, Wladimir Putin, 2026.",
                              "de", "en") == []  # fmt: skip
    assert check_length(source, "Yes.", "de", "en")[0].detail.startswith("the translation is")  # type: ignore[union-attr]
    assert (
        check_length(
            source, "North Korea sends soldiers to Russia, the spokesman said on Monday.", "de", "en"
        )
        == []
    )
    assert check_repetition(source, "the the the the the government")[0].check == "repetition"
    assert check_empty(source, " ")[0].check == "empty"
    assert check_pair(source, "", "de", "en") == check_empty(source, "")


def test_the_same_name_two_ways_across_the_article() -> None:
    pairs = [
        ("Kim Jong-un besuchte Moskau.", "Kim Jong-un visited Moscow."),
        ("Später sprach Kim Jong-un in Pjöngjang.", "Later Kim Jong un spoke in Pyongyang."),
    ]
    flags = check_article(pairs, "de", "en")
    assert [f.check for f in flags[1]] == ["consistency"] and flags[0] == []
    korean = [
        ("Ehud Ur warnte.", "에후드 우르(Ehud Ur)가 경고했다."),
        ("Ehud Ur sagte mehr.", "우어 박사는 더 말했다."),
        ("Ehud Ur lachte.", "에후드 우르는 웃었다."),
    ]
    flags = check_article(korean, "de", "ko")
    assert [f.check for f in flags[1]] == ["consistency"] and flags[0] == flags[2] == []


def test_old_string_flags_are_read_as_minor() -> None:
    assert from_stored("numbers").model_dump() == {"check": "numbers", "severity": "minor", "detail": None}


def test_a_quote_that_spans_sentences_may_lose_its_lone_mark() -> None:
    # news splits a quotation over sentences: the first opens it, the last closes it; a translation
    # that leaves the marks out has nothing unpaired; one that keeps one mark of a pair has
    assert check_quotes('"Das könnte ein Grund gewesen sein.', "This could have been a reason.") == []
    assert check_quotes("Er sagte: „Das ist gut.“", 'He said: "That is good.') != []
    assert check_quotes('"Das könnte ein Grund gewesen sein.', 'This could have been a reason."') == []


def test_a_lone_mark_inside_the_sentence_must_stay() -> None:
    # where the lone mark stands between the quotation and the words around it, a translation
    # without any mark runs the quotation into them ("..., said Grindel"); single quotes count
    closing = 'Ich war davon ausgegangen, dass das so sein würde", sagte Grindel.'
    flags = details(check_quotes(closing, "I had assumed it would happen, said Grindel."))
    assert flags == ["the source opens or closes a quotation here; the translation has no quotation mark"]
    assert check_quotes(closing, "I had assumed it would happen’, said Grindel.") == []
    assert check_quotes(closing, 'I had assumed it would happen," said Grindel.') == []
    opening = 'Appropriate use of blogs "can empower students.'
    assert check_quotes(opening, "블로그의 적절한 이용은 학생들의 역량을 키운다.") != []
    assert check_quotes(opening, '블로그의 적절한 이용은 "학생들의 역량을 키운다.') == []


def test_british_single_quotes_stand_for_the_translations_double_marks() -> None:
    # British news quotes with single marks; a quotation over sentences leaves one lone mark
    opening = "Mertens now says: ‘In July we reach a milestone."
    assert check_quotes(opening, 'Mertens sagt: "Im Juli erreichen wir ein Etappenziel.') == []
    assert check_quotes("We will not allow that’, he said.", 'Das lassen wir nicht zu", sagte er.') == []
    # a possessive of a plural is no quotation mark: the lone double mark stays unpaired
    plural = "We cut costs, explained the chairman of the citizens’ association."
    assert check_quotes(plural, 'Wir senken die Kosten", erklärte der Vorsitzende des Vereins.') != []
    # Korean closes a quotation before its particle: the pair is there
    assert check_quotes("'희망'이라는 말을 했다.", 'He said "hope.') != []
    # a lone single mark in the source (its own slip) never asks the translation for a lone mark
    assert check_quotes("변종이 '치명률이 높다고 언급했다.", 'He said the variant was "very deadly".') == []


def test_a_source_without_marks_lets_the_translation_mark_a_quotations_edge() -> None:
    # the English of a quotation spanning sentences often drops its marks; a German translation
    # that marks where the quotation opens or closes is right; a lone mark inside is not explained
    opening = '"Uns allen ist bewusst, wer drüben steht.'
    assert check_quotes("We all know who is on the other side.", opening) == []
    assert check_quotes("I wanted our love to last forever.", 'Ich wollte, dass unsere Liebe hält".') == []
    assert check_quotes("It will happen, said Grindel.", 'Das wird so sein", sagte Grindel.') != []


def test_a_translation_in_another_language_is_flagged() -> None:
    source = "Die Bundesregierung hat am Dienstag ein neues Gesetz zum Klimaschutz beschlossen."
    english = "The federal government passed a new law on climate protection on Tuesday."
    korean = "연방 정부는 화요일에 기후 보호에 관한 새로운 법을 통과시켰다."
    assert [f for f in check_pair(source, english, "de", "en") if f.check == "language"] == []
    assert [f for f in check_pair(source, korean, "de", "ko") if f.check == "language"] == []
    assert details([f for f in check_pair(source, english, "de", "ko") if f.check == "language"]) == [
        "the translation reads as English, not Korean"
    ]
    assert details([f for f in check_pair(source, korean, "de", "en") if f.check == "language"]) == [
        "the translation reads as Korean, not English"
    ]
    french = "Le gouvernement fédéral a adopté mardi une nouvelle loi sur la protection du climat."
    assert details([f for f in check_pair(source, french, "de", "en") if f.check == "language"]) == [
        "the translation reads as French, not English"
    ]
    # names are any language's: a line of German names in an English translation is English
    line = "ASV goals: Hintze (9), Ernst (6), Schlögl (4), Kretschmer (3), Kümper (2), Mühlhoff (2)."
    assert [f for f in check_pair("ASV-Tore: Hintze (9), Ernst (6), Schlögl (4).", line, "de", "en")
            if f.check == "language"] == []  # fmt: skip


def test_a_short_sentence_in_the_other_language_is_flagged() -> None:
    # too short for the detector to be sure ("en", 0.64): English function words and no German one
    source = "그는 와이파이 초인종을 만들었다고 말했다."
    english = "He built a WiFi door bell, he said to the press."
    german = "Er baute eine Türklingel für das Haus, sagte er."
    assert details([f for f in check_pair(source, english, "ko", "de") if f.check == "language"]) == [
        "the translation reads as English, not German"
    ]
    assert details([f for f in check_pair(source, german, "ko", "en") if f.check == "language"]) == [
        "the translation reads as German, not English"
    ]
    assert [f for f in check_pair(source, german, "ko", "de") if f.check == "language"] == []
    # a German sentence that quotes an English title keeps its own function words
    quoted = "Die Serie „The Lord of the Rings“ wurde auch in Neuseeland gedreht."
    assert [
        f
        for f in check_pair("드라마는 뉴질랜드에서 촬영되었다.", quoted, "ko", "de")
        if f.check == "language"
    ] == []


@pytest.mark.parametrize(
    ("source", "target", "source_lang", "target_lang", "read_as"),
    [
        # short sentences the detector alone is not sure of: found by their words
        (
            "Die Polizei nahm 6.000 Demonstranten fest.",
            "Die Polizei hat 6.000 Demonstranten festgenommen.",
            "de",
            "en",
            "German",
        ),
        ("Police arrested 6,000 protesters.", "The police arrested 6,000 protesters.", "en", "de", "English"),
        (
            "Die Polizei nahm 6.000 Demonstranten fest.",
            "La police a arrêté 6 000 manifestants.",
            "de",
            "en",
            "French",
        ),
        (
            "Die Polizei nahm 6.000 Demonstranten fest.",
            "La policía detuvo a 6.000 manifestantes.",
            "de",
            "en",
            "Spanish",
        ),
    ],
)
def test_a_short_translation_in_another_language_is_flagged(
    source: str, target: str, source_lang: str, target_lang: str, read_as: str
) -> None:
    details = [
        f.detail for f in check_pair(source, target, source_lang, target_lang) if f.check == "language"
    ]
    assert details == [
        f"the translation reads as {read_as}, not {'English' if target_lang == 'en' else 'German'}"
    ]


@pytest.mark.parametrize(
    "target",
    [
        "ASV goals: Hintze (9), Ernst (6), Schlögl (4), Kretschmer (3), Kröger (2), van de Pol (2).",
        'Almost set: "So ein Tag, so wunderschön wie heute."',
        "Real Madrid beat Barcelona.",
    ],
)
def test_names_and_a_quotation_kept_in_its_language_are_no_other_language(target: str) -> None:
    flags = check_pair("Ein Satz.", target, "de", "en")
    assert [f for f in flags if f.check == "language"] == []


def test_a_person_spelled_two_ways_in_one_article_is_flagged() -> None:
    pairs = [
        ("Präsident Wolodymyr Selenskyj sprach in Kiew.", "President Volodymyr Zelensky spoke in Kyiv."),
        ("Selenskyj forderte mehr Waffen.", "Zelenskyy called for more weapons."),
        ("Selenskyj reiste ab.", "Zelensky left."),
        ("Selenskyjs Rede war lang.", "Zelensky's speech was long."),
    ]
    details = [
        [f.detail for f in flags if f.check == "consistency"] for flags in check_article(pairs, "de", "en")
    ]
    assert details == [[], ["Selenskyj is Zelensky elsewhere in this article, Zelenskyy here"], [], []]


def test_a_place_and_its_adjective_are_no_second_spelling() -> None:
    pairs = [
        ("Das Spiel fand in Bremen statt.", "Das Spiel fand in Bremen statt."),
        ("Die Bremer Fans jubelten.", "Die Bremer Fans jubelten."),
    ]
    assert [f for flags in check_article(pairs, "en", "de") for f in flags if f.check == "consistency"] == []


def test_a_direction_control_the_translation_adds_is_named() -> None:
    """Found by an outside attack: a U+202E before "006" (which shows as "600") was flagged as the
    number "006" only; the check names the control, which no reader sees."""
    flags = check_pair("Es kostete 600 Euro.", "It cost \u202e006 euros.", "de", "en")
    assert flag(
        "tokens", "major",
        "the translation holds U+202E (RIGHT-TO-LEFT OVERRIDE), a direction control the source has not: "
        "what it shows is not what it holds",
    ) in flags  # fmt: skip
    assert not [
        f for f in check_pair("Es kostete 600 Euro.", "It cost 600 euros.", "de", "en") if f.check == "tokens"
    ]


def test_a_lone_source_mark_against_paired_translation_marks_is_named_as_such() -> None:
    # the source closes a quotation opened in an earlier sentence and quotes a title; the
    # translation quotes the title only: its marks pair up, the source's closing one is missing
    source = 'Ich wurde mit dieser Arbeit erwachsen", erzählt Keller der "Bild am Sonntag".'
    target = 'I grew up with this work, Keller told "Bild am Sonntag".'
    assert details(check_quotes(source, target)) == [
        "the source opens or closes a quotation here; the translation's quotation marks all pair up"
    ]
    # a translation that leaves one mark of its own pair open is still told so
    assert details(check_quotes("Er sagte: „Das ist gut.“", 'He said: "That is good.')) == [
        "1 quotation mark in the translation: one is not paired"
    ]
