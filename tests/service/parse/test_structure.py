from __future__ import annotations

import datetime as dt

import pytest

from service.document import Role
from service.errors import InputError
from service.parse import parse_article
from tests.conftest import ARTICLES, require_shared

SEED_HEADINGS = [
    "Nordkorea entsendet erneut Tausende Soldaten nach Russland – Was steckt dahinter?",
    "US-Regierung und internationale Gemeinschaft reagieren mit Sorge",
    "Das strategische Bündnis zwischen Moskau und Pjöngjang – Hintergründe und Motive",
    "Community-Reaktionen in Korea: Angst, Kritik und Sarkasmus",
    "Historischer Kontext: Nordkoreas Arbeitskräfteexport als Überlebensstrategie",
    "Militärische und wirtschaftliche Folgen: Was bringt die Allianz für beide Seiten?",
    "Medien und Blogs: Wie wird das Thema international diskutiert?",
    "Fankultur und Netzreaktionen: Zwischen Meme-Kultur und Zukunftsangst",
    "Fazit: Warum die neue Nordkorea-Russland-Allianz uns alle betrifft",
]


def without_whitespace(text: str) -> str:
    return "".join(text.split())


def test_seed_article_title_date_and_category(seed_text: str) -> None:
    article = parse_article(seed_text)
    assert article.metadata.title == (
        "Nordkorea entsendet Tausende Soldaten nach Russland: USA warnen vor neuer Militärallianz "
        "und Finanzströmen nach Pjöngjang"
    )
    assert article.metadata.date == dt.date(2025, 6, 19)
    assert article.metadata.category == "Nachrichten"
    assert article.metadata.source_lang == "de"
    roles = [segment.role for segment in article.front_matter]
    assert roles == [Role.TITLE, Role.META, Role.META, Role.TITLE_REPEAT]
    assert not any(segment.translatable for segment in article.front_matter if segment.role is not Role.TITLE)


def test_seed_article_has_nine_sections_with_headings(seed_text: str) -> None:
    article = parse_article(seed_text)
    assert [s.heading.text if s.heading else None for s in article.sections] == SEED_HEADINGS
    assert all(section.paragraphs for section in article.sections)


def test_seed_article_tags_and_boilerplate_are_metadata(seed_text: str) -> None:
    article = parse_article(seed_text)
    assert article.metadata.tags == [
        "Nordkorea", "Russland", "Kursk", "Truppenentsendung", "USA", "Kim Jong-un", "Sergej Schoigu",
        "UN-Sanktionen", "Militärbündnis", "Ukraine-Krieg", "internationale Reaktion",
    ]  # fmt: skip
    assert article.metadata.boilerplate == ["Mehr entdecken", "Zur Liste"]
    assert {s.role for s in article.back_matter} == {Role.TAGS, Role.BOILERPLATE}
    assert not any(s.translatable for s in article.back_matter)


def test_korean_caption_is_marked_and_not_translated(seed_text: str) -> None:
    article = parse_article(seed_text)
    captions = [s for s in article.segments() if s.role is Role.CAPTION]
    assert [(c.text, c.lang, c.translatable) for c in captions] == [("관련 이미지", "ko", False)]
    assert captions[0].section == 2
    assert all(s.lang == "de" for s in article.translatable_segments())


def test_seed_article_sentences(seed_text: str) -> None:
    article = parse_article(seed_text)
    first = [s.text for s in article.sections[0].paragraphs[0].segments]
    assert first[0].startswith("Wusstet ihr, dass Nordkorea im Juni 2025 offiziell die Entsendung von 6.000")
    assert first[0].endswith("bestätigt hat?")
    assert len(first) == 4


@pytest.mark.parametrize("name", sorted(p.name for p in ARTICLES.glob("*.txt")) or ["(none)"])
def test_round_trip_keeps_every_character(name: str) -> None:
    path = require_shared(ARTICLES / name)
    text = path.read_text(encoding="utf-8")
    article = parse_article(text)
    joined = "".join(segment.text for segment in article.segments())
    assert without_whitespace(joined) == without_whitespace(text)
    keys = [segment.key for segment in article.segments()]
    assert len(keys) == len(set(keys)), "segment keys must be unique"


def test_flat_article_without_title_is_one_body_section() -> None:
    text = require_shared(ARTICLES / "10kgnad-05-international.de.txt").read_text(encoding="utf-8")
    article = parse_article(text)
    assert article.metadata.title is None
    assert len(article.sections) == 1
    assert article.sections[0].heading is None
    assert len(article.translatable_segments()) > 3


def test_markdown_headings_and_title() -> None:
    text = (
        "# Neue Brücke eröffnet\n\n"
        "Die Stadt hat am Montag eine neue Brücke eröffnet. Sie verbindet zwei Stadtteile.\n\n"
        "## Kosten\n\n"
        "Der Bau kostete **12 Millionen Euro**, wie die [Stadt](https://example.org) mitteilte.\n"
    )
    article = parse_article(text)
    assert article.metadata.source_format == "markdown"
    assert article.metadata.title == "Neue Brücke eröffnet"
    assert [s.heading.text if s.heading else None for s in article.sections] == [None, "Kosten"]
    assert article.sections[1].paragraphs[0].segments[0].text == (
        "Der Bau kostete 12 Millionen Euro, wie die Stadt mitteilte."
    )


def test_html_uses_the_extractor_and_keeps_script_out() -> None:
    html = (
        "<html><head><title>Neue Brücke eröffnet</title><meta name='date' content='2025-03-04'></head>"
        "<body><nav>Start | Politik | Sport</nav><article><h1>Neue Brücke eröffnet</h1>"
        "<p>Die Stadt hat am Montag eine neue Brücke eröffnet. Sie verbindet zwei Stadtteile.</p>"
        "<h2>Kosten</h2><p>Der Bau kostete zwölf Millionen Euro<script>alert(1)</script>, "
        "wie die Stadt am Dienstag mitteilte.</p></article><footer>Impressum</footer></body></html>"
    )
    article = parse_article(html)
    assert article.metadata.source_format == "html"
    assert article.metadata.title == "Neue Brücke eröffnet"
    assert article.metadata.date == dt.date(2025, 3, 4)
    body = " ".join(s.text for s in article.translatable_segments())
    assert "alert" not in body and "Impressum" not in body
    assert "Der Bau kostete zwölf Millionen Euro" in body


def test_html_table_cells_are_body_segments_without_pipes() -> None:
    # trafilatura writes a table without <th> as rows in pipes with no rule under a head; the cells
    # are body text wherever the table stands, its last cell included (not a trailing link)
    html = (
        "<html><body><article><p>Die Regierung hat am Montag neue Regeln angekündigt.</p>"
        "<table><tr><td>Bayern</td><td>drei Wochen</td></tr><tr><td>Hessen</td><td>vier</td></tr></table>"
        "</article></body></html>"
    )
    segments = [s for s in parse_article(html).translatable_segments()]
    assert [s.text for s in segments] == [
        "Die Regierung hat am Montag neue Regeln angekündigt.",
        "Bayern",
        "drei Wochen",
        "Hessen",
        "vier",
    ]
    assert all(s.role is Role.BODY for s in segments)


def test_markdown_rows_in_pipes_without_a_rule_are_text() -> None:
    text = "# Titel\n\nDie Regierung hat am Montag neue Regeln angekündigt.\n\n| a | b |\n\nDer Rest.\n"
    texts = [s.text for s in parse_article(text).translatable_segments()]
    assert "| a | b |" in texts  # GFM: without a rule under a head, pipes are text


def test_malformed_html_still_parses() -> None:
    html = (
        "<html><body><div><p>Die Regierung hat neue Maßnahmen angekündigt, die ab Januar gelten sollen."
        "<p>Kritiker warnen vor hohen Kosten für die Bürger und die Unternehmen.</div></span></body>"
    )
    article = parse_article(html)
    texts = [s.text for s in article.translatable_segments()]
    assert any("neue Maßnahmen" in t for t in texts)
    assert any("Kritiker warnen" in t for t in texts)


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><div></div></body></html>",
        '<html><body><nav><a href="/">Start</a> <a href="/politik">Politik</a></nav></body></html>',
        '<html><body><header><ul><li><a href="/">Start</a></li></ul></header>'
        "<footer>Impressum</footer></body></html>",
    ],
    ids=["empty", "nav-only", "header-and-footer-only"],
)
def test_html_without_text_is_an_input_error(html: str) -> None:
    # a menu was taken for the article once (title "Start Politik Sport", no sections)
    with pytest.raises(InputError, match="no article text"):
        parse_article(html)


def test_an_articles_own_header_is_kept_and_the_site_navigation_dropped() -> None:
    html = (
        '<html><body><nav><a href="/">Start</a></nav><article><header><h1>Neue Regeln</h1></header>'
        "<p>Die Regierung hat am Montag neue Regeln angekündigt.</p></article></body></html>"
    )
    texts = [s.text for s in parse_article(html).translatable_segments()]
    assert texts == ["Neue Regeln", "Die Regierung hat am Montag neue Regeln angekündigt."]


def test_wrong_language_hint_is_an_input_error() -> None:
    text = "북한이 러시아에 수천 명의 군인을 보냈다. 미국은 깊은 우려를 표명했다. "
    text += "전문가들은 새로운 동맹을 경고한다."
    with pytest.raises(InputError, match="no 'de' text"):
        parse_article(text, source_lang="de")


def test_korean_article_detected_and_split() -> None:
    text = "북한이 러시아에 수천 명의 군인을 보냈다. 미국은 깊은 우려를 표명했다! "
    text += "전문가들은 새로운 동맹을 경고한다."
    article = parse_article(text)
    assert article.metadata.source_lang == "ko"
    assert len(article.translatable_segments()) == 3


KOREAN_WITH_GERMAN = (
    "북한군 러시아 파병\n\n"
    "북한이 러시아에 수천 명의 군인을 보냈다고 국가정보원이 월요일 밝혔다. "
    "Die Bundesregierung hat am Montag scharfe Kritik an dem Schritt geübt. "
    "미국 국무부는 깊은 우려를 표명했다. 삼성전자는 'Galaxy S25 Ultra'를 공개했다. CNN은 이를 보도했다. "
    "BTS. Dr. 김철수는 말했다. 전문가들은 새로운 동맹이 한반도 안보에 위협이 될 것이라고 경고한다.\n\n"
    "정부는 대책 회의를 열었다. 회의는 세 시간 동안 계속되었다."
)


def test_a_sentence_in_another_language_inside_a_paragraph_keeps_its_own() -> None:
    """Found by an outside attack: a German sentence in a Korean paragraph was stored as Korean and
    translated ko->en. It is German now, kept as it is like any passage in another language; short
    Latin-script fragments inside the Korean (a name, an acronym, a quoted title) stay Korean."""
    article = parse_article(KOREAN_WITH_GERMAN)
    assert article.metadata.source_lang == "ko"
    found = {s.text: (s.lang, s.translatable) for s in article.segments()}
    assert found["Die Bundesregierung hat am Montag scharfe Kritik an dem Schritt geübt."] == ("de", False)
    for korean in (
        "북한이 러시아에 수천 명의 군인을 보냈다고 국가정보원이 월요일 밝혔다.",
        "미국 국무부는 깊은 우려를 표명했다.",
        "삼성전자는 'Galaxy S25 Ultra'를 공개했다.",
        "CNN은 이를 보도했다.",
        "전문가들은 새로운 동맹이 한반도 안보에 위협이 될 것이라고 경고한다.",
    ):
        assert found[korean] == ("ko", True), (korean, found)
    # "BTS." and "Dr." are too short to tell: they stay with the Korean sentences around them
    assert all(lang == "ko" for text, (lang, _) in found.items() if "BTS" in text or "Dr." in text), found
    assert without_whitespace("".join(found)) == without_whitespace(KOREAN_WITH_GERMAN)

    german = "Die Regierung in Seoul hat neue Regeln angekündigt. 정부는 드론에 대한 새로운 규칙을 발표했다. "
    german += "Sie gelten ab Januar für alle Geräte über 250 Gramm."
    found = {s.text: s.lang for s in parse_article(german, source_lang="de").segments()}
    assert found == {
        "Die Regierung in Seoul hat neue Regeln angekündigt.": "de",
        "정부는 드론에 대한 새로운 규칙을 발표했다.": "ko",
        "Sie gelten ab Januar für alle Geräte über 250 Gramm.": "de",
    }


def test_a_korean_sentence_with_a_long_latin_name_is_korean() -> None:
    """More Latin letters than Hangul (a product's name) is no other language: it read as 'de'."""
    for text in ("삼성전자는 'Galaxy S25 Ultra'를 공개했다.", "애플은 'iPhone Pro Max'를 발표했다."):
        (segment,) = parse_article(text, source_lang="ko").segments()
        assert (segment.lang, segment.translatable) == ("ko", True)


@pytest.mark.parametrize(
    ("text", "lang", "found"),
    [
        ("The minister resigned on Monday.", "de", "en"),
        ("The meeting was postponed.", "de", "en"),
        ("Der Minister ist zurückgetreten.", "en", "de"),
        ("New rules\n\nThe minister resigned on Monday.", "de", "en"),  # a title and a sentence
    ],
)
def test_one_sentence_in_another_language_than_source_lang_is_refused(
    text: str, lang: str, found: str
) -> None:
    """Found by an outside attack: a passage in another language than source_lang was refused, one
    sentence was translated as if it were in source_lang."""
    said = f"found no '{lang}' text.*reads as '{found}'.*send source_lang '{found}'"
    with pytest.raises(InputError, match=said):
        parse_article(text, source_lang=lang)


@pytest.mark.parametrize(
    "text", ["Olaf Scholz", "BMW 2025", "Kim Jong-un visits Kursk", "Angela Merkel in Paris", "I love you.",
             "Breaking News aus Berlin", "Die Band spielt ihren neuen Song live."],
)  # fmt: skip
def test_a_short_or_ambiguous_sentence_is_taken_in_the_source_lang_sent(text: str) -> None:
    assert [s.lang for s in parse_article(text, source_lang="de").translatable_segments()] == ["de"]


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("12.03.2026", dt.date(2026, 3, 12)),
        ("03.04.2026", dt.date(2026, 4, 3)),
        ("25.03.2026", dt.date(2026, 3, 25)),
    ],
)
def test_a_numeric_german_date_is_read_day_first(line: str, day: dt.date) -> None:
    # "12.03.2026" was stored as 3 December (month first) where the day was 12 or less
    article = parse_article(
        f"Neue Brücke eröffnet\n\n{line}\n\nDie Stadt hat am Montag eine neue Brücke eröffnet. "
        "Sie verbindet zwei Stadtteile.\n",
        source_lang="de",
    )
    assert article.metadata.date == day


SUBHEAD_LEAD = (
    "Bürgergeld steigt im Januar\n\nBerlin (dpa) - Die Bundesregierung hat die Erhöhung des Bürgergelds "
    "beschlossen. Eine Familie mit zwei Kindern bekommt damit 555 Euro mehr im Monat.\n\n"
)
SUBHEAD_END = "\n\nDie Gewerkschaften begrüßten die Erhöhung am Montag ausdrücklich.\n"
SUBHEAD_PARAGRAPH = "Verkehrsminister Volker Wissing sagte, die Entscheidung sei richtig."


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_subhead_directly_over_its_paragraph_is_a_heading(gap: str) -> None:
    # found by an outside newcomer: with no blank line under it, the subhead was body sentence
    # s01.p02.01 ("s01.p03.01" in their article); with one, heading s02.h
    text = f"{SUBHEAD_LEAD}Reaktionen aus der Politik{gap}{SUBHEAD_PARAGRAPH}{SUBHEAD_END}"
    article = parse_article(text, "text", "de")
    assert [s.heading.text if s.heading else None for s in article.sections] == [
        None,
        "Reaktionen aus der Politik",
    ]
    second = article.sections[1]
    assert second.heading is not None and second.heading.key == "s02.h" and second.heading.translatable
    assert [p.segments[0].text for p in second.paragraphs] == [
        SUBHEAD_PARAGRAPH,
        "Die Gewerkschaften begrüßten die Erhöhung am Montag ausdrücklich.",
    ]
    joined = "".join(segment.text for segment in article.segments())
    assert without_whitespace(joined) == without_whitespace(text)


@pytest.mark.parametrize(
    "block",
    [
        # an ordinary short paragraph: its first line is a sentence
        "Die Gewerkschaften begrüßten die Erhöhung.\nAuch die Sozialverbände zeigten sich zufrieden.",
        # a byline and datelines over the text
        "Von Anna Berg\nDie Bundesregierung hat die Erhöhung beschlossen, wie am Montag bekannt wurde.",
        "Leipzig (dpa) -\nDie Stadt hat am Montag einen neuen Haushalt für das kommende Jahr beschlossen.",
        "Leipzig (dpa)\nDie Stadt hat am Montag einen neuen Haushalt für das kommende Jahr beschlossen.",
        "Leipzig, 12. März 2025\nDie Stadt hat am Montag einen neuen Haushalt für das Jahr beschlossen.",
        # a quotation
        "„Das ist ein guter Tag für Leipzig“\nDer Oberbürgermeister sprach von einem Signal für alle.",
        # a picture caption with its credit
        "Volker Wissing im Bundestag\nDer Minister verteidigte den Beschluss. Foto: dpa/Kay Nietfeld",
        "Volker Wissing im Bundestag\nDer Minister verteidigte am Mittwoch den Beschluss.\nFoto: dpa",
        # list items
        "- Mehr Geld für Familien\nDie Regierung will auch die Zuschüsse für Kitas im Land erhöhen.",
        "1. Mehr Geld für Familien\nDie Regierung will auch die Zuschüsse für Kitas im Land erhöhen.",
        "Die Forderungen der Verbände\n- mehr Geld für Familien und Kinder in allen Bundesländern.",
        # a paragraph wrapped at a fixed width, and a sentence going on on the next line
        "Die Bundesregierung hat am Montag neue Regeln für\nDrohnen angekündigt, die ab Januar gelten.",
        "Nach Angaben der Polizei\nwurden drei Menschen verletzt, zwei davon schwer, sagte ein Sprecher.",
        # a question, and a short line over a line too short to be a paragraph
        "Was bedeutet das für Familien?\nEine Familie mit zwei Kindern bekommt damit 555 Euro mehr im Monat.",
        "Stadt Leipzig\nAmt für Statistik und Wahlen.",
    ],
)
def test_a_short_first_line_that_is_no_subhead_stays_as_it_was(block: str) -> None:
    article = parse_article(f"{SUBHEAD_LEAD}{block}{SUBHEAD_END}", "text", "de")
    assert [s.heading for s in article.sections] == [None]
    assert not any(segment.role is Role.HEADING for segment in article.segments())


def test_a_markdown_paragraph_keeps_its_first_line() -> None:
    """Markdown says what a heading is: a line over a paragraph's next line is the same paragraph."""
    text = (
        f"# Bürgergeld steigt im Januar\n\nDie Bundesregierung hat die Erhöhung beschlossen.\n\n"
        f"Reaktionen aus der Politik\n{SUBHEAD_PARAGRAPH}\n"
    )
    article = parse_article(text, "markdown", "de")
    assert [s.heading for s in article.sections] == [None]
    assert [s.text for s in article.sections[0].paragraphs[1].segments] == [
        f"Reaktionen aus der Politik {SUBHEAD_PARAGRAPH}"
    ]


@pytest.mark.parametrize(
    "source",
    [
        "# Neue Regeln\n\nDie Regierung hat neue Regeln beschlossen.\n\nDie wichtigsten Punkte:\n\n"
        "- Registrierung ab 250 Gramm\n- Flugverbot über Wohngebieten\n",
        "<html><body><article><h1>Neue Regeln</h1><p>Die Regierung hat am Mittwoch neue Regeln für den "
        "Betrieb von Drohnen beschlossen, teilte das Ministerium mit.</p><p>Die wichtigsten Punkte:</p>"
        "<ul><li>Registrierung ab 250 Gramm</li><li>Flugverbot über Wohngebieten</li></ul>"
        "</article></body></html>",
    ],
)
def test_the_last_short_point_of_a_list_that_ends_the_article_is_translated(source: str) -> None:
    # a list's last item of three words or fewer at the end was taken for a site's trailing link
    # ("Mehr entdecken") and left untranslated
    article = parse_article(source, source_lang="de")
    body = [s for section in article.sections for p in section.paragraphs for s in p.segments]
    assert any(s.text == "Flugverbot über Wohngebieten" and s.translatable for s in body), [
        (s.role, s.text) for s in [*body, *article.back_matter]
    ]


LIST_THEN_TEXT = [
    "# Hitzewelle\n\nDie Städte öffnen kühle Räume für alle Bürger.\n\nHäufig gibt es:\n\n"
    "- kostenloses Trinkwasser an den Brunnen\n- Sonnencreme gratis\n\n"
    "Ärzte raten älteren Menschen, viel zu trinken.\n",
    "<html><body><article><h1>Hitzewelle</h1><p>Die Städte öffnen kühle Räume für alle Bürger, "
    "teilte der Städtetag mit.</p><p>Häufig gibt es:</p><ul><li>kostenloses Trinkwasser an den Brunnen</li>"
    "<li>Sonnencreme gratis</li></ul><p>Ärzte raten älteren Menschen, viel zu trinken.</p>"
    "</article></body></html>",
]


@pytest.mark.parametrize("source", LIST_THEN_TEXT, ids=["markdown", "html"])
def test_a_short_last_point_of_a_list_before_more_text_is_no_heading(source: str) -> None:
    # found by an outside newcomer: "Sonnencreme gratis" opened a section of its own, and the
    # paragraph after the list moved under it as its heading
    article = parse_article(source, source_lang="de")
    assert [section.heading for section in article.sections] == [None]
    body = [s.text for p in article.sections[0].paragraphs for s in p.segments]
    assert body[-2:] == ["Sonnencreme gratis", "Ärzte raten älteren Menschen, viel zu trinken."], body


def test_a_short_last_sentence_is_the_articles_not_a_sites() -> None:
    # "Die Polizei ermittelt." at the end was taken for a site's trailing line and not translated
    text = ("Unfall auf der A7\n\nAuf der A7 bei Hamburg sind am Morgen drei Autos zusammengestoßen. "
            "Zwei Menschen wurden leicht verletzt.\n\nDie Polizei ermittelt.\n")  # fmt: skip
    article = parse_article(text, source_lang="de")
    last = article.sections[-1].paragraphs[-1].segments[-1]
    assert (last.text, last.role, last.translatable) == ("Die Polizei ermittelt.", Role.BODY, True)
    # a site's short trailing lines still are its own
    article = parse_article(text + "\nMehr entdecken\n", source_lang="de")
    assert [s.text for s in article.back_matter] == ["Mehr entdecken"]


def test_each_point_of_a_plain_text_list_is_a_paragraph_of_its_own() -> None:
    # the points were one segment with their dashes and line breaks, sent so to the model
    text = ("Bahnstreik am Montag\n\nDie Bahn hat für Montag einen Streik angekündigt, teilte das "
            "Unternehmen mit.\n\nFahrgäste bekommen:\n- Tickets können kostenlos storniert werden.\n"
            "- Die Zugbindung wird aufgehoben.\n- Volle Erstattung\n\n"
            "Der Streik soll am Dienstag enden, sagte eine Sprecherin.\n")  # fmt: skip
    article = parse_article(text, "text", "de")
    paragraphs = [[s.text for s in p.segments] for section in article.sections for p in section.paragraphs]
    assert paragraphs[1:5] == [
        ["Fahrgäste bekommen:"],
        ["- Tickets können kostenlos storniert werden."],
        ["- Die Zugbindung wird aufgehoben."],
        ["- Volle Erstattung"],
    ], paragraphs
    assert all("\n" not in s.text for s in article.segments())


@pytest.mark.parametrize(
    ("lines", "day"),
    [
        ("Von Anna Schmidt\nKöln, 14.01.2025", dt.date(2025, 1, 14)),
        ("By Anna Smith\nBerlin, 3. Juli 2025", dt.date(2025, 7, 3)),
    ],
)
def test_a_byline_is_no_category_and_a_datelines_date_is_read(lines: str, day: dt.date) -> None:
    # "Von Anna Schmidt" was the article's category, and "Köln, 14.01.2025" no date
    text = f"Neue Regeln für Drohnen\n\n{lines}\n\nDie Bundesregierung hat neue Regeln beschlossen.\n"
    article = parse_article(text, source_lang="de")
    assert article.metadata.category is None
    assert article.metadata.date == day
